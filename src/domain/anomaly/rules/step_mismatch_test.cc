#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(StepMismatch, AMultipleOfTheStepPasses) {
  Fixture fixture;
  fixture.skus["TEA-001"].step_quantity = 2;
  fixture.order.lines[0].quantity = 4;
  EXPECT_TRUE(CheckStepMismatch(fixture.Context()).empty());
}

TEST(StepMismatch, AQuantityOffTheStepIsFlagged) {
  Fixture fixture;
  fixture.skus["TEA-001"].step_quantity = 6;  // the step changed after the order was placed
  fixture.order.lines[0].quantity = 4;
  const std::vector<RuleHit> hits = CheckStepMismatch(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].subject, "sku:TEA-001");
  EXPECT_EQ(hits[0].details.back(), (std::pair<std::string, std::string>{"step_quantity", "6"}));
}

TEST(StepMismatch, AnUnknownSkuIsNotJudged) {
  Fixture fixture;
  fixture.skus.clear();
  fixture.order.lines[0].quantity = 3;
  EXPECT_TRUE(CheckStepMismatch(fixture.Context()).empty());
}

}  // namespace
}  // namespace ordo
