#include "domain/payment/payment.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <utility>

#include "base/limits.h"

namespace ordo {
namespace {

constexpr int64_t kTotal = 13200;

Actor ActorAt(int64_t unix_ms, std::string name = "provider:ALIPAY") {
  return Actor{std::move(name), Timestamp{unix_ms}};
}

Order UnpaidOrder() {
  Order order;
  order.order_no = "20261127000001";
  order.status = OrderStatus::kPendingPayment;
  order.payment_status = PaymentStatus::kUnpaid;
  order.payment_method = PaymentMethod::kOnline;
  OrderLine line;
  line.line_no = 1;
  line.sku = "TEA-001";
  line.quantity = 2;
  line.unit_price_amount = kTotal / 2;
  line.quantity_reserved = 2;
  order.lines = {line};
  order.total_amount = kTotal;
  return order;
}

Order CodOrder() {
  Order order = UnpaidOrder();
  order.payment_method = PaymentMethod::kCod;
  order.payment_status = PaymentStatus::kCodPending;
  order.status = OrderStatus::kAwaitingFulfillment;
  return order;
}

PaymentNotice Notice(int64_t amount, std::string transaction_id = "T-1", bool succeeded = true) {
  PaymentNotice notice;
  notice.provider = "ALIPAY";
  notice.transaction_id = std::move(transaction_id);
  notice.amount = amount;
  notice.succeeded = succeeded;
  return notice;
}

TEST(PaymentNotice, TheAmountDueConfirmsThePayment) {
  Order order = UnpaidOrder();
  auto decision = ApplyPaymentNotice(order, Notice(kTotal), ActorAt(5000));
  ASSERT_TRUE(decision.ok()) << decision.status().ToString();
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  EXPECT_EQ(order.paid_amount, kTotal);
  EXPECT_EQ(decision->payment.outcome, PaymentOutcome::kSucceeded);
  EXPECT_FALSE(decision->abnormal.has_value());
  EXPECT_EQ(decision->refund_amount, 0);
  ASSERT_EQ(decision->events.size(), 1u);
  EXPECT_EQ(decision->events[0].to_status, "pending_review");
}

TEST(PaymentNotice, ARepeatedTransactionChangesNothingAndAnswersAsTheFirst) {
  Order order = UnpaidOrder();
  ASSERT_TRUE(ApplyPaymentNotice(order, Notice(kTotal), ActorAt(5000)).ok());
  const Order after_first = order;
  auto repeat = ApplyPaymentNotice(order, Notice(kTotal), ActorAt(9000));
  ASSERT_TRUE(repeat.ok());
  EXPECT_TRUE(repeat->repeat);
  EXPECT_TRUE(repeat->events.empty());
  EXPECT_EQ(repeat->payment.at.unix_ms, 5000);
  EXPECT_EQ(order.version, after_first.version);
  EXPECT_EQ(order.payments.size(), 1u);
}

TEST(PaymentNotice, AFailureIsRecordedAndOpensANonBlockingCaseWhileUnpaid) {
  Order order = UnpaidOrder();
  PaymentNotice notice = Notice(kTotal, "T-F", false);
  notice.failure_reason = "insufficient balance";
  auto decision = ApplyPaymentNotice(order, notice, ActorAt(5000));
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(order.status, OrderStatus::kPendingPayment);
  EXPECT_EQ(order.payment_status, PaymentStatus::kUnpaid);
  EXPECT_EQ(order.paid_amount, 0);
  ASSERT_EQ(order.payments.size(), 1u);
  EXPECT_EQ(order.payments[0].outcome, PaymentOutcome::kFailed);
  ASSERT_EQ(decision->events.size(), 1u);
  EXPECT_EQ(decision->events[0].type, "payment_failed");
  ASSERT_TRUE(decision->abnormal.has_value());
  EXPECT_EQ(decision->abnormal->type, "payment_failed");
  EXPECT_NE(decision->abnormal->explanation.find("insufficient balance"), std::string::npos);
  // A later success still pays the order.
  ASSERT_TRUE(ApplyPaymentNotice(order, Notice(kTotal, "T-2"), ActorAt(6000)).ok());
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
}

TEST(PaymentNotice, AShortPaymentIsCreditedAndHeldForTheBalanceWithABlockingCase) {
  Order order = UnpaidOrder();
  auto decision = ApplyPaymentNotice(order, Notice(kTotal - 100), ActorAt(5000));
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(order.status, OrderStatus::kPendingPayment);
  EXPECT_EQ(order.payment_status, PaymentStatus::kUnpaid);
  EXPECT_EQ(order.paid_amount, kTotal - 100) << "money received is on the order's books";
  EXPECT_EQ(MoneyOf(order).due, kTotal - 100) << "held, not kept";
  EXPECT_EQ(MoneyOf(order).balance, 100);
  EXPECT_EQ(decision->refund_amount, 0) << "held for the balance, not refunded yet";
  ASSERT_EQ(order.payments.size(), 1u);
  EXPECT_EQ(order.payments[0].outcome, PaymentOutcome::kAmountMismatch);
  EXPECT_EQ(decision->events[0].type, "payment_amount_mismatch");
  ASSERT_TRUE(decision->abnormal.has_value());
  EXPECT_EQ(decision->abnormal->type, "payment_amount_mismatch");
  const std::string& text = decision->abnormal->explanation;
  EXPECT_NE(text.find(std::to_string(kTotal - 100)), std::string::npos) << text;
  EXPECT_NE(text.find(std::to_string(kTotal)), std::string::npos) << text;
}

TEST(PaymentNotice, TheBalanceOfAShortPaymentConfirmsTheOrder) {
  Order order = UnpaidOrder();
  ASSERT_TRUE(ApplyPaymentNotice(order, Notice(kTotal - 100), ActorAt(5000)).ok());
  auto balance = ApplyPaymentNotice(order, Notice(100, "T-BAL"), ActorAt(6000));
  ASSERT_TRUE(balance.ok()) << balance.status().ToString();
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  EXPECT_EQ(order.paid_amount, kTotal);
  EXPECT_EQ(MoneyOf(order).kept, kTotal);
  EXPECT_EQ(balance->refund_amount, 0);
  EXPECT_FALSE(balance->abnormal.has_value());
}

TEST(PaymentNotice, AnOverpaymentConfirmsTheOrderAndRefundsTheDifference) {
  Order order = UnpaidOrder();
  auto decision = ApplyPaymentNotice(order, Notice(kTotal + 500), ActorAt(5000));
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
  EXPECT_EQ(order.paid_amount, kTotal + 500);
  EXPECT_EQ(decision->refund_amount, 500);
  EXPECT_EQ(decision->refund_cause, RefundCause::kOverpayment);
  ASSERT_TRUE(decision->abnormal.has_value());
  EXPECT_EQ(decision->abnormal->type, "payment_overpaid");
}

TEST(PaymentNotice, ASecondPaymentOfAPaidOrderIsADuplicateRefundedAtOnce) {
  Order order = UnpaidOrder();
  ASSERT_TRUE(ApplyPaymentNotice(order, Notice(kTotal), ActorAt(5000)).ok());
  auto decision = ApplyPaymentNotice(order, Notice(kTotal, "T-2"), ActorAt(6000));
  ASSERT_TRUE(decision.ok());
  EXPECT_EQ(order.status, OrderStatus::kPendingReview);
  EXPECT_TRUE(decision->payment.duplicate);
  EXPECT_EQ(decision->refund_amount, kTotal);
  EXPECT_EQ(decision->refund_cause, RefundCause::kDuplicatePayment);
  // The money was received; the caller books its refund (app/payments.h IssueRefund).
  EXPECT_EQ(order.paid_amount, 2 * kTotal);
  EXPECT_EQ(SurplusOf(order), kTotal);
  ASSERT_TRUE(decision->abnormal.has_value());
  EXPECT_EQ(decision->abnormal->type, "duplicate_payment");
  EXPECT_EQ(decision->events[0].type, "duplicate_payment");
}

TEST(PaymentNotice, BadNoticesAreRefusedNamingTheField) {
  Order order = UnpaidOrder();
  const Order before = order;
  auto zero = ApplyPaymentNotice(order, Notice(0), ActorAt(5000));
  ASSERT_FALSE(zero.ok());
  ASSERT_EQ(zero.status().field_errors().size(), 1u);
  EXPECT_EQ(zero.status().field_errors()[0].field, "amount");
  auto no_id = ApplyPaymentNotice(order, Notice(kTotal, ""), ActorAt(5000));
  ASSERT_FALSE(no_id.ok());
  EXPECT_EQ(no_id.status().field_errors()[0].field, "transaction_id");
  EXPECT_EQ(order.version, before.version);
  EXPECT_TRUE(order.payments.empty());
}

TEST(PaymentNotice, AnAmountBeyondAnyRealPaymentIsRefusedBeforeItCanOverflowTheBooks) {
  // Found by fuzzing: a duplicate payment of INT64_MAX (or 2^62) on a paid order overflowed
  // paid_amount and refunded_amount.
  Order order = UnpaidOrder();
  ASSERT_TRUE(ApplyPaymentNotice(order, Notice(kTotal), ActorAt(5000)).ok());
  const Order before = order;
  for (int64_t amount : {std::numeric_limits<int64_t>::max(), int64_t{1} << 62, kMaxAmount + 1}) {
    auto refused = ApplyPaymentNotice(order, Notice(amount, "T-huge"), ActorAt(6000));
    ASSERT_FALSE(refused.ok()) << amount;
    EXPECT_EQ(refused.status().field_errors()[0].field, "amount");
    EXPECT_EQ(order.paid_amount, before.paid_amount);
    EXPECT_EQ(order.refunded_amount, before.refunded_amount);
  }
  EXPECT_TRUE(ApplyPaymentNotice(order, Notice(kMaxAmount, "T-max"), ActorAt(7000)).ok())
      << "the largest amount is still recorded (a duplicate, refunded)";
}

TEST(PaymentNotice, CashOnDeliveryOrdersTakeNoOnlinePayment) {
  Order cod = CodOrder();
  auto refused = ApplyPaymentNotice(cod, Notice(kTotal), ActorAt(5000));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kIllegalTransition);
  EXPECT_TRUE(cod.payments.empty());
}

TEST(PaymentNotice, APaymentAfterTheOrderEndedIsRecordedAndRefunded) {
  for (OrderStatus ended : {OrderStatus::kClosed, OrderStatus::kCancelled}) {
    Order order = UnpaidOrder();
    order.status = ended;
    auto late = ApplyPaymentNotice(order, Notice(kTotal), ActorAt(5000));
    ASSERT_TRUE(late.ok()) << late.status().message();
    EXPECT_EQ(order.status, ended) << "the order stays as it ended";
    ASSERT_EQ(order.payments.size(), 1u);
    EXPECT_EQ(order.payments[0].outcome, PaymentOutcome::kAfterClose);
    EXPECT_FALSE(order.payments[0].duplicate) << "labelled as after close, not as a duplicate";
    EXPECT_EQ(order.paid_amount, kTotal);
    EXPECT_EQ(late->refund_amount, kTotal);
    EXPECT_EQ(late->refund_cause, RefundCause::kPaymentAfterClose);
    ASSERT_TRUE(late->abnormal.has_value());
    EXPECT_EQ(late->abnormal->type, "payment_after_close");
    ASSERT_EQ(late->events.size(), 1u);
    EXPECT_EQ(late->events[0].type, "payment_after_close");
    // The provider's repeat of the same notice changes nothing more.
    auto repeat = ApplyPaymentNotice(order, Notice(kTotal), ActorAt(6000));
    ASSERT_TRUE(repeat.ok());
    EXPECT_TRUE(repeat->repeat);
    EXPECT_EQ(order.paid_amount, kTotal);
  }
}

TEST(CashOnDelivery, AnUnconfirmedOrderMayNotBePickedNorShipped) {
  Order order = CodOrder();
  EXPECT_TRUE(AwaitsCodConfirmation(order));
  auto pick = StartPicking(order, ActorAt(5000, "user:wh"));
  ASSERT_FALSE(pick.ok());
  EXPECT_EQ(pick.status().code(), Code::kCodNotConfirmed);
  EXPECT_EQ(order.status, OrderStatus::kAwaitingFulfillment);
  EXPECT_EQ(CheckCodConfirmed(order).code(), Code::kCodNotConfirmed);
  EXPECT_TRUE(CheckCodConfirmed(UnpaidOrder()).ok()) << "online orders are not gated";
}

TEST(CashOnDelivery, ConfirmationStampsTheOrderAndOpensTheGate) {
  Order order = CodOrder();
  auto events =
      ConfirmCashOnDelivery(order, {"phone", true, "address checked"}, ActorAt(5000, "user:cs"));
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, "cod_confirmed");
  ASSERT_TRUE(order.cod_confirmed_at.has_value());
  EXPECT_EQ(order.cod_confirmed_at->unix_ms, 5000);
  EXPECT_EQ(order.cod_confirmed_by, "user:cs");
  EXPECT_TRUE(StartPicking(order, ActorAt(6000, "user:wh")).ok());
  // A second confirmation changes nothing.
  const int64_t version = order.version;
  auto again = ConfirmCashOnDelivery(order, {"sms", true, ""}, ActorAt(7000, "user:cs2"));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(order.cod_confirmed_by, "user:cs");
  EXPECT_EQ(order.version, version);
}

