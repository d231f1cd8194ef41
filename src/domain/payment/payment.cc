#include "domain/payment/payment.h"

#include <algorithm>
#include <utility>

#include "base/limits.h"

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

std::string Via(const Payment& payment) {
  return std::to_string(payment.amount) + " fen via " + payment.provider + " (" +
         payment.transaction_id + ")";
}

CaseDetails CaseDetailsOf(const Payment& payment) {
  return {{"transaction_id", payment.transaction_id}, {"amount", std::to_string(payment.amount)}};
}

}  // namespace

const Payment* RecordedPayment(const Order& order, const std::string& provider,
                               const std::string& transaction_id) {
  for (const Payment& payment : order.payments) {
    if (SameCode(payment.provider, provider) && payment.transaction_id == transaction_id) {
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
  if (notice.amount <= 0 || notice.amount > kMaxAmount) {
    errors.push_back(
        {"amount", Code::kInvalidValue,
         "amount must be a positive number of fen, at most " + std::to_string(kMaxAmount)});
  }
  if (notice.failure_reason.size() > kMaxReason) {
    errors.push_back({"failure_reason", Code::kInvalidValue, "failure_reason is too long"});
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

Result<FailedPayment> RecordFailedPayment(Order& order, const PaymentNotice& notice,
                                          const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CheckNotice(notice));
  if (order.payment_method == PaymentMethod::kCod) {
    return Status::Conflict(Code::kIllegalTransition,
                            "order " + order.order_no + " is cash on delivery");
  }
  FailedPayment failed;
  failed.payment =
      Payment{notice.provider, notice.transaction_id, notice.amount, actor.at, false,
              PaymentOutcome::kFailed};
  order.payments.push_back(failed.payment);
  order.version += 1;
  order.updated_at = actor.at;
  auto details = Details(notice);
  details.emplace_back("failure_reason", notice.failure_reason);
  failed.events.push_back(Note("payment_failed", actor, details));
  // A failure after the order was paid (a retried attempt) changes nothing the customer owes.
  if (order.status == OrderStatus::kPendingPayment) {
    failed.abnormal =
        PaymentCase{"payment_failed", "",
                    "payment " + notice.transaction_id + " via " + notice.provider + " failed" +
                        (notice.failure_reason.empty() ? "" : ": " + notice.failure_reason),
                    CaseDetailsOf(failed.payment)};
  }
  return failed;
}

RefundCause SurplusCause(Receipt receipt) {
  switch (receipt) {
    case Receipt::kDuplicate:
      return RefundCause::kDuplicatePayment;
    case Receipt::kAfterClose:
      return RefundCause::kPaymentAfterClose;
    default:
      return RefundCause::kOverpayment;
  }
}

std::optional<PaymentCase> CaseForReceipt(const Order& order, const Payment& payment,
                                          Receipt receipt, int64_t surplus) {
  switch (receipt) {
    case Receipt::kRepeat:
      return std::nullopt;
    case Receipt::kShort: {
      const int64_t balance = MoneyOf(order).balance;
      return PaymentCase{"payment_amount_mismatch",
                         "",
                         "paid " + Via(payment) + " but " +
                             std::to_string(balance + payment.amount) + " fen was due; " +
                             std::to_string(Refundable(order)) +
                             " fen is held for the balance of " + std::to_string(balance) +
                             " fen (refunded if the order closes)",
                         {{"observed_amount", std::to_string(payment.amount)},
                          {"expected_amount", std::to_string(balance + payment.amount)},
                          {"balance_amount", std::to_string(balance)},
                          {"transaction_id", payment.transaction_id}}};
    }
    case Receipt::kDuplicate:
      return PaymentCase{"duplicate_payment", "",
                         "order already paid; " + Via(payment) + " paid again is refunded",
                         CaseDetailsOf(payment)};
    case Receipt::kAfterClose:
      return PaymentCase{"payment_after_close", "",
                         "order already " + std::string(StatusName(order.status)) + "; " +
                             Via(payment) + " is refunded",
                         CaseDetailsOf(payment)};
    case Receipt::kConfirmed:
    case Receipt::kSupplement:
      break;
  }
  if (surplus <= 0) {
    return std::nullopt;
  }
  CaseDetails details = CaseDetailsOf(payment);
  details.emplace_back("refund_amount", std::to_string(surplus));
  return PaymentCase{"payment_overpaid", "",
                     "paid " + Via(payment) + ", " + std::to_string(surplus) +
                         " fen more than was due: the difference is refunded",
                     std::move(details)};
}

PaymentDecision FollowReceipt(const Order& order, ReceivedPayment received) {
  PaymentDecision decision;
  decision.repeat = received.receipt == Receipt::kRepeat;
  decision.receipt = received.receipt;
  decision.events = std::move(received.events);
  if (decision.repeat) {
    return decision;
  }
  decision.payment = order.payments.back();
  decision.refund_amount = SurplusOf(order);
  decision.refund_cause = SurplusCause(received.receipt);
  decision.abnormal =
      CaseForReceipt(order, decision.payment, received.receipt, decision.refund_amount);
  return decision;
}

Result<PaymentDecision> ApplyPaymentNotice(Order& order, const PaymentNotice& notice,
                                           const Actor& actor) {
  if (const Payment* recorded = RecordedPayment(order, notice.provider, notice.transaction_id)) {
    PaymentDecision decision;
    decision.payment = *recorded;
    decision.repeat = true;
    return decision;
  }
  ORDO_RETURN_IF_ERROR(CheckNotice(notice));
  if (!notice.succeeded) {
    ORDO_ASSIGN_OR_RETURN(FailedPayment failed, RecordFailedPayment(order, notice, actor));
    PaymentDecision decision;
    decision.events = std::move(failed.events);
    decision.payment = std::move(failed.payment);
    decision.abnormal = std::move(failed.abnormal);
    return decision;
  }
  const Payment payment{notice.provider, notice.transaction_id, notice.amount, actor.at, false,
                        PaymentOutcome::kSucceeded};
  ORDO_ASSIGN_OR_RETURN(ReceivedPayment received, ReceivePayment(order, payment, false, actor));
  if (notice.paid_at && !received.events.empty()) {
    received.events.front().details.emplace_back("provider_at",
                                                 std::to_string(notice.paid_at->unix_ms));
  }
  return FollowReceipt(order, std::move(received));
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
