#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

#include "base/thread_name.h"
#include "store/sqlite/accounts_queries.h"
#include "store/sqlite/aftersales_tx.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/customer_tx.h"
#include "store/sqlite/document_tx.h"
#include "store/sqlite/fulfillment_tx.h"
#include "store/sqlite/inventory_tx.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/import_tx.h"
#include "store/sqlite/order_change_tx.h"
#include "store/sqlite/payment_queries.h"
#include "store/sqlite/payment_tx.h"
#include "store/sqlite/pending_search_keys.h"
#include "store/sqlite/queries.h"
#include "store/sqlite/report_queries.h"
#include "store/sqlite/supervision_queries.h"

namespace ordo::sqlite {
namespace {

// The writer's view of its own transaction.
class WriterTx final : public WriteTx {
 public:
  WriterTx(Connection& conn, const PiiCipher& cipher)
      : conn_(conn), cipher_(cipher), audit_(conn, cipher) {
    aftersales_.ArchiveInto(&documents_);
    customers_.ArchiveInto(&documents_);
    payments_.ArchiveInto(&documents_);
  }

  Result<std::optional<Sku>> FindSku(const std::string& code) override {
    auto cached = skus_.find(code);
    if (cached != skus_.end()) {
      return std::optional<Sku>(cached->second);
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, SelectSku(conn_, code));
    if (sku) {
      skus_.emplace(code, *sku);
    }
    return sku;
  }
  Result<std::map<std::string, Sku>> FindSkus(const std::vector<std::string>& codes) override {
    std::map<std::string, Sku> found;
    for (const std::string& code : codes) {
      ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, FindSku(code));
      if (sku) {
        found.emplace(code, std::move(*sku));
      }
    }
    return found;
  }
  Status InsertSku(Sku& sku) override {
    skus_.erase(sku.code);  // cached only from committed reads; a rollback leaves no trace
    ORDO_RETURN_IF_ERROR(InsertSkuRow(conn_, sku));
    Audit(SkuAudit(sku));
    return Status::Ok();
  }
  Result<std::optional<Warehouse>> FindWarehouse(const std::string& code) override {
    return SelectWarehouse(conn_, code);
  }
  Status InsertWarehouse(Warehouse& warehouse) override {
    ORDO_RETURN_IF_ERROR(InsertWarehouseRow(conn_, warehouse));
    inventory_.WarehousesChanged();
    Audit(WarehouseAudit(warehouse));
    return Status::Ok();
  }
  Result<std::map<std::string, std::vector<StockLevel>>> LoadStock(
      const std::vector<std::string>& skus) override {
    std::map<std::string, std::vector<StockLevel>> result;
    for (const std::string& sku : skus) {
      ORDO_ASSIGN_OR_RETURN(std::vector<StockLevel> * levels, CachedStock(sku));
      result[sku] = *levels;
    }
    return result;
  }
  // The ledger entry is inserted at once; the level is changed in memory and written once per
  // transaction by FlushStock (a hot SKU changes hundreds of times in one batch).
  Status ApplyMovement(const StockLevel& level, LedgerEntry& entry) override {
    ORDO_RETURN_IF_ERROR(InsertLedgerEntry(conn_, entry));
    ORDO_ASSIGN_OR_RETURN(std::vector<StockLevel> * levels, CachedStock(level.sku()));
    RememberStock(level.sku(), *levels);
    auto it = std::lower_bound(levels->begin(), levels->end(), level.warehouse(),
                               [](const StockLevel& l, const std::string& warehouse) {
                                 return l.warehouse() < warehouse;
                               });
    if (it != levels->end() && it->warehouse() == level.warehouse()) {
      *it = level;
    } else {
      levels->insert(it, level);
    }
    dirty_stock_[level.sku()][level.warehouse()] = entry.at;
    Audit(MovementAudit(entry));
    return Status::Ok();
  }
  Result<std::optional<Order>> FindOrder(const std::string& order_no) override {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, SelectOrder(conn_, cipher_, order_no));
    if (order) {
      loaded_keys_[order->id.value] = SearchKeyInputs(*order);
      loaded_payments_[order->id.value] = order->payments.size();
      inventory_.OrderLoaded(*order);
    }
    return order;
  }
  Result<std::optional<Order>> FindOrderByExternalId(const std::string& channel,
                                                     const std::string& external_id) override {
    return SelectOrderByExternalId(conn_, cipher_, channel, external_id);
  }
  Result<std::string> NextOrderNo(Timestamp now) override;
  Status InsertOrder(Order& order) override {
    ORDO_RETURN_IF_ERROR(InsertOrderRow(conn_, cipher_, order));
    ORDO_RETURN_IF_ERROR(inventory_.OrderWritten(order, /*inserted=*/true));
    customers_.OrderInserted(order);
    ORDO_RETURN_IF_ERROR(InsertPaymentRows(conn_, order, 0));
    report_tally_.Add(order);
    CountUnfolded(1);
    return AppendKeys(order.id.value, SearchKeys(order, cipher_));
  }
  Status UpdateOrder(const Order& order, int64_t expected_version) override {
    ORDO_RETURN_IF_ERROR(UpdateOrderRow(conn_, cipher_, order, expected_version));
    ORDO_RETURN_IF_ERROR(inventory_.OrderWritten(order, /*inserted=*/false));
    customers_.OrderSaved(order);
    // The payments list follows the orders: the payments this save added (all of them when the
    // order was not loaded in this batch; rows already there are left alone).
    auto payments = loaded_payments_.find(order.id.value);
    const size_t known = payments == loaded_payments_.end() ? 0 : payments->second;
    ORDO_RETURN_IF_ERROR(InsertPaymentRows(conn_, order, known));
    loaded_payments_[order.id.value] = order.payments.size();
    // The keys are blind indexes (a keyed hash each): made again only when what they are made
    // of changed since the order was loaded, which a transition never changes.
    auto loaded = loaded_keys_.find(order.id.value);
    if (loaded != loaded_keys_.end() && loaded->second == SearchKeyInputs(order)) {
      return Status::Ok();
    }
    return AppendKeys(order.id.value, SearchKeys(order, cipher_));
  }
  Status AppendOrderEvents(const Order& order, const std::vector<OrderEvent>& events) override {
    ORDO_RETURN_IF_ERROR(InsertOrderEvents(conn_, order, events));
    for (const OrderEvent& event : events) {
      Audit(OrderEventAudit(order, event));
      // The documents the event produced are archived with it (store/document_store.h).
      ORDO_RETURN_IF_ERROR(documents_.Archive(order.order_no, DocumentsOfEvent(order, event)));
      if (EndsOrder(event)) {
        ORDO_RETURN_IF_ERROR(documents_.MarkOrderEnded(order.order_no, event.at));
      }
    }
    CountUnfolded(static_cast<int64_t>(events.size()));
    return Status::Ok();
  }
  Result<std::optional<IdempotencyRecord>> FindIdempotency(const std::string& scope,
                                                           const std::string& key) override {
    return SelectIdempotency(conn_, cipher_, scope, key);
  }
  Status SaveIdempotency(const IdempotencyRecord& record) override {
    return InsertIdempotency(conn_, cipher_, record);
  }
  Status InsertToken(ApiToken& token) override {
    ORDO_RETURN_IF_ERROR(InsertTokenRow(conn_, token));
    Audit(TokenAudit(token));
    return Status::Ok();
  }
  Result<std::optional<ApiToken>> FindToken(int64_t id) override {
    return SelectTokenById(conn_, id);
  }
  Status RevokeToken(const ApiToken& token) override {
    ORDO_RETURN_IF_ERROR(RevokeTokenRow(conn_, token));
    Audit(TokenRevokedAudit(token));
    return Status::Ok();
  }
  Result<int> RevokeUserTokens(int64_t user_id, const std::string& actor, Timestamp at) override {
    ORDO_ASSIGN_OR_RETURN(std::vector<ApiToken> tokens, SelectLiveUserTokens(conn_, user_id));
    for (ApiToken& token : tokens) {
      token.revoked = true;
      token.revoked_at = at;
      token.revoked_by = actor;
      ORDO_RETURN_IF_ERROR(RevokeToken(token));
    }
    return static_cast<int>(tokens.size());
  }
  Result<std::optional<User>> FindUser(const std::string& username) override {
    return SelectUser(conn_, username);
  }
  Status InsertUser(User& user) override { return InsertUserRow(conn_, user); }
  Status UpdateUser(const User& user) override { return UpdateUserRow(conn_, user); }
  Result<std::optional<Session>> FindSession(const std::string& token_hash) override {
    return SelectSession(conn_, token_hash);
  }
  Status InsertSession(const Session& session) override { return InsertSessionRow(conn_, session); }
  Status UpdateSession(const Session& session) override { return UpdateSessionRow(conn_, session); }
  Status RevokeUserSessions(int64_t user_id) override {
    return sqlite::RevokeUserSessions(conn_, user_id);
  }
  Status RecordAudit(AuditEntry entry) override {
    Audit(std::move(entry));
    return Status::Ok();
  }
  Status RecordAttempt(const Attempt& attempt) override {
    Audit(AttemptAudit(attempt));
    return Status::Ok();
  }
  Result<std::vector<bool>> InsertViolations(std::vector<Violation>& violations) override {
    std::vector<bool> created;
    for (Violation& violation : violations) {
      ORDO_ASSIGN_OR_RETURN(bool inserted, InsertViolationRow(conn_, violation));
      if (inserted) {
        Audit(ViolationAudit(violation));
      }
      created.push_back(inserted);
    }
    return created;
  }
  Result<std::optional<Violation>> FindViolation(int64_t id) override {
    return SelectViolation(conn_, id);
  }
  Status InsertSanction(Sanction& sanction) override {
    ORDO_RETURN_IF_ERROR(InsertSanctionRow(conn_, sanction));
    Audit(SanctionAudit(sanction, std::nullopt));
    return Status::Ok();
  }
  Result<std::vector<Sanction>> FindSanctions(const SanctionFilter& filter) override {
    return SelectSanctions(conn_, filter);
  }
  Result<std::optional<Sanction>> FindSanction(SanctionCategory category, int64_t id) override {
    return SelectSanction(conn_, category, id);
  }
  Status SaveSanctionDecision(const Sanction& sanction) override {
    ORDO_RETURN_IF_ERROR(UpdateSanctionDecisionRow(conn_, sanction));
    Audit(SanctionAudit(sanction, ProposalState::kProposed));
    return Status::Ok();
  }

