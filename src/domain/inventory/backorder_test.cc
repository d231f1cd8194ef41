#include "domain/inventory/backorder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/order/money.h"

namespace ordo {
namespace {

constexpr int64_t kPrice = 6600;  // fen per unit of TEA
const Actor kClerk{"user:cs-li", Timestamp{5000}};

WaitingLine Waiting(std::string order_no, int priority, int64_t created_ms, Quantity quantity,
                    std::string warehouse = "SH-01", bool any_warehouse = true) {
  WaitingLine line;
  line.order_no = std::move(order_no);
  line.line_no = 1;
  line.sku = "TEA";
  line.warehouse = std::move(warehouse);
  line.quantity = quantity;
  line.priority = priority;
  line.order_created_at = Timestamp{created_ms};
  line.any_warehouse = any_warehouse;
  return line;
}

std::string Served(const std::vector<Fill>& fills) {
  std::string text;
  for (const Fill& fill : fills) {
    text += (text.empty() ? "" : " ") + fill.order_no + "=" + std::to_string(fill.quantity);
  }
  return text;
}

// A paid order: line 1 TEA 5 (3 reserved in SH-01, 2 backordered), line 2 CUP 1 reserved.
Order ShortOrder() {
  Order order;
  order.id = OrderId{9};
  order.order_no = "20261122000009";
  order.status = OrderStatus::kAwaitingFulfillment;
  order.payment_status = PaymentStatus::kPaid;
  OrderLine tea;
  tea.line_no = 1;
  tea.sku = "TEA";
  tea.quantity = 5;
  tea.unit_price_amount = kPrice;
  tea.quantity_reserved = 3;
  tea.quantity_backordered = 2;
  tea.allocations = {{"SH-01", 3}};
  tea.backorder_reason = std::string(kReasonInsufficientStock);
  tea.backorder_warehouse = "SH-01";
  tea.expected_restock_at = Timestamp{9'000'000};
  OrderLine cup;
  cup.line_no = 2;
  cup.sku = "CUP";
  cup.quantity = 1;
  cup.unit_price_amount = 1250;
  cup.quantity_reserved = 1;
  cup.allocations = {{"SH-01", 1}};
  order.lines = {tea, cup};
  order.total_amount = 5 * kPrice + 1250;
  order.paid_amount = order.total_amount;
  order.version = 3;
  return order;
}

Sku Catalogued(std::string code, int64_t price, Quantity step = 1) {
  Sku sku;
  sku.code = std::move(code);
  sku.name = "绿茶";
  sku.price_amount = price;
  sku.step_quantity = step;
  return sku;
}

// --- Priority fills (INV-4) ---

TEST(PlanFills, HigherPriorityIsServedFirstThenOlderOrders) {
  const std::vector<WaitingLine> waiting = {Waiting("A-old-normal", 50, 1000, 2),
                                            Waiting("B-urgent", 80, 3000, 2),
                                            Waiting("C-new-normal", 50, 2000, 2)};
  // Four units arrive: the urgent order, then the oldest normal one; the newest waits.
  EXPECT_EQ(Served(PlanFills(waiting, "TEA", "SH-01", 4)), "B-urgent=2 A-old-normal=2");
  // Plenty for all, still in that order.
  EXPECT_EQ(Served(PlanFills(waiting, "TEA", "SH-01", 100)),
            "B-urgent=2 A-old-normal=2 C-new-normal=2");
}

TEST(PlanFills, ScarceStockGoesToTheBestLineEvenInPart) {
  const std::vector<WaitingLine> waiting = {Waiting("LOW", 10, 1000, 1),
                                            Waiting("HIGH", 90, 9000, 5)};
  EXPECT_EQ(Served(PlanFills(waiting, "TEA", "SH-01", 3)), "HIGH=3")
      << "the high-priority order takes all three; the older low one gets nothing";
  EXPECT_TRUE(PlanFills(waiting, "TEA", "SH-01", 0).empty());
}

TEST(PlanFills, TiesGoToTheOrderNumberThenTheLine) {
  WaitingLine second = Waiting("X-2", 50, 1000, 1);
  WaitingLine first_line2 = Waiting("X-1", 50, 1000, 1);
  first_line2.line_no = 2;
  const WaitingLine first_line1 = Waiting("X-1", 50, 1000, 1);
  EXPECT_EQ(Served(PlanFills({second, first_line2, first_line1}, "TEA", "SH-01", 2)),
            "X-1=1 X-1=1");
  EXPECT_EQ(PlanFills({second, first_line2, first_line1}, "TEA", "SH-01", 2)[0].line_no, 1);
}

TEST(PlanFills, AnOrderWaitingForOneParcelIsFilledOnlyWhereItWaits) {
  const std::vector<WaitingLine> waiting = {
      Waiting("ONE-PARCEL", 90, 1000, 2, "SH-01", /*any_warehouse=*/false),
      Waiting("SPLITTABLE", 10, 5000, 2, "SH-01", /*any_warehouse=*/true)};
  EXPECT_EQ(Served(PlanFills(waiting, "TEA", "BJ-01", 5)), "SPLITTABLE=2");
  EXPECT_EQ(Served(PlanFills(waiting, "TEA", "SH-01", 5)), "ONE-PARCEL=2 SPLITTABLE=2");
}

TEST(PlanFills, LinesOfOtherSkusAreIgnored) {
  WaitingLine cup = Waiting("CUP-ORDER", 99, 1, 1);
  cup.sku = "CUP";
  EXPECT_EQ(Served(PlanFills({cup, Waiting("TEA-ORDER", 1, 1, 1)}, "TEA", "SH-01", 5)),
            "TEA-ORDER=1");
}

TEST(Backorder, AFillMovesUnitsToTheWarehouseAndClearsTheShortageWhenComplete) {
  Order order = ShortOrder();
  OrderLine& tea = order.lines[0];
  ApplyFill(tea, "BJ-01", 1);
  EXPECT_EQ(tea.quantity_backordered, 1);
  EXPECT_EQ(tea.quantity_reserved, 4);
  EXPECT_EQ(tea.backorder_reason, kReasonInsufficientStock) << "one unit still waits";
  ApplyFill(tea, "SH-01", 1);
  EXPECT_EQ(tea.quantity_backordered, 0);
  ASSERT_EQ(tea.allocations.size(), 2u);
  EXPECT_EQ(tea.allocations[0].quantity, 4) << "SH-01 grows";
  EXPECT_EQ(tea.allocations[1].warehouse, "BJ-01");
  EXPECT_TRUE(tea.backorder_reason.empty());
  EXPECT_FALSE(tea.expected_restock_at.has_value());
}

TEST(Backorder, ExpectedRestockIsTheRequestsDateElseTheLeadTime) {
  EXPECT_EQ(ExpectedRestock(Timestamp{0}, 3, std::nullopt).unix_ms, 3 * kDayMs);
  EXPECT_EQ(ExpectedRestock(Timestamp{0}, 0, std::nullopt).unix_ms, kDayMs) << "at least a day";
  EXPECT_EQ(ExpectedRestock(Timestamp{0}, 3, Timestamp{42}).unix_ms, 42);
}

TEST(Backorder, WaitingLinesOfAnOrderCarryItsPriorityAndAge) {
  Order order = ShortOrder();
  order.priority = 70;
  order.created_at = Timestamp{1234};
  order.single_parcel = true;
  const std::vector<WaitingLine> waiting = WaitingLinesOf(order);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].line_no, 1);
  EXPECT_EQ(waiting[0].quantity, 2);
  EXPECT_EQ(waiting[0].priority, 70);
  EXPECT_EQ(waiting[0].order_created_at.unix_ms, 1234);
  EXPECT_FALSE(waiting[0].any_warehouse);
  EXPECT_EQ(waiting[0].warehouse, "SH-01");
}

