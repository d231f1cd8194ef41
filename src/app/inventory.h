// Inventory depth use cases (domain.md INV-1…INV-5): warehouse rules for allocation, shortages
// and their replenishment requests, priority fills as stock arrives, the customer's choice for
// missing lines, stocktakes, and the stock check and alerts. Every write happens in the one
// transaction of its command, with the stock ledger and the audit trail.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/command.h"
#include "domain/inventory/allocation.h"
#include "domain/inventory/backorder.h"
#include "domain/inventory/replenishment.h"
#include "domain/inventory/stock_check.h"
#include "domain/inventory/stocktake.h"

namespace ordo::app {

// --- Shortages and fills (called inside other commands) ---

// The destination allocation plans for: the consignee's province and city.
Destination DestinationOf(const Order& order);

// For every line of a new order that `plans` left backordered: records why it waits, where,
// and when stock is expected (the live replenishment request's date, else now plus the SKU's
// lead time), and adds the shortage to that SKU's replenishment request in that warehouse
// (opening one when none is live), so purchasing sees it.
Status RecordShortages(WriteTx& tx, Order& order, const std::vector<LinePlan>& plans,
                       const CommandContext& context);

// Serves the lines waiting for `sku` from what is available in `warehouse` now (INV-4): by
// order priority, then age (domain/inventory/backorder.h PlanFills), each fill reserved in the
// ledger ("backorder filled") and recorded on its order ("backorder_filled" event), in the
// caller's transaction. Called whenever units arrive or become free: receipts, returns,
// adjustments and stocktakes upwards, releases. Costs one indexed read when nothing waits.
Status FillBackorders(WriteTx& tx, const std::string& sku, const std::string& warehouse,
                      const CommandContext& context);
// The same for callers that act as `actor` at its time (returns inspected by fulfilment).
Status FillBackorders(WriteTx& tx, const std::string& sku, const std::string& warehouse,
                      const Actor& actor);

// FillBackorders for every warehouse holding available units of `sku` (after lines start
// waiting again while stock may be free: a "wait" after "ship_available").
Status FillFromAnyWarehouse(WriteTx& tx, const std::string& sku, const CommandContext& context);

// The (SKU, warehouse) pairs where `order` holds reserved units, to refill after it releases
// them (FillReleased).
std::vector<std::pair<std::string, std::string>> HeldStock(const Order& order);
// FillBackorders for each pair whose units are now available.
Status FillReleased(WriteTx& tx, const std::vector<std::pair<std::string, std::string>>& held,
                    const CommandContext& context);

// --- The customer's choice ---

struct BackorderChoiceInput {
  std::string choice;  // wait | ship_available | refund_missing | exchange
  std::string note;
  bool single_parcel = false;          // wait
  std::vector<ExchangeRequest> lines;  // exchange
  std::string visible_to_channel;      // a channel token: only its own orders exist
};

struct BackorderChoiceOutcome {
  Order order;
  std::optional<int64_t> refund_id;  // refund_missing
  int64_t refund_amount = 0;
};

// Records and executes the customer's choice for the missing units of `order_no` (INV-3), with
// the actor in the order's history. wait: the lines keep waiting; ship_available: the missing
// units are dropped and the order proceeds with what is reserved; refund_missing (paid orders):
// the missing units are removed and a pending refund of their amount is created; exchange: the
// replacements are reserved now (409 insufficient_stock when they cannot all be) and the price
// difference recorded. 404 unknown (or hidden) order; 412 when `if_match` differs; 422 bad
// choice or lines; 409 as the domain refuses.
WriteFn ChooseForBackorder(std::string order_no, BackorderChoiceInput input,
                           std::optional<int64_t> if_match, CommandContext context,
                           std::shared_ptr<BackorderChoiceOutcome> out);

// --- Settings ---

// Replaces the allocation priority and regions of a warehouse. 404 unknown warehouse; 422 bad
// rule (domain/inventory/allocation.h ValidateWarehouseRule).
WriteFn SetWarehouseRule(WarehouseRule rule, CommandContext context,
                         std::shared_ptr<WarehouseRule> out);

struct SkuStockSettingsInput {
  std::string sku;
  std::optional<int64_t> low_stock_threshold;
  std::optional<int64_t> lead_time_days;
};

// Changes a SKU's low-stock threshold and purchasing lead time. 404 unknown SKU; 422 values.
WriteFn SetSkuStockSettings(SkuStockSettingsInput input, CommandContext context,
                            std::shared_ptr<Sku> out);

// --- Replenishment requests ---

struct RequestDecision {
  int64_t id = 0;
  bool close = false;  // false: acknowledge
  std::optional<Timestamp> expected_at;
  std::string note;
};

// Purchasing acknowledges a request with the date the goods are expected (the lines waiting
// for it take that date, each with an order event), or closes it. 404 unknown request; 409
// already_decided when closed; 422 expected_at.
WriteFn DecideReplenishment(RequestDecision decision, CommandContext context,
                            std::shared_ptr<ReplenishmentRequest> out);

// --- Stocktakes ---

struct StocktakeInput {
  std::string warehouse;
  std::optional<std::vector<std::string>> skus;  // absent: every SKU stocked there
  std::string reason;
};

// Opens a stocktake. 422 unknown warehouse or SKU, missing reason.
WriteFn OpenStocktakeCommand(StocktakeInput input, CommandContext context,
                             std::shared_ptr<Stocktake> out);
// Records counts with the book level now. 404 unknown stocktake; 409 already_decided; 422.
WriteFn RecordStocktakeCounts(int64_t id, std::vector<Count> counts, CommandContext context,
                              std::shared_ptr<Stocktake> out);
// Approves (applying each variance as a "stocktake" movement, then filling waiting lines where
// stock went up) or cancels. 404; 409 already_decided / stocktake_incomplete /
// stocktake_below_reserved (naming the SKU); 403 self_approval for a counter.
WriteFn DecideStocktake(int64_t id, bool approve, CommandContext context,
                        std::shared_ptr<Stocktake> out);

// --- Reads ---

// The stock alerts (domain/inventory/stock_check.h StockAlerts) of every sellable SKU; with
// `warehouse`, only that warehouse's (its own low and zero stock, idle units there).
Result<std::vector<StockAlert>> ListStockAlerts(ReadView& reads, const std::string& warehouse = "");

}  // namespace ordo::app
