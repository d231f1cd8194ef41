#include "store/sqlite/audit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <future>
#include <latch>

#include "app/access.h"
#include "app/catalog_commands.h"
#include "app/order_commands.h"
#include "base/enum_names_testing.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::sqlite {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ordo-audit-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    SqliteOptions options;
    options.data_dir = dir_.string();
    options.read_connections = 2;
    PiiCipher::Key key;
    key.fill(7);
    options.pii_cipher = std::make_shared<const PiiCipher>(key);
    auto store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    // These tests count the entries of a hand-driven life cycle: automatic review (app/review.h)
    // is turned off, directly in the table so that turning it off adds no entry of its own.
    Tamper("INSERT INTO settings (key, value, updated_at, updated_by) "
           "VALUES ('auto_review', 'false', 0, 'test')");
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  app::CommandContext Context(std::string actor = "user:clerk") {
    return app::CommandContext{std::move(actor), &clock_};
  }

  // A warehouse, a SKU and a receipt of 10 units: three audit entries.
  void Seed() {
    Warehouse warehouse;
    warehouse.code = "SH-01";
    warehouse.name = "上海仓";
    ASSERT_TRUE(store_
                    ->SubmitAndWait(app::CreateWarehouse(warehouse, Context("user:ops"),
                                                         std::make_shared<Warehouse>()))
                    .ok());
    Sku sku;
    sku.code = "TEA-001";
    sku.name = "西湖龙井";
    sku.price_amount = 6600;
    ASSERT_TRUE(
        store_->SubmitAndWait(app::CreateSku(sku, Context("user:ops"), std::make_shared<Sku>()))
            .ok());
    ASSERT_TRUE(store_
                    ->SubmitAndWait(app::ReceiveStock({"SH-01", "TEA-001", 10, "seed"},
                                                      Context("user:stock"),
                                                      std::make_shared<app::StockOutcome>()))
                    .ok());
  }

  NewOrder Submitted(const std::string& external_id) {
    NewOrder order;
    order.channel = "web";
    order.external_id = external_id;
    order.customer = {"m-1", "欧阳娜娜", "13698765432"};
    order.consignee = {
        "司马相如", "15011112222", {"上海市", "上海市", "浦东新区", "锦绣路4321号 9楼", ""}};
    order.lines = {{"TEA-001", 2, std::nullopt, ""}};
    order.payment_method = "online";
    return order;
  }

  // Places an order (an event and a reservation: two entries) and returns its number.
  std::string Place(const std::string& external_id) {
    auto out = std::make_shared<app::OrderOutcome>();
    Status status = store_->SubmitAndWait(app::PlaceOrder(Submitted(external_id), Context(), out));
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out->order.order_no;
  }

  Status Transition(const std::string& order_no, app::OrderCommand command) {
    return store_->SubmitAndWait(app::TransitionOrder(order_no, std::move(command), std::nullopt,
                                                      Context(),
                                                      std::make_shared<app::OrderOutcome>()));
  }

  std::vector<AuditEntry> All() {
    auto entries = store_->reads().ListAudit("", "", 0, 1000);
    EXPECT_TRUE(entries.ok()) << entries.status().ToString();
    return entries.ok() ? *entries : std::vector<AuditEntry>();
  }

  static PiiCipher::Key Key(unsigned char fill = 7) {
    PiiCipher::Key key;
    key.fill(fill);
    return key;
  }

  AuditReport Verify() {
    auto report = VerifyAuditLog(dir_.string(), PiiCipher(Key()));
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : AuditReport();
  }

  // Tampers with the database as an outsider would: through its own connection.
  void Tamper(const std::string& sql) {
    auto conn = Connection::Open(DatabasePath(dir_.string()), Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    ASSERT_TRUE((*conn)->Exec(sql.c_str()).ok()) << sql;
  }

  // A life cycle of one order: 3 seed entries, 2 for the order, 1 payment, 1 cancellation
  // with its release: 8 entries.
  std::string LifeCycle() {
    Seed();
    const std::string order_no = Place("A-1");
    EXPECT_TRUE(Transition(order_no, app::PaymentInput{"alipay", "TXN-1", 13200}).ok());
    EXPECT_TRUE(Transition(order_no, app::CancelInput{"customer changed mind"}).ok());
    return order_no;
  }

  std::filesystem::path dir_;
  ManualClock clock_{Timestamp{1795689045000}};
  std::unique_ptr<Store> store_;
};

