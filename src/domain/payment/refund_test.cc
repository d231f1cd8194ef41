#include "domain/payment/refund.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/settings/settings.h"

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

TEST(RefundDueAt, TheSettingsCalendarMakesASaturdayRequestDueOnMonday) {
  // AFS-5: weekend requests on Monday. Saturday 28 November 2026 → Monday 30 November.
  const BusinessCalendar calendar = Settings{}.business_calendar;
  EXPECT_EQ(Due("2026-11-28T03:00:00Z", calendar), Same("2026-11-29T16:00:00Z"));
  // National Day 2026: 1-7 October off, Saturday 10 October worked (调休).
  EXPECT_EQ(Due("2026-09-30T04:00:00Z", calendar), Same("2026-10-07T16:00:00Z"));
  EXPECT_EQ(Due("2026-10-09T04:00:00Z", calendar), Same("2026-10-09T16:00:00Z"));
  // Spring Festival 2026: 15-23 February off, Saturday 14 February worked.
  EXPECT_EQ(Due("2026-02-13T04:00:00Z", calendar), Same("2026-02-13T16:00:00Z"));
  EXPECT_EQ(Due("2026-02-14T04:00:00Z", calendar), Same("2026-02-23T16:00:00Z"));
}

TEST(RefundDueAt, AnEmptyCalendarWorksEveryDay) {
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
  order.payments = {{"ALIPAY", "T-1", 10000, Timestamp{1}, false, PaymentOutcome::kSucceeded}};
  return order;
}

Refund Owed(int64_t id, int64_t amount, RefundCause cause = RefundCause::kOrderClosed,
            RefundStatus status = RefundStatus::kPending) {
  Refund refund;
  refund.id = id;
  refund.order_no = "20261127000001";
  refund.amount = amount;
  refund.cause = cause;
  refund.status = status;
  refund.created_by = "user:cs";
  return refund;
}

const Payout kPaid{true, "PR-1", ""};

TEST(ExecuteRefund, APartialRefundLeavesThePaymentPartiallyRefunded) {
  Order order = PaidOrder();
  Refund refund = Owed(1, 4000);
  auto events = ExecuteRefund(order, refund, {}, kPaid, {"system", {9}});
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(order.payment_status, PaymentStatus::kPartiallyRefunded);
  EXPECT_EQ(refund.status, RefundStatus::kSucceeded);
  EXPECT_EQ(refund.provider_ref, "PR-1");
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, "refund_executed");
  EXPECT_EQ(order.status, OrderStatus::kCancelled) << "the main status does not move";
}

TEST(ExecuteRefund, AllOfThePaymentReturnedIsRefunded) {
  Order order = PaidOrder();
  Refund refund = Owed(2, 6000);
  ASSERT_TRUE(ExecuteRefund(order, refund, {4000}, kPaid, {"user:fin", {9}}).ok());
  EXPECT_EQ(order.payment_status, PaymentStatus::kRefunded);
}

TEST(ExecuteRefund, ASurplusPaymentsRefundLeavesTheOrdersPaymentAlone) {
  Order order = PaidOrder();
  order.payments.push_back({"ALIPAY", "T-2", 10000, Timestamp{2}, true, PaymentOutcome::kSucceeded});
  order.paid_amount = 20000;
  Refund duplicate = Owed(3, 10000, RefundCause::kDuplicatePayment);
  ASSERT_TRUE(ExecuteRefund(order, duplicate, {}, kPaid, {"system", {9}}).ok());
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  // The order's own refund later is measured against its own payment only.
  Refund own = Owed(4, 10000);
  ASSERT_TRUE(ExecuteRefund(order, own, {}, kPaid, {"system", {9}}).ok());
  EXPECT_EQ(order.payment_status, PaymentStatus::kRefunded);
}

TEST(ExecuteRefund, AFailedPayoutIsRecordedAndStaysOwedForAnotherAttempt) {
  Order order = PaidOrder();
  Refund refund = Owed(5, 4000);
  auto failed = ExecuteRefund(order, refund, {}, Payout{false, "ERR-77", "account closed"},
                              {"user:fin", {9}});
  ASSERT_TRUE(failed.ok()) << failed.status().ToString();
  EXPECT_EQ(refund.status, RefundStatus::kFailed);
  EXPECT_EQ(refund.failure_reason, "account closed");
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid) << "no money went out";
  ASSERT_EQ(failed->size(), 1u);
  EXPECT_EQ((*failed)[0].type, "refund_failed");
  auto retried = ExecuteRefund(order, refund, {}, Payout{true, "PR-9", ""}, {"user:fin", {10}});
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(refund.status, RefundStatus::kSucceeded);
  EXPECT_TRUE(refund.failure_reason.empty());
  EXPECT_EQ(order.payment_status, PaymentStatus::kPartiallyRefunded);
}

TEST(ExecuteRefund, ASuccessNeedsTheProvidersReference) {
  Order order = PaidOrder();
  Refund refund = Owed(6, 4000);
  auto refused = ExecuteRefund(order, refund, {}, Payout{true, "", ""}, {"user:fin", {9}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field_errors()[0].field, "provider_ref");
  EXPECT_EQ(refund.status, RefundStatus::kPending);
}

TEST(ExecuteRefund, AnExecutedRefundIsANoOpAndOneAwaitingApprovalIsRefused) {
  Order order = PaidOrder();
  const int64_t version = order.version;
  Refund executed = Owed(1, 4000, RefundCause::kOrderClosed, RefundStatus::kSucceeded);
  auto again = ExecuteRefund(order, executed, {}, kPaid, {"system", {9}});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(order.version, version);
  for (RefundStatus status : {RefundStatus::kAwaitingApproval, RefundStatus::kRejected}) {
    Refund waiting = Owed(7, 4000, RefundCause::kAfterSales, status);
    auto refused = ExecuteRefund(order, waiting, {}, kPaid, {"system", {9}});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), Code::kIllegalTransition);
  }
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
}

