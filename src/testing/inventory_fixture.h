// Test support (not part of the library): a real embedded store in a temporary directory, a
// manual clock, and short ways to seed warehouses in several provinces, SKUs and orders, for
// the tests of the inventory use cases.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/catalog_commands.h"
#include "app/inventory.h"
#include "app/order_commands.h"
#include "testing/store_fixture.h"

namespace ordo::app {

class InventoryFixture : public StoreFixture {
 protected:
  InventoryFixture() : StoreFixture("inventory", Timestamp{1'795'000'000'000}) {}  // 2026-11-18

  void AddWarehouse(const std::string& code, const std::string& province, const std::string& city) {
    Warehouse warehouse;
    warehouse.code = code;
    warehouse.name = code + " 仓";
    warehouse.address = {province, city, "某区", "工业路1号", ""};
    ASSERT_TRUE(Run(CreateWarehouse(warehouse, Context(), std::make_shared<Warehouse>())).ok());
  }
  void AddSku(const std::string& code, int64_t price_amount = 1000, int64_t lead_time_days = 7) {
    Sku sku;
    sku.code = code;
    sku.name = "商品 " + code;
    sku.price_amount = price_amount;
    sku.weight_g = 100;
    sku.lead_time_days = lead_time_days;
    ASSERT_TRUE(Run(CreateSku(sku, Context(), std::make_shared<Sku>())).ok());
  }
  Status Receive(const std::string& warehouse, const std::string& sku, Quantity quantity) {
    return Run(ReceiveStock({warehouse, sku, quantity, "到货"}, Context("user:wh"),
                            std::make_shared<StockOutcome>()));
  }

  // Places an online order of `lines` going to `province` / `city` with `service` (which sets
  // its priority: standard 50, express 80, same_day 90).
  Order Place(const std::vector<std::pair<std::string, Quantity>>& lines,
              const std::string& service = "standard", const std::string& province = "上海市",
              const std::string& city = "上海市") {
    NewOrder input;
    input.channel = "web";
    input.external_id = "EXT-" + std::to_string(++orders_);
    input.customer = {"m-" + std::to_string(orders_), "张三", "13812345678"};
    input.consignee = {"张三", "13812345678", {province, city, "某区", "人民路100号 8楼", ""}};
    for (const auto& [sku, quantity] : lines) {
      input.lines.push_back({sku, quantity, std::nullopt, ""});
    }
    input.payment_method = "online";
    input.shipping_service = service;
    auto out = std::make_shared<OrderOutcome>();
    const Status placed = Run(PlaceOrder(input, Context("token:web"), out));
    EXPECT_TRUE(placed.ok()) << placed.ToString();
    clock_.AdvanceMs(1000);  // orders are told apart by age
    return out->order;
  }
  Order Get(const std::string& order_no) {
    auto order = reads().GetOrder(order_no);
    EXPECT_TRUE(order.ok() && order->has_value());
    return order.ok() && order->has_value() ? **order : Order{};
  }
  Status Transition(const std::string& order_no, OrderCommand command,
                    std::string actor = "user:lead") {
    return Run(TransitionOrder(order_no, std::move(command), std::nullopt, Context(actor),
                               std::make_shared<OrderOutcome>()));
  }
  Status Pay(const Order& order) {
    return Transition(order.order_no,
                      PaymentInput{"alipay", "T-" + order.order_no, order.total_amount});
  }
  Result<BackorderChoiceOutcome> Choose(const std::string& order_no, BackorderChoiceInput input,
                                        std::string actor = "user:cs") {
    auto out = std::make_shared<BackorderChoiceOutcome>();
    Status status = Run(ChooseForBackorder(order_no, std::move(input), std::nullopt,
                                           Context(std::move(actor)), out));
    if (!status.ok()) {
      return status;
    }
    return *out;
  }
  // Units of `sku` available / reserved / on hand in `warehouse` (0 without a level).
  StockLevel Level(const std::string& sku, const std::string& warehouse) {
    auto stock = reads().GetStock(sku);
    EXPECT_TRUE(stock.ok());
    for (const StockLevel& level : stock->levels) {
      if (level.warehouse() == warehouse) {
        return level;
      }
    }
    return StockLevel(warehouse, sku, 0, 0);
  }
  // The stock books must always balance (on hand = sum of movements, and so on).
  void ExpectBooksBalance() {
    Result<StockCheckReport> report = reads().inventory().CheckStock();
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    for (const StockDifference& d : report->differences) {
      ADD_FAILURE() << d.check << " " << d.sku << "@" << d.warehouse << " " << d.order_no
                    << ": ledger " << d.expected << ", found " << d.actual;
    }
  }

  int orders_ = 0;
};

}  // namespace ordo::app
