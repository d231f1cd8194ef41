// The JSON form of the settings (domain/settings/settings.h): what GET /api/v1/settings shows,
// what PATCH accepts, and what the store keeps per key. One codec for all three, so a stored
// value reads back exactly as it was accepted.
//
//   {"ship_within_hours": {"standard": 24, "expedited": 12, …},
//    "weight_tolerance_percent": 10, "auto_confirm_days": 10,
//    "business_calendar": {"working_days": ["mon", …, "sun"], "holidays": ["2026-10-01"],
//                          "extra_working_days": ["2026-10-10"]},
//    "require_verification": false,
//    "carrier_rules": [{"carrier": "ZTO", "name": "中通快递", "provinces": [],
//                       "excluded_provinces": ["西藏自治区"], "services": ["standard"],
//                       "min_priority": 0, "max_priority": 79, "max_weight_g": 30000,
//                       "first_kg_amount": 800, "extra_kg_amount": 300, "enabled": true}],
//    "unpaid_reminder_minutes": 30, "unpaid_close_minutes": 1440,
//    "amount_too_large_amount": 500000, "quantity_surge_factor": 5}
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/settings/settings.h"

namespace ordo {

boost::json::object SettingsToJson(const Settings& settings);
// The value of one key (IsSettingKey(key) required), as compact JSON text.
std::string EncodeSettingValue(const Settings& settings, std::string_view key);

// Applies the members of `patch` to `settings`. ship_within_hours and business_calendar merge
// member by member; every other key replaces its value (carrier_rules the whole list). Faults
// are appended to `errors` by JSON path: unknown_setting for a key that is not a setting (or an
// unknown member of an object setting), invalid_value or required for a value of the wrong
// type. Ranges are checked afterwards by ValidateSettings.
void ApplySettingsPatch(const boost::json::object& patch, Settings& settings,
                        std::vector<FieldError>& errors);

// The defaults with the stored values (key → JSON text) applied; stored keys this build does
// not know are ignored. kInternal when a stored value does not read back.
Result<Settings> DecodeSettings(const std::map<std::string, std::string>& values);

}  // namespace ordo
