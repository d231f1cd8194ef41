// The embedded store's side of inventory depth: the backorder queue kept in step with the
// orders (also across rolled-back commands), the writer's cache of allocation rules, the
// schema's own guards (refunds within the payment, four-eyes stocktakes), and the stock check
// that catches a level changed behind the ledger's back.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/inventory_queries.h"
#include "testing/inventory_fixture.h"

namespace ordo::sqlite {
namespace {

class InventoryStoreTest : public app::InventoryFixture {
 protected:
  void SetUp() override {
    InventoryFixture::SetUp();
    AddWarehouse("SH-01", "上海市", "上海市");
    AddWarehouse("BJ-01", "北京市", "北京市");
    AddSku("TEA", 6600);
  }

  size_t Waiting() {
    BackorderFilter filter;
    auto lines = reads().inventory().ListBackorders(filter);
    EXPECT_TRUE(lines.ok());
    return lines.ok() ? lines->size() : 0;
  }

  // Runs `sql` on a connection of its own, as another process would.
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(DatabasePath(dir_.string()).c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }
};

TEST_F(InventoryStoreTest, TheQueueFollowsItsOrdersAndARolledBackChangeLeavesItAsItWas) {
  const Order order = Place({{"TEA", 2}});
  ASSERT_EQ(Waiting(), 1u);
  // A command that takes the line out of the queue and then fails changes nothing.
  const Status failed = Run([&](WriteTx& tx) -> Status {
    auto loaded = tx.FindOrder(order.order_no);
    EXPECT_TRUE(loaded.ok() && loaded->has_value());
    Order changed = **loaded;
    const int64_t version = changed.version;
    changed.lines[0].quantity_backordered = 0;
    changed.version += 1;
    EXPECT_TRUE(tx.UpdateOrder(changed, version).ok());
    return Status::Conflict(Code::kIllegalTransition, "changed my mind");
  });
  EXPECT_EQ(failed.code(), Code::kIllegalTransition);
  EXPECT_EQ(Waiting(), 1u);
  // In the same batch as the rollback or later, a real change is seen.
  ASSERT_TRUE(Transition(order.order_no, app::CancelInput{"取消"}).ok());
  EXPECT_EQ(Waiting(), 0u);
  ExpectBooksBalance();
}

TEST_F(InventoryStoreTest, RulesSavedByARolledBackCommandDoNotSteerAllocation) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 10).ok());
  ASSERT_TRUE(Receive("BJ-01", "TEA", 3).ok());
  const Status failed = Run([&](WriteTx& tx) -> Status {
    WarehouseRule rule{"BJ-01", "北京市", "北京市", 0, {{"天津市", 1}}};
    EXPECT_TRUE(tx.inventory().SaveWarehouseRule(rule, "user:ops", clock_.Now()).ok());
    auto rules = tx.inventory().LoadAllocationRules();  // read inside the doomed command
    EXPECT_TRUE(rules.ok() && !(*rules)->Find("BJ-01")->regions.empty());
    return Status::Conflict(Code::kIllegalTransition, "abandoned");
  });
  ASSERT_FALSE(failed.ok());
  const Order tianjin = Place({{"TEA", 2}}, "standard", "天津市", "天津市");
  EXPECT_EQ(tianjin.lines[0].allocations.at(0).warehouse, "SH-01") << "the old rules hold";
  auto rules = reads().inventory().LoadAllocationRules();
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules->Find("BJ-01")->regions.empty());
}