TEST_F(AuditTest, UseCasesWriteAChainThatVerifies) {
  const std::string order_no = LifeCycle();
  const AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  // Receipt, SKU, order and stock entries, and the pending refund of the cancelled paid order.
  EXPECT_EQ(report.entries, 9);
  EXPECT_EQ(report.last_seq, 9);
  EXPECT_EQ(report.head_hash.size(), 3u + 64u) << "k1: and the hex of a keyed BLAKE2b-256";
  EXPECT_TRUE(report.head_hash.starts_with(kKeyedHashPrefix));

  auto order = store_->reads().ListAudit("order", order_no, 0, 100);
  ASSERT_TRUE(order.ok());
  ASSERT_EQ(order->size(), 3u);
  EXPECT_EQ((*order)[0].action, "created");
  EXPECT_EQ((*order)[0].actor, "user:clerk");
  EXPECT_EQ((*order)[0].at.unix_ms, 1795689045000);
  EXPECT_EQ((*order)[0].before, "null");
  EXPECT_NE((*order)[0].after.find(R"("status":"pending_payment")"), std::string::npos);
  EXPECT_EQ((*order)[2].action, "cancel");
  EXPECT_NE((*order)[2].before.find(R"("status":)"), std::string::npos);
  EXPECT_NE((*order)[2].after.find(R"("status":"cancelled")"), std::string::npos);
  EXPECT_NE((*order)[2].after.find(R"("reason":"customer changed mind")"), std::string::npos);

  auto stock = store_->reads().ListAudit("stock", "TEA-001@SH-01", 0, 100);
  ASSERT_TRUE(stock.ok());
  ASSERT_EQ(stock->size(), 3u);
  EXPECT_EQ((*stock)[0].action, "receipt");
  EXPECT_EQ((*stock)[0].actor, "user:stock");
  EXPECT_EQ((*stock)[0].before, R"({"on_hand":0,"reserved":0})");
  EXPECT_EQ((*stock)[0].after,
            R"({"on_hand":10,"reserved":0,"quantity":10,"reason":"seed","order_no":""})");
  EXPECT_EQ((*stock)[1].action, "reservation");
  EXPECT_EQ((*stock)[1].before, R"({"on_hand":10,"reserved":0})");
  EXPECT_EQ((*stock)[2].action, "release");
  EXPECT_EQ((*stock)[2].before, R"({"on_hand":10,"reserved":2})");
  EXPECT_NE((*stock)[2].after.find(R"("on_hand":10,"reserved":0,"quantity":-2)"),
            std::string::npos);

  auto sku = store_->reads().ListAudit("sku", "TEA-001", 0, 100);
  ASSERT_TRUE(sku.ok());
  ASSERT_EQ(sku->size(), 1u);
  EXPECT_EQ((*sku)[0].actor, "user:ops");
  EXPECT_EQ((*sku)[0].action, "create");
  EXPECT_NE((*sku)[0].after.find(R"("price_amount":6600)"), std::string::npos);
}

