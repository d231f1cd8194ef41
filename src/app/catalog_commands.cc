#include "app/catalog_commands.h"

#include <algorithm>
#include <functional>

#include "app/inventory.h"
#include "app/settings.h"

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

// When `hold` names a kind of movement ("receipt", "adjustment") and the quantity is above
// `threshold`, the checked movement is not applied but kept as a request for a second person
// (out.pending).
struct Hold {
  const char* type = nullptr;  // null: apply whatever the quantity (an approval)
  int64_t threshold = 0;
};

Status ApplyManualMovement(WriteTx& tx, const ReceiptInput& input, const CommandContext& context,
                           std::vector<FieldError> more_errors, const Move& move, bool adds_units,
                           Hold hold, StockOutcome& out) {
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
  if (hold.type != nullptr && NeedsSecondPerson(input.quantity, hold.threshold)) {
    MovementRequest request;
    request.type = hold.type;
    request.warehouse = input.warehouse;
    request.sku = input.sku;
    request.quantity = input.quantity;
    request.reason = input.reason;
    request.requested_at = context.clock->Now();
    request.requested_by = context.actor;
    ORDO_RETURN_IF_ERROR(tx.inventory().InsertMovementRequest(request));
    out.pending = std::move(request);
    return Status::Ok();
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
  std::sort(levels.begin(), levels.end(),
            [](const StockLevel& a, const StockLevel& b) { return a.warehouse() < b.warehouse(); });
  out.entry = std::move(entry);
  out.stock = StockView{input.sku, levels};
  return Status::Ok();
}

Status Receive(WriteTx& tx, const ReceiptInput& input, const CommandContext& context, Hold hold,
               StockOutcome& out) {
  std::vector<FieldError> errors;
  if (input.quantity <= 0) {
    errors.push_back({"quantity", Code::kInvalidValue, "quantity must be positive"});
  }
  return ApplyManualMovement(
      tx, input, context, std::move(errors),
      [&](StockLevel& level, const MovementContext& movement) {
        return level.Receive(input.quantity, movement);
      },
      /*adds_units=*/true, hold, out);
}

// A correction of the quantity on hand with its reason (supervision reads it as the correction
// of the entry before it: domain/audit, entry_corrected).
Status Adjust(WriteTx& tx, const ReceiptInput& input, const CommandContext& context, Hold hold,
              StockOutcome& out) {
  std::vector<FieldError> errors;
  if (input.quantity == 0 || input.quantity > kMaxAdjustment || input.quantity < -kMaxAdjustment) {
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
      /*adds_units=*/input.quantity > 0, hold, out);
}

}  // namespace

WriteFn ReceiveStock(ReceiptInput input, CommandContext context,
                     std::shared_ptr<StockOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Settings settings, LoadSettings(tx));
    return Receive(tx, input, context, Hold{"receipt", settings.receipt_approval_quantity}, *out);
  };
}

WriteFn AdjustStock(ReceiptInput input, CommandContext context, std::shared_ptr<StockOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Settings settings, LoadSettings(tx));
    return Adjust(tx, input, context, Hold{"adjustment", settings.adjustment_approval_quantity},
                  *out);
  };
}

WriteFn DecideStockRequest(int64_t id, bool approve, std::string reason, CommandContext context,
                           std::shared_ptr<StockOutcome> out) {
  return [id, approve, reason = std::move(reason), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<MovementRequest> request,
                          tx.inventory().FindMovementRequest(id));
    if (!request) {
      return Status::NotFound("no stock movement request " + std::to_string(id));
    }
    ORDO_RETURN_IF_ERROR(
        DecideMovementRequest(*request, approve, context.actor, context.clock->Now(), reason));
    if (approve) {
      // Booked as asked, in the name of who asked; the approval is the request's and the audit
      // trail's.
      const ReceiptInput input{request->warehouse, request->sku, request->quantity,
                               request->reason};
      const CommandContext booked_by{request->requested_by, context.clock};
      ORDO_RETURN_IF_ERROR(request->type == "receipt" ? Receive(tx, input, booked_by, Hold{}, *out)
                                                      : Adjust(tx, input, booked_by, Hold{}, *out));
      request->ledger_id = out->entry.id;
    }
    ORDO_RETURN_IF_ERROR(tx.inventory().UpdateMovementRequest(*request));
    out->pending = *request;
    return Status::Ok();
  };
}

}  // namespace ordo::app
