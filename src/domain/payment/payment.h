// Payments of an order as the providers report them (domain.md REV-2), and the re-confirmation of
// cash-on-delivery orders with the customer.
//
// A provider's notice is one attempt to pay: it succeeded or failed, for an amount. What it does
// to the order is decided here, without I/O; the caller (app/payments.h) stores the order, opens
// the abnormal case the decision names and creates the refund it asks for, in one transaction:
//   - a repeat of a recorded (provider, transaction_id) changes nothing and answers as the first;
//   - a failure is recorded (outcome "failed", event "payment_failed"); while the order still
//     waits for its payment a non-blocking payment_failed case opens;
//   - a success for the amount due confirms the payment (ConfirmPayment: pending_review);
//   - a success for another amount is recorded (outcome "amount_mismatch", event
//     "payment_amount_mismatch"), the order keeps waiting and a blocking
//     payment_amount_mismatch case opens naming both amounts: someone must settle the money;
//   - a second, different success of a paid order is a duplicate payment (ConfirmPayment): the
//     money was received, so it counts in paid_amount, and it is refunded at once (reason
//     duplicate_payment, counted in refunded_amount) with a non-blocking duplicate_payment case;
//   - a success for an order that has already ended (closed unpaid by the timer, rejected,
//     cancelled) is money the order no longer needs: it is recorded (outcome "after_close", event
//     "payment_after_close"), counted as paid and refunded at once like a duplicate, with a
//     non-blocking payment_after_close case. Nothing is lost: the customer gets the money back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "domain/anomaly/case.h"
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

// The abnormal case a payment calls for (app/anomaly.h RaiseCase).
struct PaymentCase {
  // payment_failed | payment_amount_mismatch | duplicate_payment | payment_after_close
  std::string type;
  // "": about the order's payment as a whole, so the review rules of the same type
  // (domain/anomaly/rules/) find this case open instead of opening another.
  std::string subject;
  std::string explanation;
  CaseDetails details;
};

struct PaymentDecision {
  Events events;        // empty on a repeat
  Payment payment;      // as recorded now, or as recorded the first time on a repeat
  bool repeat = false;  // the transaction was already recorded: nothing changed
  std::optional<PaymentCase> abnormal;
  int64_t refund_amount = 0;  // > 0: refund this much at once (a duplicate payment)
};

// Applies a provider's notice to `order` (see above). Refusals, leaving the order untouched:
// kInvalid for a missing transaction_id or provider, an amount not above zero, a failure reason
// over 200 bytes; kConflict illegal_transition for a cash-on-delivery order.
Result<PaymentDecision> ApplyPaymentNotice(Order& order, const PaymentNotice& notice,
                                           const Actor& actor);

// After ConfirmPayment recorded a duplicate payment (its events hold "duplicate_payment"): counts
// the money as received and as refunded, and names the refund and case that follow. nullopt when
// `events` record no duplicate payment.
std::optional<PaymentDecision> TakeDuplicatePayment(Order& order, const Events& events);

// --- Cash on delivery (REV-2) ---

struct CodConfirmation {
  std::string channel;  // phone | sms | app
  bool confirmed = false;
  std::string note;  // at most 500 bytes; no personal data
};

// What the courier collects on delivery of a cash-on-delivery order: the lines' price of the
// units shipped. Units dropped (the customer chose not to wait) or never shipped are not paid
// for; the order total is the ceiling.
int64_t CodAmountDue(const Order& order);

// True when `order` may not be picked nor shipped yet: cash on delivery and not re-confirmed.
bool AwaitsCodConfirmation(const Order& order);
// kConflict cod_not_confirmed when AwaitsCodConfirmation(order).
Status CheckCodConfirmed(const Order& order);

// Records the customer's answer. confirmed: stamps cod_confirmed_at/by ("cod_confirmed" event).
// Refused by the customer: only the "cod_refused" event here; the caller then cancels the order
// (Cancel, reason "customer refused cash on delivery") and releases its stock. Refusals:
// kInvalid naming channel or note; kConflict illegal_transition when the order is not cash on
// delivery or has already shipped or ended. A second confirmation changes nothing (no events):
// the first answer stands.
Result<Events> ConfirmCashOnDelivery(Order& order, const CodConfirmation& answer,
                                     const Actor& actor);

}  // namespace ordo