  // Called by the writer before each commit. Merges the pending search keys into the index when
  // there are many, or when the writer is about to go idle, so that under load the random-key
  // index is written in large sorted passes instead of a few pages per order.
  Status MaintainSearchIndex(bool idle) {
    loaded_keys_.clear();
    loaded_payments_.clear();
    inventory_.ForgetLoadedOrders();
    if (pending_search_rows_ < 0) {
      ORDO_ASSIGN_OR_RETURN(pending_search_rows_, CountPendingSearchRows(conn_));
    }
    if (pending_search_rows_ == 0 || (!idle && pending_search_rows_ < kMergeThreshold)) {
      return Status::Ok();
    }
    ORDO_RETURN_IF_ERROR(MergeSearchKeys(conn_));
    pending_search_rows_ = 0;
    pending_keys_.Merged();
    return Status::Ok();
  }
  // Called by the writer before each commit and when idle: folds the orders and events written
  // since the last fold into the reports' summary rows (report_queries.h) when the writer has
  // caught up (nothing else queued: a report read after an answer sees its effects), or once
  // kFoldThreshold writes wait, so that under load they are folded in large passes. The orders
  // placed are summed in memory as they are written (report_tally_); after a start, or when the
  // writer forgot them, the first batch folds at once, from the orders, to count from there.
  Status MaintainReports(bool idle) {
    report_tally_.Settle();
    if (report_tally_.Counting() &&
        (unfolded_writes_ == 0 || (!idle && unfolded_writes_ < kFoldThreshold))) {
      return Status::Ok();
    }
    // In its own savepoint: a fold that fails half-way leaves no sum behind to be added again.
    ORDO_RETURN_IF_ERROR(conn_.Run("SAVEPOINT fold"));
    Status folded = ::ordo::sqlite::FoldReports(conn_, &report_tally_).status();
    if (!folded.ok()) {
      (void)conn_.Run("ROLLBACK TO fold");
      report_tally_.Forget();
    }
    Status release = conn_.Run("RELEASE fold");
    ORDO_RETURN_IF_ERROR(folded);
    ORDO_RETURN_IF_ERROR(release);
    unfolded_writes_ = 0;
    return Status::Ok();
  }
  // After a failed commit what the writer remembers may not have been committed: forget it.
  void ForgetCaches() {
    unfolded_writes_ = -1;
    report_tally_.Forget();
    pending_search_rows_ = -1;
    pending_keys_.Forget();
    skus_.clear();
    stock_.clear();
    dirty_stock_.clear();
    stock_undo_.clear();
    stock_undo_mark_ = 0;
    inventory_.ForgetCaches();
    customers_.ForgetChannelWindow();
  }
  // The pending search rows are counted again before the next merge.
  void ForgetSearchCount() { pending_search_rows_ = -1; }
  // The reports are folded at the next idle moment whatever was written.
  void ForgetReportCount() { unfolded_writes_ = -1; }
  // Marks the start of a command: the stock levels it changes can be put back until it ends.
  void BeginCommand() {
    stock_undo_.clear();
    stock_undo_mark_ = 0;
    command_tally_mark_ = report_tally_.Mark();
  }
  // After "ROLLBACK TO command": the levels the command changed in memory are put back.
  void RollBackCommandStock() {
    RestoreStockSince(0);
    report_tally_.Truncate(command_tally_mark_);
    inventory_.WarehousesChanged();    // rules it may have read uncommitted are read again
    customers_.ForgetChannelWindow();  // it may hold orders the rollback removed
  }
  // Writes every stock level changed in this transaction, once each. Called before COMMIT.
  Status FlushStock() {
    for (const auto& [sku, warehouses] : dirty_stock_) {
      const std::vector<StockLevel>& levels = stock_.at(sku);
      for (const auto& [warehouse, at] : warehouses) {
        auto it = std::find_if(
            levels.begin(), levels.end(),
            [&warehouse = warehouse](const StockLevel& l) { return l.warehouse() == warehouse; });
        ORDO_ASSERT(it != levels.end());
        ORDO_RETURN_IF_ERROR(WriteStockLevel(conn_, *it, at));
      }
    }
    dirty_stock_.clear();
    return Status::Ok();
  }
  // Another process (`ordo token create`, a maintenance command) may have written to the
  // database since the last batch: PRAGMA data_version changes when it has. Then nothing
  // cached can be trusted.
  // When the version cannot be read, the caches are dropped too.
  void ForgetCachesIfChangedElsewhere() {
    int64_t version = -1;
    if (auto stmt = conn_.Prepare("PRAGMA data_version"); stmt.ok()) {
      Status status;
      if ((*stmt)->Step(&status)) {
        version = (*stmt)->Int(0);
      }
    }
    if (version < 0 || version != data_version_) {
      data_version_ = version;
      ForgetCaches();
    }
  }
  // The audit entries of the batch so far. After "ROLLBACK TO command" the entries the command
  // added are dropped with DropAuditSince(mark), so they never reach the chain.
  size_t AuditMark() const { return audit_.Mark(); }
  void DropAuditSince(size_t mark) { audit_.Truncate(mark); }
  // Called just before COMMIT: nothing may commit without its audit entries.
  Status FlushAudit() { return audit_.Flush(); }

