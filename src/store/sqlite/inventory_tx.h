// The embedded engine's side of store/inventory_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections). The writer also keeps the backorder queue in step with the orders it saves.
#pragma once

#include <functional>
#include <memory>
#include <unordered_set>

#include "store/inventory_store.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// Owned by the writer's transaction object; runs on the writer thread only.
class InventoryWriter final : public InventoryWriteTx {
 public:
  // `forget_sku` drops a SKU from the writer's SKU cache after its settings change.
  InventoryWriter(Connection& conn, AuditChain& audit,
                  std::function<void(const std::string&)> forget_sku)
      : conn_(conn), audit_(audit), forget_sku_(std::move(forget_sku)) {}

  Result<std::shared_ptr<const AllocationRules>> LoadAllocationRules() override;
  Status SaveWarehouseRule(const WarehouseRule& rule, const std::string& actor,
                           Timestamp at) override;
  Status SaveSkuStockSettings(const Sku& before, const Sku& after, const std::string& actor,
                              Timestamp at) override;
  Result<std::vector<WaitingLine>> FindWaitingLines(const std::string& sku) override;
  Result<std::optional<ReplenishmentRequest>> FindLiveRequest(
      const std::string& sku, const std::string& warehouse) override;
  Result<std::optional<ReplenishmentRequest>> FindRequest(int64_t id) override;
  Status SaveRequest(ReplenishmentRequest& request, std::string_view action) override;
  Status InsertRefund(Refund& refund) override;
  Status InsertStocktake(Stocktake& stocktake) override;
  Result<std::optional<Stocktake>> FindStocktake(int64_t id) override;
  Status UpdateStocktake(const Stocktake& stocktake, std::string_view action,
                         const std::string& actor, Timestamp at) override;
  Result<std::vector<std::string>> SkusStockedIn(const std::string& warehouse) override;
  Status InsertMovementRequest(MovementRequest& request) override;
  Result<std::optional<MovementRequest>> FindMovementRequest(int64_t id) override;
  Status UpdateMovementRequest(const MovementRequest& request) override;

  // --- Called by the writer's WriteTx ---
  // An order was read: remember whether it had waiting lines, so saving it again without any
  // costs nothing.
  void OrderLoaded(const Order& order);
  // An order was inserted or saved: its stored waiting lines now match it.
  Status OrderWritten(const Order& order, bool inserted);
  // The warehouses changed: the rules are read again on next use.
  void WarehousesChanged() { rules_.reset(); }
  // At the end of a batch: the orders read in it are forgotten.
  void ForgetLoadedOrders() { loaded_without_waiting_.clear(); }
  // After a failed commit or a write by another process: forget everything kept.
  void ForgetCaches();

 private:
  Connection& conn_;
  AuditChain& audit_;
  std::function<void(const std::string&)> forget_sku_;
  std::shared_ptr<const AllocationRules> rules_;  // null: read on next use
  // Orders read in this batch whose stored document had no waiting line.
  std::unordered_set<int64_t> loaded_without_waiting_;
};

// Runs a read on one of the pool's connections.
using InventoryConnection = std::function<Status(const std::function<Status(Connection&)>&)>;

class InventoryReader final : public InventoryReadView {
 public:
  explicit InventoryReader(InventoryConnection with) : with_(std::move(with)) {}

  Result<std::vector<LedgerEntry>> ListLedger(const LedgerFilter& filter) override;
  Result<std::vector<WaitingLine>> ListBackorders(const BackorderFilter& filter) override;
  Result<std::vector<ReplenishmentView>> ListReplenishmentRequests(
      const ReplenishmentFilter& filter) override;
  Result<std::optional<ReplenishmentView>> GetReplenishmentRequest(int64_t id) override;
  Result<std::optional<Stocktake>> GetStocktake(int64_t id) override;
  Result<std::optional<MovementRequest>> GetMovementRequest(int64_t id) override;
  Result<std::vector<MovementRequest>> ListMovementRequests(
      const MovementRequestFilter& filter) override;
  Result<std::vector<Refund>> ListRefunds(const std::string& order_no) override;
  Result<StockCheckReport> CheckStock() override;
  Result<std::vector<SkuStock>> ListSkuStock() override;
  Result<AllocationRules> LoadAllocationRules() override;

 private:
  template <typename T, typename Query>
  Result<T> Read(Query query);

  InventoryConnection with_;
};

}  // namespace ordo::sqlite
