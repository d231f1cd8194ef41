// The payment timers of the job runner (REV-4, AFS-5): the unpaid reminder and close, each once,
// caught up after a pause, and refund execution on the business calendar.
#include "app/payments.h"
#include "app/settings.h"
#include "jobs/job_runner.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::jobs {
namespace {

constexpr int64_t kMinuteMs = 60 * 1000;

class PaymentJobsTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 20);
    const Status changed = Run(app::ChangeSettings(
        [](Settings& s, std::vector<FieldError>&) {
          s.unpaid_reminder_minutes = 30;
          s.unpaid_close_minutes = 120;
          s.business_calendar.working_days = {1, 2, 3, 4, 5};
        },
        Context(), std::make_shared<app::SettingsOutcome>()));
    ASSERT_TRUE(changed.ok()) << changed.ToString();
  }
  int64_t Reserved() {
    auto stock = reads().GetStock("TEA");
    EXPECT_TRUE(stock.ok());
    return stock.ok() ? stock->levels.at(0).reserved() : -1;
  }
  int64_t Count(const std::string& order_no, const std::string& type) {
    const auto types = EventTypes(order_no);
    return std::count(types.begin(), types.end(), type);
  }
};

TEST_F(PaymentJobsTest, AnUnpaidOrderIsRemindedOnceThenClosedOnce) {
  const Order order = Place({{"TEA", 4}});
  const Order paid = Place({{"TEA", 1}});
  Move(paid.order_no, app::PaymentInput{"alipay", "T-1", paid.total_amount});
  JobRunner runner(*store_, clock_);
  clock_.AdvanceMs(30 * kMinuteMs - 1);
  EXPECT_EQ(runner.RunOnce().payment_reminders, 0);
  clock_.AdvanceMs(1);
  JobReport report = runner.RunOnce();
  EXPECT_TRUE(report.failures.empty()) << report.failures.front();
  EXPECT_EQ(report.payment_reminders, 1);
  EXPECT_EQ(runner.RunOnce().payment_reminders, 0) << "once per order";
  EXPECT_EQ(Count(order.order_no, "payment_reminder_sent"), 1);
  EXPECT_EQ(Count(paid.order_no, "payment_reminder_sent"), 0);
  auto notes = reads().fulfillment().ListNotifications(order.order_no);
  ASSERT_TRUE(notes.ok());
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ((*notes)[0].template_key, "payment_reminder");

  EXPECT_EQ(Reserved(), 5);
  clock_.AdvanceMs(90 * kMinuteMs - 1);
  EXPECT_EQ(runner.RunOnce().unpaid_closed, 0);
  clock_.AdvanceMs(1);
  EXPECT_EQ(runner.RunOnce().unpaid_closed, 1);
  const Order closed = Load(order.order_no);
  EXPECT_EQ(closed.status, OrderStatus::kClosed);
  EXPECT_EQ(Reserved(), 1) << "the unpaid order's units are released";
  EXPECT_EQ(runner.RunOnce().unpaid_closed, 0) << "closed once";
  EXPECT_EQ(Load(paid.order_no).status, OrderStatus::kPendingReview);
}

TEST_F(PaymentJobsTest, TimersMissedWhileStoppedFireOnceAtTheFirstTick) {
  const Order order = Place({{"TEA", 2}});
  const Order later = Place({{"TEA", 1}});
  JobRunner runner(*store_, clock_);
  EXPECT_EQ(runner.RunOnce().payment_reminders, 0);
  clock_.AdvanceMs(5 * 60 * kMinuteMs);  // the server was down for five hours
  const JobReport report = runner.RunOnce();
  EXPECT_EQ(report.unpaid_closed, 2);
  EXPECT_EQ(report.payment_reminders, 0) << "closed, not reminded";
  EXPECT_EQ(Load(order.order_no).status, OrderStatus::kClosed);
  EXPECT_EQ(Load(later.order_no).status, OrderStatus::kClosed);
  EXPECT_EQ(Reserved(), 0);
  const JobReport again = runner.RunOnce();
  EXPECT_EQ(again.unpaid_closed + again.payment_reminders, 0) << "nothing repeats";
  EXPECT_EQ(Count(order.order_no, "close"), 1);
}

TEST_F(PaymentJobsTest, AHeldUnpaidOrderWaitsForPeople) {
  const Order order = Place({{"TEA", 1}});
  // Short by a fen: held for the balance by a blocking case.
  PaymentNotice notice{"ALIPAY", "T-M", order.total_amount - 1, true, "", std::nullopt};
  ASSERT_TRUE(Run(app::RecordPaymentCallback(order.order_no, notice, Context("provider:ALIPAY"),
                                             std::make_shared<app::PaymentCallbackOutcome>()))
                  .ok());
  JobRunner runner(*store_, clock_);
  clock_.AdvanceMs(3 * 60 * kMinuteMs);
  const JobReport report = runner.RunOnce();
  EXPECT_EQ(report.unpaid_closed + report.payment_reminders, 0);
  EXPECT_EQ(Load(order.order_no).status, OrderStatus::kPendingPayment);
}

TEST_F(PaymentJobsTest, AFridayRefundIsExecutedOnMondayOnce) {
  clock_.AdvanceMs(24 * 60 * kMinuteMs);  // Friday 27 November, 09:00 in Beijing
  const Order order = Place({{"TEA", 1}});
  Move(order.order_no, app::PaymentInput{"alipay", "T-1", order.total_amount});
  Move(order.order_no, app::PaymentInput{"alipay", "T-2", order.total_amount});
  JobRunner runner(*store_, clock_);
  EXPECT_EQ(runner.RunOnce().refunds_executed, 0);
  clock_.AdvanceMs(63 * 60 * kMinuteMs - 1);  // Sunday 23:59:59.999 in Beijing
  EXPECT_EQ(runner.RunOnce().refunds_executed, 0);
  clock_.AdvanceMs(1);
  const JobReport monday = runner.RunOnce();
  EXPECT_TRUE(monday.failures.empty()) << monday.failures.front();
  EXPECT_EQ(monday.refunds_executed, 1);
  EXPECT_EQ(runner.RunOnce().refunds_executed, 0);
  EXPECT_EQ(Count(order.order_no, "refund_executed"), 1);
  RefundFilter filter;
  filter.order_no = order.order_no;
  auto refunds = reads().payments().ListRefunds(filter);
  ASSERT_TRUE(refunds.ok());
  ASSERT_EQ(refunds->size(), 1u);
  EXPECT_EQ((*refunds)[0].status, RefundStatus::kSucceeded);
  EXPECT_EQ((*refunds)[0].provider_ref, "ordo-refund-" + std::to_string((*refunds)[0].id));
}

}  // namespace
}  // namespace ordo::jobs
