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

TEST(BlacklistedCustomer, TheSamePhoneOrAddressUnderAnotherMemberIdIsFlagged) {
  Fixture fixture;
  fixture.blacklist_matches = {{"m-old", "phone", "chargeback fraud"},
                               {"m-old", "address", "chargeback fraud"}};
  std::vector<RuleHit> hits = CheckBlacklistedCustomer(fixture.Context());
  ASSERT_EQ(hits.size(), 1u) << "one case for the order";
  EXPECT_NE(hits[0].explanation.find("m-old"), std::string::npos);
  EXPECT_NE(hits[0].explanation.find("phone and address"), std::string::npos);
  EXPECT_NE(hits[0].explanation.find("chargeback fraud"), std::string::npos);
  EXPECT_EQ(hits[0].explanation.find(fixture.order.customer.phone), std::string::npos);
  fixture.order.customer.member_id.clear();  // no member id at all: still caught
  EXPECT_EQ(CheckBlacklistedCustomer(fixture.Context()).size(), 1u);
  fixture.order.customer.member_id = "m-old";  // its own marks: judged by its profile
  EXPECT_TRUE(CheckBlacklistedCustomer(fixture.Context()).empty());
}

}  // namespace
}  // namespace ordo
