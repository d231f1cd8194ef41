// Payment use cases (domain.md REV-2, REV-4, AFS-5; domain/payment/): providers' signed
// callbacks, the re-confirmation of cash-on-delivery orders, refund creation and execution, and
// the unpaid-order timers. Each WriteFn is one atomic command of the single writer; every change
// of an order is recorded in its history with the actor and time, refunds and reminders are
// audited by the store.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/payment/payment.h"
#include "domain/payment/refund.h"

namespace ordo::app {

struct PaymentCallbackOutcome {
  std::string order_no;
  Payment payment;      // as recorded (the first time, on a repeat)
  bool repeat = false;  // the transaction was already recorded: nothing changed
  OrderStatus order_status = OrderStatus::kPendingPayment;
  std::optional<int64_t> case_id;    // the abnormal case opened (or already open) for it
  std::optional<int64_t> refund_id;  // the refund created for a duplicate payment
};

// Applies a provider's notice to order `order_no` (domain/payment/payment.h
// ApplyPaymentNotice): kNotFound for an unknown order; the domain's refusals. Opens the case the
// decision names (app/anomaly.h RaiseCase, so a blocking one holds the order) and refunds a
// duplicate payment at once (CreateRefund), all in this command.
WriteFn RecordPaymentCallback(std::string order_no, PaymentNotice notice, CommandContext context,
                              std::shared_ptr<PaymentCallbackOutcome> out);

// After a staff payment confirmation (TransitionOrder, PaymentInput) saved `order` with `events`:
// when they record a duplicate payment, counts it as received, refunds it and opens the
// duplicate_payment case, like a provider's callback does. Otherwise nothing.
Status SettleDuplicatePayment(WriteTx& tx, Order& order, const Events& events, const Actor& actor);

// Inserts a pending refund of `amount` for `order_no` due on the business calendar
// (domain/payment/refund.h RefundDueAt). kConflict refund_exceeds_payment when the order's
// refunds would exceed what it was paid (the store's check).
Result<Refund> CreateRefund(WriteTx& tx, const std::string& order_no, int64_t amount,
                            std::string reason, std::string lines, const Actor& actor);

// Re-confirmation of a cash-on-delivery order with the customer (POST
// /orders/{no}/cod-confirmation): confirmed stamps the order; refused cancels it (it closes,
// being unpaid) and releases its stock to the orders waiting for it. kNotFound, kPreconditionFailed
// on a stale If-Match, and the domain's refusals.
WriteFn ConfirmCod(std::string order_no, CodConfirmation answer, std::optional<int64_t> if_match,
                   CommandContext context, std::shared_ptr<Order> out);

struct RefundExecution {
  std::vector<Refund> executed;       // refunds paid out by this command
  std::optional<Refund> refund;       // ExecuteRefundNow: the refund as it stands afterwards
  std::vector<std::string> failures;  // ExecuteDueRefunds: "refund id: why", left pending
};

// Finance pays refund `id` out now, before it is due: kNotFound for an unknown refund; an
// executed one is answered as it stands (idempotent); a failed one kConflict.
WriteFn ExecuteRefundNow(int64_t id, std::string provider_ref, CommandContext context,
                         std::shared_ptr<RefundExecution> out);

// The refund execution job: pays out those of `ids` still pending and due at the context's now
// (their due_at, else computed from created_at on `calendar`).
WriteFn ExecuteDueRefunds(std::vector<int64_t> ids, BusinessCalendar calendar,
                          CommandContext context, std::shared_ptr<RefundExecution> out);

// When refund `refund` is due: its due_at, else computed from its creation.
Timestamp DueAt(const Refund& refund, const BusinessCalendar& calendar);

// --- Unpaid orders (REV-4) ---

// Sends the payment reminder (a "payment_reminder" customer notification and the
// "payment_reminder_sent" event) to each of `order_nos` still unpaid, not on hold, and created at
// least `reminder_minutes` ago, once per order. `sent` counts the reminders sent.
WriteFn SendPaymentReminders(std::vector<std::string> order_nos, int64_t reminder_minutes,
                             CommandContext context, std::shared_ptr<int> sent);

// Closes each of `order_nos` still unpaid, not on hold, and created at least `close_minutes`
// ago (pending_payment → closed, actor the context's), releasing its stock to the orders waiting
// for it. Each order closes on its own: one that fails is left for the next tick. `closed`
// counts the orders closed.
WriteFn CloseUnpaidOrders(std::vector<std::string> order_nos, int64_t close_minutes,
                          CommandContext context, std::shared_ptr<int> closed);

}  // namespace ordo::app
