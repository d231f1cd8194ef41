#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/order_changes.h"
#include "testing/inventory_fixture.h"

namespace ordo::app {
namespace {

class ChangeOrderTest : public InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    AddWarehouse("SH-01", "上海市", "上海市");
    AddSku("TEA", 1000);
    AddSku("CUP", 500);
  }

  // Paid and approved (unless review already moved it on): awaiting fulfilment.
  Order PaidAndApproved(const std::vector<std::pair<std::string, Quantity>>& lines) {
    Order order = Place(lines);
    EXPECT_TRUE(Pay(order).ok());
    if (Get(order.order_no).status == OrderStatus::kPendingReview) {
      EXPECT_TRUE(Transition(order.order_no, ReviewInput{"approve", "ok"}).ok());
    }
    return Get(order.order_no);
  }

  Result<ChangeOutcome> Change(const Order& order, OrderChange change) {
    auto out = std::make_shared<ChangeOutcome>();
    Status status = Run(
        ChangeOrder(order.order_no, std::move(change), order.version, "", Context("user:cs"), out));
    if (!status.ok()) {
      return status;
    }
    return *out;
  }

  Result<ChangeOutcome> Decide(const std::string& order_no, int64_t id, bool confirm,
                               std::string reason = "") {
    auto out = std::make_shared<ChangeOutcome>();
    Status status =
        Run(DecideChangeRequest(order_no, id, confirm, std::move(reason), Context("user:wh"), out));
    if (!status.ok()) {
      return status;
    }
    return *out;
  }

  static OrderChange Lines(std::vector<std::pair<std::string, Quantity>> lines) {
    OrderChange change;
    change.lines.emplace();
    for (const auto& [sku, quantity] : lines) {
      change.lines->push_back({sku, quantity, std::nullopt, ""});
    }
    return change;
  }

  // Every byte the store keeps on disk (database and write-ahead log).
  std::string FilesOnDisk() {
    std::string all;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_)) {
      if (entry.is_regular_file()) {
        std::ifstream in(entry.path(), std::ios::binary);
        all.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
    }
    return all;
  }
};

TEST_F(ChangeOrderTest, ChangedLinesAreReReservedExactlyAndTheBooksBalance) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 10).ok());
  ASSERT_TRUE(Receive("SH-01", "CUP", 3).ok());
  const Order order = Place({{"TEA", 4}});
  Result<ChangeOutcome> changed = Change(order, Lines({{"TEA", 1}, {"CUP", 5}}));
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_TRUE(changed->applied);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 1);
  EXPECT_EQ(Level("CUP", "SH-01").reserved(), 3);
  const Order stored = Get(order.order_no);
  ASSERT_EQ(stored.lines.size(), 2u);
  EXPECT_EQ(stored.lines[1].quantity_reserved, 3);
  EXPECT_EQ(stored.lines[1].quantity_backordered, 2);
  EXPECT_EQ(stored.total_amount, 1000 + 5 * 500);
  EXPECT_EQ(stored.version, order.version + 1);
  // The shortage reaches purchasing as at intake.
  Result<std::vector<ReplenishmentView>> requests = reads().inventory().ListReplenishmentRequests(
      ReplenishmentFilter{std::nullopt, "CUP", "", 50, 0});
  ASSERT_TRUE(requests.ok());
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_EQ(requests->front().quantity_waiting, 2);
  ExpectBooksBalance();
}

TEST_F(ChangeOrderTest, FreedStockGoesToTheOrderWaitingForIt) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 2).ok());
  const Order first = Place({{"TEA", 2}});
  const Order waiting = Place({{"TEA", 1}});
  ASSERT_EQ(Get(waiting.order_no).lines[0].quantity_backordered, 1);
  ASSERT_TRUE(Change(first, Lines({{"TEA", 1}})).ok());
  const Order filled = Get(waiting.order_no);
  EXPECT_EQ(filled.lines[0].quantity_backordered, 0);
  EXPECT_EQ(filled.lines[0].quantity_reserved, 1);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 2);
  ExpectBooksBalance();
}

TEST_F(ChangeOrderTest, AStaleVersionIsRefusedAndNothingChanges) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order order = Place({{"TEA", 2}});
  Order stale = order;
  stale.version -= 1;
  Result<ChangeOutcome> refused = Change(stale, Lines({{"TEA", 1}}));
  EXPECT_EQ(refused.status().code(), Code::kVersionMismatch);
  EXPECT_EQ(refused.status().kind(), Kind::kPreconditionFailed);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 2);
  EXPECT_EQ(Get(order.order_no).version, order.version);
}

TEST_F(ChangeOrderTest, APriceDropOnAPaidOrderCreatesARefundAwaitingASecondPerson) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order order = PaidAndApproved({{"TEA", 3}});
  Result<ChangeOutcome> changed = Change(order, Lines({{"TEA", 1}}));
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  ASSERT_TRUE(changed->refund_id.has_value());
  Result<std::vector<Refund>> refunds = reads().inventory().ListRefunds(order.order_no);
  ASSERT_TRUE(refunds.ok());
  ASSERT_EQ(refunds->size(), 1u);
  EXPECT_EQ(refunds->front().amount, 2000);
  EXPECT_EQ(refunds->front().cause, RefundCause::kOrderChange);
  // A person decided the amount: someone else approves it before it is paid out (four eyes).
  EXPECT_EQ(refunds->front().status, RefundStatus::kAwaitingApproval);
  EXPECT_EQ(refunds->front().approval, RefundApproval::kPeer);
  EXPECT_EQ(Get(order.order_no).refunded_amount, 2000);
  ExpectBooksBalance();
}

