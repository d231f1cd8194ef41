// The after-sales use cases on a real store: each command's effects land together (case,
// order history, stock, refund, replacement order) or not at all.
#include "app/aftersales.h"

#include <algorithm>

#include "app/payments.h"
#include "domain/order/money.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::app {
namespace {

class AfterSalesTest : public FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    AddSku("CUP", 200);
    Receive("SH-01", "TEA", 10);
    Receive("SH-01", "CUP", 5);
  }

  Order Shipped(Quantity quantity = 2) {
    const Order order = PaidAndApproved({{"TEA", quantity}});
    Move(order.order_no, PickInput{});
    Scan(order.order_no);
    Move(order.order_no, PackInput{500 * quantity + 50, ""});
    return Move(order.order_no, ShipInput{"", "", ""});
  }

  Quantity OnHand(const std::string& sku) {
    auto stock = reads().GetStock(sku);
    Quantity total = 0;
    for (const StockLevel& level : stock->levels) {
      total += level.on_hand();
    }
    return total;
  }
  Quantity Reserved(const std::string& sku) {
    auto stock = reads().GetStock(sku);
    Quantity total = 0;
    for (const StockLevel& level : stock->levels) {
      total += level.reserved();
    }
    return total;
  }

  std::pair<Status, AfterSalesOutcome> Open(const Order& order, const std::string& type,
                                            const std::string& reason, Quantity quantity,
                                            std::string exchange_sku = "") {
    AfterSalesRequest request{order.order_no, type,
                              reason,         {{"TEA", quantity, std::move(exchange_sku)}},
                              std::nullopt,   ""};
    auto out = std::make_shared<AfterSalesOutcome>();
    const Status status = Run(CreateAfterSales(request, Context("user:cs"), out));
    return {status, *out};
  }
  // A return_refund of two units for `reason`, approved and received back: its id.
  int64_t Received(const Order& order, const std::string& reason, const std::string& tracking_no) {
    auto [status, opened] = Open(order, "return_refund", reason, 2);
    EXPECT_TRUE(status.ok()) << status.ToString();
    const int64_t id = opened.after_sales.id;
    auto out = std::make_shared<AfterSalesOutcome>();
    Step(ApproveAfterSalesCase(id, "", Context("user:cs"), out), out);
    Step(ReceiveAfterSalesReturn(id, "SF", tracking_no, Context("user:wh"), out), out);
    return id;
  }
  AfterSalesOutcome Step(WriteFn fn, std::shared_ptr<AfterSalesOutcome> out) {
    const Status status = Run(std::move(fn));
    EXPECT_TRUE(status.ok()) << status.ToString();
    return *out;
  }
};

TEST_F(AfterSalesTest, AReturnPassedInspectionRestocksAndRefundsInOneCommand) {
  const Order order = Shipped();
  EXPECT_EQ(OnHand("TEA"), 8);
  const int64_t id = Received(order, "quality", "SF-R1");
  auto out = std::make_shared<AfterSalesOutcome>();
  const AfterSalesOutcome inspected =
      Step(InspectAfterSalesReturn(id, {true, "", true, true, "sellable"}, Context("user:wh"), out),
           out);
  EXPECT_EQ(inspected.after_sales.status, AfterSalesStatus::kRefunding);
  EXPECT_EQ(inspected.after_sales.refund_amount, 2000);
  ASSERT_EQ(inspected.entries.size(), 1u);
  EXPECT_EQ(inspected.entries[0].type, MovementType::kReturn);
  EXPECT_EQ(OnHand("TEA"), 10);
  EXPECT_EQ(Load(order.order_no).refunded_amount, 2000);
  auto refunds = reads().inventory().ListRefunds(order.order_no);
  ASSERT_TRUE(refunds.ok());
  ASSERT_EQ(refunds->size(), 1u);
  // The lines' value, by rule, after a colleague approved the case: no further approval.
  EXPECT_EQ((*refunds)[0].status, RefundStatus::kPending);
  EXPECT_EQ((*refunds)[0].cause, RefundCause::kAfterSales);
  EXPECT_EQ((*refunds)[0].after_sales_id, id);
  EXPECT_EQ((*refunds)[0].lines, "1:2");
  const std::vector<std::string> types = EventTypes(order.order_no);
  for (const char* type : {"after_sales_opened", "after_sales_approved", "after_sales_received",
                           "after_sales_inspected", "after_sales_refund"}) {
    EXPECT_NE(std::find(types.begin(), types.end(), type), types.end()) << type;
  }
}

TEST_F(AfterSalesTest, AQualityReturnIsDisposedOfOnlySellableGoesBackAndPurchasingIsTold) {
  const Order order = Shipped();
  EXPECT_EQ(OnHand("TEA"), 8);
  const int64_t id = Received(order, "quality", "SF-R2");
  auto out = std::make_shared<AfterSalesOutcome>();
  const Status undecided =
      Run(InspectAfterSalesReturn(id, {true, "", true, true, ""}, Context("user:wh"), out));
  ASSERT_EQ(undecided.kind(), Kind::kInvalid) << "a quality return needs a disposition";
  EXPECT_EQ(undecided.field_errors().at(0).field, "disposition");
  const AfterSalesOutcome inspected =
      Step(InspectAfterSalesReturn(id, {true, "seam split", true, true, "defective_stock"},
                                   Context("user:wh"), out),
           out);
  EXPECT_TRUE(inspected.entries.empty()) << "defective goods do not go back on sale";
  EXPECT_EQ(OnHand("TEA"), 8);
  EXPECT_EQ(inspected.after_sales.status, AfterSalesStatus::kRefunding) << "still refunded";
  auto reports = reads().aftersales().ListQualityReports(0, 10);
  ASSERT_TRUE(reports.ok());
  ASSERT_EQ(reports->size(), 1u);
  const QualityReport& report = reports->front();
  EXPECT_EQ((std::tuple{report.case_id, report.sku, report.quantity, report.reason,
                        report.disposition, report.passed}),
            (std::tuple{id, std::string("TEA"), Quantity{2}, std::string("quality"),
                        std::string("defective_stock"), true}));
  EXPECT_EQ(report.warehouse, "SH-01");
}

