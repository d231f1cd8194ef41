// The interfaces the application needs from persistence. One implementation per engine lives in
// a subfolder (sqlite/ now; postgres/ later); app/ and domain/ see only this header.
//
// Writes: every state change is a WriteFn submitted to the store's single writer. The writer
// drains its queue and applies many WriteFns in one transaction (group commit), each inside its
// own savepoint: a WriteFn that returns an error is rolled back alone, the others commit. The
// completion callback runs, on the writer thread, only after the transaction is durable (or has
// failed as a whole, in which case every callback of the batch gets the failure). Callbacks must
// be quick: hand work back to another executor.
//
// Reads: ReadView methods are thread-safe and run on a pool of read-only connections; they see
// every transaction whose completion callback has run.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/audit/records.h"
#include "domain/audit/sanction.h"
#include "domain/audit/violation.h"
#include "domain/catalog/catalog.h"
#include "domain/inventory/stock.h"
#include "domain/order/order.h"
#include "domain/staff/account.h"
#include "store/aftersales_store.h"
#include "store/customer_store.h"
#include "store/document_store.h"
#include "store/fulfillment_store.h"
#include "store/import_store.h"
#include "store/inventory_store.h"
#include "store/order_change_store.h"
#include "store/payment_store.h"
#include "store/report_store.h"

namespace ordo {

// A stored response to an Idempotency-Key, scoped to the caller that sent it.
struct IdempotencyRecord {
  std::string scope;  // the principal, e.g. "token:12"
  std::string key;
  std::string request_hash;
  int status = 0;
  std::string body;
  std::string headers;  // "Name: value\n" lines, e.g. ETag and Location.
  Timestamp at;
};

struct ApiToken {
  int64_t id = 0;
  std::string name;
  std::string role;
  std::string token_hash;  // hex of a keyed BLAKE2b of the secret token
  Timestamp created_at;
  bool revoked = false;
  std::string created_by;  // the actor; recorded in the audit trail, not in the token's row
  // The token stops working at this time; nullopt only for tokens made before expiry existed
  // (the migration gave those one too).
  std::optional<Timestamp> expires_at;
  // A staff member's token: it acts as that account (role, name) and dies with it (disabled,
  // deleted). 0 for a service or channel token.
  int64_t user_id = 0;
  std::optional<Timestamp> revoked_at;
  std::string revoked_by;
};

struct OrderFilter {
  std::optional<OrderStatus> status;
  std::string q;  // order number or external id, exact or prefix
  std::string phone;
  std::string member_id;
  std::string consignee;
  std::string channel;
  std::optional<Timestamp> created_from;
  std::optional<Timestamp> created_to;
  std::optional<int> priority;
  std::string payment_method;   // "online" or "cod"; empty: either
  std::optional<bool> on_hold;  // held by a blocking abnormal case, or not
  std::string warehouse;        // a line is allocated from this warehouse
  int limit = 50;
  int64_t after_id = 0;  // cursor: orders with id < after_id when non-zero (newest first)
};

struct OrderPage {
  std::vector<Order> orders;
  int64_t next_after_id = 0;  // 0 on the last page
};

// Orders placed in a period, for the console's dashboard (GET /api/v1/dashboard).
struct OrderDaySummary {
  struct Channel {
    std::string channel;
    int64_t orders = 0;
    int64_t amount = 0;  // fen, the sum of the orders' totals
  };
  int64_t orders = 0;
  int64_t amount = 0;                 // fen
  std::array<int64_t, 24> by_hour{};  // by hour of the day in the zone asked for
  std::vector<Channel> by_channel;    // by channel name
};

// The outcome of checking the audit trail's hash chain (`ordo audit verify`).
struct AuditChainCheck {
  int64_t entries = 0;  // entries read, up to and including a faulty one
  int64_t last_seq = 0;
  std::string head_hash;  // the hash of the last entry
  bool intact = true;
  int64_t fault_seq = 0;  // when not intact: the first entry found wrong
  std::string fault;      // an AuditFaultName ("altered", "missing", …) or "anchor"
  std::string detail;
};

struct StockView {
  std::string sku;
  std::vector<StockLevel> levels;  // one per warehouse holding a row, by warehouse code
};

// One entry of the audit trail (domain.md AUD-1): who changed what, when, from what to what.
// `before` and `after` are JSON texts ("null" when the entity did not exist before). They never
// hold personal data (names, phones, addresses).
struct AuditEntry {
  int64_t seq = 0;  // assigned by the store: the entry's place in the tamper-evident chain
  Timestamp at;
  std::string actor;
  std::string entity;     // "order", "stock", "sku", "warehouse", "token"
  std::string entity_id;  // order number, "SKU@WAREHOUSE", SKU or warehouse code, token id
  std::string action;     // the order event's type, the movement's type, or "create"
  std::string before;
  std::string after;
};

// Supervision (domain.md AUD-2): filters of the violation and penalty/reward lists.
struct ViolationFilter {
  std::string actor;
  std::string department;
  std::optional<ViolationType> type;
  std::optional<Timestamp> from;  // at >= from
  std::optional<Timestamp> to;    // at < to
  int limit = 50;
  int64_t before_id = 0;  // cursor: violations with id < before_id when non-zero (newest first)
};

struct SanctionFilter {
  SanctionCategory category = SanctionCategory::kPenalty;
  std::string person;
  std::optional<ProposalState> state;
  int limit = 50;
  int64_t before_id = 0;  // cursor, newest first
};

// One step of a penalty's or reward's history: proposed, then approved or rejected.
struct SanctionChange {
  ProposalState state = ProposalState::kProposed;
  std::string actor;
  Timestamp at;
  std::string reason;
};

// Everything a WriteFn may read or change, inside the writer's transaction. The writes of
// orders' events, stock movements, SKUs, warehouses and tokens also append their audit entries
// (AuditEntry) in the same transaction; the actor and time come from the records themselves.
class WriteTx {
 public:
  virtual ~WriteTx() = default;

