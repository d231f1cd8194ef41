#include <gtest/gtest.h>

#include "domain/audit/detectors.h"
#include "domain/audit/test_records.h"
#include "domain/settings/settings.h"

namespace ordo {
namespace {

using testing::AtMinute;
using testing::HistoryBuilder;

std::string Detail(const Violation& violation, const std::string& key) {
  for (const auto& [name, value] : violation.details) {
    if (name == key) {
      return value;
    }
  }
  return "<absent>";
}

TEST(TimeLimitBreach, ShipmentAfterTheLimitNamesTheShipper) {
  // Paid at minute 1; a standard order (priority 50) ships within 24 h, i.e. by minute 1441.
  const OrderHistory order = HistoryBuilder("A1").Through(0, "user:wang", 1500).Build();
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(order, SupervisionPolicy{}, AtMinute(2000));
  ASSERT_EQ(found.size(), 1u);
  const Violation& breach = found[0];
  EXPECT_EQ(breach.type, ViolationType::kTimeLimitBreach);
  EXPECT_EQ(breach.actor, "user:wang");
  EXPECT_EQ(breach.entity, "order");
  EXPECT_EQ(breach.entity_id, "A1");
  EXPECT_EQ(breach.occurrence, "ship");
  EXPECT_EQ(breach.at, AtMinute(1441)) << "dated at the deadline";
  EXPECT_EQ(Detail(breach, "limit"), "1d");
  EXPECT_EQ(Detail(breach, "observed"), "1d 59m");
  EXPECT_EQ(Detail(breach, "stage"), "ship");
  EXPECT_EQ(Detail(breach, "reason"), "work");
  EXPECT_NE(breach.explanation.find("user:wang (logistics) answers"), std::string::npos)
      << breach.explanation;
}

TEST(TimeLimitBreach, ShipmentExactlyAtTheDeadlineIsOnTime) {
  const OrderHistory order = HistoryBuilder("A2").Through(0, "user:wang", 1441).Build();
  EXPECT_TRUE(DetectTimeLimitBreaches(order, SupervisionPolicy{}, AtMinute(5000)).empty());
}

TEST(TimeLimitBreach, ExpeditedOrdersHaveTheShorterLimitOfTheirClass) {
  // The settings' expedited class: 12 h. Shipped 13 h after payment.
  const OrderHistory order =
      HistoryBuilder("A3", 80).Class("expedited").Through(0, "user:li", 1 + 13 * 60).Build();
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(order, SupervisionPolicy{}, AtMinute(5000));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Detail(found[0], "limit"), "12h");
  EXPECT_EQ(Detail(found[0], "order_class"), "expedited");
}

TEST(TimeLimitBreach, TheSettingsLimitsAndCalendarApply) {
  Settings settings;
  settings.ship_within_hours["standard"] = 2;
  settings.business_calendar = BusinessCalendar{};
  SupervisionPolicy policy = PolicyFromSettings(settings, {});
  const OrderHistory order = HistoryBuilder("A4").Through(0, "user:li", 200).Build();
  EXPECT_EQ(DetectTimeLimitBreaches(order, policy, AtMinute(300)).size(), 1u);
  settings.ship_within_hours["standard"] = 4;
  policy = PolicyFromSettings(settings, {});
  EXPECT_TRUE(DetectTimeLimitBreaches(order, policy, AtMinute(300)).empty());
  // On the default calendar a Saturday does not count: paid Friday 08:00 China time, 24 business
  // hours end Monday 08:00, so a Sunday shipment is on time.
  policy = PolicyFromSettings(Settings{}, {});
  const int64_t friday = 3 * 24 * 60;  // kStart is a Tuesday, 08:00 in Beijing
  const OrderHistory weekend =
      HistoryBuilder("A4b").Through(friday, "user:li", friday + 2 * 24 * 60).Build();
  EXPECT_TRUE(DetectTimeLimitBreaches(weekend, policy, AtMinute(friday + 5 * 24 * 60)).empty());
}

TEST(TimeLimitBreach, ADelayWhileHeldIsTheCasesDepartmentsNotTheReviewers) {
  // Paid at minute 1, held four days by a blacklist case, approved at once when released.
  HistoryBuilder builder("H1");
  builder.Created(0).Paid(1).Held(2, "9", "blacklisted_customer").Released(4 * 24 * 60, "9");
  builder.Approved(4 * 24 * 60 + 10, "user:reviewer").Picked(4 * 24 * 60 + 20, "user:wang");
  builder.Packed(4 * 24 * 60 + 30, "user:wang").Shipped(4 * 24 * 60 + 40, "user:wang");
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(builder.Build(), SupervisionPolicy{}, AtMinute(9 * 24 * 60));
  ASSERT_EQ(found.size(), 1u) << "one delay, one violation";
  EXPECT_EQ(found[0].occurrence, "ship");
  EXPECT_EQ(found[0].actor, "");
  EXPECT_EQ(found[0].department, "customer_service") << "who handles blacklist cases";
  EXPECT_EQ(Detail(found[0], "reason"), "hold");
  EXPECT_EQ(Detail(found[0], "case_type"), "blacklisted_customer");
  EXPECT_EQ(Detail(found[0], "stage"), "review");
}

TEST(TimeLimitBreach, AReviewHeldByACaseIsNotLateForTheTimeItWasHeld) {
  HistoryBuilder builder("H2");
  builder.Created(0).Paid(1).Held(2, "4", "address_incomplete").Released(6 * 60, "4");
  builder.Approved(6 * 60 + 30, "user:reviewer");
  EXPECT_TRUE(
      DetectTimeLimitBreaches(builder.Build(), SupervisionPolicy{}, AtMinute(7 * 60)).empty());
}

TEST(TimeLimitBreach, AnOrderWaitingForStockIsPurchasingsNotTheWarehouses) {
  HistoryBuilder builder("B1");
  builder.Created(0).Backordered("TEA", 2).Paid(1).Approved(5, "user:reviewer");
  builder.Filled(3 * 24 * 60, "TEA", 2).Picked(3 * 24 * 60 + 5, "user:wang");
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(builder.Build(), SupervisionPolicy{}, AtMinute(4 * 24 * 60));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].department, "purchasing");
  EXPECT_EQ(Detail(found[0], "reason"), "backorder");
  EXPECT_EQ(found[0].actor, "");
}

