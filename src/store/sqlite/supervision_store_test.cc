// The supervision SQL (supervision_queries.cc) through the store and the app use cases:
// violations stored once, penalties decided once with their history, the records the detectors
// read, and the audit trail of all of it.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/catalog_commands.h"
#include "app/order_commands.h"
#include "app/supervision.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::sqlite {
namespace {

class SupervisionStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("ordo-supervision-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    PiiCipher::Key key;
    key.fill(3);
    SqliteOptions options;
    options.data_dir = dir_.string();
    options.read_connections = 2;
    options.pii_cipher = std::make_shared<const PiiCipher>(key);
    auto store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    // The histories here are driven by hand: automatic review (app/review.h) is off.
    ASSERT_TRUE(store_
                    ->SubmitAndWait([](WriteTx& tx) {
                      return tx.fulfillment().SaveSetting(
                          {"auto_review", "true", "false", "system", {}});
                    })
                    .ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  app::CommandContext As(const std::string& actor) { return {actor, &clock_}; }
  Status Run(WriteFn fn) { return store_->SubmitAndWait(std::move(fn)); }

  void SeedStock() {
    Warehouse warehouse;
    warehouse.code = "SH-01";
    warehouse.name = "上海仓";
    ASSERT_TRUE(
        Run(app::CreateWarehouse(warehouse, As("user:admin"), std::make_shared<Warehouse>())).ok());
    Sku sku;
    sku.code = "TEA-001";
    sku.name = "西湖龙井";
    sku.price_amount = 6600;
    ASSERT_TRUE(Run(app::CreateSku(sku, As("user:admin"), std::make_shared<Sku>())).ok());
    ASSERT_TRUE(Run(app::ReceiveStock({"SH-01", "TEA-001", 100, "delivery note 7"}, As("user:bob"),
                                      std::make_shared<app::StockOutcome>()))
                    .ok());
  }

  Order Place(const std::string& service) {
    NewOrder order;
    order.channel = "web";
    order.external_id = "E-" + service;
    order.customer = {"m-1", "张三", "13812345678"};
    order.consignee = {
        "张三", "13812345678", {"上海市", "上海市", "浦东新区", "世纪大道100号 8楼", ""}};
    order.lines = {{"TEA-001", 1, std::nullopt, ""}};
    order.payment_method = "online";
    order.shipping_service = service;
    auto out = std::make_shared<app::OrderOutcome>();
    EXPECT_TRUE(Run(app::PlaceOrder(order, As("token:web"), out)).ok());
    return out->order;
  }

  void Move(const Order& order, app::OrderCommand command, const std::string& actor) {
    Status status = Run(app::TransitionOrder(order.order_no, std::move(command), std::nullopt,
                                             As(actor), std::make_shared<app::OrderOutcome>()));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  Violation Breach(const std::string& actor, const std::string& order_no) {
    Violation violation = MakeViolation(ViolationType::kTimeLimitBreach, actor, "order", order_no,
                                        "ship", clock_.Now());
    violation.explanation = "shipped late";
    violation.details = {{"limit", "1d"}};
    return violation;
  }

  std::vector<AuditEntry> Audit(const std::string& entity) {
    return store_->reads().ListAudit(entity, "", 0, 100).value();
  }

  std::filesystem::path dir_;
  ManualClock clock_{Timestamp{1'794'268'800'000}};  // 2026-11-10T00:00:00Z
  std::unique_ptr<Store> store_;
};

TEST_F(SupervisionStoreTest, ViolationsAreStoredOnceAndAudited) {
  auto first = std::make_shared<app::DetectionOutcome>();
  ASSERT_TRUE(Run(app::StoreViolations({Breach("user:wang", "A1"), Breach("user:li", "A2")},
                                       As("user:auditor"), first))
                  .ok());
  ASSERT_EQ(first->created.size(), 2u);
  EXPECT_GT(first->created[0].id, 0);
  auto again = std::make_shared<app::DetectionOutcome>();
  ASSERT_TRUE(Run(app::StoreViolations({Breach("user:wang", "A1"), Breach("user:wang", "A3")},
                                       As("user:auditor"), again))
                  .ok());
  EXPECT_EQ(again->found, 2);
  ASSERT_EQ(again->created.size(), 1u);  // A1 by wang was stored already
  EXPECT_EQ(again->created[0].entity_id, "A3");

  ViolationFilter by_wang;
  by_wang.actor = "user:wang";
  std::vector<Violation> wang = store_->reads().ListViolations(by_wang).value();
  ASSERT_EQ(wang.size(), 2u);
  EXPECT_EQ(wang[0].entity_id, "A3");  // newest first
  EXPECT_EQ(wang[1].details, (Details{{"limit", "1d"}}));
  EXPECT_EQ(wang[1].detected_by, "user:auditor");
  by_wang.before_id = wang[0].id;
  EXPECT_EQ(store_->reads().ListViolations(by_wang)->size(), 1u);
  ViolationFilter later;
  later.from = clock_.Now().PlusMs(1);
  EXPECT_TRUE(store_->reads().ListViolations(later)->empty());
  EXPECT_EQ(Audit("violation").size(), 3u);
}

TEST_F(SupervisionStoreTest, APenaltyIsDecidedOnceWithItsHistory) {
  auto detected = std::make_shared<app::DetectionOutcome>();
  ASSERT_TRUE(
      Run(app::StoreViolations({Breach("user:wang", "A1")}, As("user:auditor"), detected)).ok());
  SanctionProposal proposal;
  proposal.kind = "fine";
  proposal.amount = 5000;
  proposal.violation_id = detected->created.at(0).id;
  auto penalty = std::make_shared<Sanction>();
  ASSERT_TRUE(Run(app::ProposePenalty(proposal, As("user:auditor"), penalty)).ok());
  EXPECT_EQ(penalty->person, "user:wang");
  // A second penalty of the same violation waits until the first is rejected.
  const Status twice =
      Run(app::ProposePenalty(proposal, As("user:auditor"), std::make_shared<Sanction>()));
  EXPECT_EQ(twice.code(), Code::kAlreadyExists) << twice.ToString();

  const Status self = Run(
      app::DecidePenalty(penalty->id, true, "", As("user:auditor"), std::make_shared<Sanction>()));
  EXPECT_EQ(self.code(), Code::kSelfApproval);
  clock_.AdvanceMs(60'000);
  auto decided = std::make_shared<Sanction>();
  ASSERT_TRUE(Run(app::DecidePenalty(penalty->id, true, "agreed", As("user:head"), decided)).ok());
  const Status again = Run(
      app::DecidePenalty(penalty->id, false, "no", As("user:other"), std::make_shared<Sanction>()));
  EXPECT_EQ(again.code(), Code::kAlreadyDecided);
  EXPECT_EQ(
      Run(app::DecideReward(penalty->id, true, "", As("user:head"), std::make_shared<Sanction>()))
          .kind(),
      Kind::kNotFound);  // a penalty is no reward

  SanctionFilter filter;
  std::vector<Sanction> stored = store_->reads().ListSanctions(filter).value();
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].state, ProposalState::kApproved);
  EXPECT_EQ(stored[0].decided_by, "user:head");
  EXPECT_EQ(stored[0].amount, 5000);
  std::vector<SanctionChange> history = store_->reads().GetSanctionHistory(penalty->id).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].state, ProposalState::kProposed);
  EXPECT_EQ(history[1].actor, "user:head");
  EXPECT_EQ(history[1].at.unix_ms - history[0].at.unix_ms, 60'000);
  const std::vector<AuditEntry> audit = Audit("penalty");
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "propose");
  EXPECT_EQ(audit[1].action, "approve");
  EXPECT_EQ(audit[1].actor, "user:head");
  EXPECT_NE(audit[1].before.find("proposed"), std::string::npos);
  filter.category = SanctionCategory::kReward;
  EXPECT_TRUE(store_->reads().ListSanctions(filter)->empty());
}

