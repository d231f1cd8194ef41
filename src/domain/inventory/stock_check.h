// Checks over the stock books (domain.md INV-1, INV-5): the levels against the ledger that
// produced them, and the alerts operations watch (low stock, zero stock, stock that shows but
// cannot be ordered). Pure: the store reads the sums, these functions judge them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/catalog/catalog.h"
#include "domain/inventory/backorder.h"
#include "domain/inventory/stock.h"

namespace ordo {

// What the ledger says about one SKU in one warehouse.
struct LedgerTotals {
  std::string sku;
  std::string warehouse;
  int64_t entries = 0;
  // Sum of the on-hand changes: receipts, returns, adjustments, stocktakes, consumptions.
  Quantity on_hand_sum = 0;
  // Sum of the reserved changes: reservations, releases, consumptions.
  Quantity reserved_sum = 0;
  // The balances the newest entry recorded.
  Quantity last_on_hand_after = 0;
  Quantity last_reserved_after = 0;
  // The smallest balances any entry recorded (never negative, never reserved > on hand).
  bool any_entry_out_of_bounds = false;
};

// What an order holds of one SKU in one warehouse according to the ledger: its reservations,
// less its releases and consumptions.
struct OrderHold {
  std::string order_no;
  std::string status;  // the order's status now
  std::string sku;
  std::string warehouse;
  Quantity held = 0;
};

struct StockDifference {
  std::string sku;
  std::string warehouse;
  std::string order_no;  // for order checks
  // on_hand_vs_ledger, reserved_vs_ledger, level_vs_last_entry, level_without_ledger,
  // ledger_without_level, entry_out_of_bounds, level_out_of_bounds, negative_order_hold,
  // finished_order_holds_stock
  std::string check;
  Quantity expected = 0;  // what the ledger says
  Quantity actual = 0;    // what the level (or order) says
};

struct StockCheckReport {
  int64_t levels = 0;
  int64_t ledger_entries = 0;
  int64_t orders_holding = 0;
  std::vector<StockDifference> differences;  // empty: the books balance
};

// Compares every level with its ledger totals and every order hold with the order's status:
// on hand must equal the sum of on-hand movements, reserved the sum of reserved movements, both
// the balances of the newest entry; 0 <= reserved <= on hand; an order holds no negative amount,
// and nothing once it is shipped, delivered, completed, cancelled or closed.
StockCheckReport CheckStockBooks(const std::vector<StockLevel>& levels,
                                 const std::vector<LedgerTotals>& totals,
                                 const std::vector<OrderHold>& holds);

// One sellable SKU with everything the alerts look at.
struct SkuStock {
  Sku sku;
  std::vector<StockLevel> levels;
  // Waiting units per (warehouse, any_warehouse) — WaitingLine with the quantities summed.
  std::vector<WaitingLine> waiting;
};

struct StockAlert {
  std::string sku;
  std::string kind;  // low_stock, zero_stock, below_minimum_order, waiting_with_stock
  Quantity on_hand = 0;
  Quantity reserved = 0;
  Quantity available = 0;
  int64_t threshold = 0;
  Quantity waiting = 0;   // units of orders waiting for this SKU
  std::string warehouse;  // for waiting_with_stock: where the idle units are
  std::string detail;
};

// The smallest quantity an order of `sku` may ask for: its minimum rounded up to its step.
Quantity SmallestOrder(const Sku& sku);

// The alerts of the sellable SKUs in `skus`:
// - low_stock: a threshold is set and available (all warehouses) <= threshold;
// - zero_stock: nothing available;
// - low_stock and zero_stock of one warehouse (`warehouse` set) when more than one holds the
//   SKU: the same judged on that warehouse's level, which orders shipping from it depend on;
// - below_minimum_order: some units are available but an order of the smallest allowed
//   quantity would still be backordered (the SKU shows stock yet cannot be ordered);
// - waiting_with_stock: units are free in a warehouse while order lines that it may serve wait.
// The last two are defects (INV-5: an item that shows stock but cannot be ordered): the store
// fills waiting lines as stock arrives, so they should never appear.
std::vector<StockAlert> StockAlerts(const std::vector<SkuStock>& skus);

}  // namespace ordo
