// The inventory use cases against the real embedded store: warehouse choice, shortages and
// replenishment, priority fills, the customer's choice for missing lines, stocktakes.
#include <gtest/gtest.h>

#include "domain/order/money.h"
#include "testing/inventory_fixture.h"

namespace ordo::app {
namespace {

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;

class InventoryTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    AddWarehouse("SH-01", "上海市", "上海市");
    AddWarehouse("BJ-01", "北京市", "北京市");
    AddSku("TEA", 6600, /*lead_time_days=*/5);
    AddSku("MUG", 9000);
  }

  const OrderLine& Line(const Order& order, int line_no) {
    for (const OrderLine& line : order.lines) {
      if (line.line_no == line_no) {
        return line;
      }
    }
    ADD_FAILURE() << "no line " << line_no << " in " << order.order_no;
    static const OrderLine kNone;
    return kNone;
  }

  std::vector<std::string> EventTypes(const std::string& order_no) {
    std::vector<std::string> types;
    auto events = reads().GetOrderEvents(order_no);
    EXPECT_TRUE(events.ok());
    for (const OrderEvent& event : *events) {
      types.push_back(event.type);
    }
    return types;
  }

  std::vector<ReplenishmentView> Requests(const std::string& sku) {
    ReplenishmentFilter filter;
    filter.sku = sku;
    auto requests = reads().inventory().ListReplenishmentRequests(filter);
    EXPECT_TRUE(requests.ok());
    return requests.ok() ? *requests : std::vector<ReplenishmentView>{};
  }

  std::vector<std::string> Queue(const std::string& sku) {
    BackorderFilter filter;
    filter.sku = sku;
    auto lines = reads().inventory().ListBackorders(filter);
    EXPECT_TRUE(lines.ok());
    std::vector<std::string> queue;
    for (const WaitingLine& line : *lines) {
      queue.push_back(line.order_no + "x" + std::to_string(line.quantity));
    }
    return queue;
  }
};

TEST_F(InventoryTest, TheWarehouseNearTheConsigneeServesTheOrder) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 10).ok());
  ASSERT_TRUE(Receive("BJ-01", "TEA", 3).ok());
  // Tianjin is near neither yet: the warehouse with more units serves it.
  Order tianjin = Place({{"TEA", 2}}, "standard", "天津市", "天津市");
  ASSERT_EQ(Line(tianjin, 1).allocations.size(), 1u);
  EXPECT_EQ(Line(tianjin, 1).allocations[0].warehouse, "SH-01");
  // Beijing serves Tianjin as a neighbour from now on; Beijing orders were always its own.
  WarehouseRule rule;
  rule.code = "BJ-01";
  rule.regions = {{"天津市", 1}, {"河北省", 2}};
  ASSERT_TRUE(Run(SetWarehouseRule(rule, Context(), std::make_shared<WarehouseRule>())).ok());
  tianjin = Place({{"TEA", 2}}, "standard", "天津市", "天津市");
  EXPECT_EQ(Line(tianjin, 1).allocations[0].warehouse, "BJ-01");
  const Order beijing = Place({{"TEA", 1}}, "standard", "北京市", "北京市");
  EXPECT_EQ(Line(beijing, 1).allocations[0].warehouse, "BJ-01");
  const Order shanghai = Place({{"TEA", 1}});
  EXPECT_EQ(Line(shanghai, 1).allocations[0].warehouse, "SH-01");
  // A Tianjin order that BJ-01 cannot fill alone is split: its 0 units there, the rest near.
  Order split = Place({{"TEA", 5}}, "standard", "天津市", "天津市");
  ASSERT_EQ(Line(split, 1).allocations.size(), 1u) << "SH-01 fills it alone: one parcel";
  EXPECT_EQ(Line(split, 1).allocations[0].warehouse, "SH-01");
  ExpectBooksBalance();
}