  FulfillmentWriteTx& fulfillment() override { return fulfillment_; }
  InventoryWriteTx& inventory() override { return inventory_; }
  AfterSalesWriteTx& aftersales() override { return aftersales_; }
  OrderChangeWriteTx& order_changes() override { return order_changes_; }
  CustomerWriteTx& customers() override { return customers_; }
  PaymentWriteTx& payments() override { return payments_; }
  DocumentWriteTx& documents() override { return documents_; }
  ImportWriteTx& imports() override { return imports_; }

  Status RunNested(const std::function<Status(WriteTx&)>& fn) override {
    ORDO_RETURN_IF_ERROR(conn_.Run("SAVEPOINT nested"));
    const size_t audit_mark = audit_.Mark();
    const size_t outer_stock_mark = stock_undo_mark_;
    stock_undo_mark_ = stock_undo_.size();
    const size_t tally_mark = report_tally_.Mark();
    Status status = fn(*this);
    if (!status.ok()) {
      (void)conn_.Run("ROLLBACK TO nested");
      report_tally_.Truncate(tally_mark);
      audit_.Truncate(audit_mark);
      RestoreStockSince(stock_undo_mark_);
      inventory_.WarehousesChanged();
      customers_.ForgetChannelWindow();
    }
    stock_undo_mark_ = outer_stock_mark;
    Status release = conn_.Run("RELEASE nested");
    return status.ok() ? release : status;
  }

