#include "app/catalog_commands.h"

#include <algorithm>
#include <functional>

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

namespace {

// As for receipts (domain/inventory/stock.cc): far above any real stock, far from overflow.
constexpr Quantity kMaxAdjustment = 1'000'000'000'000;

// A manual movement at one warehouse (a receipt, an adjustment): checks the warehouse and SKU
// exist (adding `more_errors`, the movement's own checks), applies `move` to the level, and
// serves the orders waiting for the SKU when units were added (INV-4).
using Move = std::function<Result<LedgerEntry>(StockLevel&, const MovementContext&)>;

Status ApplyManualMovement(WriteTx& tx, const ReceiptInput& input, const CommandContext& context,
                           std::vector<FieldError> more_errors, const Move& move,
                           bool adds_units, StockOutcome& out) {
  std::vector<FieldError> errors;
  ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, tx.FindWarehouse(input.warehouse));
  if (!warehouse) {
    errors.push_back({"warehouse", Code::kUnknownWarehouse, "no warehouse " + input.warehouse});
  }
  ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, tx.FindSku(input.sku));
  if (!sku) {
    errors.push_back({"sku", Code::kUnknownSku, "no SKU " + input.sku});
  }
  errors.insert(errors.end(), more_errors.begin(), more_errors.end());
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
  ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, move(*it, movement));
  ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*it, entry));
  if (adds_units) {
    ORDO_RETURN_IF_ERROR(FillBackorders(tx, input.sku, input.warehouse, context));
    ORDO_ASSIGN_OR_RETURN(auto filled, tx.LoadStock({input.sku}));
    levels = std::move(filled[input.sku]);
  }
  std::sort(levels.begin(), levels.end(), [](const StockLevel& a, const StockLevel& b) {
    return a.warehouse() < b.warehouse();
  });
  out.entry = std::move(entry);
  out.stock = StockView{input.sku, levels};
  return Status::Ok();
}

}  // namespace

WriteFn ReceiveStock(ReceiptInput input, CommandContext context,
                     std::shared_ptr<StockOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    std::vector<FieldError> errors;
    if (input.quantity <= 0) {
      errors.push_back({"quantity", Code::kInvalidValue, "quantity must be positive"});
    }
    return ApplyManualMovement(
        tx, input, context, std::move(errors),
        [&](StockLevel& level, const MovementContext& movement) {
          return level.Receive(input.quantity, movement);
        },
        /*adds_units=*/true, *out);
  };
}

// A correction of the quantity on hand with its reason (supervision reads it as the correction
// of the entry before it: domain/audit, entry_corrected).
WriteFn AdjustStock(ReceiptInput input, CommandContext context, std::shared_ptr<StockOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    std::vector<FieldError> errors;
    if (input.quantity == 0 || input.quantity > kMaxAdjustment ||
        input.quantity < -kMaxAdjustment) {
      errors.push_back({"quantity", Code::kInvalidValue,
                        "quantity must be a non-zero change of at most 10^12 either way"});
    }
    if (input.reason.empty()) {
      errors.push_back({"reason", Code::kRequired, "an adjustment needs a reason"});
    } else if (input.reason.size() > 500) {
      errors.push_back({"reason", Code::kInvalidValue, "reason must be at most 500 bytes"});
    }
    return ApplyManualMovement(
        tx, input, context, std::move(errors),
        [&](StockLevel& level, const MovementContext& movement) {
          return level.Adjust(input.quantity, movement);
        },
        /*adds_units=*/input.quantity > 0, *out);
  };
}

}  // namespace ordo::app
