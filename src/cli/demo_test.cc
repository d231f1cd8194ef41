#include "cli/demo.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/accounts.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::cli {
namespace {

constexpr OrderStatus kAllStatuses[] = {
    OrderStatus::kPendingPayment, OrderStatus::kPendingReview, OrderStatus::kAwaitingFulfillment,
    OrderStatus::kPicking,        OrderStatus::kPacked,        OrderStatus::kShipped,
    OrderStatus::kDelivered,      OrderStatus::kCompleted,     OrderStatus::kCancelled,
    OrderStatus::kClosed};

Timestamp DemoNow() {
  return ParseRfc3339("2026-11-20T10:00:00+08:00").value();
}

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "ordo-demo-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    store_ = Open(dir_);
  }
  void TearDown() override {
    if (store_) {
      store_->Shutdown();
      store_.reset();
    }
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  static std::unique_ptr<Store> Open(const std::string& dir) {
    // A fixed personal-data key, so a reopened store reads what an earlier one wrote.
    PiiCipher::Key key;
    key.fill(7);
    auto store =
        sqlite::OpenSqliteStore(sqlite::SqliteOptions{dir, std::make_shared<const PiiCipher>(key)});
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  static std::vector<Order> AllOrders(Store& store) {
    std::vector<Order> orders;
    OrderFilter filter;
    filter.limit = 200;
    while (true) {
      auto page = store.reads().ListOrders(filter);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok()) {
        return orders;
      }
      orders.insert(orders.end(), page->orders.begin(), page->orders.end());
      if (page->next_after_id == 0) {
        return orders;
      }
      filter.after_id = page->next_after_id;
    }
  }

  static std::vector<Sku> AllSkus(Store& store) {
    std::vector<Sku> skus;
    std::string after;
    while (true) {
      auto page = store.reads().ListSkus(after, 20);
      EXPECT_TRUE(page.ok()) << page.status().ToString();
      if (!page.ok() || page->empty()) {
        return skus;
      }
      skus.insert(skus.end(), page->begin(), page->end());
      after = page->back().code;
    }
  }

  std::string dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(DemoTest, LoadsWarehousesCatalogueAndOrdersInEveryStatus) {
  ASSERT_NE(store_, nullptr);
  ManualClock clock(DemoNow());
  const auto started = std::chrono::steady_clock::now();
  const Status status = LoadDemo(*store_, clock);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  ASSERT_TRUE(status.ok()) << status.ToString();
  std::cout << "LoadDemo took " << elapsed.count() << " ms\n";

  auto warehouses = store_->reads().ListWarehouses();
  ASSERT_TRUE(warehouses.ok());
  EXPECT_GE(warehouses->size(), 3u);

  const std::vector<Sku> skus = AllSkus(*store_);
  EXPECT_GE(skus.size(), 50u);
  for (const Sku& sku : skus) {
    auto stock = store_->reads().GetStock(sku.code);
    ASSERT_TRUE(stock.ok()) << stock.status().ToString();
    for (const StockLevel& level : stock->levels) {
      EXPECT_GE(level.reserved(), 0) << sku.code << " at " << level.warehouse();
      EXPECT_LE(level.reserved(), level.on_hand()) << sku.code << " at " << level.warehouse();
    }
  }

  const std::vector<Order> orders = AllOrders(*store_);
  EXPECT_GE(orders.size(), 250u);
  std::map<OrderStatus, int> by_status;
  int backordered = 0;
  for (const Order& order : orders) {
    ++by_status[order.status];
    EXPECT_LE(order.created_at, clock.Now()) << order.order_no;
    EXPECT_LE(order.updated_at, clock.Now()) << order.order_no;
    EXPECT_GE(order.created_at, clock.Now().PlusMs(-14LL * 24 * 3600 * 1000)) << order.order_no;
    if (order.payment_status == PaymentStatus::kPaid) {
      ASSERT_FALSE(order.payments.empty()) << order.order_no;
      EXPECT_EQ(order.payments.front().amount, order.total_amount) << order.order_no;
    }
    if (order.status == OrderStatus::kShipped || order.status == OrderStatus::kDelivered ||
        order.status == OrderStatus::kCompleted) {
      EXPECT_FALSE(order.carrier.empty()) << order.order_no;
      EXPECT_FALSE(order.tracking_no.empty()) << order.order_no;
    }
    if (order.has_backorder()) {
      ++backordered;
      EXPECT_TRUE(order.status == OrderStatus::kPendingPayment ||
                  order.status == OrderStatus::kPendingReview ||
                  order.status == OrderStatus::kAwaitingFulfillment)
          << order.order_no << " " << StatusName(order.status);
    }
  }
  for (OrderStatus wanted : kAllStatuses) {
    EXPECT_GT(by_status[wanted], 0) << "no order is " << StatusName(wanted);
    std::cout << StatusName(wanted) << ": " << by_status[wanted] << "\n";
  }
  std::cout << "with backordered lines: " << backordered << "\n";
}

TEST_F(DemoTest, SecondLoadChangesNothing) {
  ASSERT_NE(store_, nullptr);
  ManualClock clock(DemoNow());
  ASSERT_TRUE(LoadDemo(*store_, clock).ok());
  const std::vector<Order> first = AllOrders(*store_);
  const size_t sku_count = AllSkus(*store_).size();

  clock.AdvanceMs(3600 * 1000);
  const Status again = LoadDemo(*store_, clock);
  ASSERT_TRUE(again.ok()) << again.ToString();
  const std::vector<Order> second = AllOrders(*store_);
  ASSERT_EQ(second.size(), first.size());
  EXPECT_EQ(AllSkus(*store_).size(), sku_count);
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(second[i].order_no, first[i].order_no);
    EXPECT_EQ(second[i].version, first[i].version);
  }
}

