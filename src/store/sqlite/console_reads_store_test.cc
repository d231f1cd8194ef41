// The reads of the staff console: order counts per status with the list's own filters, the
// list's further filters, a day's summary, the live abnormal cases, and the audit chain check;
// each through the index it claims.

#include "store/sqlite/query_plan_test_util.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::sqlite {
namespace {

class ConsoleReadsTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 100);
  }

  std::map<OrderStatus, int64_t> Counts(const OrderFilter& filter) {
    auto counts = reads().CountOrdersByStatus(filter);
    EXPECT_TRUE(counts.ok()) << counts.status().ToString();
    return counts.ok() ? std::map<OrderStatus, int64_t>(counts->begin(), counts->end())
                       : std::map<OrderStatus, int64_t>{};
  }

  std::vector<std::string> Listed(OrderFilter filter) {
    filter.limit = 100;
    auto page = reads().ListOrders(filter);
    EXPECT_TRUE(page.ok());
    std::vector<std::string> numbers;
    for (const Order& order : page.ok() ? page->orders : std::vector<Order>{}) {
      numbers.push_back(order.order_no);
    }
    return numbers;
  }

  std::string Plan(const std::string& sql) { return QueryPlan(DatabasePath(dir_.string()), sql); }
};

TEST_F(ConsoleReadsTest, CountsPerStatusAgreeWithTheListUnderEveryFilter) {
  Place({{"TEA", 1}});
  Place({{"TEA", 2}}, "express");
  Place({{"TEA", 1}}, "standard", true);
  PaidAndApproved({{"TEA", 1}});
  for (OrderFilter filter :
       {OrderFilter{}, OrderFilter{.channel = "web"}, OrderFilter{.phone = "13812345678"},
        OrderFilter{.priority = 80}, OrderFilter{.payment_method = "cod"},
        OrderFilter{.warehouse = "SH-01"}, OrderFilter{.on_hold = false}}) {
    const std::map<OrderStatus, int64_t> counts = Counts(filter);
    int64_t total = 0;
    for (const auto& [status, count] : counts) {
      OrderFilter one = filter;
      one.status = status;
      EXPECT_EQ(static_cast<int64_t>(Listed(one).size()), count) << StatusName(status);
      total += count;
    }
    EXPECT_EQ(static_cast<int64_t>(Listed(filter).size()), total);
  }
  EXPECT_EQ(Counts({}), (std::map<OrderStatus, int64_t>{{OrderStatus::kPendingPayment, 2},
                                                        {OrderStatus::kPendingReview, 1},
                                                        {OrderStatus::kAwaitingFulfillment, 1}}));
}

TEST_F(ConsoleReadsTest, FurtherFiltersNarrowTheList) {
  const Order online = Place({{"TEA", 1}});
  const Order express = Place({{"TEA", 1}}, "express");
  const Order cod = Place({{"TEA", 1}}, "standard", true);
  EXPECT_EQ(Listed({.payment_method = "cod"}), std::vector<std::string>{cod.order_no});
  EXPECT_EQ(Listed({.priority = express.priority}), std::vector<std::string>{express.order_no});
  EXPECT_EQ(Listed({.warehouse = "SH-01"}).size(), 3u);
  EXPECT_TRUE(Listed({.warehouse = "BJ-01"}).empty());
  EXPECT_TRUE(Listed({.on_hold = true}).empty());
  EXPECT_EQ(Listed({.on_hold = false}).size(), 3u);
  EXPECT_TRUE(Counts({.phone = "13900000000"}).empty());
  (void)online;
}

TEST_F(ConsoleReadsTest, ADaySummaryCountsOrdersPerHourAndChannelInTheZoneAsked) {
  const Order first = Place({{"TEA", 1}});
  clock_.AdvanceMs(3 * 3600 * 1000);
  const Order second = Place({{"TEA", 2}});
  const Timestamp day_start = ParseRfc3339("2026-11-26T00:00:00+08:00").value();
  auto day =
      reads().SummariseOrders(day_start, day_start.PlusMs(24 * 3600 * 1000), 8 * 3600 * 1000);
  ASSERT_TRUE(day.ok()) << day.status().ToString();
  EXPECT_EQ(day->orders, 2);
  EXPECT_EQ(day->amount, first.total_amount + second.total_amount);
  EXPECT_EQ(day->by_hour[9], 1);  // placed at 09:00 China Standard Time
  EXPECT_EQ(day->by_hour[12], 1);
  ASSERT_EQ(day->by_channel.size(), 1u);
  EXPECT_EQ(day->by_channel[0].channel, "web");
  EXPECT_EQ(day->by_channel[0].orders, 2);
  auto before =
      reads().SummariseOrders(day_start.PlusMs(-24 * 3600 * 1000), day_start, 8 * 3600 * 1000);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->orders, 0);
}

TEST_F(ConsoleReadsTest, LiveCasesAreThoseOpenOrAssigned) {
  auto none = reads().CountLiveCases();
  ASSERT_TRUE(none.ok());
  const Order order = PaidAndApproved({{"TEA", 1}});
  int64_t live = 0;
  for (CaseStatus status : {CaseStatus::kOpen, CaseStatus::kAssigned}) {
    CaseFilter filter;
    filter.status = status;
    filter.limit = 1000;
    auto cases = reads().fulfillment().ListCases(filter);
    ASSERT_TRUE(cases.ok());
    live += static_cast<int64_t>(cases->size());
  }
  auto count = reads().CountLiveCases();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, live);
  (void)order;
}

TEST_F(ConsoleReadsTest, TheAuditChainCheckFindsTheChainIntact) {
  PaidAndApproved({{"TEA", 1}});
  auto check = reads().CheckAuditChain();
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->intact);
  EXPECT_GT(check->entries, 0);
  EXPECT_EQ(check->last_seq, check->entries);
  EXPECT_TRUE(check->head_hash.starts_with("k1:")) << check->head_hash;  // keyed
  EXPECT_EQ(check->head_hash.size(), 3u + 64u);
}

TEST_F(ConsoleReadsTest, TheReadsUseTheirIndexes) {
  Place({{"TEA", 1}});
  EXPECT_NE(Plan("SELECT status, COUNT(*) FROM orders WHERE 1 = 1 GROUP BY status")
                .find("COVERING INDEX orders_by_status"),
            std::string::npos);
  EXPECT_NE(Plan("SELECT created_at, channel, total_amount FROM orders INDEXED BY "
                 "orders_by_created WHERE created_at >= 0 AND created_at < 1")
                .find("orders_by_created"),
            std::string::npos);
  EXPECT_NE(Plan("SELECT COUNT(*) FROM anomalies INDEXED BY anomalies_by_status "
                 "WHERE status IN ('open', 'assigned')")
                .find("anomalies_by_status"),
            std::string::npos);
}

}  // namespace
}  // namespace ordo::sqlite
