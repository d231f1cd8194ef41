// Which backups to keep (domain.md DAT-2): a grandfather-father-son policy. Of the backups
// taken, the newest of each calendar day is kept for the `daily` most recent days that have
// one, the newest of each week (Monday to Sunday) for the `weekly` most recent weeks, and the
// newest of each month for the `monthly` most recent months; every other backup is removed.
// Days, weeks and months are China Standard Time's (UTC+8), like the business calendar. A kept
// backup's kind is the longest rule that keeps it: monthly, else weekly, else daily.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"

namespace ordo {

struct RetentionPolicy {
  int64_t daily = 7;  // at least 1: the newest backup is always kept
  int64_t weekly = 4;
  int64_t monthly = 12;
};

enum class BackupKind {
  kDaily,    // kept as one of the last `daily` days' backups
  kWeekly,   // kept as the newest of one of the last `weekly` weeks
  kMonthly,  // kept as the newest of one of the last `monthly` months
};

inline constexpr EnumName<BackupKind> kBackupKindNames[] = {
    {BackupKind::kDaily, "daily"},
    {BackupKind::kWeekly, "weekly"},
    {BackupKind::kMonthly, "monthly"},
};
constexpr std::span<const EnumName<BackupKind>> EnumNames(BackupKind) {
  return kBackupKindNames;
}
static_assert(IsNameTable(kBackupKindNames));
std::string_view BackupKindName(BackupKind kind);

// For each backup time in `taken` (any order, each a distinct backup), its kind when the policy
// keeps it, nullopt when it is to be removed. Ties (two backups at the same millisecond) keep
// the later one in `taken`.
std::vector<std::optional<BackupKind>> SelectRetained(const std::vector<Timestamp>& taken,
                                                      const RetentionPolicy& policy);

}  // namespace ordo