TEST_F(DemoTest, SameDataOnEveryRun) {
  ASSERT_NE(store_, nullptr);
  ManualClock clock(DemoNow());
  ASSERT_TRUE(LoadDemo(*store_, clock).ok());
  const std::string other_dir = dir_ + "-other";
  std::unique_ptr<Store> other = Open(other_dir);
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(LoadDemo(*other, clock).ok());

  const std::vector<Order> a = AllOrders(*store_);
  const std::vector<Order> b = AllOrders(*other);
  other->Shutdown();
  other.reset();
  std::error_code ec;
  std::filesystem::remove_all(other_dir, ec);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].order_no, b[i].order_no);
    EXPECT_EQ(a[i].external_id, b[i].external_id);
    EXPECT_EQ(a[i].status, b[i].status) << a[i].order_no;
    EXPECT_EQ(a[i].total_amount, b[i].total_amount) << a[i].order_no;
  }
}

TEST_F(DemoTest, CreatesOneStaffAccountPerConsoleRoleWithTheDemoPassword) {
  ManualClock clock(DemoNow());
  ASSERT_TRUE(LoadDemo(*store_, clock).ok());
  std::set<std::string> roles;
  for (const DemoAccount& account : DemoAccounts()) {
    auto user = store_->reads().GetUser(account.username);
    ASSERT_TRUE(user.ok() && user->has_value()) << account.username;
    EXPECT_EQ((*user)->role, account.role);
    EXPECT_TRUE(app::IsRole((*user)->role));
    EXPECT_FALSE((*user)->disabled);
    EXPECT_TRUE(app::VerifyPassword((*user)->password_hash, kDemoPassword)) << account.username;
    EXPECT_FALSE(app::VerifyPassword((*user)->password_hash, "wrong password")) << account.username;
    roles.insert(account.role);
  }
  // Every staff role (channels are API clients, not people) has its account.
  for (const std::string& role : app::Roles()) {
    EXPECT_TRUE(role == "channel" || roles.count(role) == 1) << role;
  }
}

TEST_F(DemoTest, SecondLoadCreatesNoSecondAccount) {
  ManualClock clock(DemoNow());
  ASSERT_TRUE(LoadDemo(*store_, clock).ok());
  // A second load (the same data directory served again) changes no account.
  auto before = store_->reads().ListUsers();
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(LoadDemo(*store_, clock).ok());
  auto after = store_->reads().ListUsers();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(before->size(), after->size());
  EXPECT_EQ(after->size(), DemoAccounts().size());
}

}  // namespace
}  // namespace ordo::cli
