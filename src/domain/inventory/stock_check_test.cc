#include "domain/inventory/stock_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/inventory/replenishment.h"

namespace ordo {
namespace {

LedgerTotals Totals(std::string sku, std::string warehouse, Quantity on_hand, Quantity reserved) {
  LedgerTotals t;
  t.sku = std::move(sku);
  t.warehouse = std::move(warehouse);
  t.entries = 3;
  t.on_hand_sum = t.last_on_hand_after = on_hand;
  t.reserved_sum = t.last_reserved_after = reserved;
  return t;
}

std::vector<std::string> Checks(const StockCheckReport& report) {
  std::vector<std::string> checks;
  for (const StockDifference& d : report.differences) {
    checks.push_back(d.check + ":" + d.sku + "@" + d.warehouse +
                     (d.order_no.empty() ? "" : "#" + d.order_no));
  }
  return checks;
}

TEST(CheckStockBooks, BalancedBooksReportNothing) {
  const StockCheckReport report = CheckStockBooks(
      {StockLevel("SH-01", "TEA", 10, 4)}, {Totals("TEA", "SH-01", 10, 4)},
      {{"A", "pending_review", "TEA", "SH-01", 4}, {"B", "shipped", "TEA", "SH-01", 0}});
  EXPECT_TRUE(report.differences.empty()) << testing::PrintToString(Checks(report));
  EXPECT_EQ(report.levels, 1);
  EXPECT_EQ(report.ledger_entries, 3);
  EXPECT_EQ(report.orders_holding, 1);
}

TEST(CheckStockBooks, EveryKindOfDisagreementIsNamed) {
  LedgerTotals stale = Totals("CUP", "SH-01", 5, 0);
  stale.last_on_hand_after = 6;
  const StockCheckReport report = CheckStockBooks(
      {StockLevel("SH-01", "TEA", 10, 4), StockLevel("SH-01", "CUP", 5, 0),
       StockLevel("BJ-01", "TEA", 1, 0)},
      {Totals("TEA", "SH-01", 9, 3), stale, Totals("MUG", "SH-01", 2, 0)},
      {{"A", "cancelled", "TEA", "SH-01", 2}, {"B", "picking", "CUP", "SH-01", -1}});
  const std::vector<std::string> expected = {"on_hand_vs_ledger:TEA@SH-01",
                                             "reserved_vs_ledger:TEA@SH-01",
                                             "level_vs_last_entry:TEA@SH-01",
                                             "level_vs_last_entry:CUP@SH-01",
                                             "level_without_ledger:TEA@BJ-01",
                                             "ledger_without_level:MUG@SH-01",
                                             "finished_order_holds_stock:TEA@SH-01#A",
                                             "negative_order_hold:CUP@SH-01#B"};
  EXPECT_EQ(Checks(report), expected);
  EXPECT_EQ(report.differences[0].expected, 9);
  EXPECT_EQ(report.differences[0].actual, 10);
}

Sku SellableSku(std::string code, Quantity min = 1, Quantity step = 1, int64_t threshold = 0) {
  Sku sku;
  sku.code = std::move(code);
  sku.min_quantity = min;
  sku.step_quantity = step;
  sku.low_stock_threshold = threshold;
  return sku;
}

std::vector<std::string> Kinds(const std::vector<StockAlert>& alerts) {
  std::vector<std::string> kinds;
  for (const StockAlert& alert : alerts) {
    kinds.push_back(alert.kind + ":" + alert.sku);
  }
  return kinds;
}

TEST(StockAlerts, LowAndZeroStockFollowTheThreshold) {
  SkuStock low{SellableSku("LOW", 1, 1, 5), {StockLevel("SH-01", "LOW", 8, 3)}, {}};
  SkuStock fine{SellableSku("FINE", 1, 1, 5), {StockLevel("SH-01", "FINE", 9, 3)}, {}};
  SkuStock empty{SellableSku("EMPTY"), {StockLevel("SH-01", "EMPTY", 2, 2)}, {}};
  SkuStock never{SellableSku("NEVER"), {}, {}};
  SkuStock withdrawn{SellableSku("GONE"), {}, {}};
  withdrawn.sku.sellable = false;
  EXPECT_EQ(Kinds(StockAlerts({low, fine, empty, never, withdrawn})),
            (std::vector<std::string>{"low_stock:LOW", "zero_stock:EMPTY", "zero_stock:NEVER"}));
}

TEST(StockAlerts, StockThatAnOrderWouldStillBackorderIsADefect) {
  // Two units show, but the SKU is sold in packs of three (step 3): nobody can order them.
  SkuStock packs{SellableSku("PACK", 1, 3), {StockLevel("SH-01", "PACK", 2, 0)}, {}};
  SkuStock ok{SellableSku("OK", 2, 2),
              {StockLevel("SH-01", "OK", 1, 0), StockLevel("BJ-01", "OK", 1, 0)},
              {}};
  const std::vector<StockAlert> alerts = StockAlerts({packs, ok});
  EXPECT_EQ(Kinds(alerts), (std::vector<std::string>{"below_minimum_order:PACK"}))
      << "two units across two warehouses still make an order of two";
  EXPECT_EQ(SmallestOrder(SellableSku("X", 4, 3)), 6);
  EXPECT_EQ(SmallestOrder(SellableSku("X", 1, 1)), 1);
}

TEST(StockAlerts, UnitsIdleWhileLinesWaitForThemAreADefect) {
  WaitingLine here;
  here.sku = "TEA";
  here.warehouse = "SH-01";
  here.quantity = 2;
  here.any_warehouse = false;
  SkuStock idle{SellableSku("TEA"), {StockLevel("BJ-01", "TEA", 3, 0)}, {here}};
  EXPECT_TRUE(StockAlerts({idle}).empty()) << "the line waits for one parcel from SH-01 only";
  idle.waiting[0].any_warehouse = true;
  const std::vector<StockAlert> alerts = StockAlerts({idle});
  ASSERT_EQ(Kinds(alerts), (std::vector<std::string>{"waiting_with_stock:TEA"}));
  EXPECT_EQ(alerts[0].warehouse, "BJ-01");
  EXPECT_EQ(alerts[0].waiting, 2);
}

TEST(Replenishment, ShortagesAccumulateUntilPurchasingClosesTheRequest) {
  ReplenishmentRequest request =
      NewReplenishmentRequest("TEA", "SH-01", 3, Timestamp{0}, "token:web");
  AddShortage(request, 4, Timestamp{10}, "token:app");
  EXPECT_EQ(request.quantity, 7);
  EXPECT_EQ(request.status, ReplenishmentStatus::kOpen);
  const int64_t day = 24LL * 3600 * 1000;
  const Status no_date = Acknowledge(request, std::nullopt, "", Timestamp{day}, "user:buyer");
  ASSERT_EQ(no_date.kind(), Kind::kInvalid);
  EXPECT_EQ(no_date.field_errors()[0].field, "expected_at");
  EXPECT_EQ(no_date.field_errors()[0].code, Code::kRequired);
  const Status past = Acknowledge(request, Timestamp{0}, "", Timestamp{2 * day}, "user:buyer");
  ASSERT_EQ(past.kind(), Kind::kInvalid);
  EXPECT_EQ(past.field_errors()[0].code, Code::kInvalidValue) << "a date in the past";
  EXPECT_EQ(request.status, ReplenishmentStatus::kOpen) << "refusals change nothing";
  ASSERT_TRUE(
      Acknowledge(request, Timestamp{5 * day}, "供应商周五到货", Timestamp{day}, "user:buyer")
          .ok());
  EXPECT_EQ(request.status, ReplenishmentStatus::kAcknowledged);
  EXPECT_EQ(request.expected_at, Timestamp{5 * day});
  AddShortage(request, 1, Timestamp{day}, "token:web");
  EXPECT_EQ(request.quantity, 8) << "an acknowledged request still gathers shortages";
  ASSERT_TRUE(CloseRequest(request, "", Timestamp{6 * day}, "user:buyer").ok());
  EXPECT_FALSE(request.live());
  EXPECT_EQ(request.closed_by, "user:buyer");
  EXPECT_EQ(CloseRequest(request, "", Timestamp{6 * day}, "user:buyer").code(),
            Code::kAlreadyDecided);
  EXPECT_EQ(Acknowledge(request, Timestamp{9 * day}, "", Timestamp{6 * day}, "user:b").code(),
            Code::kAlreadyDecided);
}

}  // namespace
}  // namespace ordo
