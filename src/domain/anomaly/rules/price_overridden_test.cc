#include <algorithm>

#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(PriceOverridden, TheCataloguePricePasses) {
  Fixture fixture;
  EXPECT_TRUE(CheckPriceOverridden(fixture.Context()).empty());
}

TEST(PriceOverridden, APriceSetByHandWaitsForAPersonNamingBothPrices) {
  Fixture fixture;
  fixture.skus["TEA-001"].price_amount = 6600;
  fixture.order.lines[0].unit_price_amount = 1;
  fixture.order.lines[0].price_overridden = true;
  const std::vector<RuleHit> hits = CheckPriceOverridden(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule, "price_overridden");
  EXPECT_EQ(hits[0].subject, "sku:TEA-001");
  EXPECT_NE(hits[0].explanation.find("0.01"), std::string::npos) << hits[0].explanation;
  EXPECT_NE(hits[0].explanation.find("66.00"), std::string::npos) << hits[0].explanation;
  ASSERT_NE(FindCaseType(hits[0].rule), nullptr);
  EXPECT_TRUE(std::any_of(ReviewRules().begin(), ReviewRules().end(),
                          [](const ReviewRule& rule) { return rule.name == "price_overridden"; }));
}

}  // namespace
}  // namespace ordo
