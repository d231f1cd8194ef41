#include "store/sqlite/inventory_tx.h"

#include "store/sqlite/inventory_queries.h"
#include "store/sqlite/movement_request_queries.h"
#include "store/sqlite/payment_queries.h"

namespace ordo::sqlite {

// --- The writer ---

Result<std::shared_ptr<const AllocationRules>> InventoryWriter::LoadAllocationRules() {
  if (!rules_) {
    ORDO_ASSIGN_OR_RETURN(AllocationRules rules, SelectAllocationRules(conn_));
    rules_ = std::make_shared<const AllocationRules>(std::move(rules));
  }
  return rules_;
}

Status InventoryWriter::SaveWarehouseRule(const WarehouseRule& rule, const std::string& actor,
                                          Timestamp at) {
  ORDO_ASSIGN_OR_RETURN(auto rules, LoadAllocationRules());
  const WarehouseRule* before = rules->Find(rule.code);
  if (before == nullptr) {
    return Status::NotFound("no warehouse " + rule.code);
  }
  const WarehouseRule old = *before;
  rules_.reset();  // also when the write fails: the next read sees what the database holds
  ORDO_RETURN_IF_ERROR(WriteWarehouseRule(conn_, rule));
  audit_.Add(WarehouseRuleAudit(old, rule, actor, at));
  return Status::Ok();
}

Status InventoryWriter::SaveSkuStockSettings(const Sku& before, const Sku& after,
                                             const std::string& actor, Timestamp at) {
  forget_sku_(after.code);
  ORDO_RETURN_IF_ERROR(WriteSkuStockSettings(conn_, after));
  audit_.Add(SkuStockSettingsAudit(before, after, actor, at));
  return Status::Ok();
}

Result<std::vector<WaitingLine>> InventoryWriter::FindWaitingLines(const std::string& sku) {
  return SelectWaitingLines(conn_, sku);
}

Result<std::optional<ReplenishmentRequest>> InventoryWriter::FindLiveRequest(
    const std::string& sku, const std::string& warehouse) {
  return SelectLiveRequest(conn_, sku, warehouse);
}

Result<std::optional<ReplenishmentRequest>> InventoryWriter::FindRequest(int64_t id) {
  return SelectRequest(conn_, id);
}

Status InventoryWriter::SaveRequest(ReplenishmentRequest& request, std::string_view action) {
  ORDO_RETURN_IF_ERROR(WriteRequest(conn_, request));
  audit_.Add(RequestAudit(request, action));
  return Status::Ok();
}

Status InventoryWriter::InsertRefund(Refund& refund) {
  ORDO_RETURN_IF_ERROR(InsertRefundRow(conn_, refund));
  audit_.Add(RefundAudit(refund));
  return Status::Ok();
}

Status InventoryWriter::InsertStocktake(Stocktake& stocktake) {
  ORDO_RETURN_IF_ERROR(InsertStocktakeRows(conn_, stocktake));
  audit_.Add(StocktakeAudit(stocktake, "open", stocktake.created_by, stocktake.created_at));
  return Status::Ok();
}

Result<std::optional<Stocktake>> InventoryWriter::FindStocktake(int64_t id) {
  return SelectStocktake(conn_, id);
}

Status InventoryWriter::UpdateStocktake(const Stocktake& stocktake, std::string_view action,
                                        const std::string& actor, Timestamp at) {
  ORDO_RETURN_IF_ERROR(UpdateStocktakeRows(conn_, stocktake));
  audit_.Add(StocktakeAudit(stocktake, action, actor, at));
  return Status::Ok();
}

Result<std::vector<std::string>> InventoryWriter::SkusStockedIn(const std::string& warehouse) {
  return SelectSkusStockedIn(conn_, warehouse);
}

Status InventoryWriter::InsertMovementRequest(MovementRequest& request) {
  ORDO_RETURN_IF_ERROR(InsertMovementRequestRow(conn_, request));
  audit_.Add(MovementRequestAudit(request, "request", request.requested_by, request.requested_at));
  return Status::Ok();
}

Result<std::optional<MovementRequest>> InventoryWriter::FindMovementRequest(int64_t id) {
  return SelectMovementRequest(conn_, id);
}

Status InventoryWriter::UpdateMovementRequest(const MovementRequest& request) {
  ORDO_RETURN_IF_ERROR(UpdateMovementRequestRow(conn_, request));
  audit_.Add(MovementRequestAudit(request, MovementRequestStatusName(request.status),
                                  request.decided_by, request.decided_at.value_or(Timestamp{})));
  return Status::Ok();
}

void InventoryWriter::OrderLoaded(const Order& order) {
  if (!order.has_backorder()) {
    loaded_without_waiting_.insert(order.id.value);
  } else {
    loaded_without_waiting_.erase(order.id.value);
  }
}

Status InventoryWriter::OrderWritten(const Order& order, bool inserted) {
  const bool waits = order.has_backorder();
  // Nothing stored and nothing to store: the common case costs no statement. After a write
  // the order's rows are no longer known (a savepoint may roll them back): read it again.
  const bool nothing_stored = inserted || loaded_without_waiting_.count(order.id.value) != 0;
  loaded_without_waiting_.erase(order.id.value);
  if (!waits && nothing_stored) {
    return Status::Ok();
  }
  return ReplaceWaitingLines(conn_, order.id.value,
                             waits ? WaitingLinesOf(order) : std::vector<WaitingLine>{});
}

void InventoryWriter::ForgetCaches() {
  rules_.reset();
  loaded_without_waiting_.clear();
}

// --- The readers ---

template <typename T, typename Query>
Result<T> InventoryReader::Read(Query query) {
  return ReadWith<T>(with_, std::move(query));
}

Result<std::vector<LedgerEntry>> InventoryReader::ListLedger(const LedgerFilter& filter) {
  return Read<std::vector<LedgerEntry>>(
      [&](Connection& c) { return SelectLedgerFiltered(c, filter); });
}

Result<std::vector<WaitingLine>> InventoryReader::ListBackorders(const BackorderFilter& filter) {
  return Read<std::vector<WaitingLine>>([&](Connection& c) { return SelectBackorders(c, filter); });
}

Result<std::vector<ReplenishmentView>> InventoryReader::ListReplenishmentRequests(
    const ReplenishmentFilter& filter) {
  return Read<std::vector<ReplenishmentView>>(
      [&](Connection& c) { return SelectRequests(c, filter); });
}

Result<std::optional<ReplenishmentView>> InventoryReader::GetReplenishmentRequest(int64_t id) {
  return Read<std::optional<ReplenishmentView>>(
      [&](Connection& c) { return SelectRequestView(c, id); });
}

Result<std::optional<Stocktake>> InventoryReader::GetStocktake(int64_t id) {
  return Read<std::optional<Stocktake>>([&](Connection& c) { return SelectStocktake(c, id); });
}

Result<std::optional<MovementRequest>> InventoryReader::GetMovementRequest(int64_t id) {
  return Read<std::optional<MovementRequest>>(
      [&](Connection& c) { return SelectMovementRequest(c, id); });
}

Result<std::vector<MovementRequest>> InventoryReader::ListMovementRequests(
    const MovementRequestFilter& filter) {
  return Read<std::vector<MovementRequest>>(
      [&](Connection& c) { return SelectMovementRequests(c, filter); });
}

Result<std::vector<Refund>> InventoryReader::ListRefunds(const std::string& order_no) {
  return Read<std::vector<Refund>>([&](Connection& c) { return SelectOrderRefunds(c, order_no); });
}

Result<StockCheckReport> InventoryReader::CheckStock() {
  return Read<StockCheckReport>([&](Connection& c) -> Result<StockCheckReport> {
    // One snapshot for the three reads, so a commit between them cannot make them disagree.
    ORDO_RETURN_IF_ERROR(c.Exec("BEGIN"));
    Result<StockCheckReport> report = SelectStockCheck(c);
    (void)c.Exec("COMMIT");
    return report;
  });
}

Result<std::vector<SkuStock>> InventoryReader::ListSkuStock() {
  return Read<std::vector<SkuStock>>([&](Connection& c) -> Result<std::vector<SkuStock>> {
    ORDO_RETURN_IF_ERROR(c.Exec("BEGIN"));
    Result<std::vector<SkuStock>> skus = SelectSkuStock(c);
    (void)c.Exec("COMMIT");
    return skus;
  });
}

Result<AllocationRules> InventoryReader::LoadAllocationRules() {
  return Read<AllocationRules>([&](Connection& c) { return SelectAllocationRules(c); });
}

}  // namespace ordo::sqlite