TEST_F(InventoryStoreTest, TheSchemaKeepsRefundsWithinThePaymentAndStocktakesFourEyed) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 1).ok());
  const Order order = Place({{"TEA", 1}});
  ASSERT_TRUE(Pay(order).ok());
  // Bypassing the domain: straight into the table, beyond the payment.
  Tamper("INSERT INTO refunds (order_no, amount, reason, created_at, created_by) VALUES ('" +
         order.order_no + "', 6000, 'a', 1, 'x')");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(DatabasePath(dir_.string()).c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* error = nullptr;
  const std::string beyond =
      "INSERT INTO refunds (order_no, amount, reason, created_at, "
      "created_by) VALUES ('" +
      order.order_no + "', 601, 'b', 1, 'x')";
  EXPECT_NE(sqlite3_exec(db, beyond.c_str(), nullptr, nullptr, &error), SQLITE_OK);
  EXPECT_NE(std::string(error ? error : "").find("refund_exceeds_payment"), std::string::npos);
  sqlite3_free(error);
  error = nullptr;
  const char* four_eyes =
      "INSERT INTO stocktakes (id, warehouse, whole_warehouse, reason, status, created_at, "
      "created_by) VALUES (99, 'SH-01', 1, 'r', 'open', 1, 'user:a');"
      "INSERT INTO stocktake_lines (stocktake_id, sku, counted, counted_by) "
      "VALUES (99, 'TEA', 1, 'user:a');"
      "UPDATE stocktakes SET status = 'approved', decided_at = 2, decided_by = 'user:a' "
      "WHERE id = 99;";
  EXPECT_NE(sqlite3_exec(db, four_eyes, nullptr, nullptr, &error), SQLITE_OK);
  EXPECT_NE(std::string(error ? error : "").find("self_approval"), std::string::npos);
  sqlite3_free(error);
  error = nullptr;
  // The line now names its last counter only; the first counter is still refused.
  const char* recounted =
      "INSERT INTO stocktakes (id, warehouse, whole_warehouse, reason, status, created_at, "
      "created_by) VALUES (98, 'SH-01', 1, 'r', 'open', 1, 'user:a');"
      "INSERT INTO stocktake_lines (stocktake_id, sku, counted, counted_by) "
      "VALUES (98, 'TEA', 1, 'user:b');"
      "INSERT INTO stocktake_counters (stocktake_id, actor) VALUES (98, 'user:a'), (98, 'user:b');"
      "UPDATE stocktakes SET status = 'approved', decided_at = 2, decided_by = 'user:a' "
      "WHERE id = 98;";
  EXPECT_NE(sqlite3_exec(db, recounted, nullptr, nullptr, &error), SQLITE_OK);
  EXPECT_NE(std::string(error ? error : "").find("self_approval"), std::string::npos);
  sqlite3_free(error);
  sqlite3_close(db);
}

TEST_F(InventoryStoreTest, TheStockCheckNamesALevelChangedBehindTheLedgersBack) {
  ASSERT_TRUE(Receive("SH-01", "TEA", 5).ok());
  const Order order = Place({{"TEA", 2}});
  ASSERT_TRUE(Transition(order.order_no, app::CancelInput{"取消"}).ok());
  Place({{"TEA", 1}});
  Result<StockCheckReport> report = VerifyStockBooks(dir_.string());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->differences.empty());
  EXPECT_EQ(report->levels, 1);
  EXPECT_EQ(report->ledger_entries, 4);
  EXPECT_EQ(report->orders_holding, 1);
  // Someone adds a unit with SQL, and leaves the cancelled order holding one on the ledger.
  Tamper("UPDATE stock SET on_hand = on_hand + 1 WHERE sku = 'TEA'");
  Tamper(
      "INSERT INTO stock_ledger (sku, warehouse, type, quantity, on_hand_after, "
      "reserved_after, actor, order_no, at) VALUES ('TEA', 'SH-01', 'reservation', 1, 6, 2, "
      "'x', '" +
      order.order_no + "', 1)");
  report = VerifyStockBooks(dir_.string());
  ASSERT_TRUE(report.ok());
  std::vector<std::string> checks;
  for (const StockDifference& d : report->differences) {
    checks.push_back(d.check);
  }
  EXPECT_EQ(checks,
            (std::vector<std::string>{"on_hand_vs_ledger", "reserved_vs_ledger",
                                      "level_vs_last_entry", "finished_order_holds_stock"}));
  ASSERT_EQ(report->differences.size(), 4u);
  EXPECT_EQ(report->differences[0].expected, 5);
  EXPECT_EQ(report->differences[0].actual, 6);
  EXPECT_EQ(report->differences[1].expected, 2);
  EXPECT_EQ(report->differences[1].actual, 1);
  EXPECT_EQ(report->differences[3].order_no, order.order_no);
  EXPECT_EQ(VerifyStockBooks((dir_ / "nowhere").string()).status().kind(), Kind::kNotFound);
}

}  // namespace
}  // namespace ordo::sqlite
