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

struct PaymentCallbackOutcome {  // also the follow-up of a staff payment (FollowPayment)
  std::string order_no;
  Payment payment;      // as recorded (the first time, on a repeat)
  bool repeat = false;  // the transaction was already recorded: nothing changed
  OrderStatus order_status = OrderStatus::kPendingPayment;
  std::optional<int64_t> case_id;    // the abnormal case opened (or already open) for it
  std::optional<int64_t> refund_id;  // the refund of what the payment brought beyond the charge
};

// Applies a provider's notice to order `order_no` (domain/payment/payment.h
// ApplyPaymentNotice): kNotFound for an unknown order; the domain's refusals. A success takes the
// staff confirmation's path (TransitionOrder with an amount not required to be exact), so
// everything that follows a payment happens alike for both (FollowPayment).
WriteFn RecordPaymentCallback(std::string order_no, PaymentNotice notice, CommandContext context,
                              std::shared_ptr<PaymentCallbackOutcome> out);

// After a payment was received on `order` (saved with it): refunds what it left the order
// holding beyond its charge (IssueRefund with the decision's cause; the caller saves the order).
// `out` (may be null) receives the refund's id. Nothing when the decision names no refund.
Status RefundPaymentSurplus(WriteTx& tx, Order& order, const PaymentDecision& decision,
                            const Actor& actor, PaymentCallbackOutcome* out);

// Then opens the case the decision names (app/anomaly.h RaiseCase) and saves the order when
// that changed it. `out` (may be null) receives the case's id.
Status FollowPayment(WriteTx& tx, Order& order, const PaymentDecision& decision,
                     const Actor& actor, PaymentCallbackOutcome* out);

// What a refund is for.
struct RefundRequest {
  int64_t amount = 0;
  RefundCause cause = RefundCause::kOrderClosed;
  std::string lines;  // "line_no:units,…"
  std::string note;
  int64_t after_sales_id = 0;
  // The amount follows a rule (a returned line's price, a catalogue difference), not a person's
  // judgement: a second person's approval is not needed below the threshold.
  bool amount_by_rule = false;
};

// The one way a refund is created: books it on `order` (domain/order/money.h; the caller saves
// the order) and inserts its row, awaiting approval when ApprovalFor says so (the settings'
// refund_approval_threshold_amount; a person asking for a refund whose amount they decided),
// due on the settings' business calendar. kConflict refund_exceeds_payment when the order's
// refunds would exceed what it was paid (the domain's check, and the store's).
Result<Refund> IssueRefund(WriteTx& tx, Order& order, RefundRequest request, const Actor& actor);

// When `order` has ended (cancelled or closed) and still holds money, refunds all of it (cause
// order_closed) and names the refund in `event`'s details. Every path that closes or cancels an
// order calls it; the caller saves the order.
Status RefundEndedOrder(WriteTx& tx, Order& order, const Actor& actor, OrderEvent& event);

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

// Finance records the provider's answer to the payout of refund `id`, before it is due or after
// a failed attempt (domain/payment/refund.h ExecuteRefund): a success with the provider's
// reference, or a failure (a refund_failed case opens for finance; the refund stays owed and may
// be executed again). kNotFound for an unknown refund; an executed one is answered as it stands
// (idempotent); one awaiting approval or rejected kConflict illegal_transition.
WriteFn ExecuteRefundNow(int64_t id, Payout payout, CommandContext context,
                         std::shared_ptr<RefundExecution> out);

// Approves or rejects refund `id`, awaiting approval, as `approver` (domain/payment/refund.h):
// recorded in the order's history ("refund_approved" / "refund_rejected") and audited. A
// rejected refund leaves the order's books; the after-sales case it was for goes back to where
// it was before its refund was asked for. kNotFound for an unknown refund; the domain's refusals
// (self_approval, finance_approval_required, illegal_transition).
WriteFn DecideRefund(int64_t id, bool approve, std::string note, Approver approver,
                     CommandContext context, std::shared_ptr<RefundExecution> out);

// The refund execution job: pays out those of `ids` still pending and due at the context's now
// (their due_at, else computed from created_at on `calendar`), with the payout reference
// "ordo-refund-<id>" the provider is given.
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
