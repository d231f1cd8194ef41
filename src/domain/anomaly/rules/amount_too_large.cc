// amount_too_large (EXC-1): an order total above the absolute limit, or far above what this
// customer, or this channel (store), usually spends.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckAmountTooLarge(const ReviewContext& context) {
  const Order& order = *context.order;
  const ReviewThresholds& limits = context.thresholds;
  const int64_t total = order.total_amount;
  std::vector<std::string> reasons;
  CaseDetails details = {{"observed_amount", std::to_string(total)}};
  if (total > limits.amount_too_large_amount) {
    reasons.push_back("total " + FormatYuan(total) + " is above the limit of " +
                      FormatYuan(limits.amount_too_large_amount));
    details.emplace_back("threshold_amount", std::to_string(limits.amount_too_large_amount));
  }
  const int64_t usual = context.history.usual_amount;
  if (context.history.orders_placed >= kMinOrdersForUsual && usual > 0 &&
      total > usual * limits.usual_amount_factor) {
    reasons.push_back("total " + FormatYuan(total) + " is above " +
                      std::to_string(limits.usual_amount_factor) + " times the customer's usual " +
                      FormatYuan(usual));
    details.emplace_back("customer_usual_amount", std::to_string(usual));
    details.emplace_back("customer_threshold_amount",
                         std::to_string(usual * limits.usual_amount_factor));
  }
  const int64_t channel_usual = context.channel_usual_amount;
  if (channel_usual > 0 && total > channel_usual * limits.usual_amount_factor) {
    reasons.push_back("total " + FormatYuan(total) + " is above " +
                      std::to_string(limits.usual_amount_factor) + " times the channel's usual " +
                      FormatYuan(channel_usual));
    details.emplace_back("channel_usual_amount", std::to_string(channel_usual));
    details.emplace_back("channel_threshold_amount",
                         std::to_string(channel_usual * limits.usual_amount_factor));
  }
  if (reasons.empty()) {
    return {};
  }
  std::string explanation;
  for (const std::string& reason : reasons) {
    explanation += (explanation.empty() ? "" : "; ") + reason;
  }
  details.emplace_back("usual_amount_factor", std::to_string(limits.usual_amount_factor));
  return {RuleHit{"amount_too_large", "", explanation, std::move(details)}};
}

}  // namespace ordo