TEST_F(InventoryTest, AShortageRecordsWhyAndWhenAndReachesPurchasingOncePerSkuAndWarehouse) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 1).ok());
  const Timestamp placed_at = clock_.Now();
  const Order first = Place({{"TEA", 3}});
  const OrderLine& line = Line(first, 1);
  EXPECT_EQ(line.quantity_reserved, 1);
  EXPECT_EQ(line.quantity_backordered, 2);
  EXPECT_EQ(line.backorder_reason, "insufficient_stock");
  EXPECT_EQ(line.backorder_warehouse, "SH-01");
  ASSERT_TRUE(line.expected_restock_at.has_value());
  EXPECT_EQ(line.expected_restock_at->unix_ms, placed_at.unix_ms + 5 * kDay) << "lead time";
  const Order second = Place({{"TEA", 4}});
  EXPECT_EQ(Line(second, 1).backorder_reason, "out_of_stock");
  std::vector<ReplenishmentView> requests = Requests("TEA");
  ASSERT_EQ(requests.size(), 1u) << "one live request per SKU and warehouse";
  EXPECT_EQ(requests[0].request.quantity, 6);
  EXPECT_EQ(requests[0].request.warehouse, "SH-01");
  EXPECT_EQ(requests[0].quantity_waiting, 6);
  // Purchasing answers with a date: the waiting lines take it, with an event on each order.
  const Timestamp expected = clock_.Now().PlusMs(2 * kDay);
  auto decided = std::make_shared<ReplenishmentRequest>();
  ASSERT_TRUE(Run(DecideReplenishment({requests[0].request.id, false, expected, "周三到货"},
                                      Context("user:buyer"), decided))
                  .ok());
  EXPECT_EQ(decided->status, ReplenishmentStatus::kAcknowledged);
  EXPECT_EQ(Line(Get(first.order_no), 1).expected_restock_at, expected);
  EXPECT_EQ(Line(Get(second.order_no), 1).expected_restock_at, expected);
  EXPECT_EQ(EventTypes(second.order_no).back(), "restock_expected");
  // A new shortage now expects the acknowledged date, not the lead time.
  EXPECT_EQ(Line(Place({{"TEA", 1}}), 1).expected_restock_at, expected);
  // Closed, the request stops gathering: the next shortage opens a new one.
  ASSERT_TRUE(Run(DecideReplenishment({requests[0].request.id, true, std::nullopt, ""},
                                      Context("user:buyer"), decided))
                  .ok());
  EXPECT_EQ(Run(DecideReplenishment({requests[0].request.id, true, std::nullopt, ""},
                                    Context("user:buyer"), decided))
                .code(),
            Code::kAlreadyDecided);
  Place({{"TEA", 1}});
  requests = Requests("TEA");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].request.status, ReplenishmentStatus::kOpen);
  EXPECT_EQ(requests[0].request.quantity, 1);
  EXPECT_EQ(requests[1].request.quantity, 7);
  ExpectBooksBalance();
}

