#include "domain/audit/kpi.h"

#include <gtest/gtest.h>

#include "domain/audit/detectors.h"
#include "domain/audit/test_records.h"

namespace ordo {
namespace {

using testing::AtMinute;
using testing::Entry;
using testing::HistoryBuilder;

// A period holding every minute the tests use.
const Period kPeriod{AtMinute(-60), AtMinute(100000), "test"};

const KpiRow* Find(const std::vector<KpiRow>& rows, const std::string& key) {
  for (const KpiRow& row : rows) {
    if (row.key == key) {
      return &row;
    }
  }
  return nullptr;
}

// cs reviews all four orders in time; w1 ships O1 in time and O2 late (expedited, 12 h); w2
// picks O3, which is then cancelled after payment, and ships O4 in time. O1 and O2 are
// delivered, O1 within its promised window. w1's receipt is corrected by the admin.
struct Scenario {
  StaffDirectory directory;
  std::vector<OrderHistory> orders;
  std::vector<LedgerEntry> entries;

  Scenario() {
    directory.Add("user:cs", "customer_service");
    directory.Add("user:w1", "warehouse");
    directory.Add("user:w2", "warehouse");
    orders.push_back(HistoryBuilder("O1")
                         .Created(0)
                         .Paid(1)
                         .Approved(10, "user:cs")
                         .Picked(20, "user:w1")
                         .Packed(30, "user:w1")
                         .Shipped(40, "user:w1")
                         .Delivered(24 * 60)
                         .Build());
    orders.push_back(HistoryBuilder("O2", 80)
                         .Class("expedited")
                         .Service("express")
                         .Created(0)
                         .Paid(1)
                         .Approved(10, "user:cs")
                         .Picked(20, "user:w1")
                         .Packed(30, "user:w1")
                         .Shipped(14 * 60, "user:w1")
                         .Delivered(5 * 24 * 60)
                         .Build());
    orders.push_back(HistoryBuilder("O3")
                         .Created(0)
                         .Paid(1)
                         .Approved(10, "user:cs")
                         .Picked(20, "user:w2")
                         .Cancelled(30, "user:cs")
                         .Build());
    orders.push_back(HistoryBuilder("O4")
                         .Created(0)
                         .Paid(1)
                         .Approved(10, "user:cs")
                         .Picked(20, "user:w2")
                         .Packed(30, "user:w2")
                         .Shipped(40, "user:w2")
                         .Build());
    entries = {Entry(1, MovementType::kReceipt, 100, "user:w1", 50),
               Entry(2, MovementType::kAdjustment, -5, "token:admin", 60)};
  }

