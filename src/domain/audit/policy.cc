#include "domain/audit/policy.h"

namespace ordo {
namespace {

// The multiplier of a unit, or 0 when `unit` is not one.
int64_t UnitMs(std::string_view unit) {
  if (unit == "ms") {
    return 1;
  }
  if (unit == "s") {
    return 1000;
  }
  if (unit == "m") {
    return 60 * 1000;
  }
  if (unit == "h") {
    return kHourMs;
  }
  if (unit == "d") {
    return 24 * kHourMs;
  }
  return 0;
}

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

int64_t SupervisionPolicy::ShipWithinHours(std::string_view order_class) const {
  auto it = ship_within_hours.find(order_class);
  if (it == ship_within_hours.end()) {
    it = ship_within_hours.find("standard");
  }
  return it == ship_within_hours.end() ? 24 : it->second;
}

Timestamp SupervisionPolicy::ShipDeadline(std::string_view order_class,
                                          Timestamp accepted_at) const {
  return AddBusinessHours(accepted_at, ShipWithinHours(order_class), calendar);
}

SupervisionPolicy PolicyFromSettings(const Settings& settings, const RewardThresholds& rewards) {
  SupervisionPolicy policy;
  policy.ship_within_hours = settings.ship_within_hours;
  policy.calendar = settings.business_calendar;
  policy.review_within_ms = settings.review_within_hours * kHourMs;
  policy.correction_window_ms = settings.correction_window_hours * kHourMs;
  policy.reply_within_ms = settings.reply_within_hours * kHourMs;
  policy.deliver_within_ms.clear();
  for (const auto& [service, hours] : settings.deliver_within_hours) {
    policy.deliver_within_ms[service] = hours * kHourMs;
  }
  policy.deliver_within_default_ms = settings.DeliverWithinHours("standard") * kHourMs;
  policy.reward_min_timeliness_bp = rewards.min_timeliness_bp;
  policy.reward_min_steps = rewards.min_steps;
  return policy;
}

int64_t SupervisionPolicy::DeliverWithinMs(std::string_view shipping_service) const {
  auto it = deliver_within_ms.find(shipping_service);
  return it == deliver_within_ms.end() ? deliver_within_default_ms : it->second;
}

Result<int64_t> ParseDurationMs(std::string_view text) {
  const auto invalid = [&] {
    return Status::Invalid("duration", Code::kInvalidValue,
                           "'" + std::string(text) + "' is not a duration such as 24h or 90m");
  };
  if (text.empty() || text.size() > 40) {
    return invalid();
  }
  int64_t total = 0;
  size_t at = 0;
  while (at < text.size()) {
    int64_t number = 0;
    const size_t digits_start = at;
    while (at < text.size() && IsDigit(text[at])) {
      number = number * 10 + (text[at] - '0');
      ++at;
      if (at - digits_start > 9) {
        return invalid();
      }
    }
    const size_t unit_start = at;
    while (at < text.size() && !IsDigit(text[at])) {
      ++at;
    }
    const int64_t unit = UnitMs(text.substr(unit_start, at - unit_start));
    if (at == digits_start || unit_start == digits_start || unit == 0) {
      return invalid();
    }
    total += number * unit;
  }
  return total;
}

Status ValidatePolicy(const SupervisionPolicy& policy) {
  const std::pair<const char*, int64_t> durations[] = {
      {"review_within", policy.review_within_ms},
      {"correction_window", policy.correction_window_ms},
      {"reply_within", policy.reply_within_ms},
      {"deliver_within.default", policy.deliver_within_default_ms}};
  for (const auto& [name, value] : durations) {
    if (value < 0) {
      return Status::Invalid(name, Code::kInvalidValue, std::string(name) + " is negative");
    }
  }
  for (const auto& [service, value] : policy.deliver_within_ms) {
    if (value < 0) {
      return Status::Invalid("deliver_within." + service, Code::kInvalidValue, "negative");
    }
  }
  if (policy.reward_min_timeliness_bp < 0 || policy.reward_min_timeliness_bp > 10000 ||
      policy.reward_min_steps < 0) {
    return Status::Invalid("reward_min_timeliness_bp", Code::kInvalidValue,
                           "the reward threshold is 0..10000 basis points, steps >= 0");
  }
  return Status::Ok();
}

}  // namespace ordo