TEST_F(InventoryTest, AReceiptServesWaitingOrdersByPriorityThenAgeInTheSameTransaction) {
  const Order old_normal = Place({{"TEA", 2}});
  const Order new_normal = Place({{"TEA", 2}});
  const Order urgent = Place({{"TEA", 2}}, "express");
  ASSERT_EQ(urgent.priority, 80);
  EXPECT_EQ(Queue("TEA"),
            (std::vector<std::string>{urgent.order_no + "x2", old_normal.order_no + "x2",
                                      new_normal.order_no + "x2"}));
  // Four units: the urgent order and the oldest normal one are served; the newest waits.
  auto out = std::make_shared<StockOutcome>();
  ASSERT_TRUE(Run(ReceiveStock({"SH-01", "TEA", 4, "到货"}, Context("user:wh"), out)).ok());
  EXPECT_EQ(out->stock.levels.at(0).reserved(), 4) << "the receipt's answer shows the fills";
  EXPECT_EQ(Line(Get(urgent.order_no), 1).quantity_backordered, 0);
  EXPECT_EQ(Line(Get(old_normal.order_no), 1).quantity_backordered, 0);
  EXPECT_EQ(Line(Get(new_normal.order_no), 1).quantity_backordered, 2);
  EXPECT_EQ(Line(Get(urgent.order_no), 1).allocations.at(0).warehouse, "SH-01");
  EXPECT_EQ(EventTypes(urgent.order_no).back(), "backorder_filled");
  EXPECT_EQ(Level("TEA", "SH-01").available(), 0);
  // One more unit: the waiting order takes it and still waits for one.
  ASSERT_TRUE(Receive("BJ-01", "TEA", 1).ok());
  const Order partly = Get(new_normal.order_no);
  EXPECT_EQ(Line(partly, 1).quantity_reserved, 1);
  EXPECT_EQ(Line(partly, 1).quantity_backordered, 1);
  EXPECT_EQ(Queue("TEA"), (std::vector<std::string>{new_normal.order_no + "x1"}));
  auto ledger = reads().inventory().ListLedger(LedgerFilter{"TEA", "BJ-01", {}, {}, {}, 0, 50});
  ASSERT_TRUE(ledger.ok());
  ASSERT_EQ(ledger->size(), 2u);
  EXPECT_EQ((*ledger)[1].type, MovementType::kReservation);
  EXPECT_EQ((*ledger)[1].reason, "backorder filled");
  EXPECT_EQ((*ledger)[1].order_no, new_normal.order_no);
  ExpectBooksBalance();
}

TEST_F(InventoryTest, ACancellationGivesItsUnitsToTheOrdersWaiting) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 2).ok());
  const Order holder = Place({{"TEA", 2}});
  const Order waiting = Place({{"TEA", 1}});
  ASSERT_EQ(Line(waiting, 1).quantity_backordered, 1);
  ASSERT_TRUE(Transition(holder.order_no, CancelInput{"客户取消"}).ok());
  EXPECT_EQ(Line(Get(waiting.order_no), 1).quantity_reserved, 1);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 1);
  EXPECT_TRUE(Queue("TEA").empty());
  // A cancelled waiting order leaves the queue.
  const Order another = Place({{"TEA", 5}});
  ASSERT_EQ(Queue("TEA").size(), 1u);
  ASSERT_TRUE(Transition(another.order_no, CancelInput{"等不及"}).ok());
  EXPECT_TRUE(Queue("TEA").empty());
  ExpectBooksBalance();
}

TEST_F(InventoryTest, ShipAvailableLetsTheWarehousePickWhatIsReserved) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 1).ok());
  const Order order = Place({{"TEA", 3}});
  ASSERT_TRUE(Pay(order).ok());
  ASSERT_TRUE(Transition(order.order_no, ReviewInput{"approve", ""}).ok());
  EXPECT_EQ(Transition(order.order_no, PickInput{}).code(), Code::kBackordered);
  BackorderChoiceInput input;
  input.choice = "ship_available";
  Result<BackorderChoiceOutcome> chosen = Choose(order.order_no, input);
  ASSERT_TRUE(chosen.ok()) << chosen.status().ToString();
  EXPECT_EQ(Line(chosen->order, 1).quantity_dropped, 2);
  EXPECT_EQ(chosen->order.backorder_choice, "ship_available");
  EXPECT_EQ(EventTypes(order.order_no).back(), "backorder_choice");
  EXPECT_TRUE(Transition(order.order_no, PickInput{}).ok());
  // Dropped units are not filled by later arrivals.
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  EXPECT_EQ(Line(Get(order.order_no), 1).quantity_reserved, 1);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 1);
  ExpectBooksBalance();
}

