#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;
using rules_test::PastOrder;

TEST(NewCustomerIncomplete, AFirstOrderWithFullRegistrationPasses) {
  Fixture fixture;
  EXPECT_TRUE(CheckNewCustomerIncomplete(fixture.Context()).empty());
}

TEST(NewCustomerIncomplete, AFirstOrderWithoutANameIsFlagged) {
  Fixture fixture;
  fixture.order.customer.name = "";
  const std::vector<RuleHit> hits = CheckNewCustomerIncomplete(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].details[0].second, "customer.name");
}

TEST(NewCustomerIncomplete, AReturningCustomerIsJudgedByHistoryInstead) {
  Fixture fixture;
  fixture.order.customer.name = "";
  fixture.past = {PastOrder("P1", 13200, 2, 10000)};
  EXPECT_TRUE(CheckNewCustomerIncomplete(fixture.Context()).empty());
}

}  // namespace
}  // namespace ordo