// At rest an entry keeps its hash as the 32 digest bytes and no copy of the previous hash
// (audit.h); a chain whose older entries hold both as text, as databases written before this
// form do, goes on with compact entries and verifies, and an edited compact entry is found.
TEST_F(AuditTest, EntriesAreStoredCompactAndChainAfterTextualOnes) {
  LifeCycle();
  {
    auto conn = Connection::Open(DatabasePath(dir_.string()), Connection::Mode::kReadOnly);
    ASSERT_TRUE(conn.ok());
    auto rows = (*conn)->Prepare(
        "SELECT count(*), sum(typeof(hash) = 'blob' AND length(hash) = 32), "
        "sum(prev_hash = '') FROM audit_log");
    ASSERT_TRUE(rows.ok());
    Status status;
    ASSERT_TRUE((*rows)->Step(&status));
    EXPECT_EQ((*rows)->Int(0), 9);
    EXPECT_EQ((*rows)->Int(1), 9) << "every hash stored as its 32 bytes";
    EXPECT_EQ((*rows)->Int(2), 9) << "no stored link";
  }
  // The same entries as the earlier form stored them: "k1:" + hex, with the link.
  Tamper(
      "UPDATE audit_log SET prev_hash = coalesce((SELECT 'k1:' || lower(hex(p.hash)) FROM "
      "audit_log p WHERE p.seq = audit_log.seq - 1), '')");
  Tamper("UPDATE audit_log SET hash = 'k1:' || lower(hex(hash))");
  AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  const std::string order_no = Place("A-2");
  ASSERT_TRUE(Transition(order_no, app::CancelInput{"mixed chain"}).ok());
  store_.reset();
  report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.entries, 13);
  EXPECT_EQ(report.head_hash.size(), 3u + 64u);

  Tamper(R"(UPDATE audit_log SET after = '{"status":"completed"}' WHERE seq = 12)");
  report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->seq, 12);
  EXPECT_EQ(report.problem->fault, AuditFault::kAltered);
}

TEST_F(AuditTest, PagesFollowTheSequence) {
  LifeCycle();
  auto first = store_->reads().ListAudit("", "", 0, 3);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 3u);
  auto rest = store_->reads().ListAudit("", "", first->back().seq, 100);
  ASSERT_TRUE(rest.ok());
  ASSERT_EQ(rest->size(), 6u);
  EXPECT_EQ(rest->front().seq, 4);
}

TEST_F(AuditTest, EntriesHoldNoPersonalData) {
  LifeCycle();
  for (const AuditEntry& entry : All()) {
    for (const char* personal :
         {"欧阳娜娜", "司马相如", "13698765432", "15011112222", "锦绣路", "m-1"}) {
      const std::string text = entry.actor + entry.entity_id + entry.before + entry.after;
      EXPECT_EQ(text.find(personal), std::string::npos) << personal << " in seq " << entry.seq;
    }
  }
}

TEST_F(AuditTest, TokensAreRecordedWithoutTheirHash) {
  ApiToken token;
  token.name = "web";
  token.role = "channel";
  token.token_hash = "a1b2c3d4e5f6";
  token.created_at = clock_.Now();
  token.created_by = "cli";
  ASSERT_TRUE(store_->SubmitAndWait([&](WriteTx& tx) { return tx.InsertToken(token); }).ok());
  const std::vector<AuditEntry> entries = All();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].entity, "token");
  EXPECT_EQ(entries[0].entity_id, std::to_string(token.id));
  EXPECT_EQ(entries[0].actor, "cli");
  EXPECT_EQ(entries[0].after, R"({"name":"web","role":"channel"})");
}

TEST_F(AuditTest, AnAlteredEntryIsNamed) {
  LifeCycle();
  Tamper(R"(UPDATE audit_log SET after = '{"status":"completed"}' WHERE seq = 5)");
  const AuditReport report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->seq, 5);
  EXPECT_EQ(report.problem->fault, AuditFault::kAltered);
  EXPECT_EQ(report.entries, 5);
}

TEST_F(AuditTest, ARemovedEntryIsNamedByTheGapItLeaves) {
  LifeCycle();
  Tamper("DELETE FROM audit_log WHERE seq = 4");
  const AuditReport report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->seq, 5);
  EXPECT_EQ(report.problem->fault, AuditFault::kMissing);
}

