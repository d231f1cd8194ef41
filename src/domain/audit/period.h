// Supervision periods: a calendar month or a range of days, on the China Standard Time calendar
// (UTC+8), where the business keeps its books; or two exact instants.
#pragma once

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace ordo {

// The half-open interval [from, to).
struct Period {
  Timestamp from;
  Timestamp to;
  std::string label;  // "2026-11", or "FROM..TO" as given

  bool Contains(Timestamp t) const { return t >= from && t < to; }
};

constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000;
constexpr int64_t kMaxPeriodDays = 366;

// "2026-11" → from 2026-11-01T00:00+08:00 to 2026-12-01T00:00+08:00. kInvalid on field
// `field` otherwise.
Result<Period> MonthPeriod(std::string_view month, std::string_view field = "period");

// `from` and `to` each a China calendar day ("2026-11-01", `to` inclusive) or an RFC 3339
// instant (`to` exclusive). kInvalid naming the field at fault when a bound is malformed, when
// `to` is not after `from`, or when the range is longer than kMaxPeriodDays.
Result<Period> RangePeriod(std::string_view from, std::string_view to);

// One bound: a China calendar day (its start, or with `inclusive_day` its end) or an RFC 3339
// instant. kInvalid (field "date") when it is neither.
Result<Timestamp> ParsePeriodBound(std::string_view text, bool inclusive_day);

}  // namespace ordo
