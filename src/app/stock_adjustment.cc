// Stock adjustments (api.md "Inventory depth"): a correction of the quantity on hand, with its
// reason, recorded in the ledger like every other movement.
#include <algorithm>

#include "app/catalog_commands.h"
#include "app/inventory.h"

namespace ordo::app {
namespace {

// As for receipts (domain/inventory/stock.cc): far above any real stock, far from overflow.
constexpr Quantity kMaxAdjustment = 1'000'000'000'000;

}  // namespace

WriteFn AdjustStock(ReceiptInput input, CommandContext context, std::shared_ptr<StockOutcome> out) {
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
    ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, it->Adjust(input.quantity, movement));
    ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*it, entry));
    if (input.quantity > 0) {  // units found: orders waiting for them are served (INV-4)
      ORDO_RETURN_IF_ERROR(FillBackorders(tx, input.sku, input.warehouse, context));
      ORDO_ASSIGN_OR_RETURN(auto filled, tx.LoadStock({input.sku}));
      levels = std::move(filled[input.sku]);
    }
    std::sort(levels.begin(), levels.end(), [](const StockLevel& a, const StockLevel& b) {
      return a.warehouse() < b.warehouse();
    });
    out->entry = std::move(entry);
    out->stock = StockView{input.sku, levels};
    return Status::Ok();
  };
}

}  // namespace ordo::app
