#include "domain/payment/refund.h"

#include <gtest/gtest.h>

#include <string>

namespace ordo {
namespace {

Timestamp At(const std::string& rfc3339) {
  Result<Timestamp> parsed = ParseRfc3339(rfc3339);
  EXPECT_TRUE(parsed.ok()) << rfc3339;
  return parsed.ok() ? *parsed : Timestamp{0};
}

// An expected time in the form FormatRfc3339 writes.
std::string Same(const std::string& rfc3339) {
  return FormatRfc3339(At(rfc3339));
}

std::string Due(const std::string& requested, const BusinessCalendar& calendar) {
  return FormatRfc3339(RefundDueAt(At(requested), calendar));
}

BusinessCalendar MondayToFriday() {
  BusinessCalendar calendar;
  calendar.working_days = {1, 2, 3, 4, 5};
  return calendar;
}

// 2026-11-27 is a Friday. Due times are 00:00 China time (16:00 UTC the day before).
TEST(RefundDueAt, ABusinessDayRequestIsDueAtTheStartOfTheNextBusinessDay) {
  EXPECT_EQ(Due("2026-11-25T02:00:00Z", MondayToFriday()),
            Same("2026-11-25T16:00:00Z"));  // Wed → Thu
}

TEST(RefundDueAt, AFridayRequestIsDueOnMonday) {
  EXPECT_EQ(Due("2026-11-27T07:00:00Z", MondayToFriday()), Same("2026-11-29T16:00:00Z"));
}

TEST(RefundDueAt, WeekendRequestsAreDueOnMonday) {
  EXPECT_EQ(Due("2026-11-28T03:00:00Z", MondayToFriday()), Same("2026-11-29T16:00:00Z"));  // Sat
  EXPECT_EQ(Due("2026-11-29T15:59:00Z", MondayToFriday()), Same("2026-11-29T16:00:00Z"));  // Sun
}

TEST(RefundDueAt, DaysAreChinaDays) {
  // 16:30 UTC on Friday is 00:30 on Saturday in China: a weekend request.
  EXPECT_EQ(Due("2026-11-27T16:30:00Z", MondayToFriday()), Same("2026-11-29T16:00:00Z"));
  // 15:30 UTC on Thursday is still Thursday in China: due Friday.
  EXPECT_EQ(Due("2026-11-26T15:30:00Z", MondayToFriday()), Same("2026-11-26T16:00:00Z"));
}

TEST(RefundDueAt, HolidaysAreSkippedAndExtraWorkingDaysCount) {
  BusinessCalendar calendar = MondayToFriday();
  calendar.holidays = {20261001, 20261002};  // Thursday and Friday
  calendar.extra_working_days = {20261010};  // a Saturday worked (调休)
  // Wednesday 30 September: Thursday and Friday are off, then the weekend: Monday 5 October.
  EXPECT_EQ(Due("2026-09-30T04:00:00Z", calendar), Same("2026-10-04T16:00:00Z"));
  // On the holiday itself: the next business day after it.
  EXPECT_EQ(Due("2026-10-01T04:00:00Z", calendar), Same("2026-10-04T16:00:00Z"));
  // Friday 9 October: the Saturday is worked.
  EXPECT_EQ(Due("2026-10-09T04:00:00Z", calendar), Same("2026-10-09T16:00:00Z"));
}

TEST(RefundDueAt, TheDefaultCalendarWorksEveryDay) {
  EXPECT_EQ(Due("2026-11-28T03:00:00Z", BusinessCalendar{}), Same("2026-11-28T16:00:00Z"));
}

TEST(RefundDueAt, ACalendarWithoutWorkingDaysFallsBackToTheNextDay) {
  BusinessCalendar none;
  none.working_days = {};
  EXPECT_EQ(Due("2026-11-28T03:00:00Z", none), Same("2026-11-28T16:00:00Z"));
}

Order PaidOrder() {
  Order order;
  order.order_no = "20261127000001";
  order.status = OrderStatus::kCancelled;
  order.payment_status = PaymentStatus::kPaid;
  order.total_amount = 10000;
  order.paid_amount = 10000;
  order.payments = {{"ALIPAY", "T-1", 10000, Timestamp{1}, false, "succeeded"}};
  return order;
}

TEST(ExecuteRefund, APartialRefundLeavesThePaymentPartiallyRefunded) {
  Order order = PaidOrder();
  auto events = ExecuteRefund(order, {1, 4000, "cancelled", "pending"}, {}, "", {"system", {9}});
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(order.payment_status, PaymentStatus::kPartiallyRefunded);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, "refund_executed");
  EXPECT_EQ(order.status, OrderStatus::kCancelled) << "the main status does not move";
}

TEST(ExecuteRefund, AllOfThePaymentReturnedIsRefunded) {
  Order order = PaidOrder();
  auto events =
      ExecuteRefund(order, {2, 6000, "cancelled", "pending"}, {4000}, "PR-1", {"user:fin", {9}});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(order.payment_status, PaymentStatus::kRefunded);
}

TEST(ExecuteRefund, ADuplicatePaymentsRefundLeavesTheOrdersPaymentAlone) {
  Order order = PaidOrder();
  order.payments.push_back({"ALIPAY", "T-2", 10000, Timestamp{2}, true, "succeeded"});
  order.paid_amount = 20000;
  auto events =
      ExecuteRefund(order, {3, 10000, kDuplicatePaymentReason, "pending"}, {}, "", {"system", {9}});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  // The order's own refund later is measured against its own payment only.
  ASSERT_TRUE(
      ExecuteRefund(order, {4, 10000, "cancelled", "pending"}, {}, "", {"system", {9}}).ok());
  EXPECT_EQ(order.payment_status, PaymentStatus::kRefunded);
}

TEST(ExecuteRefund, AnExecutedRefundIsANoOpAndAFailedOneIsRefused) {
  Order order = PaidOrder();
  const int64_t version = order.version;
  auto again = ExecuteRefund(order, {1, 4000, "cancelled", "succeeded"}, {}, "", {"system", {9}});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(order.version, version);
  auto failed = ExecuteRefund(order, {1, 4000, "cancelled", "failed"}, {}, "", {"system", {9}});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), Code::kIllegalTransition);
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
}

}  // namespace
}  // namespace ordo
