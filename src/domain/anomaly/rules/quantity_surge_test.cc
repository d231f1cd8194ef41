#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;
using rules_test::PastOrder;

TEST(QuantitySurge, NeedsHistoryOfTheSku) {
  Fixture fixture;
  fixture.order.lines[0].quantity = 500;
  EXPECT_TRUE(CheckQuantitySurge(fixture.Context()).empty()) << "no history: nothing to compare";
}

TEST(QuantitySurge, FlagsFromTheFactorTimesTheUsualQuantity) {
  Fixture fixture;
  fixture.past = {PastOrder("P1", 6600, 2, 100), PastOrder("P2", 6600, 2, 50)};
  fixture.thresholds.quantity_surge_factor = 5;
  fixture.order.lines[0].quantity = 9;
  EXPECT_TRUE(CheckQuantitySurge(fixture.Context()).empty()) << "below 2 × 5";
  fixture.order.lines[0].quantity = 10;
  const std::vector<RuleHit> hits = CheckQuantitySurge(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule, "quantity_surge");
  EXPECT_EQ(hits[0].subject, "sku:TEA-001");
  EXPECT_NE(hits[0].explanation.find("usual 2"), std::string::npos) << hits[0].explanation;
}

}  // namespace
}  // namespace ordo
