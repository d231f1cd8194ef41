// Time enters Ordo only through a Clock, so timers, time limits and tests are deterministic.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace ordo {

// Milliseconds since the Unix epoch, UTC.
struct Timestamp {
  int64_t unix_ms = 0;
  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
  Timestamp PlusMs(int64_t ms) const { return Timestamp{unix_ms + ms}; }
};

// RFC 3339 in UTC with milliseconds: "2026-11-22T08:30:00.000Z".
std::string FormatRfc3339(Timestamp t);
// Parses RFC 3339 ("Z" or a numeric offset); fractional seconds optional.
Result<Timestamp> ParseRfc3339(std::string_view text);
// "2026-11-22" → midnight UTC of that day.
Result<Timestamp> ParseDate(std::string_view text);
// The calendar date of `t` in UTC+8 (China Standard Time) as yyyymmdd, e.g. 20261122.
int32_t ChinaDate(Timestamp t);

// Thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start) : now_ms_(start.unix_ms) {}
  Timestamp Now() const override { return Timestamp{now_ms_.load()}; }
  void Set(Timestamp t) { now_ms_.store(t.unix_ms); }
  void AdvanceMs(int64_t ms) { now_ms_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace ordo
