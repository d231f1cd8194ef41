#include "domain/fulfillment/time_limit.h"

#include <algorithm>

namespace ordo {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr int64_t kHourMs = 3600 * 1000LL;
constexpr int64_t kChinaOffsetMs = 8 * kHourMs;
constexpr int64_t kSearchDays = 3660;  // ten years: a calendar with no working day gives up

int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
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
      who = {"review", "customer_service", ""};
      break;
    case OrderStatus::kAwaitingFulfillment:
      who = {"pick", "warehouse", ""};
      break;
    case OrderStatus::kPicking:
      who = {"pack", "warehouse", ""};
      break;
    case OrderStatus::kPacked:
      who = {"ship", "logistics", ""};
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

}  // namespace ordo