// --- Four eyes ---------------------------------------------------------------------------------

TEST(RefundApproval, ARefundAPersonDecidedWaitsForSomeoneElse) {
  EXPECT_EQ(ApprovalFor(RefundCause::kOrderChange, 1000, true, 100000), RefundApproval::kPeer);
  EXPECT_EQ(ApprovalFor(RefundCause::kAfterSales, 1000, true, 100000), RefundApproval::kPeer);
  EXPECT_EQ(ApprovalFor(RefundCause::kAfterSales, 1000, false, 100000), RefundApproval::kNone)
      << "the system refunding a passed return by its rule";
  EXPECT_EQ(ApprovalFor(RefundCause::kOrderClosed, 1000, true, 100000), RefundApproval::kNone)
      << "a cancellation returns exactly what was paid";
  EXPECT_EQ(ApprovalFor(RefundCause::kOrderClosed, 100001, true, 100000), RefundApproval::kFinance);
  EXPECT_EQ(ApprovalFor(RefundCause::kDuplicatePayment, 100001, false, 100000),
            RefundApproval::kFinance);
}

TEST(RefundApproval, NobodyApprovesTheirOwnRefund) {
  Order order = PaidOrder();
  const BusinessCalendar calendar;
  auto opened = OpenRefund(order, 4000, RefundCause::kAfterSales, RefundApproval::kPeer, calendar,
                           {"user:cs", Timestamp{100}});
  ASSERT_TRUE(opened.ok());
  Refund refund = *opened;
  EXPECT_EQ(refund.status, RefundStatus::kAwaitingApproval);
  EXPECT_EQ(order.refunded_amount, 4000) << "booked when asked for";
  const Status self = ApproveRefund(refund, {"user:cs", true}, "", calendar, Timestamp{200});
  EXPECT_EQ(self.code(), Code::kSelfApproval);
  EXPECT_EQ(refund.status, RefundStatus::kAwaitingApproval);
  ASSERT_TRUE(ApproveRefund(refund, {"user:lead", false}, "ok", calendar, Timestamp{300}).ok());
  EXPECT_EQ(refund.status, RefundStatus::kPending);
  EXPECT_EQ(refund.decided_by, "user:lead");
}

TEST(RefundApproval, AboveTheThresholdOnlyFinanceApproves) {
  Refund refund = Owed(8, 200000, RefundCause::kOrderClosed, RefundStatus::kAwaitingApproval);
  refund.approval = RefundApproval::kFinance;
  const BusinessCalendar calendar;
  const Status peer = ApproveRefund(refund, {"user:lead", false}, "", calendar, Timestamp{1});
  EXPECT_EQ(peer.code(), Code::kFinanceApprovalRequired);
  EXPECT_EQ(peer.kind(), Kind::kForbidden);
  EXPECT_TRUE(ApproveRefund(refund, {"user:finance", true}, "", calendar, Timestamp{1}).ok());
}

TEST(RefundApproval, ARejectedRefundLeavesTheOrdersBooksAndNeedsANote) {
  Order order = PaidOrder();
  order.status = OrderStatus::kDelivered;
  const BusinessCalendar calendar;
  auto opened = OpenRefund(order, 4000, RefundCause::kAfterSales, RefundApproval::kPeer, calendar,
                           {"user:cs", Timestamp{100}});
  ASSERT_TRUE(opened.ok());
  Refund refund = *opened;
  EXPECT_EQ(RejectRefund(refund, order, {"user:lead", false}, "", {"user:lead", Timestamp{2}})
                .status()
                .field_errors()[0]
                .field,
            "note");
  auto rejected =
      RejectRefund(refund, order, {"user:lead", false}, "not agreed", {"user:lead", Timestamp{2}});
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(refund.status, RefundStatus::kRejected);
  EXPECT_EQ(order.refunded_amount, 0);
  EXPECT_EQ(order.credit_amount, 0);
  EXPECT_EQ(MoneyOf(order).kept, 10000);
}

// A refund the order owes (it was cancelled, paid twice, changed to cost less) is not the
// merchant's to refuse: rejecting it would leave money neither kept nor refunded.
TEST(RefundApproval, AnOwedRefundCannotBeRejected) {
  for (RefundCause cause : {RefundCause::kOrderClosed, RefundCause::kOrderChange,
                            RefundCause::kDuplicatePayment, RefundCause::kDroppedLines}) {
    Order order = PaidOrder();
    auto opened = OpenRefund(order, 4000, cause, RefundApproval::kFinance, BusinessCalendar{},
                             {"user:cs", Timestamp{100}});
    ASSERT_TRUE(opened.ok()) << RefundCauseName(cause);
    Refund refund = *opened;
    auto rejected = RejectRefund(refund, order, {"user:finance", true}, "no",
                                 {"user:finance", Timestamp{2}});
    EXPECT_EQ(rejected.status().code(), Code::kRefundOwed) << RefundCauseName(cause);
    EXPECT_EQ(refund.status, RefundStatus::kAwaitingApproval);
    EXPECT_EQ(order.refunded_amount, 4000) << "still booked";
  }
}

}  // namespace
}  // namespace ordo