 private:
  static constexpr int64_t kMergeThreshold = 10000;  // orders with pending keys

  // Appends an order's search keys to the pending list, and to the writer's copy of it.
  Status AppendKeys(int64_t order_id, const std::vector<std::string>& keys) {
    ORDO_RETURN_IF_ERROR(AppendSearchKeys(conn_, order_id, keys));
    pending_search_rows_ += 1;
    pending_keys_.Add(order_id, keys);
    return Status::Ok();
  }
  // Records the audit entry of a write that succeeded; the batch writes them before COMMIT.
  void Audit(AuditEntry entry) { audit_.Add(std::move(entry)); }

  // The SKU's levels as this transaction sees them, read from the database on first use. A SKU
  // with unwritten changes is always cached, so a database read is never stale.
  Result<std::vector<StockLevel>*> CachedStock(const std::string& sku) {
    auto cached = stock_.find(sku);
    if (cached == stock_.end()) {
      ORDO_ASSIGN_OR_RETURN(auto loaded, SelectStock(conn_, {sku}));
      cached = stock_.emplace(sku, std::move(loaded[sku])).first;
    }
    return &cached->second;
  }
  // Keeps what the SKU looked like before its first change inside the innermost savepoint.
  void RememberStock(const std::string& sku, const std::vector<StockLevel>& levels) {
    for (size_t i = stock_undo_mark_; i < stock_undo_.size(); ++i) {
      if (stock_undo_[i].sku == sku) {
        return;
      }
    }
    auto dirty = dirty_stock_.find(sku);
    stock_undo_.push_back(
        StockUndo{sku, levels,
                  dirty == dirty_stock_.end() ? std::nullopt : std::make_optional(dirty->second)});
  }
  void RestoreStockSince(size_t mark) {
    while (stock_undo_.size() > mark) {
      StockUndo& undo = stock_undo_.back();
      stock_[undo.sku] = std::move(undo.levels);
      if (undo.dirty) {
        dirty_stock_[undo.sku] = std::move(*undo.dirty);
      } else {
        dirty_stock_.erase(undo.sku);
      }
      stock_undo_.pop_back();
    }
  }

  Connection& conn_;
  const PiiCipher& cipher_;
  // SKUs as read by this writer, the only connection that changes them. Entries are added
  // only from reads, so a rolled-back insert never leaves one behind.
  std::unordered_map<std::string, Sku> skus_;
  // Stock levels as this writer last wrote or read them, by SKU; changes not yet written are
  // in dirty_stock_ (warehouse → time of the last change) until FlushStock.
  std::unordered_map<std::string, std::vector<StockLevel>> stock_;
  std::unordered_map<std::string, std::map<std::string, Timestamp>> dirty_stock_;
  // How to put back the levels changed by the current command; entries from stock_undo_mark_
  // on belong to the innermost savepoint.
  struct StockUndo {
    std::string sku;
    std::vector<StockLevel> levels;
    std::optional<std::map<std::string, Timestamp>> dirty;
  };
  std::vector<StockUndo> stock_undo_;
  size_t stock_undo_mark_ = 0;
  int64_t data_version_ = -1;
  // Per batch: what the search keys of each loaded order are made of (SearchKeyInputs).
  std::unordered_map<int64_t, std::string> loaded_keys_;
  std::unordered_map<int64_t, size_t> loaded_payments_;  // payments each loaded order had
  int64_t pending_search_rows_ = -1;                     // -1: not counted yet
  PendingSearchKeys pending_keys_;                       // order_search_pending, by key
  // Orders and order events written since the reports' last fold; -1: not known (fold at idle).
  int64_t unfolded_writes_ = -1;
  PlacedOrdersTally report_tally_;  // what the orders placed since the fold add to the reports
  size_t command_tally_mark_ = 0;   // the tally's orders before the current command
  void CountUnfolded(int64_t writes) {
    if (unfolded_writes_ >= 0) {
      unfolded_writes_ += writes;
    }
  }
  int32_t sequence_date_ = 0;                            // China date of the last number handed out
  int64_t sequence_ = 0;                                 // last sequence used on that date
  AuditChain audit_;                              // the batch's audit entries, until FlushAudit()
  FulfillmentWriter fulfillment_{conn_, audit_};  // after audit_: it adds to the same chain
  AfterSalesWriter aftersales_{conn_, audit_};
  InventoryWriter inventory_{conn_, audit_, [this](const std::string& code) { skus_.erase(code); }};
  OrderChangeWriter order_changes_{conn_, audit_, cipher_};
  CustomerWriter customers_{conn_, cipher_, audit_, pending_keys_};
  PaymentWriter payments_{conn_, audit_};
  DocumentWriter documents_{conn_, audit_, cipher_};
  ImportWriter imports_{conn_, audit_};
};

// Order numbers: the China Standard Time date and a daily sequence, "20261126000042".
// Gaps (from rolled-back commands) are harmless; uniqueness is also enforced by the table.
Result<std::string> WriterTx::NextOrderNo(Timestamp now) {
  const int32_t date = ChinaDate(now);
  const std::string prefix = std::to_string(date);
  if (date != sequence_date_) {
    ORDO_ASSIGN_OR_RETURN(std::string max_no, SelectMaxOrderNo(conn_, prefix));
    sequence_date_ = date;
    sequence_ = max_no.empty() ? 0 : std::stoll(max_no.substr(prefix.size()));
  }
  ++sequence_;
  std::string digits = std::to_string(sequence_);
  if (digits.size() < 6) {
    digits.insert(0, 6 - digits.size(), '0');
  }
  return prefix + digits;
}

