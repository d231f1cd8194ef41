#include "domain/fulfillment/time_limit.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>

#include "domain/anomaly/case.h"
#include "domain/staff/department.h"

namespace ordo {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr int64_t kHourMs = 3600 * 1000LL;
constexpr int64_t kChinaOffsetMs = 8 * kHourMs;
constexpr int64_t kSearchDays = 3660;  // ten years: a calendar with no working day gives up

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// The day number (days since 1970-01-01) of the date yyyymmdd (proleptic Gregorian).
int64_t DaysOf(int32_t date) {
  const int64_t year = date / 10000;
  const int64_t month = date / 100 % 100;
  const int64_t day = date % 100;
  const int64_t y = month <= 2 ? year - 1 : year;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Timestamp Walk(Timestamp start, int64_t hours, const BusinessCalendar& calendar) {
  const int64_t local_start = start.unix_ms + kChinaOffsetMs;
  int64_t day = FloorDiv(local_start, kDayMs);
  int64_t remaining = hours * kHourMs;
  for (int64_t step = 0; step < kSearchDays; ++step, ++day) {
    if (!calendar.IsWorkingDay(day)) {
      continue;
    }
    const int64_t day_start = day * kDayMs;
    const int64_t from = std::max(local_start, day_start);
    const int64_t available = day_start + kDayMs - from;
    if (remaining <= available) {
      return Timestamp{from + remaining - kChinaOffsetMs};
    }
    remaining -= available;
  }
  return Timestamp{-1};
}

}  // namespace

BusinessCalendar ChinaBusinessCalendar() {
  BusinessCalendar calendar;
  calendar.working_days = {1, 2, 3, 4, 5};
  // 2025: 元旦; 春节 (8 days); 清明; 劳动节; 端午; 国庆 and 中秋 (8 days).
  // 2026: 元旦 (3 days); 春节 (9 days); 清明; 劳动节; 端午; 中秋; 国庆 (7 days).
  const std::pair<int32_t, int32_t> holidays[] = {
      {20250101, 20250101}, {20250128, 20250204}, {20250404, 20250406}, {20250501, 20250505},
      {20250531, 20250602}, {20251001, 20251008}, {20260101, 20260103}, {20260215, 20260223},
      {20260404, 20260406}, {20260501, 20260505}, {20260619, 20260621}, {20260925, 20260927},
      {20261001, 20261007}};
  for (const auto& [first, last] : holidays) {
    const int64_t from = DaysOf(first);
    for (int64_t day = from; day <= DaysOf(last); ++day) {
      calendar.holidays.insert(ChinaDate(Timestamp{day * kDayMs}));
    }
  }
  calendar.extra_working_days = {20250126, 20250208, 20250427, 20250928, 20251011, 20260104,
                                 20260214, 20260228, 20260509, 20260920, 20261010};
  return calendar;
}

int IsoWeekday(int64_t days_since_epoch) {
  // 1970-01-01 was a Thursday (ISO 4).
  return static_cast<int>((days_since_epoch % 7 + 7 + 3) % 7) + 1;
}

bool BusinessCalendar::IsWorkingDay(int64_t days_since_epoch) const {
  const int32_t date = ChinaDate(Timestamp{days_since_epoch * kDayMs});
  if (holidays.count(date) > 0) {
    return false;
  }
  if (extra_working_days.count(date) > 0) {
    return true;
  }
  return working_days.count(IsoWeekday(days_since_epoch)) > 0;
}

Timestamp AddBusinessHours(Timestamp start, int64_t hours, const BusinessCalendar& calendar) {
  const Timestamp deadline = Walk(start, hours, calendar);
  if (deadline.unix_ms >= 0) {
    return deadline;
  }
  return Walk(start, hours, BusinessCalendar{});
}

std::optional<Timestamp> ShipClockStart(const ShipClock& order) {
  switch (order.status) {
    case OrderStatus::kPendingReview:
    case OrderStatus::kAwaitingFulfillment:
    case OrderStatus::kPicking:
    case OrderStatus::kPacked:
      break;
    default:
      return std::nullopt;
  }
  if (order.payment_method == PaymentMethod::kCod) {
    return order.created_at;
  }
  return order.paid_at;
}

Responsibility ResponsibleFor(OrderStatus status, const std::vector<OrderEvent>& events) {
  Responsibility who;
  switch (status) {
    case OrderStatus::kPendingReview:
      who = {"review", kCustomerService, ""};
      break;
    case OrderStatus::kAwaitingFulfillment:
      who = {"pick", kWarehouse, ""};
      break;
    case OrderStatus::kPicking:
      who = {"pack", kWarehouse, ""};
      break;
    case OrderStatus::kPacked:
      who = {"ship", kLogistics, ""};
      break;
    default:
      return who;
  }
  if (status != OrderStatus::kPicking && status != OrderStatus::kPacked) {
    return who;  // nobody of the stage has acted yet
  }
  const std::string_view current = StatusName(status);
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->to_status == current && it->from_status != current) {
      who.person = it->actor;
      break;
    }
  }
  return who;
}

