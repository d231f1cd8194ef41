#include "domain/payment/refund.h"

namespace ordo {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000LL;
constexpr int64_t kSearchDays = 3660;  // ten years, as AddBusinessHours

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::optional<int64_t> NextWorkingDay(int64_t day, const BusinessCalendar& calendar) {
  for (int64_t step = 1; step <= kSearchDays; ++step) {
    if (calendar.IsWorkingDay(day + step)) {
      return day + step;
    }
  }
  return std::nullopt;
}

// The money the order itself was paid: duplicate payments are refunded on their own.
int64_t OwnPaid(const Order& order) {
  int64_t duplicates = 0;
  for (const Payment& payment : order.payments) {
    if (payment.duplicate) {
      duplicates += payment.amount;
    }
  }
  return order.paid_amount - duplicates;
}

}  // namespace

Timestamp RefundDueAt(Timestamp requested_at, const BusinessCalendar& calendar) {
  const int64_t day = FloorDiv(requested_at.unix_ms + kChinaOffsetMs, kDayMs);
  const int64_t due_day = NextWorkingDay(day, calendar).value_or(day + 1);
  return Timestamp{due_day * kDayMs - kChinaOffsetMs};
}

Result<Events> ExecuteRefund(Order& order, const RefundToExecute& refund,
                             const ExecutedRefunds& before, const std::string& provider_ref,
                             const Actor& actor) {
  if (refund.status == "succeeded") {
    return Events{};
  }
  if (refund.status != "pending") {
    return Status::Conflict(Code::kIllegalTransition, "refund " + std::to_string(refund.id) +
                                                          " is " + refund.status + ", not pending");
  }
  const bool duplicate = refund.reason == kDuplicatePaymentReason;
  const int64_t own_refunded = before.order_amount + (duplicate ? 0 : refund.amount);
  if (!duplicate && own_refunded > 0 &&
      (order.payment_status == PaymentStatus::kPaid ||
       order.payment_status == PaymentStatus::kPartiallyRefunded ||
       order.payment_status == PaymentStatus::kCodCollected ||
       order.payment_status == PaymentStatus::kRefunded)) {
    order.payment_status = own_refunded >= OwnPaid(order) ? PaymentStatus::kRefunded
                                                          : PaymentStatus::kPartiallyRefunded;
  }
  order.version += 1;
  order.updated_at = actor.at;
  OrderEvent event;
  event.type = "refund_executed";
  event.at = actor.at;
  event.actor = actor.name;
  event.details = {{"refund_id", std::to_string(refund.id)},
                   {"amount", std::to_string(refund.amount)},
                   {"reason", refund.reason},
                   {"payment_status", std::string(PaymentStatusName(order.payment_status))}};
  if (!provider_ref.empty()) {
    event.details.emplace_back("provider_ref", provider_ref);
  }
  return Events{std::move(event)};
}

}  // namespace ordo