TEST_F(AuditTest, AnInsertedEntryIsDetected) {
  LifeCycle();
  // Appended after the head with a made-up link.
  Tamper(
      "INSERT INTO audit_log (seq, at, actor, entity, entity_id, action, before, after, "
      "prev_hash, hash) VALUES (10, 0, 'user:eve', 'order', 'X', 'refund', 'null', '{}', "
      "'forged', 'forged')");
  AuditReport report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->seq, 10);
  EXPECT_EQ(report.problem->fault, AuditFault::kBrokenLink);

  // Put in the place of a removed entry, with the removed entry's link and hash.
  Tamper("DELETE FROM audit_log WHERE seq = 10");
  Tamper(
      "INSERT OR REPLACE INTO audit_log (seq, at, actor, entity, entity_id, action, before, "
      "after, prev_hash, hash) SELECT seq, at, 'user:eve', entity, entity_id, action, before, "
      "after, prev_hash, hash FROM audit_log WHERE seq = 3");
  report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->seq, 3);
  EXPECT_EQ(report.problem->fault, AuditFault::kAltered);
}

// Holds the writer inside a command until released, so that what is submitted meanwhile is
// applied as one batch.
std::promise<void> BlockWriter(Store& store) {
  std::promise<void> release;
  auto released = std::make_shared<std::shared_future<void>>(release.get_future().share());
  store.Submit(
      [released](WriteTx&) {
        released->wait();
        return Status::Ok();
      },
      [](const Status&) {});
  return release;
}

TEST_F(AuditTest, AFailedCommandLeavesNoEntryAndTheChainGoesOn) {
  Seed();
  std::promise<void> release = BlockWriter(*store_);
  std::latch done(3);
  std::vector<Status> outcomes(3);
  auto record = [&](int i) {
    return [&, i](const Status& s) {
      outcomes[i] = s;
      done.count_down();
    };
  };
  store_->Submit(
      app::PlaceOrder(Submitted("B-1"), Context(), std::make_shared<app::OrderOutcome>()),
      record(0));
  // Writes a movement (and its entry), then fails: both must vanish from the batch.
  store_->Submit(
      [](WriteTx& tx) -> Status {
        StockLevel level("SH-01", "TEA-001", 10, 0);
        LedgerEntry entry = *level.Receive(5, {"user:mallory", "bogus", "", Timestamp{}});
        EXPECT_TRUE(tx.ApplyMovement(level, entry).ok());
        return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
      },
      record(1));
  store_->Submit(
      app::PlaceOrder(Submitted("B-2"), Context(), std::make_shared<app::OrderOutcome>()),
      record(2));
  release.set_value();
  done.wait();
  EXPECT_TRUE(outcomes[0].ok());
  EXPECT_EQ(outcomes[1].code(), Code::kIllegalTransition);
  EXPECT_TRUE(outcomes[2].ok());
  for (const AuditEntry& entry : All()) {
    EXPECT_NE(entry.actor, "user:mallory") << "seq " << entry.seq;
  }
  AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.entries, 3 + 2 + 2);
  Place("B-3");
  report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.entries, 3 + 2 + 2 + 2);
}

