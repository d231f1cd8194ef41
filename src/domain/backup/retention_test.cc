#include "domain/backup/retention.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000LL;

// 2026-01-01T02:00:00+08:00 (a Thursday) plus `days`.
Timestamp Day(int64_t days, int64_t extra_ms = 0) {
  return Timestamp{1767204000000 + days * kDayMs + extra_ms};
}

TEST(Retention, KeepsTheNewestOfEachOfTheLastDays) {
  std::vector<Timestamp> taken;
  for (int day = 0; day < 10; ++day) {
    taken.push_back(Day(day));
  }
  const auto kept = SelectRetained(taken, {7, 0, 0});
  for (int day = 0; day < 10; ++day) {
    EXPECT_EQ(kept[day].has_value(), day >= 3) << "day " << day;
  }
}

TEST(Retention, OfTwoOnOneDayTheNewerIsKept) {
  const std::vector<Timestamp> taken = {Day(0), Day(0, 3600 * 1000), Day(1)};
  const auto kept = SelectRetained(taken, {2, 0, 0});
  EXPECT_FALSE(kept[0].has_value());
  EXPECT_EQ(kept[1], BackupKind::kDaily);
  EXPECT_EQ(kept[2], BackupKind::kDaily);
}

TEST(Retention, DaysAreChinaTimeNotUtc) {
  // 23:30 and 00:30 the next day in China are the same UTC day, but two China days.
  const Timestamp late = Timestamp{1767281400000};   // 2026-01-01T23:30+08:00
  const Timestamp early = Timestamp{1767285000000};  // 2026-01-02T00:30+08:00
  const auto kept = SelectRetained({late, early}, {2, 0, 0});
  EXPECT_TRUE(kept[0].has_value());
  EXPECT_TRUE(kept[1].has_value());
}

TEST(Retention, SixtyDailyBackupsKeepSevenDaysFourWeeksAndTheMonths) {
  std::vector<Timestamp> taken;
  for (int day = 0; day < 60; ++day) {
    taken.push_back(Day(day));  // 2026-01-01 .. 2026-03-01
  }
  const auto kept = SelectRetained(taken, {7, 4, 12});
  int daily = 0, weekly = 0, monthly = 0;
  for (const auto& kind : kept) {
    if (!kind) {
      continue;
    }
    daily += *kind == BackupKind::kDaily;
    weekly += *kind == BackupKind::kWeekly;
    monthly += *kind == BackupKind::kMonthly;
  }
  // The newest (2026-03-01, a Sunday) is the newest of its month: monthly. January and
  // February's last days are monthly too. Weeks end on the Sundays 03-01, 02-22, 02-15, 02-08:
  // 03-01 is already monthly, 02-22 and 02-15 are beyond the last seven days (02-23 .. 03-01).
  EXPECT_EQ(monthly, 3);
  EXPECT_EQ(kept[59], BackupKind::kMonthly);  // 2026-03-01
  EXPECT_EQ(kept[58], BackupKind::kMonthly);  // 2026-02-28
  EXPECT_EQ(kept[30], BackupKind::kMonthly);  // 2026-01-31
  EXPECT_EQ(kept[52], BackupKind::kWeekly);   // 2026-02-22, a Sunday
  EXPECT_EQ(kept[45], BackupKind::kWeekly);   // 2026-02-15
  EXPECT_EQ(kept[38], BackupKind::kWeekly);   // 2026-02-08
  EXPECT_EQ(weekly, 3);
  EXPECT_EQ(daily, 5);                 // 02-23 .. 02-27
  EXPECT_FALSE(kept[0].has_value());   // 2026-01-01
  EXPECT_FALSE(kept[37].has_value());  // 2026-02-07
}

TEST(Retention, TheNewestIsAlwaysKept) {
  const auto kept = SelectRetained({Day(0), Day(5)}, {0, 0, 0});
  EXPECT_FALSE(kept[0].has_value());
  EXPECT_EQ(kept[1], BackupKind::kDaily);
  EXPECT_TRUE(SelectRetained({}, {}).empty());
}

}  // namespace
}  // namespace ordo
