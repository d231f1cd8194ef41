// duplicate_payment (REV-2, EXC-1): the order was paid more than once; the extra payment is to
// be refunded before the order goes on.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckDuplicatePayment(const ReviewContext& context) {
  int64_t count = 0;
  int64_t amount = 0;
  std::string transactions;
  for (const Payment& payment : context.order->payments) {
    if (!payment.duplicate) {
      continue;
    }
    count += 1;
    amount += payment.amount;
    transactions += (transactions.empty() ? "" : ",") + payment.transaction_id;
  }
  if (count == 0) {
    return {};
  }
  return {RuleHit{"duplicate_payment",
                  "",
                  std::to_string(count) + " extra payment(s) of " + FormatYuan(amount) +
                      " in total; refund them",
                  {{"observed_duplicates", std::to_string(count)},
                   {"duplicate_amount", std::to_string(amount)},
                   {"transaction_ids", transactions}}}};
}

}  // namespace ordo