TEST_F(AuditTest, ABatchLargerThanOneInsertChainsInOrder) {
  Seed();
  ASSERT_TRUE(store_
                  ->SubmitAndWait(app::ReceiveStock({"SH-01", "TEA-001", 100, "more"}, Context(),
                                                    std::make_shared<app::StockOutcome>()))
                  .ok());
  std::promise<void> release = BlockWriter(*store_);
  constexpr int kOrders = 40;  // 80 entries: several multi-row INSERTs and single ones
  std::latch done(kOrders);
  std::atomic<int> failures{0};
  for (int i = 0; i < kOrders; ++i) {
    store_->Submit(app::PlaceOrder(Submitted("E-" + std::to_string(i)), Context(),
                                   std::make_shared<app::OrderOutcome>()),
                   [&](const Status& s) {
                     failures += s.ok() ? 0 : 1;
                     done.count_down();
                   });
  }
  release.set_value();
  done.wait();
  EXPECT_EQ(failures.load(), 0);
  const AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.entries, 4 + 2 * kOrders);
  const std::vector<AuditEntry> entries = All();
  ASSERT_EQ(entries.size(), 4u + 2 * kOrders);
  for (size_t i = 4; i < entries.size(); i += 2) {
    EXPECT_EQ(entries[i].entity, "stock") << "a reservation comes before its order's event";
    EXPECT_EQ(entries[i + 1].action, "created");
  }
}

TEST_F(AuditTest, ANestedRollbackLeavesNoEntry) {
  Seed();
  Status status = store_->SubmitAndWait([](WriteTx& tx) -> Status {
    Status nested = tx.RunNested([](WriteTx& inner) -> Status {
      StockLevel level("SH-01", "TEA-001", 10, 0);
      LedgerEntry entry = *level.Receive(5, {"user:mallory", "bogus", "", Timestamp{}});
      ORDO_RETURN_IF_ERROR(inner.ApplyMovement(level, entry));
      return Status::Conflict(Code::kIllegalTransition, "refused on purpose");
    });
    EXPECT_EQ(nested.code(), Code::kIllegalTransition);
    StockLevel level("SH-01", "TEA-001", 10, 0);
    LedgerEntry entry = *level.Receive(1, {"user:stock", "after the nested failure", "", {}});
    return tx.ApplyMovement(level, entry);
  });
  ASSERT_TRUE(status.ok()) << status.ToString();
  const std::vector<AuditEntry> entries = All();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[3].actor, "user:stock");
  const AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
}

TEST_F(AuditTest, AChangeWhoseEntryCannotBeWrittenDoesNotCommit) {
  Seed();
  Tamper("ALTER TABLE audit_log RENAME TO audit_log_away");
  // The movement itself succeeds, but its entry cannot be written when the batch commits: the
  // batch must fail as a whole rather than commit the change unaudited.
  Status status = store_->SubmitAndWait([](WriteTx& tx) -> Status {
    StockLevel level("SH-01", "TEA-001", 10, 0);
    LedgerEntry entry = *level.Receive(5, {"user:stock", "unaudited", "", Timestamp{}});
    return tx.ApplyMovement(level, entry);
  });
  EXPECT_EQ(status.kind(), Kind::kUnavailable) << status.ToString();
  EXPECT_EQ(store_->reads().GetStock("TEA-001")->levels[0].on_hand(), 10);
  Tamper("ALTER TABLE audit_log_away RENAME TO audit_log");
  Place("C-1");
  const AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.entries, 5);
}

TEST_F(AuditTest, AnotherProcessMayAppendBetweenTransactions) {
  Seed();
  {
    // What `ordo token create` does beside a running `ordo serve`: a second store on the file.
    SqliteOptions options;
    options.data_dir = dir_.string();
    options.read_connections = 1;
    PiiCipher::Key key;
    key.fill(7);
    options.pii_cipher = std::make_shared<const PiiCipher>(key);
    auto other = OpenSqliteStore(options);
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    ASSERT_TRUE((*other)
                    ->SubmitAndWait(app::CreateToken("auditor", "it", Context("cli"),
                                                     std::make_shared<app::TokenOutcome>()))
                    .ok());
  }
  Place("D-1");
  const AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.entries, 3 + 1 + 2);
}