// --- The customer's choice (INV-3) ---

TEST(BackorderChoice, WaitKeepsTheLineWaitingAndRecordsTheChoice) {
  Order order = ShortOrder();
  Result<Events> events = ChooseWait(order, /*single_parcel=*/true, "客户愿意等", kClerk);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(order.lines[0].quantity_backordered, 2);
  EXPECT_EQ(order.backorder_choice, "wait");
  EXPECT_TRUE(order.single_parcel);
  EXPECT_EQ(order.version, 4);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, "backorder_choice");
  EXPECT_EQ((*events)[0].actor, "user:cs-li");
}

TEST(BackorderChoice, ShipAvailableDropsTheMissingUnitsSoTheOrderCanBePicked) {
  Order order = ShortOrder();
  ASSERT_TRUE(order.has_backorder());
  ASSERT_TRUE(ChooseShipAvailable(order, "", kClerk).ok());
  EXPECT_FALSE(order.has_backorder()) << "picking is no longer blocked";
  EXPECT_EQ(order.lines[0].quantity_dropped, 2);
  EXPECT_EQ(order.lines[0].quantity_reserved, 3);
  EXPECT_EQ(order.total_amount, 3 * kPrice + 1250) << "what does not ship is not charged";
  EXPECT_EQ(SurplusOf(order), 2 * kPrice) << "the caller refunds the dropped units";
  // Changing one's mind before picking: the dropped units wait again, and are charged again.
  ASSERT_TRUE(ChooseWait(order, false, "", kClerk).ok());
  EXPECT_EQ(order.lines[0].quantity_backordered, 2);
  EXPECT_EQ(order.lines[0].quantity_dropped, 0);
  EXPECT_EQ(order.total_amount, 5 * kPrice + 1250);
}