  std::vector<KpiRow> Run(KpiGroupBy group_by, const SupervisionPolicy& policy = {}) const {
    KpiCalculator calculator(policy, kPeriod, directory, group_by);
    std::vector<Violation> violations = DetectEntryCorrections(entries, policy);
    for (const OrderHistory& order : orders) {
      calculator.AddOrder(order);
      for (Violation& v : DetectTimeLimitBreaches(order, policy, AtMinute(99999))) {
        violations.push_back(std::move(v));
      }
    }
    calculator.AddStockEntries(entries);
    AssignDepartments(violations, directory);
    calculator.AddViolations(violations);
    return calculator.Rows();
  }
};

void ExpectRatio(const Ratio& ratio, int64_t numerator, int64_t denominator,
                 std::optional<int64_t> basis_points, const std::string& what) {
  EXPECT_EQ(ratio.numerator, numerator) << what;
  EXPECT_EQ(ratio.denominator, denominator) << what;
  EXPECT_EQ(ratio.basis_points(), basis_points) << what;
}

TEST(Kpi, PerPerson) {
  const std::vector<KpiRow> rows = Scenario().Run(KpiGroupBy::kUser);
  const KpiRow* cs = Find(rows, "user:cs");
  const KpiRow* w1 = Find(rows, "user:w1");
  const KpiRow* w2 = Find(rows, "user:w2");
  ASSERT_TRUE(cs && w1 && w2);
  ExpectRatio(cs->timeliness, 4, 4, 10000, "cs timeliness");
  ExpectRatio(cs->accuracy, 4, 4, 10000, "cs accuracy");
  ExpectRatio(cs->on_time_delivery, 0, 0, std::nullopt, "cs delivery");
  ExpectRatio(cs->refunds, 1, 4, 2500, "cs refunds");
  EXPECT_EQ(cs->department, "customer_service");
  ExpectRatio(w1->timeliness, 1, 2, 5000, "w1 timeliness");
  ExpectRatio(w1->accuracy, 2, 3, 6666, "w1 accuracy: two orders and a corrected receipt");
  ExpectRatio(w1->on_time_delivery, 1, 2, 5000, "w1 delivery");
  ExpectRatio(w1->refunds, 0, 2, 0, "w1 refunds");
  EXPECT_EQ(w1->violations, 2);  // the late shipment and the corrected receipt
  ExpectRatio(w2->timeliness, 1, 1, 10000, "w2 timeliness");
  ExpectRatio(w2->accuracy, 2, 2, 10000, "w2 accuracy");
  ExpectRatio(w2->refunds, 1, 2, 5000, "w2 refunds");
  EXPECT_EQ(w2->violations, 0);
  const KpiRow* admin = Find(rows, "token:admin");
  ASSERT_NE(admin, nullptr);
  ExpectRatio(admin->accuracy, 1, 1, 10000, "the correcting adjustment is an entry too");
}

TEST(Kpi, PerDepartmentCountsEachOrderOnce) {
  const std::vector<KpiRow> rows = Scenario().Run(KpiGroupBy::kDepartment);
  const KpiRow* warehouse = Find(rows, "warehouse");
  const KpiRow* service = Find(rows, "customer_service");
  const KpiRow* none = Find(rows, "");
  ASSERT_TRUE(warehouse && service && none);
  ExpectRatio(warehouse->timeliness, 2, 3, 6666, "warehouse timeliness");
  ExpectRatio(warehouse->accuracy, 4, 5, 8000, "warehouse accuracy");
  ExpectRatio(warehouse->on_time_delivery, 1, 2, 5000, "warehouse delivery");
  ExpectRatio(warehouse->refunds, 1, 4, 2500, "warehouse refunds");
  EXPECT_EQ(warehouse->violations, 2);
  ExpectRatio(service->refunds, 1, 4, 2500, "service refunds");
  ExpectRatio(none->accuracy, 1, 1, 10000, "tokens have no department");
  EXPECT_FALSE(warehouse->reward_eligible);
}

TEST(Kpi, RewardEligibilityNeedsEnoughTimelyStepsAndNoViolation) {
  SupervisionPolicy policy;
  policy.reward_min_steps = 1;
  policy.reward_min_timeliness_bp = 9500;
  const std::vector<KpiRow> rows = Scenario().Run(KpiGroupBy::kUser, policy);
  EXPECT_TRUE(Find(rows, "user:cs")->reward_eligible);
  EXPECT_TRUE(Find(rows, "user:w2")->reward_eligible);
  EXPECT_FALSE(Find(rows, "user:w1")->reward_eligible);      // violations, 50 % timeliness
  EXPECT_FALSE(Find(rows, "token:admin")->reward_eligible);  // no timed step
  policy.reward_min_steps = 2;
  EXPECT_FALSE(Find(Scenario().Run(KpiGroupBy::kUser, policy), "user:w2")->reward_eligible);
}

TEST(Kpi, StepsOutsideThePeriodDoNotCount) {
  Scenario scenario;
  KpiCalculator calculator(SupervisionPolicy{}, Period{AtMinute(15), AtMinute(35), "narrow"},
                           scenario.directory, KpiGroupBy::kUser);
  for (const OrderHistory& order : scenario.orders) {
    calculator.AddOrder(order);
  }
  const std::vector<KpiRow> rows = calculator.Rows();
  // cs reviewed at minute 10; cancelling O3 at minute 30 is no review or fulfilment step.
  EXPECT_EQ(Find(rows, "user:cs"), nullptr);
  ASSERT_NE(Find(rows, "user:w1"), nullptr);
  EXPECT_EQ(Find(rows, "user:w1")->timeliness.denominator, 0);  // shipments at 40 and 840
  EXPECT_EQ(Find(rows, "user:w1")->accuracy.denominator, 2);    // picked and packed O1, O2
}

TEST(Kpi, BasisPointsRoundDownAndNothingIsUnknown) {
  EXPECT_EQ((Ratio{2, 3}.basis_points()), 6666);
  EXPECT_EQ((Ratio{1, 1}.basis_points()), 10000);
  EXPECT_EQ((Ratio{0, 0}.basis_points()), std::nullopt);
}

}  // namespace
}  // namespace ordo