  virtual Result<std::optional<Sku>> FindSku(const std::string& code) = 0;
  // Loads the named SKUs that exist, keyed by code.
  virtual Result<std::map<std::string, Sku>> FindSkus(const std::vector<std::string>& codes) = 0;
  virtual Status InsertSku(Sku& sku) = 0;  // Assigns sku.id; kAlreadyExists on a taken code.

  virtual Result<std::optional<Warehouse>> FindWarehouse(const std::string& code) = 0;
  virtual Status InsertWarehouse(Warehouse& warehouse) = 0;

  // Every stock level of each named SKU (warehouses without a row are absent).
  virtual Result<std::map<std::string, std::vector<StockLevel>>> LoadStock(
      const std::vector<std::string>& skus) = 0;
  // Writes the level and appends its ledger entry (assigning entry.id); both or neither.
  virtual Status ApplyMovement(const StockLevel& level, LedgerEntry& entry) = 0;

  virtual Result<std::optional<Order>> FindOrder(const std::string& order_no) = 0;
  virtual Result<std::optional<Order>> FindOrderByExternalId(const std::string& channel,
                                                             const std::string& external_id) = 0;
  // A new, unique, human-friendly order number for an order created at `now`.
  virtual Result<std::string> NextOrderNo(Timestamp now) = 0;
  virtual Status InsertOrder(Order& order) = 0;  // Assigns order.id.
  // Saves the order; refuses with kVersionMismatch unless the stored version is
  // `expected_version` (the version the order had when it was loaded).
  virtual Status UpdateOrder(const Order& order, int64_t expected_version) = 0;
  virtual Status AppendOrderEvents(const Order& order, const std::vector<OrderEvent>& events) = 0;

  virtual Result<std::optional<IdempotencyRecord>> FindIdempotency(const std::string& scope,
                                                                   const std::string& key) = 0;
  virtual Status SaveIdempotency(const IdempotencyRecord& record) = 0;

  virtual Status InsertToken(ApiToken& token) = 0;
  virtual Result<std::optional<ApiToken>> FindToken(int64_t id) = 0;
  // Marks the token revoked (revoked_at, revoked_by set by the caller); audited ("token", id,
  // "revoke"). A revoked token never works again.
  virtual Status RevokeToken(const ApiToken& token) = 0;
  // Revokes every live token of the account, each audited; returns how many.
  virtual Result<int> RevokeUserTokens(int64_t user_id, const std::string& actor, Timestamp at) = 0;

  virtual Result<std::optional<User>> FindUser(const std::string& username) = 0;
  virtual Status InsertUser(User& user) = 0;  // Assigns user.id.
  virtual Status UpdateUser(const User& user) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  virtual Status InsertSession(const Session& session) = 0;
  virtual Status UpdateSession(const Session& session) = 0;  // never un-revokes
  virtual Status RevokeUserSessions(int64_t user_id) = 0;
  // Appends an entry the use case composed itself (account and session changes, whose records
  // carry no actor), in the same transaction; `entry.seq` is assigned at commit.
  virtual Status RecordAudit(AuditEntry entry) = 0;