TEST(BackorderChoice, ShipAvailableIsRefusedWhenNothingIsInStock) {
  Order order = ShortOrder();
  order.lines.pop_back();
  order.lines[0].quantity_reserved = 0;
  order.lines[0].quantity_backordered = 5;
  order.lines[0].allocations.clear();
  EXPECT_EQ(ChooseShipAvailable(order, "", kClerk).status().code(), Code::kNothingToShip);
}

TEST(BackorderChoice, ChoicesAreRefusedWithoutMissingUnitsOrOncePickingStarted) {
  Order complete = ShortOrder();
  complete.lines[0].quantity_backordered = 0;
  complete.lines[0].quantity_reserved = 5;
  EXPECT_EQ(ChooseWait(complete, false, "", kClerk).status().code(), Code::kNothingMissing);
  Order picking = ShortOrder();
  picking.status = OrderStatus::kPicking;
  EXPECT_EQ(ChooseShipAvailable(picking, "", kClerk).status().code(), Code::kIllegalTransition);
  EXPECT_EQ(picking.version, 3) << "a refusal changes nothing";
}

TEST(BackorderChoice, RefundMissingRemovesTheUnitsAndRefundsTheirAmount) {
  Order order = ShortOrder();
  MissingRefund refund;
  Result<Events> events = ChooseRefundMissing(order, "", kClerk, refund);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(refund.amount, 2 * kPrice);
  ASSERT_EQ(refund.lines.size(), 1u);
  EXPECT_EQ(refund.lines[0], (std::pair<int, Quantity>{1, 2}));
  EXPECT_FALSE(refund.cancelled);
  EXPECT_EQ(order.lines[0].quantity, 3);
  EXPECT_EQ(order.lines[0].quantity_backordered, 0);
  EXPECT_EQ(order.total_amount, 3 * kPrice + 1250);
  EXPECT_EQ(SurplusOf(order), 2 * kPrice) << "refunded by the caller (app/payments.h)";
  EXPECT_EQ(order.paid_amount, 5 * kPrice + 1250) << "what was paid stays what was paid";
  EXPECT_EQ(order.status, OrderStatus::kAwaitingFulfillment);
}

TEST(BackorderChoice, RefundMissingRemovesALineLeftEmpty) {
  Order order = ShortOrder();
  order.lines[0].quantity_reserved = 0;
  order.lines[0].quantity_backordered = 5;
  order.lines[0].allocations.clear();
  MissingRefund refund;
  ASSERT_TRUE(ChooseRefundMissing(order, "", kClerk, refund).ok());
  ASSERT_EQ(order.lines.size(), 1u);
  EXPECT_EQ(order.lines[0].sku, "CUP");
  EXPECT_EQ(refund.amount, 5 * kPrice);
  EXPECT_EQ(order.total_amount, 1250);
}

TEST(BackorderChoice, RefundingEverythingCancelsTheOrder) {
  Order order = ShortOrder();
  order.lines.pop_back();
  order.lines[0].quantity_reserved = 0;
  order.lines[0].quantity_backordered = 5;
  order.lines[0].allocations.clear();
  order.total_amount = order.paid_amount = 5 * kPrice;
  MissingRefund refund;
  Result<Events> events = ChooseRefundMissing(order, "", kClerk, refund);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_TRUE(refund.cancelled);
  EXPECT_EQ(refund.amount, 5 * kPrice);
  EXPECT_EQ(order.status, OrderStatus::kCancelled);
  EXPECT_EQ(order.version, 4) << "one step for the command";
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].type, "cancel");
  EXPECT_EQ(SurplusOf(order), 5 * kPrice) << "one refund, created by the caller, covers it";
}