class PooledReadView final : public ReadView {
 public:
  PooledReadView(std::vector<std::unique_ptr<Connection>> connections,
                 std::shared_ptr<const PiiCipher> cipher, std::string data_dir)
      : connections_(std::move(connections)),
        cipher_(std::move(cipher)),
        data_dir_(std::move(data_dir)) {
    for (auto& conn : connections_) {
      free_.push_back(conn.get());
    }
  }

  FulfillmentReadView& fulfillment() override { return fulfillment_; }
  InventoryReadView& inventory() override { return inventory_; }
  AfterSalesReadView& aftersales() override { return aftersales_; }
  OrderChangeReadView& order_changes() override { return order_changes_; }
  CustomerReadView& customers() override { return customers_; }
  PaymentReadView& payments() override { return payments_; }
  DocumentReadView& documents() override { return documents_; }
  ReportReadView& reports() override { return reports_; }
  ImportReadView& imports() override { return imports_; }

  Result<std::optional<Sku>> GetSku(const std::string& code) override {
    return With([&](Connection& c) { return SelectSku(c, code); });
  }
  Result<std::vector<Sku>> ListSkus(const std::string& after_code, int limit) override {
    return With([&](Connection& c) { return SelectSkuPage(c, after_code, limit); });
  }
  Result<std::optional<Warehouse>> GetWarehouse(const std::string& code) override {
    return With([&](Connection& c) { return SelectWarehouse(c, code); });
  }
  Result<std::vector<Warehouse>> ListWarehouses() override {
    return With([&](Connection& c) { return SelectWarehouses(c); });
  }
  Result<StockView> GetStock(const std::string& sku) override {
    return With([&](Connection& c) -> Result<StockView> {
      ORDO_ASSIGN_OR_RETURN(auto levels, SelectStock(c, {sku}));
      return StockView{sku, std::move(levels[sku])};
    });
  }
  Result<std::vector<LedgerEntry>> GetLedger(const std::string& sku, int64_t after_id,
                                             int limit) override {
    return With([&](Connection& c) { return SelectLedger(c, sku, after_id, limit); });
  }
  Result<std::optional<Order>> GetOrder(const std::string& order_no) override {
    return With([&](Connection& c) { return SelectOrder(c, *cipher_, order_no); });
  }
  Result<OrderPage> ListOrders(const OrderFilter& filter) override {
    return With([&](Connection& c) { return SelectOrders(c, *cipher_, filter); });
  }
  Result<std::vector<std::pair<OrderStatus, int64_t>>> CountOrdersByStatus(
      const OrderFilter& filter) override {
    return With(
        [&](Connection& c) { return ordo::sqlite::CountOrdersByStatus(c, *cipher_, filter); });
  }
  Result<OrderDaySummary> SummariseOrders(Timestamp from, Timestamp to,
                                          int64_t zone_offset_ms) override {
    return With([&](Connection& c) { return SelectOrderDaySummary(c, from, to, zone_offset_ms); });
  }
  Result<int64_t> CountLiveCases() override {
    return With([&](Connection& c) { return SelectLiveCaseCount(c); });
  }
  Result<AuditChainCheck> CheckAuditChain() override {
    return With([&](Connection& c) -> Result<AuditChainCheck> {
      // The chain is checked against the signed checkpoints as `ordo audit verify` does.
      Result<std::optional<std::vector<AuditCheckpoint>>> file =
          ReadAuditCheckpoints(AuditCheckpointPath(data_dir_), *cipher_);
      if (!file.ok() && file.status().kind() == Kind::kInvalid) {
        return AuditChainCheck{0, 0, "", false, 0, "anchor", file.status().message()};
      }
      ORDO_RETURN_IF_ERROR(file.status());
      ORDO_ASSIGN_OR_RETURN(AuditReport report, VerifyAuditChain(c, *cipher_, *file));
      AuditChainCheck check{report.entries, report.last_seq, report.head_hash, true, 0, "", ""};
      if (report.problem) {
        check.intact = false;
        check.fault_seq = report.problem->seq;
        check.fault = std::string(AuditFaultName(report.problem->fault));
        check.detail = report.problem->detail;
      }
      return check;
    });
  }
  Result<std::vector<OrderEvent>> GetOrderEvents(const std::string& order_no) override {
    return With([&](Connection& c) { return SelectOrderEvents(c, order_no); });
  }
  Result<std::optional<ApiToken>> FindTokenByHash(const std::string& token_hash) override {
    return With([&](Connection& c) { return SelectTokenByHash(c, token_hash); });
  }
  Result<std::vector<ApiToken>> ListTokens() override {
    return With([&](Connection& c) { return SelectTokens(c); });
  }
  Result<std::vector<AuditEntry>> ListAudit(const std::string& entity, const std::string& entity_id,
                                            int64_t after_seq, int limit) override {
    return With([&](Connection& c) { return SelectAudit(c, entity, entity_id, after_seq, limit); });
  }
  Result<std::optional<User>> GetUser(const std::string& username) override {
    return With([&](Connection& c) { return SelectUser(c, username); });
  }
  Result<std::optional<User>> GetUserById(int64_t id) override {
    return With([&](Connection& c) { return SelectUserById(c, id); });
  }
  Result<std::vector<User>> ListUsers() override {
    return With([&](Connection& c) { return SelectUsers(c); });
  }
  Result<std::optional<Session>> GetSession(const std::string& token_hash) override {
    return With([&](Connection& c) { return SelectSession(c, token_hash); });
  }
  Result<std::vector<Violation>> ListViolations(const ViolationFilter& filter) override {
    return With([&](Connection& c) { return SelectViolations(c, filter); });
  }
  Result<std::optional<Violation>> GetViolation(int64_t id) override {
    return With([&](Connection& c) { return SelectViolation(c, id); });
  }
  Result<std::vector<Sanction>> ListSanctions(const SanctionFilter& filter) override {
    return With([&](Connection& c) { return SelectSanctions(c, filter); });
  }
  Result<std::vector<SanctionChange>> GetSanctionHistory(int64_t sanction_id) override {
    return With([&](Connection& c) { return SelectSanctionHistory(c, sanction_id); });
  }
  Result<std::vector<OrderHistory>> ScanOrderHistories(Timestamp from, Timestamp to,
                                                       int64_t after_id, int limit) override {
    return With([&](Connection& c) { return SelectOrderHistories(c, from, to, after_id, limit); });
  }
  Result<std::vector<LedgerEntry>> ListManualEntries(Timestamp from, Timestamp to) override {
    return With([&](Connection& c) { return SelectManualEntries(c, from, to); });
  }
  Result<std::vector<Attempt>> ListAttempts(Timestamp from, Timestamp to) override {
    return With([&](Connection& c) { return SelectAttempts(c, from, to); });
  }
  bool Ping() override {
    return With([&](Connection& c) -> Result<bool> {
             ORDO_RETURN_IF_ERROR(c.Exec("SELECT 1"));
             return true;
           })
        .ok();
  }