TEST_F(AuditTest, TheChainIsKeyedAndAnchoredOutsideTheDatabase) {
  LifeCycle();
  store_.reset();  // a clean stop signs the final head
  const AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.keyed_from, 1);
  EXPECT_GE(report.last_seq, 8);
  EXPECT_EQ(report.anchored_seq, report.last_seq) << "the final head is vouched for";
  auto conn = Connection::Open(DatabasePath(dir_.string()), Connection::Mode::kReadOnly);
  ASSERT_TRUE(conn.ok());
  auto stmt = (*conn)->Prepare(
      "SELECT 'k1:' || lower(hex(hash)) FROM audit_log ORDER BY seq DESC LIMIT 1");
  ASSERT_TRUE(stmt.ok());
  Status status;
  ASSERT_TRUE((*stmt)->Step(&status));
  EXPECT_EQ((*stmt)->Text(0), report.head_hash) << "the keyed hash's bytes";
  // Another master key cannot check it: the hashes need the key.
  auto other = VerifyAuditLog(dir_.string(), PiiCipher(Key(8)));
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(other->problem);
  EXPECT_EQ(other->problem->fault, AuditFault::kAnchor) << other->problem->detail;
}

TEST_F(AuditTest, RemovingTheNewestEntriesIsDetectedAsTruncation) {
  LifeCycle();
  store_.reset();
  Tamper("DELETE FROM audit_log WHERE seq >= 7");
  const AuditReport report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->fault, AuditFault::kTruncated) << report.problem->detail;
  EXPECT_EQ(report.problem->seq, 7);
}

TEST_F(AuditTest, AChainRewrittenWithRecomputedHashesIsDetected) {
  LifeCycle();
  store_.reset();
  // Whoever can write the file but lacks the key recomputes the chain after an edit: unkeyed.
  Tamper(R"(UPDATE audit_log SET after = '{"status":"completed"}' WHERE seq = 5)");
  auto conn = Connection::Open(DatabasePath(dir_.string()), Connection::Mode::kReadWrite);
  ASSERT_TRUE(conn.ok());
  auto read = (*conn)->Prepare(
      "SELECT seq, at, actor, entity, entity_id, action, before, after FROM audit_log "
      "ORDER BY seq");
  ASSERT_TRUE(read.ok());
  std::vector<AuditEntry> entries;
  Status status;
  while ((*read)->Step(&status)) {
    entries.push_back(AuditEntry{(*read)->Int(0), Timestamp{(*read)->Int(1)}, (*read)->Text(2),
                                 (*read)->Text(3), (*read)->Text(4), (*read)->Text(5),
                                 (*read)->Text(6), (*read)->Text(7)});
  }
  read->reset();
  std::string prev;
  for (const AuditEntry& entry : entries) {
    const std::string hash = AuditHash(prev, entry);
    Tamper("UPDATE audit_log SET prev_hash = '" + prev + "', hash = '" + hash +
           "' WHERE seq = " + std::to_string(entry.seq));
    prev = hash;
  }
  AuditReport report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->seq, 1);
  EXPECT_EQ(report.problem->fault, AuditFault::kAltered) << "keyed from seq 1: needs the key";
  // Even claiming the chain was never keyed does not help: the checkpoints disagree.
  Tamper("UPDATE audit_anchor SET keyed_from = 1000");
  report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->fault, AuditFault::kRewritten) << report.problem->detail;
}

