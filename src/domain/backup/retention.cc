#include "domain/backup/retention.h"

#include <algorithm>
#include <numeric>

namespace ordo {
namespace {

constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000LL;
constexpr int64_t kDayMs = 24 * 3600 * 1000LL;

// Days since 1970-01-01 in China Standard Time.
int64_t ChinaDay(Timestamp t) {
  const int64_t ms = t.unix_ms + kChinaOffsetMs;
  return ms >= 0 ? ms / kDayMs : (ms - kDayMs + 1) / kDayMs;
}

// Weeks from Monday to Sunday: 1970-01-01 was a Thursday, so day + 3 is 0 on a Monday.
int64_t ChinaWeek(Timestamp t) {
  const int64_t shifted = ChinaDay(t) + 3;
  return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7;
}

int64_t ChinaMonth(Timestamp t) {
  return ChinaDate(t) / 100;
}

// Marks the newest backup of each of the `count` most recent periods with `kind` (a longer
// kind wins over a shorter one already set). `order` lists the backups newest first.
template <typename PeriodOf>
void Keep(const std::vector<Timestamp>& taken, const std::vector<size_t>& order, int64_t count,
          BackupKind kind, PeriodOf period_of, std::vector<std::optional<BackupKind>>& kept) {
  std::optional<int64_t> last_period;
  int64_t periods = 0;
  for (size_t index : order) {
    if (periods >= count) {
      return;
    }
    const int64_t period = period_of(taken[index]);
    if (last_period && *last_period == period) {
      continue;
    }
    last_period = period;
    ++periods;
    if (!kept[index] || static_cast<int>(*kept[index]) < static_cast<int>(kind)) {
      kept[index] = kind;
    }
  }
}

}  // namespace

std::string_view BackupKindName(BackupKind kind) {
  return Name(kind);
}

std::vector<std::optional<BackupKind>> SelectRetained(const std::vector<Timestamp>& taken,
                                                      const RetentionPolicy& policy) {
  std::vector<size_t> order(taken.size());
  std::iota(order.begin(), order.end(), size_t{0});
  // Newest first; of two at the same time, the later listed first.
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return taken[a] != taken[b] ? taken[a] > taken[b] : a > b; });
  std::vector<std::optional<BackupKind>> kept(taken.size());
  Keep(taken, order, std::max<int64_t>(1, policy.daily), BackupKind::kDaily, ChinaDay, kept);
  Keep(taken, order, policy.weekly, BackupKind::kWeekly, ChinaWeek, kept);
  Keep(taken, order, policy.monthly, BackupKind::kMonthly, ChinaMonth, kept);
  return kept;
}

}  // namespace ordo