 private:
  // Runs `fn` on a free connection, waiting for one when all are busy.
  template <typename Fn>
  auto With(Fn fn) -> decltype(fn(std::declval<Connection&>())) {
    Connection* conn = nullptr;
    {
      std::unique_lock lock(mutex_);
      available_.wait(lock, [&] { return !free_.empty(); });
      conn = free_.back();
      free_.pop_back();
    }
    auto result = fn(*conn);
    {
      std::lock_guard lock(mutex_);
      free_.push_back(conn);
    }
    available_.notify_one();
    return result;
  }

  std::vector<std::unique_ptr<Connection>> connections_;
  std::shared_ptr<const PiiCipher> cipher_;
  std::string data_dir_;  // where the audit checkpoints are
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Connection*> free_;
  FulfillmentReader fulfillment_{[this](const std::function<Status(Connection&)>& fn) {
    return With([&](Connection& c) { return fn(c); });
  }};
  InventoryReader inventory_{[this](const std::function<Status(Connection&)>& fn) {
    return With([&](Connection& c) { return fn(c); });
  }};
  AfterSalesReader aftersales_{[this](const std::function<Status(Connection&)>& fn) {
    return With([&](Connection& c) { return fn(c); });
  }};
  OrderChangeReader order_changes_{[this](const std::function<Status(Connection&)>& fn) {
                                     return With([&](Connection& c) { return fn(c); });
                                   },
                                   *cipher_};
  CustomerReader customers_{[this](const std::function<Status(Connection&)>& fn) {
                              return With([&](Connection& c) { return fn(c); });
                            },
                            *cipher_};
  PaymentReader payments_{[this](const std::function<Status(Connection&)>& fn) {
    return With([&](Connection& c) { return fn(c); });
  }};
  ImportReader imports_{[this](const std::function<Status(Connection&)>& fn) {
    return With([&](Connection& c) { return fn(c); });
  }};
  DocumentReader documents_{[this](const std::function<Status(Connection&)>& fn) {
                              return With([&](Connection& c) { return fn(c); });
                            },
                            *cipher_};
  ReportReader reports_{[this](const std::function<Status(Connection&)>& fn) {
    return With([&](Connection& c) { return fn(c); });
  }};
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::unique_ptr<Connection> checkpointer,
              std::unique_ptr<PooledReadView> reads, const SqliteOptions& options)
      : writer_(std::move(writer)),
        checkpointer_(std::move(checkpointer)),
        tx_(*writer_, *options.pii_cipher),
        reads_(std::move(reads)),
        options_(options) {
    sqlite3_wal_hook(
        writer_->raw(),
        [](void* frames, sqlite3*, const char*, int count) {
          static_cast<std::atomic<int>*>(frames)->store(count, std::memory_order_relaxed);
          return SQLITE_OK;
        },
        &wal_frames_);
    thread_ = std::thread([this] { RunWriter(); });
    checkpoint_thread_ = std::thread([this] { RunCheckpointer(); });
    completion_thread_ = std::thread([this] { RunCompletions(); });
  }
  ~SqliteStore() override { Shutdown(); }

  void Submit(WriteFn fn, WriteDone done) override {
    {
      std::lock_guard lock(mutex_);
      if (!stopping_) {
        queue_.push_back({std::move(fn), std::move(done)});
        wake_.notify_one();
        return;
      }
    }
    done(Status::Unavailable("the store is shutting down"));
  }

  ReadView& reads() override { return *reads_; }

  StoreStats Stats() const override {
    StoreStats stats;
    stats.transactions = transactions_.load(std::memory_order_relaxed);
    stats.commands = commands_.load(std::memory_order_relaxed);
    std::lock_guard lock(mutex_);
    stats.queue_depth = queue_.size();
    return stats;
  }

  void Shutdown() override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) {
        return;
      }
      stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) {
      thread_.join();
    }
    checkpoint_wake_.notify_one();
    if (checkpoint_thread_.joinable()) {
      checkpoint_thread_.join();
    }
    // Both threads have stopped: anchor the chain's final head on the checkpointer's connection.
    AnchorAudit();
    {
      std::lock_guard lock(completion_mutex_);
      completions_stopping_ = true;
    }
    completion_wake_.notify_one();
    if (completion_thread_.joinable()) {
      completion_thread_.join();
    }
  }

 private:
  struct Pending {
    WriteFn fn;
    WriteDone done;
    Status outcome;
  };

  // How long the writer waits for work before it uses the quiet moment for maintenance.
  static constexpr std::chrono::milliseconds kIdleMaintenanceDelay{200};

  void RunWriter();
  void ApplyBatch(std::vector<Pending>& batch);
  // True when no command waits for the writer (it will be idle after this batch).
  bool QueueEmpty() {
    std::lock_guard lock(mutex_);
    return queue_.empty();
  }
  void MaintainWhileIdle();
  // Checkpoints on its own connection and thread, so the writer never pays for copying pages
  // back into the database (the writer's automatic checkpoints are off).
  void RunCheckpointer();
  // Signs a checkpoint of the audit chain's head (store/sqlite/audit.h); a failure is logged.
  void AnchorAudit();
  // Runs the completion callbacks of committed batches, in commit order, off the writer: a
  // callback posts its answer to a server thread (a wake-up system call each), and its command
  // is freed there too. The writer hands over a whole batch at a time.
  void RunCompletions();

  std::unique_ptr<Connection> writer_;
  std::unique_ptr<Connection> checkpointer_;
  WriterTx tx_;
  std::unique_ptr<PooledReadView> reads_;
  SqliteOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Pending> queue_;
  std::atomic<int> wal_frames_{0};  // frames in the WAL after the writer's last commit
  std::atomic<uint64_t> transactions_{0};
  std::atomic<uint64_t> commands_{0};
  bool stopping_ = false;
  std::thread thread_;
  std::condition_variable checkpoint_wake_;
  std::thread checkpoint_thread_;
  std::mutex completion_mutex_;
  std::condition_variable completion_wake_;
  std::vector<std::vector<Pending>> completions_;  // committed batches, oldest first
  bool completions_stopping_ = false;              // set after the writer has stopped
  std::thread completion_thread_;
};

