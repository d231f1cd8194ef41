#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;
using rules_test::PastOrder;

TEST(ProbableDuplicateOrder, SameItemsWithinTheWindowAreFlagged) {
  Fixture fixture;
  fixture.thresholds.duplicate_order_window_minutes = 30;
  Order earlier = PastOrder("P1", 13200, 2, 30);
  earlier.status = OrderStatus::kAwaitingFulfillment;
  fixture.past = {earlier};
  const std::vector<RuleHit> hits = CheckProbableDuplicateOrder(fixture.Context());
  ASSERT_EQ(hits.size(), 1u) << "exactly at the window's edge";
  EXPECT_EQ(hits[0].details[0], (std::pair<std::string, std::string>{"duplicate_of", "P1"}));
}

TEST(ProbableDuplicateOrder, OutsideTheWindowOrOtherItemsPass) {
  Fixture fixture;
  fixture.past = {PastOrder("P1", 13200, 2, 31)};
  EXPECT_TRUE(CheckProbableDuplicateOrder(fixture.Context()).empty()) << "31 min before";
  fixture.past = {PastOrder("P2", 19800, 3, 5)};
  EXPECT_TRUE(CheckProbableDuplicateOrder(fixture.Context()).empty()) << "other quantity";
}

TEST(ProbableDuplicateOrder, ACancelledOrderIsNotADuplicate) {
  Fixture fixture;
  Order cancelled = PastOrder("P1", 13200, 2, 5);
  cancelled.status = OrderStatus::kCancelled;
  fixture.past = {cancelled};
  EXPECT_TRUE(CheckProbableDuplicateOrder(fixture.Context()).empty());
}

}  // namespace
}  // namespace ordo
