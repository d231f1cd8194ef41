#include "jobs/job_runner.h"

#include "app/fulfillment.h"
#include "app/payments.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::jobs {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;
constexpr int64_t kDayMs = 24 * kHourMs;

class JobRunnerTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 50);
  }
  Order ShippedOrder() {
    const Order order = PaidAndApproved({{"TEA", 1}});
    Move(order.order_no, app::PickInput{});
    Scan(order.order_no);
    Move(order.order_no, app::PackInput{550, ""});
    return Move(order.order_no, app::ShipInput{"", "", ""});
  }
};

TEST_F(JobRunnerTest, ReceiptIsConfirmedAutoConfirmDaysAfterShipment) {
  const Order delivered = ShippedOrder();
  Move(delivered.order_no, app::DeliverInput{});
  const Order in_transit = ShippedOrder();
  JobRunner runner(*store_, clock_);
  clock_.AdvanceMs(10 * kDayMs - 1);
  EXPECT_EQ(runner.RunOnce().receipts_confirmed, 0);
  EXPECT_EQ(Load(delivered.order_no).status, OrderStatus::kDelivered);
  clock_.AdvanceMs(1);
  const JobReport report = runner.RunOnce();
  EXPECT_TRUE(report.failures.empty());
  EXPECT_EQ(report.receipts_confirmed, 2);
  EXPECT_EQ(Load(delivered.order_no).status, OrderStatus::kCompleted);
  const Order confirmed = Load(in_transit.order_no);
  EXPECT_EQ(confirmed.status, OrderStatus::kCompleted);
  EXPECT_EQ(confirmed.delivered_at, clock_.Now());
  EXPECT_EQ(Parcels(in_transit.order_no)[0].status, ShipmentStatus::kDelivered);
  EXPECT_EQ(runner.RunOnce().receipts_confirmed, 0) << "a second tick changes nothing";
}

TEST_F(JobRunnerTest, HeldOrdersAndParcelsInTroubleWaitForPeople) {
  const Order lost = ShippedOrder();
  const Shipment parcel = Parcels(lost.order_no)[0];
  auto out = std::make_shared<app::TrackingOutcome>();
  ASSERT_TRUE(Run(app::RecordTrackingEvent({parcel.carrier, parcel.tracking_no, "x1",
                                            TrackingStatus::kRefused, clock_.Now(), ""},
                                           Context("token:zto"), out))
                  .ok());
  JobRunner runner(*store_, clock_);
  clock_.AdvanceMs(30 * kDayMs);
  EXPECT_EQ(runner.RunOnce().receipts_confirmed, 0);
  EXPECT_EQ(Load(lost.order_no).status, OrderStatus::kShipped);
}

TEST_F(JobRunnerTest, CashIsCollectedOnlyOnARealDeliveryAndALateOneGetsItsOwnCase) {
  const Order cod = Place({{"TEA", 1}}, "standard", /*cod=*/true);
  ASSERT_TRUE(Run(app::ConfirmCod(cod.order_no, {"phone", true, ""}, std::nullopt, Context(),
                                  std::make_shared<Order>()))
                  .ok());
  if (Load(cod.order_no).status == OrderStatus::kPendingReview) {
    Move(cod.order_no, app::ReviewInput{"approve", ""});
  }
  Move(cod.order_no, app::PickInput{});
  Scan(cod.order_no);
  Move(cod.order_no, app::PackInput{550, ""});
  Move(cod.order_no, app::ShipInput{"", "", ""});
  JobRunner runner(*store_, clock_);
  clock_.AdvanceMs(30 * kDayMs);
  const JobReport report = runner.RunOnce();
  EXPECT_EQ(report.receipts_confirmed, 0);
  EXPECT_EQ(report.late_deliveries, 1);
  EXPECT_EQ(runner.RunOnce().late_deliveries, 0) << "one case per order";
  const Order waiting = Load(cod.order_no);
  EXPECT_EQ(waiting.status, OrderStatus::kShipped);
  EXPECT_EQ(waiting.payment_status, PaymentStatus::kCodPending) << "no delivery, no cash";
  EXPECT_EQ(waiting.paid_amount, 0);
  const std::vector<AbnormalCase> cases = Cases(cod.order_no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].type, "delivery_too_long");
}

TEST_F(JobRunnerTest, AnOpenLogisticsCasePausesTheConfirmationOfReceipt) {
  const Order delayed = ShippedOrder();
  const Shipment parcel = Parcels(delayed.order_no)[0];
  auto out = std::make_shared<app::TrackingOutcome>();
  ASSERT_TRUE(Run(app::RecordTrackingEvent({parcel.carrier, parcel.tracking_no, "d1",
                                            TrackingStatus::kDelayed, clock_.Now(), ""},
                                           Context("token:zto"), out))
                  .ok());
  JobRunner runner(*store_, clock_);
  clock_.AdvanceMs(30 * kDayMs);
  EXPECT_EQ(runner.RunOnce().receipts_confirmed, 0);
  EXPECT_EQ(Load(delayed.order_no).status, OrderStatus::kShipped);
}

TEST_F(JobRunnerTest, ALateOrderGetsOneBreachCaseNamingTheLateStageAndPerson) {
  const Order picking = PaidAndApproved({{"TEA", 1}});
  Move(picking.order_no, app::PickInput{}, "user:wang");
  const Order cod = Place({{"TEA", 1}}, "standard", /*cod=*/true);
  JobRunner runner(*store_, clock_);
  clock_.AdvanceMs(23 * kHourMs);
  EXPECT_EQ(runner.RunOnce().ship_limit_cases, 0);
  clock_.AdvanceMs(2 * kHourMs);
  EXPECT_EQ(runner.RunOnce().ship_limit_cases, 2);
  EXPECT_EQ(runner.RunOnce().ship_limit_cases, 0) << "one case per order";

  const std::vector<AbnormalCase> cases = Cases(picking.order_no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].type, "ship_time_limit_breached");
  EXPECT_FALSE(cases[0].blocking);
  EXPECT_NE(cases[0].explanation.find("user:wang (warehouse) answers for it"), std::string::npos)
      << cases[0].explanation;
  EXPECT_NE(cases[0].explanation.find("the pack stage is late"), std::string::npos);
  const AbnormalCase cod_case = Cases(cod.order_no).at(0);
  EXPECT_NE(cod_case.explanation.find("the customer_service department answers for it"),
            std::string::npos)
      << cod_case.explanation;
  EXPECT_FALSE(Load(picking.order_no).on_hold());
}

TEST_F(JobRunnerTest, TheTickerRunsAtOnceAndStops) {
  const Order order = ShippedOrder();
  clock_.AdvanceMs(11 * kDayMs);
  JobRunner runner(*store_, clock_);
  runner.Start(std::chrono::hours(1));
  runner.Stop();
  runner.Stop();
  EXPECT_EQ(Load(order.order_no).status, OrderStatus::kCompleted)
      << "the first tick runs as the runner starts: a restarted server catches up";
}

}  // namespace
}  // namespace ordo::jobs