TEST_F(InventoryTest, RefundMissingCreatesAPendingRefundThatNeverExceedsThePayment) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 1).ok());
  ASSERT_TRUE(Receive("SH-01", "MUG", 1).ok());
  const Order order = Place({{"TEA", 3}, {"MUG", 1}});
  BackorderChoiceInput input;
  input.choice = "refund_missing";
  EXPECT_EQ(Choose(order.order_no, input).status().code(), Code::kNotPaid);
  ASSERT_TRUE(Pay(order).ok());
  Result<BackorderChoiceOutcome> chosen = Choose(order.order_no, input);
  ASSERT_TRUE(chosen.ok()) << chosen.status().ToString();
  EXPECT_EQ(chosen->refund_amount, 2 * 6600);
  EXPECT_EQ(chosen->order.total_amount, 6600 + 9000);
  EXPECT_EQ(chosen->order.refunded_amount, 2 * 6600);
  EXPECT_EQ(Line(chosen->order, 1).quantity, 1);
  auto refunds = reads().inventory().ListRefunds(order.order_no);
  ASSERT_TRUE(refunds.ok());
  ASSERT_EQ(refunds->size(), 1u);
  EXPECT_EQ((*refunds)[0].amount, 2 * 6600);
  EXPECT_EQ((*refunds)[0].status, RefundStatus::kPending);
  EXPECT_EQ((*refunds)[0].cause, RefundCause::kMissingLines);
  EXPECT_EQ((*refunds)[0].lines, "1:2");
  EXPECT_EQ(Choose(order.order_no, input).status().code(), Code::kNothingMissing);
  EXPECT_TRUE(Queue("TEA").empty());
  // The schema refuses a refund beyond the payment whoever writes it.
  const Status beyond = Run([&](WriteTx& tx) {
    Refund refund;
    refund.order_no = order.order_no;
    refund.amount = order.total_amount;  // with the first one, more than was paid
    refund.cause = RefundCause::kOrderChange;
    refund.created_at = clock_.Now();
    refund.created_by = "user:test";
    return tx.inventory().InsertRefund(refund);
  });
  EXPECT_EQ(beyond.code(), Code::kRefundExceedsPayment);
  ExpectBooksBalance();
}

TEST_F(InventoryTest, ExchangeReservesTheReplacementNowOrChangesNothing) {
  ASSERT_TRUE(Receive("SH-01", "MUG", 1).ok());
  const Order order = Place({{"TEA", 2}});
  ASSERT_TRUE(Pay(order).ok());
  BackorderChoiceInput input;
  input.choice = "exchange";
  input.lines = {{1, "MUG", 2}};
  const Status short_of_mugs = Choose(order.order_no, input).status();
  EXPECT_EQ(short_of_mugs.code(), Code::kInsufficientStock);
  EXPECT_EQ(Level("MUG", "SH-01").reserved(), 0) << "nothing reserved by a refusal";
  EXPECT_EQ(Get(order.order_no).version, order.version + 1) << "only the payment changed it";
  input.lines = {{1, "MUG", 1}};
  Result<BackorderChoiceOutcome> chosen = Choose(order.order_no, input);
  ASSERT_TRUE(chosen.ok()) << chosen.status().ToString();
  ASSERT_EQ(chosen->order.lines.size(), 1u) << "the empty tea line is replaced";
  EXPECT_EQ(chosen->order.lines[0].sku, "MUG");
  EXPECT_EQ(chosen->order.lines[0].replaces_line_no, 1);
  // Cheaper than the teas it replaces: the difference is refunded at once.
  EXPECT_EQ(chosen->refund_amount, 2 * 6600 - 9000);
  EXPECT_EQ(chosen->order.refunded_amount, 2 * 6600 - 9000);
  EXPECT_EQ(MoneyOf(chosen->order).due, 0);
  EXPECT_FALSE(chosen->order.has_backorder());
  EXPECT_EQ(Level("MUG", "SH-01").reserved(), 1);
  EXPECT_TRUE(Queue("TEA").empty());
  ExpectBooksBalance();
}

