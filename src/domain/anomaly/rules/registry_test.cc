#include <set>

#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(ReviewRules, EveryRuleIsAKnownCaseTypeAndNamedOnce) {
  std::set<std::string_view> names;
  for (const ReviewRule& rule : ReviewRules()) {
    EXPECT_NE(FindCaseType(rule.name), nullptr) << rule.name;
    EXPECT_TRUE(names.insert(rule.name).second) << rule.name;
  }
  EXPECT_EQ(names.size(), 13u);
}

TEST(ReviewRules, ACleanOrderHasNoHit) {
  Fixture fixture;
  EXPECT_TRUE(RunReviewRules(fixture.Context()).empty());
}

TEST(ReviewRules, HitsComeInRuleOrderAndNameTheirRule) {
  Fixture fixture;
  fixture.order.total_amount = 9'000'000;
  fixture.order.paid_amount = 9'000'000;
  fixture.order.payments[0].amount = 9'000'000;
  fixture.profile = NewProfile(fixture.order.customer, {"system", rules_test::kNow});
  ASSERT_TRUE(Blacklist(*fixture.profile, "fraud", {"user:li", rules_test::kNow}).ok());
  const std::vector<RuleHit> hits = RunReviewRules(fixture.Context());
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].rule, "blacklisted_customer");
  EXPECT_EQ(hits[1].rule, "amount_too_large");
}

TEST(FormatYuan, WritesFenAsYuan) {
  EXPECT_EQ(FormatYuan(123456), "1234.56");
  EXPECT_EQ(FormatYuan(5), "0.05");
  EXPECT_EQ(FormatYuan(-250), "-2.50");
}

}  // namespace
}  // namespace ordo
