#include "domain/payment/refund.h"

#include <array>

namespace ordo {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000LL;
constexpr int64_t kSearchDays = 3660;  // ten years, as AddBusinessHours
constexpr size_t kMaxRef = 128;
constexpr size_t kMaxText = 200;
constexpr size_t kMaxNote = 500;

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

// The money the order itself was paid: surplus payments (duplicates, after close) and their
// refunds are not the order's.
int64_t OwnPaid(const Order& order) {
  int64_t surplus = 0;
  for (const Payment& payment : order.payments) {
    if (payment.duplicate || payment.outcome == PaymentOutcome::kAfterClose) {
      surplus += payment.amount;
    }
  }
  return order.paid_amount - surplus;
}

Status CheckApprover(const Refund& refund, const Approver& approver) {
  if (refund.status != RefundStatus::kAwaitingApproval) {
    return Status::Conflict(Code::kIllegalTransition,
                            "refund " + std::to_string(refund.id) + " is " +
                                std::string(RefundStatusName(refund.status)) +
                                ", not awaiting approval");
  }
  if (approver.name == refund.created_by) {
    return Status::Conflict(Code::kSelfApproval, "refund " + std::to_string(refund.id) +
                                                     " was asked for by " + approver.name +
                                                     ": someone else decides it");
  }
  if (refund.approval == RefundApproval::kFinance && !approver.may_approve_large) {
    return Status(Kind::kForbidden, Code::kFinanceApprovalRequired,
                  "refund " + std::to_string(refund.id) + " of " + std::to_string(refund.amount) +
                      " fen is above the approval threshold: finance approves it");
  }
  return Status::Ok();
}

OrderEvent RefundEvent(std::string type, const Refund& refund, const Actor& actor) {
  OrderEvent event;
  event.type = std::move(type);
  event.at = actor.at;
  event.actor = actor.name;
  event.details = {{"refund_id", std::to_string(refund.id)},
                   {"amount", std::to_string(refund.amount)},
                   {"cause", std::string(RefundCauseName(refund.cause))}};
  return event;
}

}  // namespace

std::string_view RefundStatusName(RefundStatus status) {
  return Name(status);
}

std::optional<RefundStatus> ParseRefundStatus(std::string_view text) {
  return ParseEnum<RefundStatus>(text);
}

std::string_view RefundApprovalName(RefundApproval approval) {
  return Name(approval);
}

std::optional<RefundApproval> ParseRefundApproval(std::string_view text) {
  return ParseEnum<RefundApproval>(text);
}

Timestamp RefundDueAt(Timestamp requested_at, const BusinessCalendar& calendar) {
  const int64_t day = FloorDiv(requested_at.unix_ms + kChinaOffsetMs, kDayMs);
  const int64_t due_day = NextWorkingDay(day, calendar).value_or(day + 1);
  return Timestamp{due_day * kDayMs - kChinaOffsetMs};
}

RefundApproval ApprovalFor(RefundCause cause, int64_t amount, bool by_person,
                           int64_t threshold_amount) {
  if (amount > threshold_amount) {
    return RefundApproval::kFinance;
  }
  const bool decided_by_a_person =
      cause == RefundCause::kOrderChange || cause == RefundCause::kAfterSales;
  return by_person && decided_by_a_person ? RefundApproval::kPeer : RefundApproval::kNone;
}

Result<Refund> OpenRefund(Order& order, int64_t amount, RefundCause cause, RefundApproval approval,
                          const BusinessCalendar& calendar, const Actor& actor) {
  ORDO_RETURN_IF_ERROR(BookRefund(order, amount, cause));
  Refund refund;
  refund.order_no = order.order_no;
  refund.amount = amount;
  refund.cause = cause;
  refund.approval = approval;
  refund.status =
      approval == RefundApproval::kNone ? RefundStatus::kPending : RefundStatus::kAwaitingApproval;
  refund.created_at = actor.at;
  refund.created_by = actor.name;
  refund.due_at = RefundDueAt(actor.at, calendar);
  return refund;
}