  // --- Supervision (domain.md AUD-2). Each write below appends its audit entry. ---
  // Records a refused attempt in the audit trail (entity "attempt", id the order number or the
  // request path); nothing else is written.
  virtual Status RecordAttempt(const Attempt& attempt) = 0;
  // Stores the violations whose key (type, entity, entity_id, actor, occurrence) is not stored
  // yet, assigning their ids; the others are left as they are, with id 0. Returns, per
  // violation, whether it was new.
  virtual Result<std::vector<bool>> InsertViolations(std::vector<Violation>& violations) = 0;
  virtual Result<std::optional<Violation>> FindViolation(int64_t id) = 0;
  // Stores a proposed penalty or reward with its first history entry (assigns sanction.id).
  // kAlreadyExists when its violation already has a penalty that is not rejected, or when its
  // person already has a reward for its period.
  virtual Status InsertSanction(Sanction& sanction) = 0;
  virtual Result<std::optional<Sanction>> FindSanction(SanctionCategory category, int64_t id) = 0;
  // The penalties or rewards matching `filter`, newest first (the same as ReadView's list, as
  // this transaction sees them).
  virtual Result<std::vector<Sanction>> FindSanctions(const SanctionFilter& filter) = 0;
  // Saves the decision of a proposed sanction and appends it to its history; kConflict
  // (already_decided) when the stored sanction is no longer proposed.
  virtual Status SaveSanctionDecision(const Sanction& sanction) = 0;

  // Runs `fn` in a nested savepoint: when it fails, its changes are rolled back and its Status
  // returned, while the enclosing command goes on (used to record an idempotent failure).
  virtual Status RunNested(const std::function<Status(WriteTx&)>& fn) = 0;

  // Settings, abnormal cases, waves, shipments, tracking (store/fulfillment_store.h), in this
  // same transaction.
  virtual FulfillmentWriteTx& fulfillment() = 0;
  // Allocation rules, backorders, replenishment, refunds, stocktakes (store/inventory_store.h),
  // in this same transaction.
  virtual InventoryWriteTx& inventory() = 0;
  // After-sales cases (store/aftersales_store.h), in this same transaction.
  virtual AfterSalesWriteTx& aftersales() = 0;
  // Change requests waiting for the warehouse (store/order_change_store.h), in this same
  // transaction.
  virtual OrderChangeWriteTx& order_changes() = 0;
  // Customers, complaints and the history automatic review reads (store/customer_store.h), in
  // this same transaction.
  virtual CustomerWriteTx& customers() = 0;
  // Refund execution and payment reminders (store/payment_store.h), in this same transaction.
  virtual PaymentWriteTx& payments() = 0;
  // The document archive: grants, reads under them, destructions (store/document_store.h), in
  // this same transaction. Documents themselves are archived by the store with the writes that
  // produce them.
  virtual DocumentWriteTx& documents() = 0;
  // Order imports and their per-row results (store/import_store.h), in this same transaction.
  virtual ImportWriteTx& imports() = 0;
};

using WriteFn = std::function<Status(WriteTx&)>;
using WriteDone = std::function<void(const Status&)>;

// Read access, safe from any thread.
class ReadView {
 public:
  virtual ~ReadView() = default;
  virtual Result<std::optional<Sku>> GetSku(const std::string& code) = 0;
  virtual Result<std::vector<Sku>> ListSkus(const std::string& after_code, int limit) = 0;
  virtual Result<std::optional<Warehouse>> GetWarehouse(const std::string& code) = 0;
  virtual Result<std::vector<Warehouse>> ListWarehouses() = 0;
  virtual Result<StockView> GetStock(const std::string& sku) = 0;
  virtual Result<std::vector<LedgerEntry>> GetLedger(const std::string& sku, int64_t after_id,
                                                     int limit) = 0;
  virtual Result<std::optional<Order>> GetOrder(const std::string& order_no) = 0;
  virtual Result<OrderPage> ListOrders(const OrderFilter& filter) = 0;
  // The orders matching `filter` (its status, cursor and limit ignored) counted per status,
  // statuses without orders left out. Without a search key it reads only the status index (and
  // whatever the other conditions need); with one, the few orders found.
  virtual Result<std::vector<std::pair<OrderStatus, int64_t>>> CountOrdersByStatus(
      const OrderFilter& filter) = 0;
  // The orders created with from <= created_at < to (through the index on created_at), their
  // hours taken in a zone `zone_offset_ms` ahead of UTC.
  virtual Result<OrderDaySummary> SummariseOrders(Timestamp from, Timestamp to,
                                                  int64_t zone_offset_ms) = 0;
  // Abnormal cases still open or assigned (through the index on their status).
  virtual Result<int64_t> CountLiveCases() = 0;
  // Reads the whole audit trail in one snapshot and checks its hash chain (its cost grows with
  // the trail: an explicit check, not a page's read).
  virtual Result<AuditChainCheck> CheckAuditChain() = 0;
  virtual Result<std::vector<OrderEvent>> GetOrderEvents(const std::string& order_no) = 0;
  virtual Result<std::optional<ApiToken>> FindTokenByHash(const std::string& token_hash) = 0;
  // Every token, newest first, without its hash.
  virtual Result<std::vector<ApiToken>> ListTokens() = 0;
  // Audit entries with seq > after_seq, oldest first. An empty `entity` lists every entity, an
  // empty `entity_id` every entry of `entity`.
  virtual Result<std::vector<AuditEntry>> ListAudit(const std::string& entity,
                                                    const std::string& entity_id, int64_t after_seq,
                                                    int limit) = 0;
  virtual Result<std::optional<User>> GetUser(const std::string& username) = 0;
  virtual Result<std::optional<User>> GetUserById(int64_t id) = 0;
  virtual Result<std::vector<User>> ListUsers() = 0;
  virtual Result<std::optional<Session>> GetSession(const std::string& token_hash) = 0;

