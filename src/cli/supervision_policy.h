// The supervision policy file, read by `ordo serve` (deprecated in part). Time limits have one
// source, the settings (GET/PATCH /api/v1/settings: ship_within_hours, review_within_hours,
// correction_window_hours, reply_within_hours, deliver_within_hours), and the departments that
// answer for a stage are the registry's (domain/staff/department.h). The file keeps only what
// the settings do not hold, the reward thresholds:
//
//   {"reward_min_timeliness_bp": 9500, "reward_min_steps": 20}
//
// Members the file used to hold (ship_within, review_within, correction_window, reply_within,
// deliver_within, review_department, fulfilment_department, reply_department) are no longer
// read: each is reported as a warning naming the setting that replaces it, so an old file keeps
// the server starting and says what to move. Any other unknown member is refused, so that a
// misspelt threshold is not silently ignored.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/audit/policy.h"

namespace ordo::cli {

// The file used when --supervision-policy is not given (when it exists).
std::string DefaultSupervisionPolicyPath(const std::string& data_dir);

// The reward thresholds in `text`; kInvalid naming the first member at fault. `warnings` (may be
// null) receives one sentence per member no longer read.
Result<RewardThresholds> ParseSupervisionPolicy(std::string_view text,
                                                std::vector<std::string>* warnings = nullptr);

// The thresholds from `path`, else from the default file when it exists, else the defaults.
// kInvalid when the file is unreadable or invalid; warnings as ParseSupervisionPolicy.
Result<RewardThresholds> LoadSupervisionPolicy(const std::string& data_dir, const std::string& path,
                                               std::vector<std::string>* warnings = nullptr);

}  // namespace ordo::cli