Status ApproveRefund(Refund& refund, const Approver& approver, const std::string& note,
                     const BusinessCalendar& calendar, Timestamp at) {
  ORDO_RETURN_IF_ERROR(CheckApprover(refund, approver));
  if (note.size() > kMaxNote) {
    return Status::Invalid("note", Code::kInvalidValue, "note must be at most 500 bytes");
  }
  refund.status = RefundStatus::kPending;
  refund.decided_by = approver.name;
  refund.decided_at = at;
  refund.decision_note = note;
  refund.due_at = RefundDueAt(at, calendar);
  return Status::Ok();
}

Result<OrderEvent> RejectRefund(Refund& refund, Order& order, const Approver& approver,
                                const std::string& note, const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CheckApprover(refund, approver));
  if (note.empty() || note.size() > kMaxNote) {
    return Status::Invalid("note", note.empty() ? Code::kRequired : Code::kInvalidValue,
                           "a rejection needs a note of at most 500 bytes");
  }
  // Only a concession is the merchant's to refuse: it gives back what the customer is charged,
  // and refusing it puts the charge back. Any other refund returns money the order no longer
  // charges (cancelled, closed, lines removed or dropped, paid twice or too much): refusing it
  // would keep money that is owed.
  if (!IsConcession(refund.cause)) {
    return Status::Conflict(Code::kRefundOwed,
                            "refund " + std::to_string(refund.id) + " (" +
                                std::string(RefundCauseName(refund.cause)) +
                                ") returns money order " + order.order_no +
                                " no longer charges: it is owed and cannot be rejected; approve "
                                "it (a payout that fails stays owed and is retried)");
  }
  UnbookRefund(order, refund.amount, refund.cause);
  order.version += 1;
  order.updated_at = actor.at;
  refund.status = RefundStatus::kRejected;
  refund.decided_by = approver.name;
  refund.decided_at = actor.at;
  refund.decision_note = note;
  OrderEvent event = RefundEvent("refund_rejected", refund, actor);
  event.details.emplace_back("refunded_amount", std::to_string(order.refunded_amount));
  return event;
}

Result<Events> ExecuteRefund(Order& order, Refund& refund, const ExecutedRefunds& before,
                             const Payout& payout, const Actor& actor) {
  if (refund.status == RefundStatus::kSucceeded) {
    return Events{};
  }
  if (refund.status != RefundStatus::kPending && refund.status != RefundStatus::kFailed) {
    return Status::Conflict(Code::kIllegalTransition,
                            "refund " + std::to_string(refund.id) + " is " +
                                std::string(RefundStatusName(refund.status)) +
                                ": only a pending or failed refund is paid out");
  }
  if (payout.provider_ref.size() > kMaxRef || (payout.succeeded && payout.provider_ref.empty())) {
    return Status::Invalid("provider_ref",
                           payout.provider_ref.empty() ? Code::kRequired : Code::kInvalidValue,
                           "the provider's reference of the payout (at most 128 bytes)");
  }
  if (payout.failure_reason.size() > kMaxText) {
    return Status::Invalid("failure_reason", Code::kInvalidValue, "at most 200 bytes");
  }
  refund.executed_at = actor.at;
  refund.executed_by = actor.name;
  refund.provider_ref = payout.provider_ref;
  order.version += 1;
  order.updated_at = actor.at;
  if (!payout.succeeded) {
    refund.status = RefundStatus::kFailed;
    refund.failure_reason = payout.failure_reason;
    OrderEvent event = RefundEvent("refund_failed", refund, actor);
    event.details.emplace_back("failure_reason", payout.failure_reason);
    return Events{std::move(event)};
  }
  refund.status = RefundStatus::kSucceeded;
  refund.failure_reason.clear();
  const bool surplus = IsSurplusPayment(refund.cause);
  const int64_t own_refunded = before.order_amount + (surplus ? 0 : refund.amount);
  if (!surplus && own_refunded > 0 && PaidInFull(order)) {
    order.payment_status = own_refunded >= OwnPaid(order) ? PaymentStatus::kRefunded
                                                          : PaymentStatus::kPartiallyRefunded;
  }
  OrderEvent event = RefundEvent("refund_executed", refund, actor);
  event.details.emplace_back("payment_status",
                             std::string(PaymentStatusName(order.payment_status)));
  event.details.emplace_back("provider_ref", payout.provider_ref);
  return Events{std::move(event)};
}

}  // namespace ordo
