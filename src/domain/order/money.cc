#include "domain/order/money.h"

#include <algorithm>
#include <array>

namespace ordo {
namespace {

bool Ended(const Order& order) {
  return order.status == OrderStatus::kCancelled || order.status == OrderStatus::kClosed;
}

}  // namespace

bool PaidInFull(const Order& order) {
  switch (order.payment_status) {
    case PaymentStatus::kPaid:
    case PaymentStatus::kPartiallyRefunded:
    case PaymentStatus::kRefunded:
    case PaymentStatus::kCodCollected:
      return true;
    case PaymentStatus::kUnpaid:
    case PaymentStatus::kCodPending:
      return false;
  }
  return false;
}

int64_t ChargeOf(const Order& order) {
  if (Ended(order)) {
    return 0;
  }
  return std::max<int64_t>(0, order.total_amount - order.credit_amount);
}

OrderMoney MoneyOf(const Order& order) {
  ORDO_ASSERT(order.paid_amount >= order.refunded_amount);
  OrderMoney money;
  money.paid = order.paid_amount;
  money.refunded = order.refunded_amount;
  money.charge = ChargeOf(order);
  const int64_t held = order.paid_amount - order.refunded_amount;
  if (PaidInFull(order) || Ended(order)) {
    money.kept = std::min(held, money.charge);
  }
  money.due = held - money.kept;
  money.balance = std::max<int64_t>(0, money.charge - held);
  return money;
}

int64_t Refundable(const Order& order) {
  return order.paid_amount - order.refunded_amount;
}

int64_t SurplusOf(const Order& order) {
  if (!PaidInFull(order) && !Ended(order)) {
    return 0;
  }
  const OrderMoney money = MoneyOf(order);
  return money.due;
}

std::string_view RefundCauseName(RefundCause cause) {
  return Name(cause);
}

std::optional<RefundCause> ParseRefundCause(std::string_view text) {
  return ParseEnum<RefundCause>(text);
}

bool IsConcession(RefundCause cause) {
  return cause == RefundCause::kAfterSales;
}

bool IsSurplusPayment(RefundCause cause) {
  return cause == RefundCause::kDuplicatePayment || cause == RefundCause::kPaymentAfterClose ||
         cause == RefundCause::kOverpayment;
}

Status BookRefund(Order& order, int64_t amount, RefundCause cause) {
  if (amount <= 0) {
    return Status::Invalid("amount", Code::kInvalidValue, "a refund must be positive");
  }
  if (amount > Refundable(order)) {
    return Status::Conflict(Code::kRefundExceedsPayment,
                            "refunding " + std::to_string(amount) + " of order " + order.order_no +
                                " would exceed its payment of " +
                                std::to_string(order.paid_amount) + " (already refunded " +
                                std::to_string(order.refunded_amount) + ")");
  }
  order.refunded_amount += amount;
  if (IsConcession(cause)) {
    order.credit_amount += amount;
  }
  return Status::Ok();
}

void UnbookRefund(Order& order, int64_t amount, RefundCause cause) {
  ORDO_ASSERT(amount > 0 && amount <= order.refunded_amount);
  order.refunded_amount -= amount;
  if (IsConcession(cause)) {
    order.credit_amount = std::max<int64_t>(0, order.credit_amount - amount);
  }
}

void BookPayment(Order& order, int64_t amount) {
  ORDO_ASSERT(amount > 0);
  order.paid_amount += amount;
}

bool RefundedInFull(const Order& order) {
  return PaidInFull(order) && order.paid_amount > 0 && ChargeOf(order) == 0 &&
         order.total_amount > 0;
}

Status CheckNothingDue(const Order& order) {
  if (order.payment_method != PaymentMethod::kOnline) {
    return Status::Ok();
  }
  const OrderMoney money = MoneyOf(order);
  if (money.balance <= 0) {
    return Status::Ok();
  }
  return Status::Conflict(Code::kPaymentDue,
                          "order " + order.order_no + " still owes " +
                              std::to_string(money.balance) +
                              " fen: it does not go to the warehouse until that is paid");
}

}  // namespace ordo
