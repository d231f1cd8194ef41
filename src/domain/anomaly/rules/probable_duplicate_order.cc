// probable_duplicate_order (EXC-1): the same customer ordered the same SKUs in the same
// quantities a short while before (a double submission, or a wrong order placed twice).
// Cancelled and closed orders do not count: cancelling and ordering again is not a duplicate.
#include <algorithm>

#include "domain/anomaly/rules/review_context.h"

namespace ordo {
namespace {

std::vector<std::pair<std::string, int64_t>> Basket(const Order& order) {
  std::vector<std::pair<std::string, int64_t>> basket;
  for (const OrderLine& line : order.lines) {
    basket.emplace_back(line.sku, line.quantity);
  }
  std::sort(basket.begin(), basket.end());
  return basket;
}

}  // namespace

std::vector<RuleHit> CheckProbableDuplicateOrder(const ReviewContext& context) {
  const Order& order = *context.order;
  if (order.customer.member_id.empty()) {
    return {};
  }
  const int64_t window_minutes = context.thresholds.duplicate_order_window_minutes;
  const int64_t window_ms = window_minutes * 60 * 1000;
  const auto basket = Basket(order);
  for (const Order& other : context.recent_orders) {
    if (other.order_no == order.order_no || other.customer.member_id != order.customer.member_id ||
        other.status == OrderStatus::kCancelled || other.status == OrderStatus::kClosed) {
      continue;
    }
    const int64_t apart_ms = order.created_at.unix_ms - other.created_at.unix_ms;
    if (apart_ms < 0 || apart_ms > window_ms || Basket(other) != basket) {
      continue;
    }
    const int64_t apart_minutes = apart_ms / 60000;
    return {RuleHit{"probable_duplicate_order",
                    "",
                    "same items and quantities as order " + other.order_no + " of the same " +
                        "customer " + std::to_string(apart_minutes) + " min earlier (window " +
                        std::to_string(window_minutes) + " min)",
                    {{"duplicate_of", other.order_no},
                     {"observed_minutes_apart", std::to_string(apart_minutes)},
                     {"threshold_minutes", std::to_string(window_minutes)}}}};
  }
  return {};
}

}  // namespace ordo