TEST_F(SupervisionStoreTest, TheSchemaRefusesADecisionByTheProposer) {
  // The four-eyes rule holds in the table too, not only in the domain.
  Sanction sanction;
  sanction.kind = "warning";
  sanction.person = "user:wang";
  sanction.reason = "r";
  sanction.proposed_by = "user:auditor";
  sanction.proposed_at = clock_.Now();
  ASSERT_TRUE(Run([&](WriteTx& tx) { return tx.InsertSanction(sanction); }).ok());
  sanction.state = ProposalState::kApproved;
  sanction.decided_by = "user:auditor";
  sanction.decided_at = clock_.Now();
  EXPECT_FALSE(Run([&](WriteTx& tx) { return tx.SaveSanctionDecision(sanction); }).ok());
}

TEST_F(SupervisionStoreTest, OrderHistoriesCarryThePlainFieldsWithoutPersonalData) {
  SeedStock();
  const Order express = Place("express");
  Move(express, app::PaymentInput{"alipay", "T1", express.total_amount}, "token:web");
  Move(express, app::ReviewInput{"approve", ""}, "user:zhao");
  const Timestamp from = clock_.Now();
  std::vector<OrderHistory> histories =
      store_->reads().ScanOrderHistories(from, from.PlusMs(1000), 0, 10).value();
  ASSERT_EQ(histories.size(), 1u);
  const OrderHistory& history = histories[0];
  EXPECT_EQ(history.order_no, express.order_no);
  EXPECT_EQ(history.shipping_service, "express");
  EXPECT_EQ(history.priority, express.priority);
  EXPECT_EQ(history.order_class, express.order_class);
  EXPECT_EQ(history.payment_method, PaymentMethod::kOnline);
  EXPECT_EQ(history.status, OrderStatus::kAwaitingFulfillment);
  EXPECT_EQ(history.payment_status, PaymentStatus::kPaid);
  ASSERT_EQ(history.events.size(), 3u);
  EXPECT_EQ(history.events[2].actor, "user:zhao");
  EXPECT_EQ(history.events[1].to_status, "pending_review");
  // An order finished before the period is not read again; one created after it neither.
  Move(express, app::CancelInput{"customer asked"}, "user:zhao");
  clock_.AdvanceMs(10'000);
  EXPECT_TRUE(
      store_->reads().ScanOrderHistories(clock_.Now(), clock_.Now().PlusMs(1), 0, 10)->empty());
  EXPECT_TRUE(store_->reads().ScanOrderHistories(from, from.PlusMs(-1), 0, 10)->empty());
}

TEST_F(SupervisionStoreTest, ManualEntriesAndAttemptsAreReadForThePeriod) {
  SeedStock();
  clock_.AdvanceMs(60'000);
  ASSERT_TRUE(Run(app::AdjustStock({"SH-01", "TEA-001", -10, "miscounted"}, As("user:carol"),
                                   std::make_shared<app::StockOutcome>()))
                  .ok());
  const Order order = Place("standard");  // reserves: not a manual entry
  const Timestamp start{1'794'268'800'000};
  std::vector<LedgerEntry> entries =
      store_->reads().ListManualEntries(start, clock_.Now().PlusMs(1)).value();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].type, MovementType::kReceipt);
  EXPECT_EQ(entries[0].actor, "user:bob");
  EXPECT_EQ(entries[1].type, MovementType::kAdjustment);
  EXPECT_EQ(entries[1].quantity, -10);
  EXPECT_EQ(DetectEntryCorrections(entries, SupervisionPolicy{}).at(0).actor, "user:bob");

  Move(order, app::PaymentInput{"alipay", "T2", order.total_amount}, "token:web");
  // A pick before review is a bypass attempt; cancelling a paid order in review is allowed, so
  // an attempt to pick twice is an ordinary refusal and leaves nothing.
  const std::string path = "/api/v1/orders/" + order.order_no + "/pick";
  ASSERT_TRUE(Run(app::RecordAttempt(
                      {"warehouse", "POST", path, "pick", order.order_no, "illegal_transition", ""},
                      As("user:wang")))
                  .ok());
  Move(order, app::ReviewInput{"approve", ""}, "user:zhao");
  Move(order, app::PickInput{}, "user:wang");
  ASSERT_TRUE(Run(app::RecordAttempt(
                      {"warehouse", "POST", path, "pick", order.order_no, "illegal_transition", ""},
                      As("user:wang")))
                  .ok());
  ASSERT_TRUE(Run(app::RecordAttempt({"warehouse", "POST", "/api/v1/orders/X/reveal", "reveal", "X",
                                      "forbidden", "pii:read"},
                                     As("user:wang")))
                  .ok());
  std::vector<Attempt> attempts =
      store_->reads().ListAttempts(start, clock_.Now().PlusMs(1)).value();
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].order_status, "pending_review");
  EXPECT_EQ(ClassifyAttempt(attempts[0]), ViolationType::kReviewBypassAttempt);
  EXPECT_EQ(attempts[0].actor, "user:wang");
  EXPECT_EQ(attempts[0].target, path);
  EXPECT_EQ(ClassifyAttempt(attempts[1]), ViolationType::kUnauthorisedPiiAccess);
  const std::vector<AuditEntry> audit = Audit("attempt");
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].entity_id, order.order_no);
  // Every supervision entry is part of the chain.
  store_->Shutdown();
  PiiCipher::Key key;
  key.fill(3);
  Result<AuditReport> report = VerifyAuditLog(dir_.string(), PiiCipher(key));
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->problem.has_value());
}

}  // namespace
}  // namespace ordo::sqlite
