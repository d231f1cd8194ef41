// The money of one order (domain.md REV-2, CHG-1, INV-3, AFS-2, AFS-5): the one place that says
// what an order has been paid, owes, has refunded and keeps. Every path that moves money books
// it here; nothing else adds to paid_amount, refunded_amount or credit_amount.
//
// Stored facts (order.h):
//   paid_amount      money received for the order: every successful payment, short or full,
//                    supplementary, duplicate, after the order ended, and cash collected on
//                    delivery. Money that arrives is never refused (domain/payment/payment.h).
//   refunded_amount  refunds created for the order and not rejected: awaiting approval,
//                    pending, executed or failed (a failed payout is still owed and retried).
//   total_amount     the price of the lines the customer gets (units dropped or removed left out).
//   credit_amount    what the merchant gave back without changing the lines: after-sales refunds
//                    (returned goods, concessions) and an exchange's allowance for the goods
//                    returned (a replacement order).
// Derived (MoneyOf), always paid = kept + refunded + due:
//   charge   what the customer owes for the order as it stands: total - credit, and nothing once
//            the order is cancelled or closed;
//   kept     the merchant's: what the customer paid for what they get. Nothing is kept before the
//            order is paid in full: a short payment is held, not kept;
//   due      received, neither kept nor refunded: a short payment held for the balance. Once the
//            order is paid in full or has ended, nothing may be due: every path that lowers the
//            charge refunds the difference in the same transaction;
//   balance  what the customer still owes: the rest of the amount due before payment, a
//            supplement (补差价) after a change or exchange raised the charge. Nothing ships
//            while an online order owes anything (CheckNothingDue).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/enum_names.h"
#include "base/status.h"
#include "domain/order/order.h"

namespace ordo {

struct OrderMoney {
  int64_t paid = 0;
  int64_t refunded = 0;
  int64_t charge = 0;
  int64_t kept = 0;
  int64_t due = 0;
  int64_t balance = 0;
};

// True once the order's payment is confirmed: paid (also partly or wholly refunded since) or
// cash collected on delivery.
bool PaidInFull(const Order& order);

// What the customer owes for `order` as it stands (see above).
int64_t ChargeOf(const Order& order);

// The order's money (see above). Asserts paid >= refunded.
OrderMoney MoneyOf(const Order& order);

// Money received and not yet refunded: the most any new refund may be.
int64_t Refundable(const Order& order);

// The refund the order owes now and has not created yet: what it holds beyond its charge once
// paid in full, everything it holds once it has ended (cancelled or closed). 0 while a short
// payment waits for the balance.
int64_t SurplusOf(const Order& order);

// Why money goes back. A surplus refund returns money the order never needed (its charge is
// unchanged); a concession lowers what the customer is charged without changing the lines.
enum class RefundCause {
  kOrderClosed,         // the order was cancelled, rejected or closed: everything held goes back
  kOrderChange,         // a change lowered the total (or re-priced a line)
  kMissingLines,        // the customer chose to have missing lines refunded
  kDroppedLines,        // the customer chose to ship what is available: the rest is refunded
  kExchangeDifference,  // an exchange for a cheaper item
  kAfterSales,          // an after-sales case (refund only, return and refund, partial refund)
  kDuplicatePayment,    // a second payment of a paid order
  kPaymentAfterClose,   // a payment that arrived after the order ended
  kOverpayment,         // a payment above the amount due: the rest goes back
};

inline constexpr EnumName<RefundCause> kRefundCauseNames[] = {
    {RefundCause::kOrderClosed, "order_closed"},
    {RefundCause::kOrderChange, "order_change"},
    {RefundCause::kMissingLines, "missing_lines"},
    {RefundCause::kDroppedLines, "dropped_lines"},
    {RefundCause::kExchangeDifference, "exchange_difference"},
    {RefundCause::kAfterSales, "after_sales"},
    {RefundCause::kDuplicatePayment, "duplicate_payment"},
    {RefundCause::kPaymentAfterClose, "payment_after_close"},
    {RefundCause::kOverpayment, "overpayment"},
};
constexpr std::span<const EnumName<RefundCause>> EnumNames(RefundCause) {
  return kRefundCauseNames;
}
static_assert(IsNameTable(kRefundCauseNames));

std::string_view RefundCauseName(RefundCause cause);
std::optional<RefundCause> ParseRefundCause(std::string_view text);
// True for the causes that lower the charge without changing the lines (after-sales).
bool IsConcession(RefundCause cause);
// True for the causes that return money the order never needed (duplicate, after close,
// overpayment): they leave the order's own payment and its payment status alone.
bool IsSurplusPayment(RefundCause cause);

// Books a refund of `amount` (> 0) on `order`: refunded_amount grows, and for a concession so
// does credit_amount. kConflict refund_exceeds_payment (the order untouched) when the refunds
// would exceed what was paid; kInvalid amount when not positive.
Status BookRefund(Order& order, int64_t amount, RefundCause cause);

// Takes back a refund that was booked and then rejected before it was paid out (BookRefund
// undone).
void UnbookRefund(Order& order, int64_t amount, RefundCause cause);

// Books money received: paid_amount grows by `amount` (> 0).
void BookPayment(Order& order, int64_t amount);

// True once everything the order was paid for its goods has been given back (its charge is 0 while
// it was paid): completing it closes it instead (order.h Complete).
bool RefundedInFull(const Order& order);

// Nothing ships unpaid: kConflict payment_due while an online order owes a balance (the amount
// due, or a supplement after a change or an exchange). Cash on delivery pays on delivery.
Status CheckNothingDue(const Order& order);

}  // namespace ordo