  // --- Supervision (domain.md AUD-2, AUD-3) ---
  virtual Result<std::vector<Violation>> ListViolations(const ViolationFilter& filter) = 0;
  virtual Result<std::optional<Violation>> GetViolation(int64_t id) = 0;
  virtual Result<std::vector<Sanction>> ListSanctions(const SanctionFilter& filter) = 0;
  virtual Result<std::vector<SanctionChange>> GetSanctionHistory(int64_t sanction_id) = 0;
  // The histories (without personal data) of the orders that may hold supervision facts dated in
  // [from, to): those created before `to` and changed since `from`, and those still waiting in
  // review or fulfilment. By order id, after `after_id`, at most `limit`.
  virtual Result<std::vector<OrderHistory>> ScanOrderHistories(Timestamp from, Timestamp to,
                                                               int64_t after_id, int limit) = 0;
  // Receipts, returns, adjustments and stocktakes with from <= at < to, by ledger id.
  virtual Result<std::vector<LedgerEntry>> ListManualEntries(Timestamp from, Timestamp to) = 0;
  // Refused attempts recorded with from <= at < to, by audit seq.
  virtual Result<std::vector<Attempt>> ListAttempts(Timestamp from, Timestamp to) = 0;
  // True when the store answers a trivial query.
  virtual bool Ping() = 0;
  // Settings, abnormal cases, waves, shipments, tracking (store/fulfillment_store.h).
  virtual FulfillmentReadView& fulfillment() = 0;
  // Ledger filters, backorders, replenishment, stocktakes, the stock check and alerts.
  virtual InventoryReadView& inventory() = 0;
  // After-sales cases and the confirmed ones supervision reads.
  virtual AfterSalesReadView& aftersales() = 0;
  // Change requests of an order (store/order_change_store.h).
  virtual OrderChangeReadView& order_changes() = 0;
  // Customers, complaints and the review queue (store/customer_store.h).
  virtual CustomerReadView& customers() = 0;
  // Refunds for finance, the unpaid orders the timers act on (store/payment_store.h).
  virtual PaymentReadView& payments() = 0;
  // Archived documents, grants and destructions (store/document_store.h).
  virtual DocumentReadView& documents() = 0;
  // The summary rows of reports (store/report_store.h).
  virtual ReportReadView& reports() = 0;
  // Order imports and their per-row results (store/import_store.h).
  virtual ImportReadView& imports() = 0;
};

// Counters of the writer, for /metrics.
struct StoreStats {
  uint64_t transactions = 0;  // committed (or failed) batches
  uint64_t commands = 0;      // WriteFns applied
  uint64_t queue_depth = 0;   // WriteFns waiting now
};

class Store {
 public:
  virtual ~Store() = default;
  // Thread-safe.
  virtual StoreStats Stats() const = 0;
  // Queues `fn` for the writer. `done` runs once, after the outcome is durable.
  virtual void Submit(WriteFn fn, WriteDone done) = 0;
  // Submits and waits: for the command line, the demo loader and tests.
  Status SubmitAndWait(WriteFn fn);
  virtual ReadView& reads() = 0;
  // Stops accepting writes, drains the queue and joins the writer.
  virtual void Shutdown() = 0;
};

}  // namespace ordo
