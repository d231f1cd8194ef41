#include "domain/payment/payment.h"

#include <algorithm>
#include <utility>

namespace ordo {
namespace {

constexpr size_t kMaxReason = 200;
constexpr size_t kMaxNote = 500;
constexpr size_t kMaxId = 128;

OrderEvent Note(std::string type, const Actor& actor,
                std::vector<std::pair<std::string, std::string>> details) {
  OrderEvent event;
  event.type = std::move(type);
  event.at = actor.at;
  event.actor = actor.name;
  event.details = std::move(details);
  return event;
}

const Payment* Recorded(const Order& order, const PaymentNotice& notice) {
  for (const Payment& payment : order.payments) {
    if (SameCode(payment.provider, notice.provider) &&
        payment.transaction_id == notice.transaction_id) {
      return &payment;
    }
  }
  return nullptr;
}

Status CheckNotice(const PaymentNotice& notice) {
  std::vector<FieldError> errors;
  if (notice.provider.empty()) {
    errors.push_back({"provider", Code::kRequired, "provider is required"});
  }
  if (notice.transaction_id.empty()) {
    errors.push_back({"transaction_id", Code::kRequired, "transaction_id is required"});
  } else if (notice.transaction_id.size() > kMaxId) {
    errors.push_back({"transaction_id", Code::kInvalidValue, "transaction_id is too long"});
  }
  if (notice.amount <= 0) {
    errors.push_back({"amount", Code::kInvalidValue, "amount must be a positive number of fen"});
  }
  if (notice.failure_reason.size() > kMaxReason) {
    errors.push_back({"failure_reason", Code::kInvalidValue, "failure_reason is too long"});
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

// The payment as it is recorded on the order, and the event details every payment event carries.
Payment Record(Order& order, const PaymentNotice& notice, std::string outcome, const Actor& actor) {
  Payment payment{notice.provider, notice.transaction_id, notice.amount, actor.at,
                  false,           std::move(outcome)};
  order.payments.push_back(payment);
  order.version += 1;
  order.updated_at = actor.at;
  return payment;
}

std::vector<std::pair<std::string, std::string>> Details(const PaymentNotice& notice) {
  std::vector<std::pair<std::string, std::string>> details = {
      {"provider", notice.provider},
      {"transaction_id", notice.transaction_id},
      {"amount", std::to_string(notice.amount)}};
  if (notice.paid_at) {
    details.emplace_back("provider_at", std::to_string(notice.paid_at->unix_ms));
  }
  return details;
}

PaymentDecision Failed(Order& order, const PaymentNotice& notice, const Actor& actor) {
  PaymentDecision decision;
  decision.payment = Record(order, notice, "failed", actor);
  auto details = Details(notice);
  details.emplace_back("failure_reason", notice.failure_reason);
  decision.events.push_back(Note("payment_failed", actor, details));
  // A failure after the order was paid (a retried attempt) changes nothing the customer owes.
  if (order.status == OrderStatus::kPendingPayment) {
    decision.abnormal = PaymentCase{
        "payment_failed",
        "",
        "payment " + notice.transaction_id + " via " + notice.provider + " failed" +
            (notice.failure_reason.empty() ? "" : ": " + notice.failure_reason),
        {{"transaction_id", notice.transaction_id}, {"amount", std::to_string(notice.amount)}}};
  }
  return decision;
}

PaymentDecision Mismatch(Order& order, const PaymentNotice& notice, const Actor& actor) {
  PaymentDecision decision;
  decision.payment = Record(order, notice, "amount_mismatch", actor);
  auto details = Details(notice);
  details.emplace_back("expected_amount", std::to_string(order.total_amount));
  decision.events.push_back(Note("payment_amount_mismatch", actor, details));
  decision.abnormal = PaymentCase{"payment_amount_mismatch",
                                  "",
                                  "paid " + std::to_string(notice.amount) + " fen via " +
                                      notice.provider + " (" + notice.transaction_id + ") but " +
                                      std::to_string(order.total_amount) + " fen is due",
                                  {{"observed_amount", std::to_string(notice.amount)},
                                   {"expected_amount", std::to_string(order.total_amount)},
                                   {"transaction_id", notice.transaction_id}}};
  return decision;
}

PaymentDecision AfterClose(Order& order, const PaymentNotice& notice, const Actor& actor) {
  PaymentDecision decision;
  Record(order, notice, "after_close", actor);
  // Received but not owed: counted as paid and, by the refund created with it, as refunded, as a
  // duplicate payment is (the refund leaves the order's payment status alone).
  order.payments.back().duplicate = true;
  decision.payment = order.payments.back();
  order.paid_amount += notice.amount;
  order.refunded_amount += notice.amount;
  auto details = Details(notice);
  details.emplace_back("order_status", std::string(StatusName(order.status)));
  decision.events.push_back(Note("payment_after_close", actor, details));
  decision.refund_amount = notice.amount;
  decision.abnormal = PaymentCase{
      "payment_after_close",
      "",
      "order already " + std::string(StatusName(order.status)) + "; " +
          std::to_string(notice.amount) + " fen paid via " + notice.provider + " (" +
          notice.transaction_id + ") is refunded",
      {{"transaction_id", notice.transaction_id}, {"amount", std::to_string(notice.amount)}}};
  return decision;
}

}  // namespace

Result<PaymentDecision> ApplyPaymentNotice(Order& order, const PaymentNotice& notice,
                                           const Actor& actor) {
  if (const Payment* recorded = Recorded(order, notice)) {
    PaymentDecision decision;
    decision.payment = *recorded;
    decision.repeat = true;
    return decision;
  }
  ORDO_RETURN_IF_ERROR(CheckNotice(notice));
  if (order.payment_method == PaymentMethod::kCod) {
    return Status::Conflict(Code::kIllegalTransition,
                            "order " + order.order_no + " is cash on delivery");
  }
  if (!notice.succeeded) {
    return Failed(order, notice, actor);
  }
  if (order.status == OrderStatus::kClosed || order.status == OrderStatus::kCancelled) {
    return AfterClose(order, notice, actor);
  }
  if (order.status == OrderStatus::kPendingPayment && notice.amount != order.total_amount) {
    return Mismatch(order, notice, actor);
  }
  const Payment payment{notice.provider, notice.transaction_id, notice.amount, actor.at, false,
                        "succeeded"};
  ORDO_ASSIGN_OR_RETURN(Events events, ConfirmPayment(order, payment, actor));
  if (notice.paid_at && !events.empty()) {
    events.front().details.emplace_back("provider_at", std::to_string(notice.paid_at->unix_ms));
  }
  std::optional<PaymentDecision> duplicate = TakeDuplicatePayment(order, events);
  PaymentDecision decision = duplicate ? std::move(*duplicate) : PaymentDecision{};
  decision.events = std::move(events);
  decision.payment = order.payments.back();
  return decision;
}

std::optional<PaymentDecision> TakeDuplicatePayment(Order& order, const Events& events) {
  if (events.empty() || events.front().type != "duplicate_payment" || order.payments.empty() ||
      !order.payments.back().duplicate) {
    return std::nullopt;
  }
  const Payment& payment = order.payments.back();
  // The extra money was received: it counts as paid, and as refunded once the refund is created,
  // so paid_amount - refunded_amount stays what the order itself is owed back on cancellation.
  order.paid_amount += payment.amount;
  order.refunded_amount += payment.amount;
  PaymentDecision decision;
  decision.payment = payment;
  decision.refund_amount = payment.amount;
  decision.abnormal = PaymentCase{
      "duplicate_payment",
      "",
      "order already paid; " + std::to_string(payment.amount) + " fen paid again via " +
          payment.provider + " (" + payment.transaction_id + ") is refunded",
      {{"transaction_id", payment.transaction_id}, {"amount", std::to_string(payment.amount)}}};
  return decision;
}

int64_t CodAmountDue(const Order& order) {
  int64_t shipped = 0;
  for (const OrderLine& line : order.lines) {
    shipped += line.unit_price_amount * line.quantity_shipped;
  }
  return std::min(shipped, order.total_amount);
}

bool AwaitsCodConfirmation(const Order& order) {
  return order.payment_method == PaymentMethod::kCod && !order.cod_confirmed_at.has_value();
}

Status CheckCodConfirmed(const Order& order) {
  if (AwaitsCodConfirmation(order)) {
    return Status::Conflict(Code::kCodNotConfirmed,
                            "cash-on-delivery order " + order.order_no +
                                " must be re-confirmed with the customer before it is picked or "
                                "shipped");
  }
  return Status::Ok();
}

Result<Events> ConfirmCashOnDelivery(Order& order, const CodConfirmation& answer,
                                     const Actor& actor) {
  std::vector<FieldError> errors;
  if (answer.channel != "phone" && answer.channel != "sms" && answer.channel != "app") {
    errors.push_back({"channel", Code::kInvalidValue, "channel must be phone, sms or app"});
  }
  if (answer.note.size() > kMaxNote) {
    errors.push_back({"note", Code::kInvalidValue, "note is too long"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  if (order.payment_method != PaymentMethod::kCod) {
    return Status::Conflict(Code::kIllegalTransition,
                            "order " + order.order_no + " is not cash on delivery");
  }
  if (IsTerminal(order.status) || order.shipped_at.has_value() ||
      order.status == OrderStatus::kShipped || order.status == OrderStatus::kDelivered) {
    return Status::Conflict(Code::kIllegalTransition,
                            "order " + order.order_no + " is " +
                                std::string(StatusName(order.status)) +
                                ": too late to re-confirm cash on delivery");
  }
  if (answer.confirmed && order.cod_confirmed_at.has_value()) {
    return Events{};  // already re-confirmed: the first answer stands
  }
  std::vector<std::pair<std::string, std::string>> details = {{"channel", answer.channel}};
  if (!answer.note.empty()) {
    details.emplace_back("note", answer.note);
  }
  order.version += 1;
  order.updated_at = actor.at;
  if (!answer.confirmed) {
    return Events{Note("cod_refused", actor, std::move(details))};
  }
  order.cod_confirmed_at = actor.at;
  order.cod_confirmed_by = actor.name;
  return Events{Note("cod_confirmed", actor, std::move(details))};
}

}  // namespace ordo