TEST(CashOnDelivery, ARefusalIsRecordedForTheCallerToCancel) {
  Order order = CodOrder();
  auto events = ConfirmCashOnDelivery(order, {"phone", false, ""}, ActorAt(5000, "user:cs"));
  ASSERT_TRUE(events.ok());
  EXPECT_EQ((*events)[0].type, "cod_refused");
  EXPECT_FALSE(order.cod_confirmed_at.has_value());
}

TEST(CashOnDelivery, ConfirmationRefusals) {
  Order order = CodOrder();
  auto channel = ConfirmCashOnDelivery(order, {"email", true, ""}, ActorAt(5000));
  ASSERT_FALSE(channel.ok());
  EXPECT_EQ(channel.status().field_errors()[0].field, "channel");
  Order online = UnpaidOrder();
  EXPECT_EQ(ConfirmCashOnDelivery(online, {"phone", true, ""}, ActorAt(5000)).status().code(),
            Code::kIllegalTransition);
  Order shipped = CodOrder();
  shipped.status = OrderStatus::kShipped;
  EXPECT_EQ(ConfirmCashOnDelivery(shipped, {"phone", true, ""}, ActorAt(5000)).status().code(),
            Code::kIllegalTransition);
  EXPECT_FALSE(order.cod_confirmed_at.has_value());
}

TEST(CashOnDelivery, TheCourierCollectsWhatShippedOnly) {
  Order order = CodOrder();
  order.lines[0].quantity_reserved = 0;
  order.lines[0].quantity_shipped = 1;
  order.lines[0].quantity_dropped = 1;  // the customer chose not to wait for the second unit
  order.cod_confirmed_at = Timestamp{1};
  order.status = OrderStatus::kShipped;
  EXPECT_EQ(CodAmountDue(order), kTotal / 2);
  order.total_amount = kTotal / 2;  // the dropped unit is not charged
  auto delivered = Deliver(order, ActorAt(9000, "user:courier"));
  ASSERT_TRUE(delivered.ok()) << delivered.status().ToString();
  EXPECT_EQ(order.payment_status, PaymentStatus::kCodCollected);
  EXPECT_EQ(order.paid_amount, kTotal / 2);
  ASSERT_EQ(order.payments.size(), 1u) << "the cash collected is a payment for finance";
  EXPECT_EQ(order.payments[0].provider, "cod");
  EXPECT_EQ(MoneyOf(order).kept, kTotal / 2);
}

}  // namespace
}  // namespace ordo