TEST_F(AfterSalesTest, AnExchangePlacesAReservedReplacementPaidForByTheGoodsReturned) {
  const Order order = Shipped(1);
  auto [status, opened] = Open(order, "exchange", "size", 1, "CUP");
  ASSERT_TRUE(status.ok()) << status.ToString();
  const int64_t id = opened.after_sales.id;
  auto out = std::make_shared<AfterSalesOutcome>();
  Step(ApproveAfterSalesCase(id, "", Context("user:cs"), out), out);
  Step(ReceiveAfterSalesReturn(id, "", "", Context("user:wh"), out), out);
  const AfterSalesOutcome done =
      Step(InspectAfterSalesReturn(id, {true, "", {}, {}, ""}, Context("user:wh"), out), out);
  EXPECT_EQ(done.after_sales.status, AfterSalesStatus::kCompleted);
  ASSERT_TRUE(done.replacement.has_value());
  const Order replacement = Load(done.after_sales.replacement_order_no);
  EXPECT_EQ(replacement.status, OrderStatus::kAwaitingFulfillment);
  EXPECT_EQ(replacement.total_amount, 1000) << "at its catalogue price";
  EXPECT_EQ(replacement.credit_amount, 1000) << "paid for by the tea sent back";
  EXPECT_EQ(MoneyOf(replacement).balance, 0);
  EXPECT_EQ(replacement.channel, order.channel);
  ASSERT_EQ(replacement.lines.size(), 1u);
  EXPECT_EQ(replacement.lines[0].sku, "CUP");
  EXPECT_EQ(replacement.lines[0].quantity_reserved, 1);
  EXPECT_EQ(Reserved("CUP"), 1);
  EXPECT_EQ(OnHand("TEA"), 10);
  EXPECT_EQ(Load(order.order_no).refunded_amount, 0);
}

TEST_F(AfterSalesTest, ARefusedStepChangesNothing) {
  const Order order = Shipped();
  auto [status, opened] = Open(order, "refund_only", "quality", 1);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const int64_t id = opened.after_sales.id;
  auto out = std::make_shared<AfterSalesOutcome>();
  // Not approved yet: the refund is refused and no refund row or order change is left behind.
  EXPECT_EQ(Run(RefundAfterSalesCase(id, Context("user:fin"), out)).code(),
            Code::kIllegalTransition);
  EXPECT_TRUE(reads().inventory().ListRefunds(order.order_no)->empty());
  EXPECT_EQ(Load(order.order_no).version, order.version);
  EXPECT_EQ(reads().aftersales().GetAfterSales(id)->value().history.size(), 1u);
}

TEST_F(AfterSalesTest, BeforeShipmentAndUnknownOrdersAreRefused) {
  const Order waiting = PaidAndApproved({{"TEA", 1}});
  EXPECT_EQ(Open(waiting, "refund_only", "quality", 1).first.code(),
            Code::kAfterSalesBeforeShipment);
  Order unknown;
  unknown.order_no = "19990101000001";
  EXPECT_EQ(Open(unknown, "refund_only", "quality", 1).first.kind(), Kind::kNotFound);
}

// A delivered order refunded in full closes instead of completing; while that refund awaits its
// approval the order waits, so that a rejection finds it still able to keep its money.
TEST_F(AfterSalesTest, AnOrderWhoseFullRefundAwaitsApprovalWaitsToComplete) {
  const Order order = Shipped(1);
  Move(order.order_no, DeliverInput{});
  auto [status, opened] = Open(order, "refund_only", "quality", 1);
  ASSERT_TRUE(status.ok()) << status.ToString();
  const int64_t id = opened.after_sales.id;
  auto out = std::make_shared<AfterSalesOutcome>();
  ASSERT_TRUE(Run(ApproveAfterSalesCase(id, "ok", Context("user:cs-lead"), out)).ok());
  ASSERT_TRUE(Run(RefundAfterSalesCase(id, Context("user:cs-lead"), out)).ok());
  auto refunds = reads().inventory().ListRefunds(order.order_no);
  ASSERT_TRUE(refunds.ok());
  ASSERT_EQ(refunds->size(), 1u);
  ASSERT_EQ((*refunds)[0].status, RefundStatus::kAwaitingApproval);
  EXPECT_EQ(Try(order.order_no, CompleteInput{}).first.code(), Code::kRefundAwaitingApproval);
  EXPECT_EQ(Load(order.order_no).status, OrderStatus::kDelivered);

  ASSERT_TRUE(Run(DecideRefund((*refunds)[0].id, false, "not agreed", {"user:fin", true},
                               Context("user:fin"), std::make_shared<RefundExecution>()))
                  .ok());
  const Order completed = Move(order.order_no, CompleteInput{});
  EXPECT_EQ(completed.status, OrderStatus::kCompleted);
  const OrderMoney money = MoneyOf(completed);
  EXPECT_EQ(money.kept, completed.total_amount);
  EXPECT_EQ(money.due, 0);
}

}  // namespace
}  // namespace ordo::app
