#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(BlacklistedCustomer, OnlyABlacklistedProfileIsFlagged) {
  Fixture fixture;
  EXPECT_TRUE(CheckBlacklistedCustomer(fixture.Context()).empty()) << "no profile";
  fixture.profile = NewProfile(fixture.order.customer, {"system", rules_test::kNow});
  EXPECT_TRUE(CheckBlacklistedCustomer(fixture.Context()).empty());
  ASSERT_TRUE(Blacklist(*fixture.profile, "chargeback fraud", {"user:li", rules_test::kNow}).ok());
  const std::vector<RuleHit> hits = CheckBlacklistedCustomer(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].explanation.find("chargeback fraud"), std::string::npos);
  EXPECT_EQ(hits[0].details[2], (std::pair<std::string, std::string>{"blacklisted_by", "user:li"}));
}

}  // namespace
}  // namespace ordo
