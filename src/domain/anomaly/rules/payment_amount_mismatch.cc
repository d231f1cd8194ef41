// payment_amount_mismatch (REV-2, EXC-1): a recorded payment whose amount differed from the
// amount due, or a paid order whose payments do not add up to its total.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckPaymentAmountMismatch(const ReviewContext& context) {
  const Order& order = *context.order;
  for (const Payment& payment : order.payments) {
    if (payment.outcome == "amount_mismatch") {
      return {RuleHit{"payment_amount_mismatch",
                      "",
                      "payment " + payment.transaction_id + " of " + FormatYuan(payment.amount) +
                          " does not match the amount due " + FormatYuan(order.total_amount),
                      {{"transaction_id", payment.transaction_id},
                       {"observed_amount", std::to_string(payment.amount)},
                       {"expected_amount", std::to_string(order.total_amount)}}}};
    }
  }
  // A duplicate payment counts in paid_amount and its refund in refunded_amount (payments.h);
  // a supplement due after a change (change.h) is part of the total not yet paid. Other refunds
  // (missing lines, a lower total) change what is due, so the sum is compared only without them.
  int64_t duplicates = 0;
  for (const Payment& payment : order.payments) {
    duplicates += payment.duplicate ? payment.amount : 0;
  }
  const int64_t paid_for_order = order.paid_amount - duplicates;
  if (order.payment_status == PaymentStatus::kPaid && order.refunded_amount == duplicates &&
      paid_for_order + order.supplement_due_amount != order.total_amount) {
    return {RuleHit{"payment_amount_mismatch",
                    "",
                    "paid " + FormatYuan(paid_for_order) + " against a total of " +
                        FormatYuan(order.total_amount),
                    {{"observed_amount", std::to_string(paid_for_order)},
                     {"expected_amount", std::to_string(order.total_amount)}}}};
  }
  return {};
}

}  // namespace ordo
