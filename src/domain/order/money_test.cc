#include "domain/order/money.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

constexpr int64_t kTotal = 9900;

Order OnlineOrder() {
  Order order;
  order.order_no = "20261127000001";
  order.status = OrderStatus::kPendingPayment;
  order.payment_status = PaymentStatus::kUnpaid;
  order.payment_method = PaymentMethod::kOnline;
  order.total_amount = kTotal;
  return order;
}

Order PaidOrder() {
  Order order = OnlineOrder();
  order.status = OrderStatus::kAwaitingFulfillment;
  order.payment_status = PaymentStatus::kPaid;
  order.paid_amount = kTotal;
  return order;
}

void ExpectBalanced(const OrderMoney& money) {
  EXPECT_EQ(money.paid, money.kept + money.refunded + money.due);
  EXPECT_GE(money.kept, 0);
  EXPECT_GE(money.due, 0);
  EXPECT_GE(money.balance, 0);
}

TEST(OrderMoney, AnUnpaidOrderKeepsNothingAndOwesItsTotal) {
  const OrderMoney money = MoneyOf(OnlineOrder());
  ExpectBalanced(money);
  EXPECT_EQ(money.charge, kTotal);
  EXPECT_EQ(money.kept, 0);
  EXPECT_EQ(money.balance, kTotal);
}

TEST(OrderMoney, AShortPaymentIsHeldForTheBalanceNotKept) {
  Order order = OnlineOrder();
  BookPayment(order, 9000);
  const OrderMoney money = MoneyOf(order);
  ExpectBalanced(money);
  EXPECT_EQ(money.paid, 9000);
  EXPECT_EQ(money.kept, 0);
  EXPECT_EQ(money.due, 9000);
  EXPECT_EQ(money.balance, 900);
  EXPECT_EQ(SurplusOf(order), 0) << "held for the balance while the order waits";
}

TEST(OrderMoney, AShortPaymentIsAllRefundableOnceTheOrderCloses) {
  Order order = OnlineOrder();
  BookPayment(order, 9000);
  order.status = OrderStatus::kClosed;
  EXPECT_EQ(ChargeOf(order), 0);
  EXPECT_EQ(SurplusOf(order), 9000);
  ASSERT_TRUE(BookRefund(order, 9000, RefundCause::kOrderClosed).ok());
  const OrderMoney money = MoneyOf(order);
  ExpectBalanced(money);
  EXPECT_EQ(money.due, 0);
  EXPECT_EQ(money.kept, 0);
}

TEST(OrderMoney, APaidOrderKeepsWhatItIsCharged) {
  const OrderMoney money = MoneyOf(PaidOrder());
  ExpectBalanced(money);
  EXPECT_EQ(money.kept, kTotal);
  EXPECT_EQ(money.due, 0);
  EXPECT_EQ(money.balance, 0);
}

TEST(OrderMoney, ARejectedOrCancelledPaidOrderOwesAllItWasPaidBack) {
  for (OrderStatus ended : {OrderStatus::kClosed, OrderStatus::kCancelled}) {
    Order order = PaidOrder();
    order.status = ended;
    EXPECT_EQ(SurplusOf(order), kTotal) << StatusName(ended);
    EXPECT_EQ(MoneyOf(order).kept, 0);
  }
}

TEST(OrderMoney, AHigherTotalOfAPaidOrderIsOwedAndHoldsItBackFromTheWarehouse) {
  Order order = PaidOrder();
  order.total_amount = kTotal + 9980;
  const OrderMoney money = MoneyOf(order);
  ExpectBalanced(money);
  EXPECT_EQ(money.balance, 9980);
  EXPECT_EQ(CheckNothingDue(order).code(), Code::kPaymentDue);
  order.payment_method = PaymentMethod::kCod;
  EXPECT_TRUE(CheckNothingDue(order).ok()) << "cash on delivery pays on delivery";
}

TEST(OrderMoney, ALowerTotalOfAPaidOrderIsASurplusToRefund) {
  Order order = PaidOrder();
  order.total_amount = kTotal - 1900;
  EXPECT_EQ(SurplusOf(order), 1900);
  ASSERT_TRUE(BookRefund(order, 1900, RefundCause::kOrderChange).ok());
  EXPECT_EQ(order.credit_amount, 0) << "the lines changed: not a concession";
  ExpectBalanced(MoneyOf(order));
  EXPECT_EQ(MoneyOf(order).kept, kTotal - 1900);
}

TEST(OrderMoney, AnAfterSalesRefundIsAConcessionThatLowersWhatIsKept) {
  Order order = PaidOrder();
  order.status = OrderStatus::kDelivered;
  ASSERT_TRUE(BookRefund(order, 4000, RefundCause::kAfterSales).ok());
  EXPECT_EQ(order.credit_amount, 4000);
  const OrderMoney money = MoneyOf(order);
  ExpectBalanced(money);
  EXPECT_EQ(money.kept, kTotal - 4000);
  EXPECT_EQ(money.due, 0);
  EXPECT_FALSE(RefundedInFull(order));
  ASSERT_TRUE(BookRefund(order, kTotal - 4000, RefundCause::kAfterSales).ok());
  EXPECT_TRUE(RefundedInFull(order));
}

TEST(OrderMoney, ARefundBeyondWhatWasPaidIsRefusedAndChangesNothing) {
  Order order = PaidOrder();
  const Status refused = BookRefund(order, kTotal + 1, RefundCause::kOrderClosed);
  EXPECT_EQ(refused.code(), Code::kRefundExceedsPayment);
  EXPECT_EQ(order.refunded_amount, 0);
  EXPECT_EQ(BookRefund(order, 0, RefundCause::kOrderClosed).kind(), Kind::kInvalid);
}

TEST(OrderMoney, ARejectedRefundComesOffTheBooks) {
  Order order = PaidOrder();
  ASSERT_TRUE(BookRefund(order, 500, RefundCause::kAfterSales).ok());
  UnbookRefund(order, 500, RefundCause::kAfterSales);
  EXPECT_EQ(order.refunded_amount, 0);
  EXPECT_EQ(order.credit_amount, 0);
}

TEST(OrderMoney, RefundCausesHaveStableNames) {
  for (RefundCause cause : {RefundCause::kOrderClosed, RefundCause::kOverpayment,
                            RefundCause::kPaymentAfterClose, RefundCause::kDroppedLines}) {
    EXPECT_EQ(ParseRefundCause(RefundCauseName(cause)), cause);
  }
  EXPECT_EQ(RefundCauseName(RefundCause::kPaymentAfterClose), "payment_after_close");
  EXPECT_FALSE(ParseRefundCause("cancelled"));
}

}  // namespace
}  // namespace ordo
