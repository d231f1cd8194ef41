#include "app/catalog_commands.h"

#include <algorithm>

#include "app/inventory.h"

namespace ordo::app {

WriteFn CreateSku(Sku sku, CommandContext context, std::shared_ptr<Sku> out) {
  return [sku = std::move(sku), context, out](WriteTx& tx) mutable -> Status {
    ORDO_RETURN_IF_ERROR(ValidateSku(sku));
    ORDO_ASSIGN_OR_RETURN(std::optional<Sku> existing, tx.FindSku(sku.code));
    if (existing) {
      return Status::Conflict(Code::kAlreadyExists, "SKU " + sku.code + " already exists");
    }
    sku.created_at = context.clock->Now();
    sku.created_by = context.actor;
    ORDO_RETURN_IF_ERROR(tx.InsertSku(sku));
    *out = sku;
    return Status::Ok();
  };
}

WriteFn CreateWarehouse(Warehouse warehouse, CommandContext context,
                        std::shared_ptr<Warehouse> out) {
  return [warehouse = std::move(warehouse), context, out](WriteTx& tx) mutable -> Status {
    ORDO_RETURN_IF_ERROR(ValidateWarehouse(warehouse));
    ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> existing, tx.FindWarehouse(warehouse.code));
    if (existing) {
      return Status::Conflict(Code::kAlreadyExists,
                              "warehouse " + warehouse.code + " already exists");
    }
    warehouse.created_at = context.clock->Now();
    warehouse.created_by = context.actor;
    ORDO_RETURN_IF_ERROR(tx.InsertWarehouse(warehouse));
    *out = warehouse;
    return Status::Ok();
  };
}

WriteFn ReceiveStock(ReceiptInput input, CommandContext context,
                     std::shared_ptr<StockOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    std::vector<FieldError> errors;
    ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, tx.FindWarehouse(input.warehouse));
    if (!warehouse) {
      errors.push_back({"warehouse", Code::kUnknownWarehouse, "no warehouse " + input.warehouse});
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, tx.FindSku(input.sku));
    if (!sku) {
      errors.push_back({"sku", Code::kUnknownSku, "no SKU " + input.sku});
    }
    if (input.quantity <= 0) {
      errors.push_back({"quantity", Code::kInvalidValue, "quantity must be positive"});
    }
    if (!errors.empty()) {
      return Status::Invalid(std::move(errors));
    }
    ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock({input.sku}));
    std::vector<StockLevel>& levels = stock[input.sku];
    auto it = std::find_if(levels.begin(), levels.end(), [&](const StockLevel& level) {
      return level.warehouse() == input.warehouse;
    });
    if (it == levels.end()) {
      levels.emplace_back(input.warehouse, input.sku, 0, 0);
      it = levels.end() - 1;
    }
    const MovementContext movement{context.actor, input.reason, "", context.clock->Now()};
    ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, it->Receive(input.quantity, movement));
    ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*it, entry));
    // Orders waiting for this SKU are served first, by priority then age (INV-4).
    ORDO_RETURN_IF_ERROR(FillBackorders(tx, input.sku, input.warehouse, context));
    ORDO_ASSIGN_OR_RETURN(auto filled, tx.LoadStock({input.sku}));
    levels = std::move(filled[input.sku]);
    std::sort(levels.begin(), levels.end(), [](const StockLevel& a, const StockLevel& b) {
      return a.warehouse() < b.warehouse();
    });
    out->entry = std::move(entry);
    out->stock = StockView{input.sku, levels};
    return Status::Ok();
  };
}

}  // namespace ordo::app
