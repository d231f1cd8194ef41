// Payments of an order as the providers report them or staff enter them (domain.md REV-2), and
// the re-confirmation of cash-on-delivery orders with the customer.
//
// Money that arrives is never refused: every payment that succeeded is on the order's books
// (domain/order/money.h BookPayment), and what the order does not need goes back. What a payment
// does is decided here, without I/O (ReceivePayment); the caller (app/payments.h) stores the
// order, refunds what SurplusOf(order) says is no longer needed and opens the abnormal case the
// decision names, in one transaction:
//   - a repeat of a recorded (provider, transaction_id) changes nothing and answers as the first;
//   - a failure is recorded (outcome "failed", event "payment_failed"); while the order still
//     waits for its payment a non-blocking payment_failed case opens;
//   - the amount due (the balance: the total, or what a short payment left) confirms the payment
//     (pending_payment → pending_review);
//   - less than the amount due is a short payment: credited (outcome "amount_mismatch", event
//     "payment_amount_mismatch") and held for the balance while the order keeps waiting, held by
//     a blocking payment_amount_mismatch case. The balance, when it comes, confirms the order;
//     if the order closes instead, the closing refunds what was held;
//   - more than the amount due confirms the payment and the rest is refunded at once (cause
//     overpayment, a payment_overpaid case);
//   - after a change or an exchange raised the charge of a paid order, the next payment is the
//     supplement (补差价, event "supplement_paid"), its surplus refunded like an overpayment;
//   - a second, different payment of a paid order that owes nothing is a duplicate payment,
//     refunded at once (cause duplicate_payment) with a non-blocking duplicate_payment case;
//   - a payment of an order that has already ended (closed, rejected, cancelled) is recorded
//     (outcome "after_close", event "payment_after_close") and refunded at once (cause
//     payment_after_close) with a payment_after_close case: finance may enter one too.
// Staff entering a payment by hand must give the amount due exactly (422 payment_amount_mismatch):
// a typing error is refused, not credited.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "domain/anomaly/case.h"
#include "domain/order/cod.h"
#include "domain/order/money.h"
#include "domain/order/order.h"

namespace ordo {

struct PaymentNotice {
  std::string provider;
  std::string transaction_id;
  int64_t amount = 0;  // fen, > 0
  bool succeeded = true;
  std::string failure_reason;        // the provider's words for a failure, at most 200 bytes
  std::optional<Timestamp> paid_at;  // as the provider reports it: kept in the event only
};

// The cause of the refund of what `receipt` left the order holding beyond its charge.
RefundCause SurplusCause(Receipt receipt);

// The abnormal case a payment calls for (app/anomaly.h RaiseCase).
struct PaymentCase {
  // payment_failed | payment_amount_mismatch | payment_overpaid | duplicate_payment |
  // payment_after_close
  std::string type;
  // "": about the order's payment as a whole, so the review rules of the same type
  // (domain/anomaly/rules/) find this case open instead of opening another.
  std::string subject;
  std::string explanation;
  CaseDetails details;
};

// The case a received payment calls for, given the surplus refunded for it: nullopt for a
// payment that settled what was due exactly.
std::optional<PaymentCase> CaseForReceipt(const Order& order, const Payment& payment,
                                          Receipt receipt, int64_t surplus);

// A failed attempt to pay: recorded (outcome "failed"), with a payment_failed case while the
// order still waits for its payment. Refusals: kInvalid as CheckNotice.
struct FailedPayment {
  Events events;
  Payment payment;
  std::optional<PaymentCase> abnormal;
};
Result<FailedPayment> RecordFailedPayment(Order& order, const PaymentNotice& notice,
                                          const Actor& actor);

struct PaymentDecision {
  Events events;                       // empty on a repeat
  Payment payment;                     // as recorded now, or as recorded the first time on a repeat
  bool repeat = false;                 // the transaction was already recorded: nothing changed
  Receipt receipt = Receipt::kRepeat;  // for a success
  std::optional<PaymentCase> abnormal;
  int64_t refund_amount = 0;  // > 0: refund this much at once, for refund_cause
  RefundCause refund_cause = RefundCause::kOverpayment;
};

// What follows a payment ReceivePayment took on `order`: the surplus to refund at once and the
// case to open (CaseForReceipt).
PaymentDecision FollowReceipt(const Order& order, ReceivedPayment received);

// Applies a provider's notice to `order` (see above): a failure is recorded
// (RecordFailedPayment), a success received (ReceivePayment, the amount not required to be
// exact) and followed (FollowReceipt). Refusals, leaving the order untouched: those of
// CheckNotice; kConflict illegal_transition for a cash-on-delivery order.
Result<PaymentDecision> ApplyPaymentNotice(Order& order, const PaymentNotice& notice,
                                           const Actor& actor);

// kInvalid naming each field at fault: provider and transaction_id required (at most 128
// bytes), an amount above zero, a failure reason of at most 200 bytes.
Status CheckNotice(const PaymentNotice& notice);

// The payment of `order` recorded under (provider, transaction_id), or nullptr.
const Payment* RecordedPayment(const Order& order, const std::string& provider,
                               const std::string& transaction_id);

// --- Cash on delivery (REV-2) ---

struct CodConfirmation {
  std::string channel;  // phone | sms | app
  bool confirmed = false;
  std::string note;  // at most 500 bytes; no personal data
};

// What a cash-on-delivery order owes the courier and whether it may be picked yet:
// domain/order/cod.h (the order's own life cycle needs them).

// Records the customer's answer. confirmed: stamps cod_confirmed_at/by ("cod_confirmed" event).
// Refused by the customer: only the "cod_refused" event here; the caller then cancels the order
// (Cancel, reason "customer refused cash on delivery") and releases its stock. Refusals:
// kInvalid naming channel or note; kConflict illegal_transition when the order is not cash on
// delivery or has already shipped or ended. A second confirmation changes nothing (no events):
// the first answer stands.
Result<Events> ConfirmCashOnDelivery(Order& order, const CodConfirmation& answer,
                                     const Actor& actor);

}  // namespace ordo
