#include "store/settings_codec.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {
namespace json = boost::json;

std::vector<std::pair<std::string, Code>> Apply(const char* patch, Settings& settings) {
  std::vector<FieldError> errors;
  ApplySettingsPatch(json::parse(patch).as_object(), settings, errors);
  std::vector<std::pair<std::string, Code>> out;
  for (const FieldError& error : errors) {
    out.emplace_back(error.field, error.code);
  }
  return out;
}

TEST(SettingsCodec, EveryKeyIsShownWithItsDefault) {
  const json::object object = SettingsToJson(Settings{});
  EXPECT_EQ(object.size(), SettingKeys().size());
  EXPECT_EQ(object.at("weight_tolerance_percent").as_int64(), 10);
  EXPECT_EQ(object.at("ship_within_hours").at("expedited").as_int64(), 12);
  EXPECT_EQ(object.at("business_calendar").at("working_days").as_array().size(), 5u)
      << "weekends are off by default (AFS-5)";
  EXPECT_EQ(object.at("carrier_rules").as_array().size(), 4u);
  EXPECT_EQ(EncodeSettingValue(Settings{}, "require_verification"), "true")
      << "parcels are verified by default";
  EXPECT_EQ(object.at("weight_tolerance_g").as_int64(), 50);
  EXPECT_EQ(object.at("box_types").as_array().size(), DefaultBoxTypes().size());
}

TEST(SettingsCodec, APatchMergesObjectSettingsAndReplacesTheRest) {
  Settings settings;
  const auto errors = Apply(R"({"ship_within_hours": {"expedited": 8},
      "business_calendar": {"working_days": ["mon", "tue", "wed", "thu", "fri"],
                            "holidays": ["2026-10-01", "2026-10-02"]},
      "weight_tolerance_percent": 5, "require_verification": true,
      "carrier_rules": [{"carrier": "EMS", "name": "中国邮政", "max_weight_g": 40000,
                         "first_kg_amount": 1000, "extra_kg_amount": 200}]})",
                            settings);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(settings.ship_within_hours.at("expedited"), 8);
  EXPECT_EQ(settings.ship_within_hours.at("standard"), 24) << "other classes keep their value";
  EXPECT_EQ(settings.business_calendar.working_days, (std::set<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(settings.business_calendar.holidays, (std::set<int32_t>{20261001, 20261002}));
  EXPECT_EQ(settings.weight_tolerance_percent, 5);
  EXPECT_TRUE(settings.require_verification);
  ASSERT_EQ(settings.carrier_rules.size(), 1u);
  EXPECT_EQ(settings.carrier_rules[0].carrier, "EMS");
  EXPECT_EQ(settings.carrier_rules[0].max_priority, 100);
  EXPECT_TRUE(settings.carrier_rules[0].enabled);
}

TEST(SettingsCodec, UnknownKeysAndWrongTypesAreNamedByPath) {
  Settings settings;
  const auto errors = Apply(R"({"ship_within": 3, "auto_confirm_days": "ten",
      "ship_within_hours": {"express": 6, "standard": 1.5},
      "business_calendar": {"holidays": ["2026-02-30"], "weekends": []},
      "carrier_rules": [{"name": "无代码", "colour": "red"}],
      "require_verification": null})",
                            settings);
  EXPECT_EQ(errors, (std::vector<std::pair<std::string, Code>>{
                        {"ship_within", Code::kUnknownSetting},
                        {"auto_confirm_days", Code::kInvalidValue},
                        {"ship_within_hours.express", Code::kUnknownSetting},
                        {"ship_within_hours.standard", Code::kInvalidValue},
                        {"business_calendar.holidays[0]", Code::kInvalidValue},
                        {"business_calendar.weekends", Code::kUnknownSetting},
                        {"carrier_rules[0].carrier", Code::kRequired},
                        {"carrier_rules[0].colour", Code::kUnknownSetting},
                        {"require_verification", Code::kInvalidValue},
                    }));
}

TEST(SettingsCodec, StoredValuesReadBackExactly) {
  Settings changed;
  changed.auto_confirm_days = 7;
  changed.business_calendar.extra_working_days = {20261010};
  changed.carrier_rules.pop_back();
  std::map<std::string, std::string> stored;
  for (const std::string& key : SettingKeys()) {
    stored[key] = EncodeSettingValue(changed, key);
  }
  stored["a_key_from_a_newer_build"] = "1";
  auto decoded = DecodeSettings(stored);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  for (const std::string& key : SettingKeys()) {
    EXPECT_EQ(EncodeSettingValue(*decoded, key), stored[key]) << key;
  }
  EXPECT_EQ(DecodeSettings({{"auto_confirm_days", "\"x\""}}).status().code(), Code::kInternal);
  EXPECT_EQ(DecodeSettings({})->auto_confirm_days, 10) << "nothing stored: the defaults";
}

}  // namespace
}  // namespace ordo
