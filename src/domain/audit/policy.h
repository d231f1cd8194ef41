// The supervision policy: time limits, windows and thresholds the detectors and KPIs apply.
//
// Defaults follow the operating rules: a normal order ships within 24 hours of being accepted
// (paid, or placed for cash on delivery), urgent ones sooner (订单处理流程与时效). They are
// configurable (`ordo serve --supervision-policy FILE`); durations are written "24h", "90m",
// "30s", "500ms" or combined ("1h30m").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordo {

constexpr int64_t kHourMs = 3600 * 1000;

// Orders of at least `min_priority` ship within `limit_ms` of acceptance.
struct ShipLimitTier {
  int min_priority = 0;
  int64_t limit_ms = 24 * kHourMs;
};

struct SupervisionPolicy {
  // By decreasing min_priority; the first tier an order reaches applies. Priorities come from
  // intake (domain/order/intake.h): same_day 90, next_day/express 80, standard 50, economy 30.
  std::vector<ShipLimitTier> ship_within = {
      {90, 6 * kHourMs}, {80, 12 * kHourMs}, {0, 24 * kHourMs}};
  // A paid (or cash-on-delivery) order is reviewed within this long of entering review.
  int64_t review_within_ms = 4 * kHourMs;
  // An adjustment within this long of an entry on the same stock corrects that entry.
  int64_t correction_window_ms = 72 * kHourMs;
  // A customer message is answered within this long.
  int64_t reply_within_ms = 24 * kHourMs;
  // Promised delivery, from acceptance to the customer's signature, by shipping service.
  std::map<std::string, int64_t, std::less<>> deliver_within_ms = {{"same_day", 24 * kHourMs},
                                                                   {"next_day", 48 * kHourMs},
                                                                   {"express", 72 * kHourMs},
                                                                   {"standard", 120 * kHourMs},
                                                                   {"economy", 168 * kHourMs}};
  int64_t deliver_within_default_ms = 120 * kHourMs;
  // A reward is proposed for a person with no violation in the period, at least this many
  // timed steps, and a timeliness rate of at least this many basis points.
  int64_t reward_min_timeliness_bp = 9500;
  int64_t reward_min_steps = 20;
  // Who answers for a deadline passed while nobody has acted yet.
  std::string review_department = "customer_service";
  std::string fulfilment_department = "warehouse";
  std::string reply_department = "customer_service";

  int64_t ShipWithinMs(int priority) const;
  int64_t DeliverWithinMs(std::string_view shipping_service) const;
};

// "24h", "90m", "30s", "500ms", "2d", "1h30m" → milliseconds; kInvalid otherwise (a number
// needs a unit; no fractions, no negatives).
Result<int64_t> ParseDurationMs(std::string_view text);

// kInvalid naming the first inconsistent field: tiers must be sorted by decreasing
// min_priority and end with a tier for priority 0; durations must not be negative; the reward
// threshold is 0..10000 basis points.
Status ValidatePolicy(const SupervisionPolicy& policy);

}  // namespace ordo