void SqliteStore::RunWriter() {
  SetThreadName("ordo-writer");
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      const bool woken =
          wake_.wait_for(lock, kIdleMaintenanceDelay, [&] { return stopping_ || !queue_.empty(); });
      if (!woken) {
        lock.unlock();
        MaintainWhileIdle();
        continue;
      }
      if (queue_.empty()) {
        return;  // stopping, and everything queued has been applied
      }
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    ApplyBatch(batch);
    {
      std::lock_guard lock(completion_mutex_);
      completions_.push_back(std::move(batch));
    }
    completion_wake_.notify_one();
    batch = std::vector<Pending>();
  }
}

void SqliteStore::RunCompletions() {
  SetThreadName("ordo-complete");
  std::vector<std::vector<Pending>> ready;
  for (;;) {
    {
      std::unique_lock lock(completion_mutex_);
      completion_wake_.wait(lock, [&] { return completions_stopping_ || !completions_.empty(); });
      if (completions_.empty()) {
        return;  // the writer has stopped and every batch has been answered
      }
      ready.swap(completions_);
    }
    for (std::vector<Pending>& batch : ready) {
      for (Pending& pending : batch) {
        pending.done(pending.outcome);
      }
    }
    ready.clear();
  }
}

void SqliteStore::AnchorAudit() {
  const Status anchored = AnchorAuditHead(*checkpointer_, *options_.pii_cipher, options_.data_dir);
  if (!anchored.ok()) {
    spdlog::error("store: cannot write an audit checkpoint: {}", anchored.message());
  }
}

void SqliteStore::RunCheckpointer() {
  SetThreadName("ordo-checkpoint");
  auto last_anchor = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (checkpoint_wake_.wait_for(lock,
                                    std::chrono::milliseconds(options_.checkpoint_interval_ms),
                                    [&] { return stopping_; })) {
        return;
      }
    }
    int wal_frames = 0;
    int checkpointed = 0;
    const int rc = sqlite3_wal_checkpoint_v2(checkpointer_->raw(), nullptr,
                                             SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &checkpointed);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
      spdlog::warn("store: checkpoint failed: {}", sqlite3_errmsg(checkpointer_->raw()));
    }
    // Off the writer's path: one head read and, when it moved, one signed line a second.
    const auto now = std::chrono::steady_clock::now();
    if (now - last_anchor >= std::chrono::milliseconds(options_.audit_checkpoint_interval_ms)) {
      last_anchor = now;
      AnchorAudit();
    }
  }
}

void SqliteStore::MaintainWhileIdle() {
  if (!writer_->Exec("BEGIN IMMEDIATE").ok()) {
    return;
  }
  Status status = tx_.MaintainSearchIndex(/*idle=*/true);
  if (status.ok()) {
    status = tx_.MaintainReports(/*idle=*/true);
  }
  if (status.ok()) {
    status = writer_->Exec("COMMIT");
  }
  if (!status.ok()) {
    spdlog::warn("store: idle maintenance failed: {}", status.message());
    (void)writer_->Exec("ROLLBACK");
    tx_.ForgetCaches();
  }
}

