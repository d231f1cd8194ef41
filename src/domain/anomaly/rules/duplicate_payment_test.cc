#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(DuplicatePayment, OnePaymentPasses) {
  Fixture fixture;
  EXPECT_TRUE(CheckDuplicatePayment(fixture.Context()).empty());
}

TEST(DuplicatePayment, AnExtraPaymentIsFlaggedWithItsAmount) {
  Fixture fixture;
  fixture.order.payments.push_back(Payment{"wechat", "T2", 13200, rules_test::kNow, true});
  const std::vector<RuleHit> hits = CheckDuplicatePayment(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].details[1].second, "13200");
  EXPECT_EQ(hits[0].details[2].second, "T2");
}

}  // namespace
}  // namespace ordo
