// step_mismatch (EXC-1): a line whose quantity is not a multiple of its SKU's ordering step.
// Intake refuses this for new orders; it still happens when a SKU's step changed after the
// order was placed, or for imported orders.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckStepMismatch(const ReviewContext& context) {
  std::vector<RuleHit> hits;
  for (const OrderLine& line : context.order->lines) {
    auto sku = context.skus.find(line.sku);
    if (sku == context.skus.end() || sku->second.step_quantity <= 1 ||
        line.quantity % sku->second.step_quantity == 0) {
      continue;
    }
    const int64_t step = sku->second.step_quantity;
    hits.push_back(RuleHit{"step_mismatch",
                           "sku:" + line.sku,
                           line.sku + ": quantity " + std::to_string(line.quantity) +
                               " is not a multiple of its step " + std::to_string(step),
                           {{"sku", line.sku},
                            {"observed_quantity", std::to_string(line.quantity)},
                            {"step_quantity", std::to_string(step)}}});
  }
  return hits;
}

}  // namespace ordo
