#include "domain/anomaly/rules/review_context.h"

namespace ordo {

const std::vector<ReviewRule>& ReviewRules() {
  // Customer signals first, then the order's own facts, then payment: the reviewer reads the
  // cases in this order.
  static const std::vector<ReviewRule> kRules = {
      {"blacklisted_customer", &CheckBlacklistedCustomer},
      {"high_risk_customer", &CheckHighRiskCustomer},
      {"new_customer_incomplete", &CheckNewCustomerIncomplete},
      {"amount_too_large", &CheckAmountTooLarge},
      {"quantity_surge", &CheckQuantitySurge},
      {"step_mismatch", &CheckStepMismatch},
      {"price_overridden", &CheckPriceOverridden},
      {"probable_duplicate_order", &CheckProbableDuplicateOrder},
      {"address_incomplete", &CheckAddressIncomplete},
      {"invalid_phone", &CheckInvalidPhone},
      {"payment_amount_mismatch", &CheckPaymentAmountMismatch},
      {"duplicate_payment", &CheckDuplicatePayment},
      {"cod_not_reconfirmed", &CheckCodNotReconfirmed},
  };
  return kRules;
}

std::vector<RuleHit> RunReviewRules(const ReviewContext& context) {
  std::vector<RuleHit> hits;
  for (const ReviewRule& rule : ReviewRules()) {
    for (RuleHit& hit : rule.check(context)) {
      hits.push_back(std::move(hit));
    }
  }
  return hits;
}

std::string FormatYuan(int64_t amount) {
  const bool negative = amount < 0;
  const int64_t magnitude = negative ? -amount : amount;
  std::string cents = std::to_string(magnitude % 100);
  if (cents.size() < 2) {
    cents.insert(0, "0");
  }
  return (negative ? "-" : "") + std::to_string(magnitude / 100) + "." + cents;
}

}  // namespace ordo
