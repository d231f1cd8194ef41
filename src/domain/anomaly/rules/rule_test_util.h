// Shared by the rule tests: a clean order and its review context, which no rule flags, for
// each test to change in one respect.
#pragma once

#include <gtest/gtest.h>

#include "domain/anomaly/rules/review_context.h"

namespace ordo::rules_test {

constexpr int64_t kMinute = 60 * 1000;
constexpr Timestamp kNow{1'790'000'000'000};

inline Order CleanOrder() {
  Order order;
  order.order_no = "20261127000100";
  order.channel = "web";
  order.status = OrderStatus::kPendingReview;
  order.payment_status = PaymentStatus::kPaid;
  order.payment_method = PaymentMethod::kOnline;
  order.customer = {"m-1001", "张三", "13812340001"};
  order.consignee = {
      "张三", "13812340001", {"上海市", "上海市", "浦东新区", "世纪大道100号8楼801室", ""}};
  OrderLine line;
  line.line_no = 1;
  line.sku = "TEA-001";
  line.quantity = 2;
  line.unit_price_amount = 6600;
  order.lines.push_back(line);
  order.total_amount = 13200;
  order.paid_amount = 13200;
  order.payments.push_back(Payment{"alipay", "T1", 13200, kNow, false});
  order.created_at = kNow;
  return order;
}

// A past order of the same customer, created `minutes_before` kNow.
inline Order PastOrder(const std::string& order_no, int64_t total, int64_t quantity,
                       int64_t minutes_before) {
  Order order = CleanOrder();
  order.order_no = order_no;
  order.status = OrderStatus::kCompleted;
  order.lines[0].quantity = quantity;
  order.total_amount = total;
  order.paid_amount = total;
  order.created_at = kNow.PlusMs(-minutes_before * kMinute);
  return order;
}

// Owns what a ReviewContext points at.
struct Fixture {
  Order order = CleanOrder();
  std::optional<CustomerProfile> profile;
  std::vector<Order> past;
  std::map<std::string, Sku> skus;
  int64_t channel_usual_amount = 0;
  ReviewThresholds thresholds;
  std::vector<BlacklistMatch> blacklist_matches;

  Fixture() {
    Sku tea;
    tea.code = "TEA-001";
    tea.step_quantity = 1;
    skus["TEA-001"] = tea;
  }

  ReviewContext Context() const {
    ReviewContext context;
    context.order = &order;
    context.profile = profile ? &*profile : nullptr;
    context.recent_orders = past;
    context.history = SummarizeHistory(past, order.order_no);
    context.skus = skus;
    context.channel_usual_amount = channel_usual_amount;
    context.thresholds = thresholds;
    context.blacklist_matches = blacklist_matches;
    return context;
  }
};

}  // namespace ordo::rules_test