TEST(BackorderChoice, RefundsNeedAPayment) {
  Order unpaid = ShortOrder();
  unpaid.payment_status = PaymentStatus::kUnpaid;
  unpaid.paid_amount = 0;
  MissingRefund refund;
  EXPECT_EQ(ChooseRefundMissing(unpaid, "", kClerk, refund).status().code(), Code::kNotPaid);
  EXPECT_EQ(unpaid.lines[0].quantity, 5) << "a refusal changes nothing";
}

TEST(BackorderChoice, ExchangeReplacesTheMissingUnitsAndRecordsThePriceDifference) {
  Order order = ShortOrder();
  const std::map<std::string, Sku> catalog = {{"MUG", Catalogued("MUG", 9000)}};
  const std::vector<ExchangeRequest> requests = {{1, "MUG", 2}};
  ASSERT_TRUE(CheckExchange(order, requests, catalog).ok());
  LinePlan plan;
  plan.allocations = {{"SH-01", 2}};
  Result<Events> events = ApplyExchange(order, requests, catalog, {plan}, "", kClerk);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(order.lines.size(), 3u);
  EXPECT_EQ(order.lines[0].quantity, 3) << "the two missing teas left the line";
  EXPECT_EQ(order.lines[2].sku, "MUG");
  EXPECT_EQ(order.lines[2].line_no, 3);
  EXPECT_EQ(order.lines[2].replaces_line_no, 1);
  EXPECT_EQ(order.lines[2].quantity_reserved, 2);
  EXPECT_EQ(order.total_amount, 3 * kPrice + 1250 + 2 * 9000);
  EXPECT_EQ(MoneyOf(order).balance, 2 * 9000 - 2 * kPrice) << "the customer owes the rest";
  EXPECT_FALSE(order.has_backorder());
}

TEST(BackorderChoice, AnUnpaidOrdersExchangeChangesWhatIsDueNotABalance) {
  Order order = ShortOrder();
  order.status = OrderStatus::kPendingPayment;
  order.payment_status = PaymentStatus::kUnpaid;
  order.paid_amount = 0;
  const std::map<std::string, Sku> catalog = {{"MUG", Catalogued("MUG", 1000)}};
  LinePlan plan;
  plan.allocations = {{"SH-01", 2}};
  ASSERT_TRUE(ApplyExchange(order, {{1, "MUG", 2}}, catalog, {plan}, "", kClerk).ok());
  EXPECT_EQ(SurplusOf(order), 0);
  EXPECT_EQ(order.total_amount, 3 * kPrice + 1250 + 2000);
  EXPECT_EQ(MoneyOf(order).balance, order.total_amount) << "due as the payment itself";
}

TEST(BackorderChoice, ExchangeRequestsAreCheckedFieldByField) {
  const Order order = ShortOrder();
  std::map<std::string, Sku> catalog = {{"MUG", Catalogued("MUG", 9000, 2)},
                                        {"TEA", Catalogued("TEA", kPrice)},
                                        {"OLD", Catalogued("OLD", 100)}};
  catalog["OLD"].sellable = false;
  const Status refused = CheckExchange(
      order, {{2, "MUG", 2}, {1, "MUG", 3}, {7, "OLD", 1}, {1, "TEA", 1}, {1, "NONE", 1}}, catalog);
  ASSERT_EQ(refused.kind(), Kind::kInvalid);
  std::vector<std::pair<std::string, Code>> errors;
  for (const FieldError& error : refused.field_errors()) {
    errors.emplace_back(error.field, error.code);
  }
  const std::vector<std::pair<std::string, Code>> expected = {
      {"lines[0].line_no", Code::kNothingMissing},
      {"lines[1].quantity", Code::kQuantityNotMultipleOfStep},
      {"lines[2].line_no", Code::kInvalidValue},
      {"lines[2].sku", Code::kSkuNotSellable},
      {"lines[3].line_no", Code::kDuplicateLine},
      {"lines[3].sku", Code::kInvalidValue},
      {"lines[4].line_no", Code::kDuplicateLine},
      {"lines[4].sku", Code::kUnknownSku}};
  EXPECT_EQ(errors, expected);
}

}  // namespace
}  // namespace ordo
