// Test support (not part of the library): a real embedded store in a temporary directory, a
// manual clock, and short ways to seed a catalogue and move orders along, for the tests of the
// fulfilment use cases (app/) and of the jobs that run them (jobs/).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/catalog_commands.h"
#include "app/fulfillment.h"
#include "app/order_commands.h"
#include "app/waybills.h"
#include "testing/store_fixture.h"

namespace ordo::app {

class FulfillmentFixture : public StoreFixture {
 protected:
  FulfillmentFixture() : StoreFixture("fulfillment", ParseRfc3339("2026-11-26T09:00:00+08:00").value()) {}

  // A store whose carriers have waybill numbers to hand out (a range of 10,000 each).
  void SetUp() override {
    StoreFixture::SetUp();
    for (const char* carrier : {"ZTO", "YTO", "JD", "SF"}) {
      LoadRange(carrier, carrier, 1, 10000);
    }
  }

  // Loads numbers first..last of `carrier`, printed `prefix` + 10 digits.
  void LoadRange(const std::string& carrier, const std::string& prefix, int64_t first,
                 int64_t last) {
    WaybillRange range;
    range.carrier = carrier;
    range.prefix = prefix;
    range.first_no = first;
    range.last_no = last;
    range.digits = 10;
    const Status status =
        Run(LoadWaybillRange(range, Context("user:logistics"), std::make_shared<WaybillRange>()));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  void AddWarehouse(const std::string& code) {
    Warehouse warehouse;
    warehouse.code = code;
    warehouse.name = code + " 仓";
    warehouse.address = {"上海市", "上海市", "嘉定区", "墨玉路185号", ""};
    ASSERT_TRUE(Run(CreateWarehouse(warehouse, Context(), std::make_shared<Warehouse>())).ok());
  }
  void AddSku(const std::string& code, int64_t weight_g) {
    Sku sku;
    sku.code = code;
    sku.name = "商品 " + code;
    sku.price_amount = 1000;
    sku.weight_g = weight_g;
    ASSERT_TRUE(Run(CreateSku(sku, Context(), std::make_shared<Sku>())).ok());
  }
  void Receive(const std::string& warehouse, const std::string& sku, Quantity quantity) {
    ASSERT_TRUE(Run(ReceiveStock({warehouse, sku, quantity, "seed"}, Context(),
                                 std::make_shared<StockOutcome>()))
                    .ok());
  }

  // Places an order of `lines` (SKU, quantity); online unless `cod`.
  Order Place(const std::vector<std::pair<std::string, Quantity>>& lines,
              const std::string& service = "standard", bool cod = false) {
    NewOrder input;
    input.channel = "web";
    input.external_id = "EXT-" + std::to_string(++orders_);
    input.customer = {"m-" + std::to_string(orders_), "张三", "13812345678"};
    input.consignee = {
        "张三", "13812345678", {"上海市", "上海市", "浦东新区", "世纪大道100号 8楼", ""}};
    for (const auto& [sku, quantity] : lines) {
      input.lines.push_back({sku, quantity, std::nullopt, ""});
    }
    input.payment_method = cod ? "cod" : "online";
    input.shipping_service = service;
    auto out = std::make_shared<OrderOutcome>();
    const Status status = Run(PlaceOrder(input, Context("token:web"), out));
    EXPECT_TRUE(status.ok()) << status.ToString();
    return out->order;
  }

  // Applies `command` to the order; the outcome's status is returned with the order after it.
  std::pair<Status, Order> Try(const std::string& order_no, OrderCommand command,
                               const std::string& actor = "user:lead") {
    auto out = std::make_shared<OrderOutcome>();
    const Status status =
        Run(TransitionOrder(order_no, std::move(command), std::nullopt, Context(actor), out));
    return {status, out->order};
  }
  Order Move(const std::string& order_no, OrderCommand command,
             const std::string& actor = "user:lead") {
    auto [status, order] = Try(order_no, std::move(command), actor);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return order;
  }
  // Scans the parcel of `warehouse` (its only one when empty) as it is: packing waits for that.
  void Scan(const std::string& order_no, const std::string& warehouse = "") {
    const Order order = Load(order_no);
    const std::vector<std::string> warehouses = WarehousesOf(order);
    VerifyInput input{warehouse, {}};
    for (const ShipmentLine& line :
         ParcelLines(order, warehouse.empty() ? warehouses.front() : warehouse)) {
      input.scans.push_back({line.sku, line.quantity});
    }
    const Status status = Run(VerifyParcel(order_no, std::move(input), Context("user:scanner"),
                                           std::make_shared<VerifyOutcome>()));
    ASSERT_TRUE(status.ok()) << status.ToString();
  }
  Order PaidAndApproved(const std::vector<std::pair<std::string, Quantity>>& lines,
                        const std::string& service = "standard") {
    Order order = Place(lines, service);
    Move(order.order_no, PaymentInput{"alipay", "T-" + order.order_no, order.total_amount});
    return Move(order.order_no, ReviewInput{"approve", ""});
  }
  Order Load(const std::string& order_no) {
    auto order = reads().GetOrder(order_no);
    EXPECT_TRUE(order.ok() && order->has_value());
    return order.ok() && order->has_value() ? **order : Order{};
  }
  std::vector<Shipment> Parcels(const std::string& order_no) {
    auto parcels = reads().fulfillment().GetShipments(order_no);
    EXPECT_TRUE(parcels.ok());
    return parcels.ok() ? *parcels : std::vector<Shipment>{};
  }
  std::vector<AbnormalCase> Cases(const std::string& order_no) {
    CaseFilter filter;
    filter.order_no = order_no;
    auto cases = reads().fulfillment().ListCases(filter);
    EXPECT_TRUE(cases.ok());
    return cases.ok() ? *cases : std::vector<AbnormalCase>{};
  }
  std::vector<std::string> EventTypes(const std::string& order_no) {
    std::vector<std::string> types;
    auto events = reads().GetOrderEvents(order_no);
    EXPECT_TRUE(events.ok());
    for (const OrderEvent& event : events.ok() ? *events : std::vector<OrderEvent>{}) {
      types.push_back(event.type);
    }
    return types;
  }

  int orders_ = 0;
};

}  // namespace ordo::app
