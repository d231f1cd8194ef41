// The supervision policy file (time limits and thresholds of domain/audit/policy.h), read by
// `ordo serve`. A JSON object; every member is optional and keeps its default when left out:
//
//   {"ship_within": [{"min_priority": 80, "limit": "12h"}, {"min_priority": 0, "limit": "24h"}],
//    "review_within": "4h", "correction_window": "72h", "reply_within": "24h",
//    "deliver_within": {"standard": "120h", "express": "72h", "default": "120h"},
//    "reward_min_timeliness_bp": 9500, "reward_min_steps": 20,
//    "review_department": "customer_service", "fulfilment_department": "warehouse",
//    "reply_department": "customer_service"}
//
// Durations are written with units ("24h", "90m", "30s", "500ms"). An unknown member is refused,
// so that a misspelt limit is not silently ignored.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/audit/policy.h"

namespace ordo::cli {

// The file used when --supervision-policy is not given (when it exists).
std::string DefaultSupervisionPolicyPath(const std::string& data_dir);

// The policy in `text`; kInvalid naming the first member at fault.
Result<SupervisionPolicy> ParseSupervisionPolicy(std::string_view text);

// The policy from `path`, else from the default file when it exists, else the defaults.
// kInvalid when the file is unreadable or invalid.
Result<SupervisionPolicy> LoadSupervisionPolicy(const std::string& data_dir,
                                                const std::string& path);

}  // namespace ordo::cli
