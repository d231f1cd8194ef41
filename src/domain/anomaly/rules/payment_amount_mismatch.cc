// payment_amount_mismatch (REV-2, EXC-1): a short payment whose balance is still unpaid, or a
// paid order holding more than it is charged.
#include "domain/anomaly/rules/review_context.h"
#include "domain/order/money.h"

namespace ordo {

std::vector<RuleHit> CheckPaymentAmountMismatch(const ReviewContext& context) {
  const Order& order = *context.order;
  for (const Payment& payment : order.payments) {
    // A short payment still waiting for its balance (a balance paid since settles it).
    if (payment.outcome == PaymentOutcome::kAmountMismatch && MoneyOf(order).balance > 0) {
      return {RuleHit{"payment_amount_mismatch",
                      "",
                      "payment " + payment.transaction_id + " of " + FormatYuan(payment.amount) +
                          " does not match the amount due " + FormatYuan(order.total_amount),
                      {{"transaction_id", payment.transaction_id},
                       {"observed_amount", std::to_string(payment.amount)},
                       {"expected_amount", std::to_string(order.total_amount)}}}};
    }
  }
  // The books (domain/order/money.h): a paid order holds no more than it is charged, every
  // surplus having been refunded as it arrived. What it still owes (a supplement after a change)
  // is not a mismatch: nothing ships until it is paid.
  const OrderMoney money = MoneyOf(order);
  if (PaidInFull(order) && money.due > 0) {
    return {RuleHit{"payment_amount_mismatch",
                    "",
                    "holds " + FormatYuan(money.due) + " beyond the " + FormatYuan(money.charge) +
                        " it is charged, with no refund",
                    {{"observed_amount", std::to_string(money.paid - money.refunded)},
                     {"expected_amount", std::to_string(money.charge)}}}};
  }
  return {};
}

}  // namespace ordo