TEST_F(AuditTest, AnUpgradedChainKeepsItsUnkeyedEntriesAndKeysTheNewOnes) {
  LifeCycle();
  store_.reset();
  // As a database written before the chain was keyed: unkeyed hashes, no anchor, no checkpoints.
  Tamper("DROP TABLE audit_anchor");
  std::filesystem::remove(AuditCheckpointPath(dir_.string()));
  {
    auto conn = Connection::Open(DatabasePath(dir_.string()), Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok());
    auto read = (*conn)->Prepare(
        "SELECT seq, at, actor, entity, entity_id, action, before, after FROM audit_log "
        "ORDER BY seq");
    ASSERT_TRUE(read.ok());
    std::string prev;
    Status status;
    std::vector<std::string> updates;
    while ((*read)->Step(&status)) {
      const AuditEntry entry{
          (*read)->Int(0),  Timestamp{(*read)->Int(1)}, (*read)->Text(2), (*read)->Text(3),
          (*read)->Text(4), (*read)->Text(5),           (*read)->Text(6), (*read)->Text(7)};
      const std::string hash = AuditHash(prev, entry);
      updates.push_back("UPDATE audit_log SET prev_hash = '" + prev + "', hash = '" + hash +
                        "' WHERE seq = " + std::to_string(entry.seq));
      prev = hash;
    }
    read->reset();
    for (const std::string& sql : updates) {
      ASSERT_TRUE((*conn)->Exec(sql.c_str()).ok());
    }
  }
  AuditReport legacy = Verify();
  EXPECT_FALSE(legacy.problem) << "a chain from before the key verifies as it was";
  EXPECT_EQ(legacy.keyed_from, 0);
  // What the migration does on such a database: keyed from the seq after its last entry.
  Tamper(
      "CREATE TABLE audit_anchor (id INTEGER PRIMARY KEY, keyed_from INTEGER NOT NULL); "
      "INSERT INTO audit_anchor SELECT 1, coalesce(max(seq), 0) + 1 FROM audit_log");
  SqliteOptions options;
  options.data_dir = dir_.string();
  options.read_connections = 1;
  options.pii_cipher = std::make_shared<const PiiCipher>(Key());
  auto reopened = OpenSqliteStore(options);  // anchors the unkeyed head, seq 8
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  Place("U-1");
  store_.reset();
  const AuditReport report = Verify();
  EXPECT_FALSE(report.problem) << report.problem->detail;
  EXPECT_EQ(report.keyed_from, legacy.last_seq + 1);
  EXPECT_EQ(report.last_seq, legacy.last_seq + 2) << "an order: its event and reservation";
  EXPECT_EQ(report.anchored_seq, report.last_seq);
}

TEST_F(AuditTest, ALostCheckpointFileIsStartedAgainAndReported) {
  LifeCycle();
  store_.reset();
  std::filesystem::remove(AuditCheckpointPath(dir_.string()));
  AuditReport report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->fault, AuditFault::kAnchor);
  SqliteOptions options;
  options.data_dir = dir_.string();
  options.read_connections = 1;
  options.pii_cipher = std::make_shared<const PiiCipher>(Key());
  auto reopened = OpenSqliteStore(options);
  ASSERT_TRUE(reopened.ok()) << "the server still starts";
  (*reopened).reset();
  report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->fault, AuditFault::kAnchor) << "and the restart stays on record";
  // An altered checkpoint line is an anchor fault too.
  std::ofstream(AuditCheckpointPath(dir_.string()), std::ios::app) << "9 k1:x 0 1 0 beef\n";
  report = Verify();
  ASSERT_TRUE(report.problem);
  EXPECT_EQ(report.problem->fault, AuditFault::kAnchor);
}

TEST(AuditHashTest, DependsOnEveryFieldAndTheLink) {
  const AuditEntry entry{1, Timestamp{5}, "a", "order", "N", "created", "null", "{}"};
  const std::string hash = AuditHash("", entry);
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(hash, AuditHash("", entry));
  EXPECT_NE(hash, AuditHash("x", entry));
  AuditEntry moved = entry;
  moved.actor = "ao";
  moved.entity = "rder";  // the same bytes in sequence: the lengths keep them apart
  EXPECT_NE(hash, AuditHash("", moved));
  AuditEntry later = entry;
  later.at = Timestamp{6};
  EXPECT_NE(hash, AuditHash("", later));
}

TEST(AuditFaultNames, EveryFaultHasOneName) {
  EXPECT_EQ(testing_enums::NameTableProblems<AuditFault>(), "");
  EXPECT_EQ(AuditFaultName(AuditFault::kBrokenLink), "broken_link");
}

}  // namespace
}  // namespace ordo::sqlite
