// price_overridden (issue: prices set by hand): a line sold at a price other than the
// catalogue's. Only staff holding orders:override_price may set one (app/access.h), and a person
// confirms it in review before the order goes on: a price set by hand is where money leaks.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckPriceOverridden(const ReviewContext& context) {
  std::vector<RuleHit> hits;
  for (const OrderLine& line : context.order->lines) {
    if (!line.price_overridden) {
      continue;
    }
    auto sku = context.skus.find(line.sku);
    CaseDetails details = {{"sku", line.sku},
                           {"observed_unit_price_amount", std::to_string(line.unit_price_amount)}};
    std::string explanation =
        line.sku + ": unit price " + FormatYuan(line.unit_price_amount) + " yuan set by hand";
    if (sku != context.skus.end()) {
      details.emplace_back("catalogue_price_amount", std::to_string(sku->second.price_amount));
      explanation += ", catalogue " + FormatYuan(sku->second.price_amount) + " yuan";
    }
    hits.push_back(
        RuleHit{"price_overridden", "sku:" + line.sku, std::move(explanation), std::move(details)});
  }
  return hits;
}

}  // namespace ordo
