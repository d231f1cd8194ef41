// Catalogue and stock-receipt use cases.
#pragma once

#include <memory>

#include "app/command.h"
#include "domain/catalog/catalog.h"
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
  LedgerEntry entry;
  StockView stock;  // the SKU's levels after the movement
};

// Books goods in: on hand +quantity, recorded in the ledger with reason and actor.
WriteFn ReceiveStock(ReceiptInput input, CommandContext context,
                     std::shared_ptr<StockOutcome> out);

// Corrects the stock on hand by `quantity` (signed, not 0) with a reason, which is required: an
// adjustment is how a wrong entry is put right, and supervision reads it so (entry_corrected).
// 422 for an unknown warehouse or SKU, a zero quantity or a missing reason; 409
// insufficient_stock when it would take on hand below what is reserved.
WriteFn AdjustStock(ReceiptInput input, CommandContext context,
                    std::shared_ptr<StockOutcome> out);

}  // namespace ordo::app