void SqliteStore::ApplyBatch(std::vector<Pending>& batch) {
  Status begin = writer_->Run("BEGIN IMMEDIATE");
  if (begin.ok()) {
    tx_.ForgetCachesIfChangedElsewhere();
    for (size_t i = 0; i < batch.size(); ++i) {
      tx_.BeginCommand();
      Status savepoint = writer_->Run("SAVEPOINT command");
      const size_t audit_mark = tx_.AuditMark();
      if (!savepoint.ok()) {
        batch[i].outcome = savepoint;
        continue;
      }
      try {
        batch[i].outcome = batch[i].fn(tx_);
      } catch (const std::exception& error) {
        batch[i].outcome = Status::Internal(std::string("command failed: ") + error.what());
      }
      if (!batch[i].outcome.ok()) {
        (void)writer_->Run("ROLLBACK TO command");
        tx_.DropAuditSince(audit_mark);
        tx_.RollBackCommandStock();
      }
      Status release = writer_->Run("RELEASE command");
      if (!release.ok() && batch[i].outcome.ok()) {
        batch[i].outcome = release;
      }
    }
    Status commit = tx_.FlushStock();
    if (commit.ok()) {
      Status maintained = tx_.MaintainSearchIndex(/*idle=*/false);
      if (!maintained.ok()) {
        spdlog::warn("store: search index merge deferred: {}", maintained.message());
        tx_.ForgetSearchCount();
      }
      if (Status folded = tx_.MaintainReports(/*idle=*/QueueEmpty()); !folded.ok()) {
        spdlog::warn("store: reports fold deferred: {}", folded.message());
        tx_.ForgetReportCount();
      }
      commit = tx_.FlushAudit();
    }
    if (commit.ok()) {
      commit = writer_->Run("COMMIT");
    }
    if (!commit.ok()) {
      spdlog::error("store: commit of {} commands failed: {}", batch.size(), commit.message());
      (void)writer_->Run("ROLLBACK");
      tx_.ForgetCaches();
      begin = Status::Unavailable("the store could not commit: " + commit.message());
    }
  } else {
    spdlog::error("store: cannot begin a transaction: {}", begin.message());
    begin = Status::Unavailable("the store is unavailable: " + begin.message());
  }
  transactions_.fetch_add(1, std::memory_order_relaxed);
  commands_.fetch_add(batch.size(), std::memory_order_relaxed);
  if (!begin.ok()) {
    for (Pending& pending : batch) {
      pending.outcome = begin;
    }
  }
  if (begin.ok() && wal_frames_.load(std::memory_order_relaxed) > options_.wal_restart_frames) {
    (void)sqlite3_wal_checkpoint_v2(writer_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                    nullptr);
  }
}

}  // namespace

std::string DatabasePath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "ordo.db").string();
}

Status CreatePrivateDirectory(const std::string& dir) {
  std::error_code ec;
  const bool created = std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Status::Unavailable("cannot create " + dir + ": " + ec.message());
  }
  if (created && ::chmod(dir.c_str(), 0700) != 0) {
    return Status::Unavailable("cannot make " + dir + " private (mode 0700)");
  }
  return Status::Ok();
}

Status MakeDatabaseFilesPrivate(const std::string& data_dir) {
  const std::string path = DatabasePath(data_dir);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    // SQLite creates the write-ahead log and shared-memory files with the database file's mode.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return Status::Unavailable("cannot create " + path);
    }
    ::close(fd);
  }
  for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && (info.st_mode & 0077) != 0 &&
        ::chmod(file.c_str(), 0600) != 0) {
      return Status::Unavailable("cannot make " + file + " private (mode 0600)");
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
  if (options.pii_cipher == nullptr) {
    return Status::Internal("the store needs the personal-data cipher (SqliteOptions.pii_cipher)");
  }
  ORDO_RETURN_IF_ERROR(CreatePrivateDirectory(options.data_dir));
  ORDO_RETURN_IF_ERROR(MakeDatabaseFilesPrivate(options.data_dir));
  const std::string path = DatabasePath(options.data_dir);
  ORDO_ASSIGN_OR_RETURN(auto writer, Connection::Open(path, Connection::Mode::kReadWrite));
  ORDO_RETURN_IF_ERROR(Migrate(*writer));
  ORDO_RETURN_IF_ERROR(writer->Exec("PRAGMA wal_autocheckpoint=0"));
  // Each command runs in a savepoint, whose undo copies of pages go to a statement journal:
  // keep it in memory rather than in a temporary file written page by page.
  ORDO_RETURN_IF_ERROR(writer->Exec("PRAGMA temp_store=MEMORY"));
  // The writer's pages stay cached between batches (its own writes never invalidate them):
  // 64 MiB keeps the upper levels of every index and the recent orders in memory on a large
  // store, where SQLite's 2 MiB default reads them from the file again on each command.
  ORDO_RETURN_IF_ERROR(writer->Exec("PRAGMA cache_size=-65536"));
  ORDO_ASSIGN_OR_RETURN(auto checkpointer, Connection::Open(path, Connection::Mode::kReadWrite));
  // Anchors the head before the first write: it starts the checkpoints of a new or upgraded data
  // directory where keyed hashing starts (and marks them restarted when the file was lost).
  ORDO_RETURN_IF_ERROR(AnchorAuditHead(*checkpointer, *options.pii_cipher, options.data_dir));
  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < options.read_connections; ++i) {
    ORDO_ASSIGN_OR_RETURN(auto reader, Connection::Open(path, Connection::Mode::kReadOnly));
    readers.push_back(std::move(reader));
  }
  auto reads =
      std::make_unique<PooledReadView>(std::move(readers), options.pii_cipher, options.data_dir);
  return std::unique_ptr<Store>(
      new SqliteStore(std::move(writer), std::move(checkpointer), std::move(reads), options));
}

}  // namespace ordo::sqlite