TEST(TimeLimitBreach, LateReviewNamesTheReviewer) {
  HistoryBuilder builder("A5");
  builder.Created(0).Paid(10).Approved(10 + 5 * 60, "user:zhao");
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(builder.Build(), SupervisionPolicy{}, AtMinute(400));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actor, "user:zhao");
  EXPECT_EQ(found[0].occurrence, "review");
  EXPECT_EQ(Detail(found[0], "limit"), "4h");
  EXPECT_EQ(Detail(found[0], "observed"), "5h");
}

TEST(TimeLimitBreach, AnOrderWaitingForReviewPastItsDeadlineIsTheReviewDepartments) {
  HistoryBuilder builder("A6");
  builder.Created(0).Paid(1);
  const OrderHistory order = builder.Build();
  // Before the 4 h review deadline: nothing yet.
  EXPECT_TRUE(DetectTimeLimitBreaches(order, SupervisionPolicy{}, AtMinute(200)).empty());
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(order, SupervisionPolicy{}, AtMinute(300));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actor, "");
  EXPECT_EQ(found[0].department, "customer_service");
  EXPECT_EQ(found[0].at, AtMinute(1 + 240));  // dated at the deadline
  EXPECT_NE(found[0].explanation.find("nobody has acted yet"), std::string::npos);
}

TEST(TimeLimitBreach, AnApprovedOrderNotShippedPastItsDeadlineIsTheWarehouses) {
  HistoryBuilder builder("A7");
  builder.Created(0).Paid(1).Approved(30, "user:zhao").Picked(60, "user:wang");
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(builder.Build(), SupervisionPolicy{}, AtMinute(1500));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].occurrence, "ship");
  EXPECT_EQ(found[0].actor, "user:wang") << "who started picking held the pack stage";
  EXPECT_EQ(found[0].department, "warehouse");
  EXPECT_EQ(found[0].at, AtMinute(1441));
}

TEST(TimeLimitBreach, CashOnDeliveryIsAcceptedWhenPlaced) {
  HistoryBuilder builder("A8");
  builder.Created(0, /*cod=*/true)
      .Approved(10, "user:zhao")
      .Picked(20, "user:wang")
      .Packed(30, "user:wang")
      .Shipped(1445, "user:wang");
  const std::vector<Violation> found =
      DetectTimeLimitBreaches(builder.Build(), SupervisionPolicy{}, AtMinute(2000));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(Detail(found[0], "accepted_at"), FormatRfc3339(AtMinute(0)));
}

TEST(TimeLimitBreach, UnpaidAndCancelledOrdersHaveNoDeadline) {
  HistoryBuilder unpaid("A9");
  unpaid.Created(0);
  EXPECT_TRUE(
      DetectTimeLimitBreaches(unpaid.Build(), SupervisionPolicy{}, AtMinute(99999)).empty());
  HistoryBuilder cancelled("A10");
  cancelled.Created(0).Paid(1).Cancelled(2, "user:zhao");
  EXPECT_TRUE(
      DetectTimeLimitBreaches(cancelled.Build(), SupervisionPolicy{}, AtMinute(99999)).empty());
}

TEST(TimeLimitBreach, DetectionIsRepeatable) {
  const OrderHistory order = HistoryBuilder("A11").Through(0, "user:wang", 1500).Build();
  const auto first = DetectTimeLimitBreaches(order, SupervisionPolicy{}, AtMinute(2000));
  const auto second = DetectTimeLimitBreaches(order, SupervisionPolicy{}, AtMinute(9000));
  ASSERT_EQ(first.size(), second.size());
  EXPECT_EQ(first[0].occurrence, second[0].occurrence);
  EXPECT_EQ(first[0].at, second[0].at);
  EXPECT_EQ(first[0].explanation, second[0].explanation);
}

}  // namespace
}  // namespace ordo
