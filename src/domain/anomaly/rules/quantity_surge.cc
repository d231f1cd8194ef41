// quantity_surge (EXC-1, B2B-2): a line ordering many times what this customer usually orders
// of that SKU. Judged only once the customer has ordered the SKU before.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckQuantitySurge(const ReviewContext& context) {
  std::vector<RuleHit> hits;
  const int64_t factor = context.thresholds.quantity_surge_factor;
  for (const OrderLine& line : context.order->lines) {
    auto usual = context.history.usual_quantity.find(line.sku);
    if (usual == context.history.usual_quantity.end() || usual->second <= 0) {
      continue;
    }
    const int64_t threshold = usual->second * factor;
    if (line.quantity < threshold) {
      continue;
    }
    hits.push_back(RuleHit{"quantity_surge",
                           "sku:" + line.sku,
                           line.sku + ": quantity " + std::to_string(line.quantity) +
                               " is at least " + std::to_string(factor) +
                               " times the customer's usual " + std::to_string(usual->second),
                           {{"sku", line.sku},
                            {"observed_quantity", std::to_string(line.quantity)},
                            {"usual_quantity", std::to_string(usual->second)},
                            {"threshold_quantity", std::to_string(threshold)},
                            {"quantity_surge_factor", std::to_string(factor)}}});
  }
  return hits;
}

}  // namespace ordo