TEST_F(ChangeOrderTest, AChangeWhilePickingWaitsSealedForTheWarehouseWhichConfirmsIt) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order order = PaidAndApproved({{"TEA", 2}});
  ASSERT_TRUE(Transition(order.order_no, PickInput{}).ok());
  const Order picking = Get(order.order_no);
  OrderChange change = Lines({{"TEA", 1}});
  change.consignee = Consignee{"李四", "13987654321",
                               Address{"上海市", "上海市", "徐汇区", "漕溪北路88号 12楼", ""}};
  Result<ChangeOutcome> requested = Change(picking, change);
  ASSERT_TRUE(requested.ok()) << requested.status().ToString();
  EXPECT_FALSE(requested->applied);
  ASSERT_TRUE(requested->request.has_value());
  EXPECT_EQ(Get(order.order_no).version, picking.version);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 2);
  // The requested consignee is personal data: never in the files in plaintext.
  const std::string disk = FilesOnDisk();
  EXPECT_EQ(disk.find("13987654321"), std::string::npos);
  EXPECT_EQ(disk.find("漕溪北路"), std::string::npos);
  // One pending request at a time.
  EXPECT_EQ(Change(picking, Lines({{"TEA", 3}})).status().code(), Code::kAlreadyExists);

  const int64_t id = requested->request->id;
  Result<ChangeOutcome> confirmed = Decide(order.order_no, id, true);
  ASSERT_TRUE(confirmed.ok()) << confirmed.status().ToString();
  const Order after = Get(order.order_no);
  EXPECT_EQ(after.status, OrderStatus::kAwaitingFulfillment);
  EXPECT_EQ(after.consignee.phone, "13987654321");
  EXPECT_EQ(after.lines[0].quantity, 1);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 1);
  EXPECT_EQ(Decide(order.order_no, id, false, "too late").status().code(), Code::kAlreadyDecided);
  Result<std::vector<ChangeRequest>> listed =
      reads().order_changes().ListChangeRequests(order.order_no);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().status, ChangeRequestStatus::kConfirmed);
  EXPECT_EQ(listed->front().decided_by, "user:wh");
  ASSERT_TRUE(listed->front().change.consignee.has_value());
  EXPECT_EQ(listed->front().change.consignee->name, "李四");  // opened again when read
  ExpectBooksBalance();
}

TEST_F(ChangeOrderTest, ADeclinedChangeLeavesTheOrderAndNeedsAReason) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order order = PaidAndApproved({{"TEA", 2}});
  ASSERT_TRUE(Transition(order.order_no, PickInput{}).ok());
  Result<ChangeOutcome> requested = Change(Get(order.order_no), Lines({{"TEA", 4}}));
  ASSERT_TRUE(requested.ok());
  const int64_t id = requested->request->id;
  EXPECT_EQ(Decide(order.order_no, id, false).status().kind(), Kind::kInvalid);
  ASSERT_TRUE(Decide(order.order_no, id, false, "already packed").ok());
  const Order after = Get(order.order_no);
  EXPECT_EQ(after.status, OrderStatus::kPicking);
  EXPECT_EQ(after.lines[0].quantity, 2);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 2);
}

TEST_F(ChangeOrderTest, CancellingDeclinesTheChangeThatWaitsForTheWarehouse) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order order = PaidAndApproved({{"TEA", 2}});
  ASSERT_TRUE(Transition(order.order_no, PickInput{}).ok());
  Result<ChangeOutcome> requested = Change(Get(order.order_no), Lines({{"TEA", 1}}));
  ASSERT_TRUE(requested.ok());
  ASSERT_TRUE(Transition(order.order_no, CancelInput{"customer asked"}).ok());
  Result<std::vector<ChangeRequest>> listed =
      reads().order_changes().ListChangeRequests(order.order_no);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().status, ChangeRequestStatus::kDeclined);
  EXPECT_EQ(listed->front().decision_reason, "order cancelled");
  EXPECT_EQ(Decide(order.order_no, requested->request->id, true).status().code(),
            Code::kAlreadyDecided);
}

TEST_F(ChangeOrderTest, CancellingAPaidOrderRefundsWhatWasPaidAndReleasesItsStock) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order order = PaidAndApproved({{"TEA", 2}});
  ASSERT_TRUE(Transition(order.order_no, CancelInput{"customer asked"}).ok());
  Result<std::vector<Refund>> refunds = reads().inventory().ListRefunds(order.order_no);
  ASSERT_TRUE(refunds.ok());
  ASSERT_EQ(refunds->size(), 1u);
  EXPECT_EQ(refunds->front().amount, 2000);
  EXPECT_EQ(refunds->front().cause, RefundCause::kOrderClosed);
  EXPECT_EQ(refunds->front().status, RefundStatus::kPending) << "exactly what was paid";
  EXPECT_EQ(Get(order.order_no).refunded_amount, 2000);
  EXPECT_EQ(Level("TEA", "SH-01").reserved(), 0);
  ExpectBooksBalance();
}

}  // namespace
}  // namespace ordo::app
