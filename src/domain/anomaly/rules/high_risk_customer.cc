// high_risk_customer (REV-1, EXC-1): staff marked the customer high risk, rated their credit
// low, or the customer refused too many orders before.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckHighRiskCustomer(const ReviewContext& context) {
  const CustomerProfile* profile = context.profile;
  const int64_t refusals = context.history.refusals;
  const int64_t limit = context.thresholds.high_risk_refusal_count;
  std::vector<std::string> reasons;
  CaseDetails details;
  if (profile != nullptr && profile->high_risk) {
    reasons.push_back("marked high risk: " + profile->high_risk_reason);
    details.emplace_back("high_risk", "true");
  }
  if (profile != nullptr && profile->credit_level == CreditLevel::kLow) {
    reasons.push_back("credit level is low");
    details.emplace_back("credit_level", "low");
  }
  if (refusals >= limit) {
    reasons.push_back(std::to_string(refusals) + " refused orders (limit " + std::to_string(limit) +
                      ")");
    details.emplace_back("observed_refusals", std::to_string(refusals));
    details.emplace_back("threshold_refusals", std::to_string(limit));
  }
  if (reasons.empty()) {
    return {};
  }
  std::string explanation = "high-risk customer: ";
  for (size_t i = 0; i < reasons.size(); ++i) {
    explanation += (i == 0 ? "" : "; ") + reasons[i];
  }
  return {RuleHit{"high_risk_customer", "", explanation, std::move(details)}};
}

}  // namespace ordo
