// The persistence inventory depth needs (domain.md INV-1…INV-5): warehouse rules for
// allocation, the queue of backordered lines, replenishment requests, refunds of missing lines,
// stocktakes, and the reads behind the ledger filters, the stock check and the alerts. Part of
// the store interface (store.h): WriteTx::inventory() inside the writer's transaction,
// ReadView::inventory() for reads. The same contracts hold: writes are audited by the store in
// the same transaction (who, when, before → after, never personal data), reads see committed
// data only and are thread-safe.
//
// The backorder queue is derived by the store from the orders themselves: whenever an order is
// inserted or saved, its waiting lines (domain/inventory/backorder.h WaitingLinesOf) replace
// the ones stored for it, so no use case can leave the queue behind its orders.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/catalog/catalog.h"
#include "domain/inventory/allocation.h"
#include "domain/inventory/backorder.h"
#include "domain/inventory/movement_request.h"
#include "domain/inventory/replenishment.h"
#include "domain/inventory/stock.h"
#include "domain/inventory/stock_check.h"
#include "domain/inventory/stocktake.h"
#include "domain/payment/refund.h"

namespace ordo {

// GET /stock/{sku}/ledger filters. Entries oldest first, by id.
struct LedgerFilter {
  std::string sku;
  std::string warehouse;  // empty: every warehouse
  std::optional<MovementType> type;
  std::optional<Timestamp> from;  // at >= from
  std::optional<Timestamp> to;    // at < to
  int64_t after_id = 0;           // cursor
  int limit = 50;
};

// GET /backorders filters. Lines best first: priority (high first), then order age (oldest
// first), then order number and line.
struct BackorderFilter {
  std::string sku;
  std::string warehouse;
  std::string channel;  // empty: every channel
  int limit = 50;
  std::string after_key;  // cursor: BackorderKey (store/inventory_codec.h) of the last shown
};

struct ReplenishmentFilter {
  std::optional<ReplenishmentStatus> status;
  std::string sku;
  std::string warehouse;
  int limit = 50;
  int64_t before_id = 0;  // cursor: requests with id < before_id when non-zero (newest first)
};

// A replenishment request with what waits for it now.
struct ReplenishmentView {
  ReplenishmentRequest request;
  Quantity quantity_waiting = 0;  // units of order lines waiting for this SKU in its warehouse
};

class InventoryWriteTx {
 public:
  virtual ~InventoryWriteTx() = default;

  // The rules of every warehouse (sorted by code), kept by the writer between commands: reading
  // them costs nothing per order. Valid until a warehouse or a rule changes.
  virtual Result<std::shared_ptr<const AllocationRules>> LoadAllocationRules() = 0;
  // Replaces the priority and region list of `rule.code` (which must exist). Audited
  // ("warehouse", code, "allocation_rules").
  virtual Status SaveWarehouseRule(const WarehouseRule& rule, const std::string& actor,
                                   Timestamp at) = 0;
  // Saves the SKU's low_stock_threshold and lead_time_days. Audited ("sku", code,
  // "stock_settings").
  virtual Status SaveSkuStockSettings(const Sku& before, const Sku& after, const std::string& actor,
                                      Timestamp at) = 0;

  // The waiting lines of `sku`, best first (as BackorderFilter).
  virtual Result<std::vector<WaitingLine>> FindWaitingLines(const std::string& sku) = 0;

  // The live (open or acknowledged) request of `sku` in `warehouse`, if any.
  virtual Result<std::optional<ReplenishmentRequest>> FindLiveRequest(
      const std::string& sku, const std::string& warehouse) = 0;
  virtual Result<std::optional<ReplenishmentRequest>> FindRequest(int64_t id) = 0;
  // Inserts (id 0, assigning it) or saves the request. `action` ("open", "add", "acknowledge",
  // "close") names the change in the audit trail. kAlreadyExists when a second live request of
  // the same SKU and warehouse would result.
  virtual Status SaveRequest(ReplenishmentRequest& request, std::string_view action) = 0;

  // Inserts a refund (domain/payment/refund.h; assigning its id); kConflict
  // refund_exceeds_payment when the order's refunds would exceed what it was paid. Audited
  // ("refund", id, "create").
  virtual Status InsertRefund(Refund& refund) = 0;

  // Stocktakes with their lines. Audited ("stocktake", id, "open" / `action`).
  virtual Status InsertStocktake(Stocktake& stocktake) = 0;
  virtual Result<std::optional<Stocktake>> FindStocktake(int64_t id) = 0;
  virtual Status UpdateStocktake(const Stocktake& stocktake, std::string_view action,
                                 const std::string& actor, Timestamp at) = 0;
  // The SKUs with a stock level in `warehouse` (as committed before this transaction, plus the
  // levels this transaction wrote), in code order.
  virtual Result<std::vector<std::string>> SkusStockedIn(const std::string& warehouse) = 0;

  // Large manual movements waiting for a second person (domain/inventory/movement_request.h).
  // Insert assigns the id; both are audited ("stock_request", id, "request" / the decision).
  virtual Status InsertMovementRequest(MovementRequest& request) = 0;
  virtual Result<std::optional<MovementRequest>> FindMovementRequest(int64_t id) = 0;
  virtual Status UpdateMovementRequest(const MovementRequest& request) = 0;
};

struct MovementRequestFilter {
  std::optional<MovementRequestStatus> status;
  int limit = 50;
  int64_t before_id = 0;  // cursor: requests with id < before_id when non-zero (newest first)
};

class InventoryReadView {
 public:
  virtual ~InventoryReadView() = default;

  // Ledger entries matching `filter`, at most filter.limit.
  virtual Result<std::vector<LedgerEntry>> ListLedger(const LedgerFilter& filter) = 0;
  // Waiting lines matching `filter`, at most filter.limit.
  virtual Result<std::vector<WaitingLine>> ListBackorders(const BackorderFilter& filter) = 0;
  virtual Result<std::vector<ReplenishmentView>> ListReplenishmentRequests(
      const ReplenishmentFilter& filter) = 0;
  virtual Result<std::optional<ReplenishmentView>> GetReplenishmentRequest(int64_t id) = 0;
  virtual Result<std::optional<Stocktake>> GetStocktake(int64_t id) = 0;
  virtual Result<std::optional<MovementRequest>> GetMovementRequest(int64_t id) = 0;
  // Newest first, at most filter.limit.
  virtual Result<std::vector<MovementRequest>> ListMovementRequests(
      const MovementRequestFilter& filter) = 0;
  // The refunds of `order_no`, oldest first.
  virtual Result<std::vector<Refund>> ListRefunds(const std::string& order_no) = 0;
  // Every level, the ledger's totals per SKU and warehouse, and every order's hold: the stock
  // books checked (domain/inventory/stock_check.h). Reads everything: an audit, not a hot path.
  virtual Result<StockCheckReport> CheckStock() = 0;
  // Every sellable SKU with its levels and the lines waiting for it (for the alerts).
  virtual Result<std::vector<SkuStock>> ListSkuStock() = 0;
  virtual Result<AllocationRules> LoadAllocationRules() = 0;
};

}  // namespace ordo