namespace {

std::string Detail(const OrderEvent& event, std::string_view key) {
  for (const auto& [name, value] : event.details) {
    if (name == key) {
      return value;
    }
  }
  return "";
}

// What the order of `events` was doing at `at`: its status, its holds (case id → type) and the
// units it waited for (SKU → units).
struct OrderAt {
  std::optional<OrderStatus> status;
  std::map<std::string, std::string> holds;
  std::map<std::string, int64_t> waiting;
};

void ReplayWaiting(const OrderEvent& event, OrderAt& state) {
  if (event.type == "created" || event.type == "changed") {
    if (event.type == "changed" && !Detail(event, "lines_after").empty()) {
      state.waiting.clear();  // the lines were replaced: their shortages are listed anew
    }
    for (const auto& [name, value] : event.details) {
      if (name.starts_with("backordered_")) {
        state.waiting[name.substr(12)] = std::atoll(value.c_str());
      }
    }
  } else if (event.type == "backorder_filled") {
    for (const auto& [name, value] : event.details) {
      const size_t x = value.rfind(" x");
      if (name.starts_with("line_") && x != std::string::npos) {
        state.waiting[value.substr(0, x)] -= std::atoll(value.c_str() + x + 2);
      }
    }
  } else if (event.type == "backorder_choice" && Detail(event, "choice") != "wait") {
    state.waiting.clear();  // shipped as available, refunded or exchanged: no longer waiting
  }
}

OrderAt Replay(const std::vector<OrderEvent>& events, Timestamp at) {
  OrderAt state;
  for (const OrderEvent& event : events) {
    if (event.at > at) {
      break;
    }
    if (!event.to_status.empty()) {
      state.status = ParseStatus(event.to_status);
    }
    if (event.type == "hold_placed") {
      state.holds[Detail(event, "case_id")] = Detail(event, "case_type");
    } else if (event.type == "hold_released") {
      state.holds.erase(Detail(event, "case_id"));
    }
    ReplayWaiting(event, state);
  }
  return state;
}

}  // namespace

Responsibility AttributeLateness(const std::vector<OrderEvent>& events, Timestamp at,
                                 OrderStatus status_now) {
  const OrderAt state = Replay(events, at);
  const OrderStatus status = state.status.value_or(status_now);
  std::vector<OrderEvent> until;
  for (const OrderEvent& event : events) {
    if (event.at <= at) {
      until.push_back(event);
    }
  }
  Responsibility who = ResponsibleFor(status, until);
  if (!state.holds.empty()) {
    const std::string& type = state.holds.begin()->second;
    const CaseType* kind = FindCaseType(type);
    who.reason = "hold";
    who.case_type = type;
    who.department = kind != nullptr ? std::string(HandlingDepartment(*kind)) : kOperations;
    who.person.clear();
    return who;
  }
  const bool waiting = std::any_of(state.waiting.begin(), state.waiting.end(),
                                   [](const auto& units) { return units.second > 0; });
  if (waiting) {
    who.reason = "backorder";
    who.department = kPurchasing;
    who.person.clear();
  }
  return who;
}

}  // namespace ordo