TEST_F(InventoryTest, AChannelChoosesOnlyForItsOwnOrders) {
  const Order order = Place({{"TEA", 1}});
  BackorderChoiceInput input;
  input.choice = "wait";
  input.visible_to_channel = "other-shop";
  EXPECT_EQ(Choose(order.order_no, input, "token:other-shop").status().kind(), Kind::kNotFound);
  input.visible_to_channel = "web";
  EXPECT_TRUE(Choose(order.order_no, input, "token:web").ok());
}

TEST_F(InventoryTest, AnApprovedStocktakeCorrectsTheBooksAndServesWaitingOrders) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order holder = Place({{"TEA", 5}});
  const Order waiting = Place({{"TEA", 2}});
  auto stocktake = std::make_shared<Stocktake>();
  ASSERT_TRUE(
      Run(OpenStocktakeCommand({"SH-01", std::vector<std::string>{"TEA", "MUG"}, "大促前盘点"},
                               Context("user:wh-wang"), stocktake))
          .ok());
  const int64_t id = stocktake->id;
  ASSERT_TRUE(
      Run(RecordStocktakeCounts(id, {{"TEA", 8}, {"MUG", 0}}, Context("user:wh-wang"), stocktake))
          .ok());
  EXPECT_EQ(stocktake->lines[1].variance(), 3);
  EXPECT_EQ(Run(DecideStocktake(id, true, Context("user:wh-wang"), stocktake)).code(),
            Code::kSelfApproval);
  ASSERT_TRUE(Run(DecideStocktake(id, true, Context("user:buyer-chen"), stocktake)).ok());
  EXPECT_EQ(stocktake->status, StocktakeStatus::kApproved);
  EXPECT_EQ(Level("TEA", "SH-01").on_hand(), 8);
  EXPECT_EQ(Line(Get(waiting.order_no), 1).quantity_reserved, 2) << "found units serve it";
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 7);
  auto entries = reads().inventory().ListLedger(
      LedgerFilter{"TEA", "", MovementType::kStocktake, {}, {}, 0, 50});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].quantity, 3);
  EXPECT_EQ((*entries)[0].actor, "user:buyer-chen");
  // A count that would leave less than is reserved is refused, naming the SKU.
  ASSERT_TRUE(
      Run(OpenStocktakeCommand({"SH-01", std::nullopt, "复盘"}, Context("user:wh-wang"), stocktake))
          .ok());
  ASSERT_EQ(stocktake->lines.size(), 1u) << "the whole warehouse: the SKUs stocked there";
  ASSERT_TRUE(
      Run(RecordStocktakeCounts(stocktake->id, {{"TEA", 4}}, Context("user:wh-wang"), stocktake))
          .ok());
  const Status refused =
      Run(DecideStocktake(stocktake->id, true, Context("user:buyer-chen"), stocktake));
  EXPECT_EQ(refused.code(), Code::kStocktakeBelowReserved);
  EXPECT_NE(refused.message().find("TEA"), std::string::npos);
  EXPECT_EQ(Level("TEA", "SH-01").on_hand(), 8) << "nothing applied";
  (void)holder;
  ExpectBooksBalance();
}

TEST_F(InventoryTest, TheAlertsListLowAndZeroStockButNoOrderableDefect) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 3).ok());
  auto sku = std::make_shared<Sku>();
  ASSERT_TRUE(Run(SetSkuStockSettings({"TEA", 5, std::nullopt}, Context(), sku)).ok());
  EXPECT_EQ(sku->low_stock_threshold, 5);
  EXPECT_EQ(sku->lead_time_days, 5);
  Place({{"MUG", 2}});  // MUG waits: zero stock
  auto alerts = ListStockAlerts(reads());
  ASSERT_TRUE(alerts.ok());
  std::vector<std::string> kinds;
  for (const StockAlert& alert : *alerts) {
    kinds.push_back(alert.kind + ":" + alert.sku);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"zero_stock:MUG", "low_stock:TEA"}));
}

}  // namespace
}  // namespace ordo::app
