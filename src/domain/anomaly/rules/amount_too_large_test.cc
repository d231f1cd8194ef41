#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;
using rules_test::PastOrder;

std::string Detail(const RuleHit& hit, const std::string& key) {
  for (const auto& [name, value] : hit.details) {
    if (name == key) {
      return value;
    }
  }
  return "";
}

TEST(AmountTooLarge, AtTheAbsoluteLimitIsNotFlaggedAboveItIs) {
  Fixture fixture;
  fixture.thresholds.amount_too_large_amount = 13200;
  EXPECT_TRUE(CheckAmountTooLarge(fixture.Context()).empty()) << "equal to the limit";
  fixture.order.total_amount = 13201;
  const std::vector<RuleHit> hits = CheckAmountTooLarge(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].rule, "amount_too_large");
  EXPECT_EQ(Detail(hits[0], "observed_amount"), "13201");
  EXPECT_EQ(Detail(hits[0], "threshold_amount"), "13200");
  EXPECT_NE(hits[0].explanation.find("132.01"), std::string::npos) << hits[0].explanation;
}

TEST(AmountTooLarge, ComparesWithTheCustomersUsualOnceThereIsEnoughHistory) {
  Fixture fixture;
  fixture.past = {PastOrder("P1", 2000, 1, 5000), PastOrder("P2", 2000, 1, 4000)};
  fixture.order.total_amount = 10001;  // usual 2000 × 5 = 10000
  EXPECT_TRUE(CheckAmountTooLarge(fixture.Context()).empty()) << "two orders are too few";
  fixture.past.push_back(PastOrder("P3", 2000, 1, 3000));
  std::vector<RuleHit> hits = CheckAmountTooLarge(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(Detail(hits[0], "customer_usual_amount"), "2000");
  EXPECT_EQ(Detail(hits[0], "customer_threshold_amount"), "10000");
  fixture.order.total_amount = 10000;
  EXPECT_TRUE(CheckAmountTooLarge(fixture.Context()).empty()) << "exactly the factor";
}

TEST(AmountTooLarge, ComparesWithTheChannelsUsual) {
  Fixture fixture;
  fixture.channel_usual_amount = 1000;
  fixture.thresholds.usual_amount_factor = 10;
  fixture.order.total_amount = 10000;
  EXPECT_TRUE(CheckAmountTooLarge(fixture.Context()).empty());
  fixture.order.total_amount = 10001;
  const std::vector<RuleHit> hits = CheckAmountTooLarge(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(Detail(hits[0], "channel_threshold_amount"), "10000");
}

}  // namespace
}  // namespace ordo
