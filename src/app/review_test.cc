// Automatic review and customers through the real use cases and the embedded store: the rules
// run in the payment's transaction, cases are opened once, the clean order is approved by
// system:auto-review, and customer profiles are stored sealed and versioned.
#include "app/review.h"

#include <sqlite3.h>

#include "app/customers.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::app {
namespace {

class ReviewTest : public FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    ASSERT_TRUE(
        Run([](WriteTx& tx) {
          return tx.fulfillment().SaveSetting({"auto_review", "false", "true", "system", {}});
        }).ok());
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 100);
  }

  Order PlaceFor(const std::string& member_id, const std::string& phone, Quantity quantity,
                 bool cod = false) {
    NewOrder input;
    input.channel = "web";
    input.external_id = "R-" + std::to_string(++placed_);
    input.customer = {member_id, "王五", phone};
    input.consignee = {"王五", phone, {"上海市", "上海市", "浦东新区", "世纪大道100号 8楼", ""}};
    input.lines.push_back({"TEA", quantity, std::nullopt, ""});
    input.payment_method = cod ? "cod" : "online";
    auto out = std::make_shared<OrderOutcome>();
    const Status status = Run(PlaceOrder(input, Context("token:web"), out));
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out->order;
  }
  Order Pay(const Order& order) {
    return Move(order.order_no, PaymentInput{"alipay", "T-" + order.order_no, order.total_amount});
  }
  std::vector<std::string> CaseTypesOf(const std::string& order_no) {
    std::vector<std::string> types;
    for (const AbnormalCase& abnormal : Cases(order_no)) {
      types.push_back(abnormal.type);
    }
    std::sort(types.begin(), types.end());
    return types;
  }

  int placed_ = 0;
};

TEST_F(ReviewTest, ACleanPaidOrderIsApprovedInThePaymentsTransaction) {
  const Order order = Pay(PlaceFor("m-clean", "13912340007", 2));
  EXPECT_EQ(order.status, OrderStatus::kAwaitingFulfillment);
  auto events = reads().GetOrderEvents(order.order_no);
  ASSERT_TRUE(events.ok());
  ASSERT_GE(events->size(), 3u);
  EXPECT_EQ((*events)[events->size() - 2].type, "auto_review");
  EXPECT_EQ(events->back().type, "approve");
  EXPECT_EQ(events->back().actor, kAutoReviewActor);
  auto profile = reads().customers().GetCustomer("m-clean");
  ASSERT_TRUE(profile.ok() && profile->has_value()) << "the first review stores the profile";
  EXPECT_EQ((*profile)->phone, "13912340007");
}

TEST_F(ReviewTest, AFlaggedOrderWaitsAndItsCaseIsOpenedOnce) {
  const Order order = Pay(PlaceFor("m-phone", "13966666666", 1));
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
  EXPECT_EQ(CaseTypesOf(order.order_no),
            (std::vector<std::string>{"invalid_phone", "invalid_phone"}));
  auto out = std::make_shared<RerunOutcome>();
  ASSERT_TRUE(Run(RerunReview(order.order_no, Context(), out)).ok());
  EXPECT_EQ(out->report.hits.size(), 2u);
  EXPECT_FALSE(out->report.approved);
  EXPECT_EQ(Cases(order.order_no).size(), 2u) << "live cases are not opened twice";
  auto queue = reads().customers().ListPendingReview(std::nullopt, 10);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().order_no, order.order_no);
}

TEST_F(ReviewTest, ABlacklistedCustomersNextOrderIsHeld) {
  Pay(PlaceFor("m-black", "13912340008", 1));
  auto outcome = std::make_shared<CustomerOutcome>();
  ASSERT_TRUE(
      Run(BlacklistCustomer("m-black", "fraud", std::nullopt, Context("user:cs"), outcome)).ok());
  EXPECT_EQ(outcome->profile.version, 2);
  const Order order = Pay(PlaceFor("m-black", "13912340008", 3));
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
  EXPECT_TRUE(order.on_hold());
  EXPECT_EQ(CaseTypesOf(order.order_no), (std::vector<std::string>{"blacklisted_customer"}));
  auto [status, refused] = Try(order.order_no, ReviewInput{"approve", ""});
  EXPECT_EQ(status.code(), Code::kOrderOnHold);
}

TEST_F(ReviewTest, ACashOnDeliveryOrderIsReviewedAtIntakeAndWaitsForReconfirmation) {
  const Order order = PlaceFor("m-cod", "13912340009", 1, /*cod=*/true);
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
  EXPECT_EQ(CaseTypesOf(order.order_no), (std::vector<std::string>{"cod_not_reconfirmed"}));
  EXPECT_EQ(Load(order.order_no).version, order.version) << "stored as reviewed, in one insert";
}

TEST_F(ReviewTest, ARejectionQueuesTheCustomersNotification) {
  const Order order = Pay(PlaceFor("m-reject", "13955555555", 2));
  ASSERT_EQ(order.status, OrderStatus::kPendingReview);
  Move(order.order_no, ReviewInput{"reject", "unreachable"});
  auto notifications = reads().fulfillment().ListNotifications(order.order_no);
  ASSERT_TRUE(notifications.ok());
  ASSERT_EQ(notifications->size(), 1u);
  EXPECT_EQ(notifications->front().template_key, "order_rejected");
}

TEST_F(ReviewTest, CustomerProfilesAreSealedAndVersioned) {
  Pay(PlaceFor("m-seal", "13912340010", 1));
  auto outcome = std::make_shared<CustomerOutcome>();
  const Status stale =
      Run(PatchCustomer("m-seal", CustomerPatch{CreditLevel::kLow, std::nullopt, "late payer"},
                        int64_t{7}, Context("user:cs"), outcome));
  EXPECT_EQ(stale.code(), Code::kVersionMismatch);
  ASSERT_TRUE(
      Run(PatchCustomer("m-seal", CustomerPatch{CreditLevel::kLow, std::nullopt, "late payer"},
                        int64_t{1}, Context("user:cs"), outcome))
          .ok());
  EXPECT_EQ(outcome->profile.credit_level, CreditLevel::kLow);
  const Status unknown =
      Run(BlacklistCustomer("m-none", "x", std::nullopt, Context("user:cs"), outcome));
  EXPECT_EQ(unknown.kind(), Kind::kNotFound);
  // Neither the phone nor the name is in the database file in the clear.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(sqlite::DatabasePath(dir_.string()).c_str(), &db, SQLITE_OPEN_READONLY,
                            nullptr),
            SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  const char* sql = "SELECT name || phone FROM customers WHERE member_id = 'm-seal'";
  ASSERT_EQ(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  const std::string stored = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  EXPECT_EQ(stored.find("13912340010"), std::string::npos);
  EXPECT_EQ(stored.find("王五"), std::string::npos);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

}  // namespace
}  // namespace ordo::app
