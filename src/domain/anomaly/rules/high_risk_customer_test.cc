#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;
using rules_test::PastOrder;

Order Refused(const std::string& order_no) {
  Order order = PastOrder(order_no, 13200, 2, 10000);
  order.status = OrderStatus::kClosed;
  order.close_reason = "rejected: fake address";
  return order;
}

TEST(HighRiskCustomer, RefusalsCountFromTheThreshold) {
  Fixture fixture;
  fixture.thresholds.high_risk_refusal_count = 3;
  fixture.past = {Refused("P1"), Refused("P2")};
  EXPECT_TRUE(CheckHighRiskCustomer(fixture.Context()).empty()) << "two refusals";
  fixture.past.push_back(Refused("P3"));
  const std::vector<RuleHit> hits = CheckHighRiskCustomer(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].explanation.find("3 refused orders"), std::string::npos);
}

TEST(HighRiskCustomer, AFlagOrALowCreditLevelIsFlagged) {
  Fixture fixture;
  fixture.profile = NewProfile(fixture.order.customer, {"system", rules_test::kNow});
  EXPECT_TRUE(CheckHighRiskCustomer(fixture.Context()).empty());
  fixture.profile->credit_level = CreditLevel::kLow;
  EXPECT_EQ(CheckHighRiskCustomer(fixture.Context()).size(), 1u);
  fixture.profile->credit_level = CreditLevel::kGood;
  fixture.profile->high_risk = true;
  fixture.profile->high_risk_reason = "reseller";
  const std::vector<RuleHit> hits = CheckHighRiskCustomer(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NE(hits[0].explanation.find("reseller"), std::string::npos);
}

}  // namespace
}  // namespace ordo
