// The supervision policy: the time limits, windows and thresholds the detectors and KPIs apply.
//
// One source of time limits: the settings (domain/settings/settings.h). PolicyFromSettings takes
// every limit from them, so a ship-by deadline, its abnormal case and its violation agree: the
// ship-by limit per order class in business hours on the settings' calendar, the review limit,
// the correction window, the reply limit and the delivery promise per shipping service. Only
// the reward thresholds, which the settings do not hold, come from elsewhere (the
// --supervision-policy file). The departments answering for a stage are the registry's
// (domain/staff/department.h). Durations in the policy file are written "24h", "90m", "30s",
// "500ms" or combined ("1h30m").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/fulfillment/time_limit.h"
#include "domain/settings/settings.h"
#include "domain/staff/department.h"

namespace ordo {

constexpr int64_t kHourMs = 3600 * 1000;

// The thresholds the settings do not hold: a reward is proposed for a person with no violation
// in the period, at least `min_steps` timed steps, and a timeliness rate of at least
// `min_timeliness_bp` basis points.
struct RewardThresholds {
  int64_t min_timeliness_bp = 9500;
  int64_t min_steps = 20;
};

struct SupervisionPolicy {
  // Ship-by limits in business hours per order class (settings ship_within_hours), counted on
  // `calendar` from acceptance (domain/fulfillment/time_limit.h AddBusinessHours).
  std::map<std::string, int64_t, std::less<>> ship_within_hours = {{"standard", 24},
                                                                   {"expedited", 12},
                                                                   {"occasion", 12},
                                                                   {"economy", 48},
                                                                   {"store_replenishment", 24}};
  BusinessCalendar calendar;
  // A paid (or cash-on-delivery) order is reviewed within this long of entering review, time
  // held by a blocking case not counted.
  int64_t review_within_ms = 4 * kHourMs;
  // An adjustment within this long of an entry on the same stock corrects that entry.
  int64_t correction_window_ms = 72 * kHourMs;
  // A customer message is answered within this long.
  int64_t reply_within_ms = 24 * kHourMs;
  // Promised delivery, from shipment to the customer's signature, by shipping service.
  std::map<std::string, int64_t, std::less<>> deliver_within_ms = {{"same_day", 24 * kHourMs},
                                                                   {"next_day", 48 * kHourMs},
                                                                   {"express", 72 * kHourMs},
                                                                   {"standard", 120 * kHourMs},
                                                                   {"economy", 168 * kHourMs}};
  int64_t deliver_within_default_ms = 120 * kHourMs;
  int64_t reward_min_timeliness_bp = 9500;
  int64_t reward_min_steps = 20;
  // Who answers for a deadline passed while nobody has acted yet: registry codes.
  std::string review_department = kCustomerService;
  std::string fulfilment_department = kWarehouse;
  std::string reply_department = kCustomerService;

  // The ship-by limit of `order_class` in business hours (standard's for an unknown class).
  int64_t ShipWithinHours(std::string_view order_class) const;
  // The ship-by deadline of an order of `order_class` accepted at `accepted_at`.
  Timestamp ShipDeadline(std::string_view order_class, Timestamp accepted_at) const;
  int64_t DeliverWithinMs(std::string_view shipping_service) const;
};

// The policy the settings give, with `rewards` for what they do not hold.
SupervisionPolicy PolicyFromSettings(const Settings& settings, const RewardThresholds& rewards);

// "24h", "90m", "30s", "500ms", "2d", "1h30m" → milliseconds; kInvalid otherwise (a number
// needs a unit; no fractions, no negatives).
Result<int64_t> ParseDurationMs(std::string_view text);

// kInvalid naming the first inconsistent field: durations must not be negative; the reward
// threshold is 0..10000 basis points, the steps not negative.
Status ValidatePolicy(const SupervisionPolicy& policy);

}  // namespace ordo
