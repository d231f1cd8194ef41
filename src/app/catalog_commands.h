// Catalogue and stock-receipt use cases.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/command.h"
#include "domain/catalog/catalog.h"
#include "domain/inventory/movement_request.h"
#include "domain/inventory/stock.h"

namespace ordo::app {

// Creates `sku` (validated); kAlreadyExists when the code is taken. `out` receives the SKU.
WriteFn CreateSku(Sku sku, CommandContext context, std::shared_ptr<Sku> out);
WriteFn CreateWarehouse(Warehouse warehouse, CommandContext context,
                        std::shared_ptr<Warehouse> out);

struct ReceiptInput {
  std::string warehouse;
  std::string sku;
  Quantity quantity = 0;
  std::string reason;
};

struct StockOutcome {
  LedgerEntry entry;  // the movement booked (none while it waits for a second person)
  StockView stock;    // the SKU's levels after the movement
  // Set when the movement waits for a second person (then nothing was booked), and after a
  // decision on such a request.
  std::optional<MovementRequest> pending;
};

// Books goods in: on hand +quantity, recorded in the ledger with reason and actor. A receipt of
// more than the setting receipt_approval_quantity is not booked but waits for a second person
// (out->pending, domain/inventory/movement_request.h).
WriteFn ReceiveStock(ReceiptInput input, CommandContext context, std::shared_ptr<StockOutcome> out);

// Corrects the stock on hand by `quantity` (signed, not 0) with a reason, which is required: an
// adjustment is how a wrong entry is put right, and supervision reads it so (entry_corrected).
// 422 for an unknown warehouse or SKU, a zero quantity or a missing reason; 409
// insufficient_stock when it would take on hand below what is reserved.
// An adjustment of more than adjustment_approval_quantity either way waits like a large receipt.
WriteFn AdjustStock(ReceiptInput input, CommandContext context, std::shared_ptr<StockOutcome> out);

// Approves (booking the movement as asked, in the requester's name, with its backorder fills) or
// rejects (with a reason) the waiting request `id`, as someone other than the requester: 404
// for an unknown request, 409 already_decided, 403 self_approval, and the movement's own
// refusals (409 insufficient_stock for an adjustment that no longer fits). out->pending is the
// decided request; out->entry and out->stock the booked movement when approved.
WriteFn DecideStockRequest(int64_t id, bool approve, std::string reason, CommandContext context,
                           std::shared_ptr<StockOutcome> out);

}  // namespace ordo::app
