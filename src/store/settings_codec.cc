#include "store/settings_codec.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <set>

#include "domain/order/intake.h"

namespace ordo {
namespace json = boost::json;
namespace {

// The settings that are one integer, by key: one table for reading and writing them.
struct NumberSetting {
  const char* name;
  int64_t Settings::*member;
};

constexpr NumberSetting kNumbers[] = {
    {"weight_tolerance_percent", &Settings::weight_tolerance_percent},
    {"auto_confirm_days", &Settings::auto_confirm_days},
    {"unpaid_reminder_minutes", &Settings::unpaid_reminder_minutes},
    {"unpaid_close_minutes", &Settings::unpaid_close_minutes},
    {"amount_too_large_amount", &Settings::amount_too_large_amount},
    {"quantity_surge_factor", &Settings::quantity_surge_factor},
    {"after_sales_window_days", &Settings::after_sales_window_days},
    {"no_reason_return_days", &Settings::no_reason_return_days},
    {"usual_amount_factor", &Settings::usual_amount_factor},
    {"duplicate_order_window_minutes", &Settings::duplicate_order_window_minutes},
    {"high_risk_refusal_count", &Settings::high_risk_refusal_count},
    {"refund_approval_threshold_amount", &Settings::refund_approval_threshold_amount},
    {"duplicate_request_window_minutes", &Settings::duplicate_request_window_minutes},
    {"review_within_hours", &Settings::review_within_hours},
    {"correction_window_hours", &Settings::correction_window_hours},
    {"reply_within_hours", &Settings::reply_within_hours},
    {"waybill_low_threshold", &Settings::waybill_low_threshold},
    {"weight_tolerance_g", &Settings::weight_tolerance_g},
    {"packaging_weight_g", &Settings::packaging_weight_g},
    {"receipt_approval_quantity", &Settings::receipt_approval_quantity},
    {"adjustment_approval_quantity", &Settings::adjustment_approval_quantity},
};

constexpr std::array<const char*, 7> kWeekdays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// "2026-10-01" ↔ 20261001.
std::string DateText(int32_t date) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", date / 10000, date / 100 % 100,
                date % 100);
  return buffer;
}

std::optional<int32_t> DateValue(std::string_view text) {
  if (!ParseDate(text).ok()) {
    return std::nullopt;
  }
  return std::stoi(std::string(text.substr(0, 4))) * 10000 +
         std::stoi(std::string(text.substr(5, 2))) * 100 +
         std::stoi(std::string(text.substr(8, 2)));
}

json::array Strings(const std::vector<std::string>& values) {
  json::array array;
  for (const std::string& value : values) {
    array.emplace_back(value);
  }
  return array;
}

json::array Dates(const std::set<int32_t>& dates) {
  json::array array;
  for (int32_t date : dates) {
    array.emplace_back(DateText(date));
  }
  return array;
}

json::object RuleToJson(const CarrierRule& rule) {
  return json::object{{"carrier", rule.carrier},
                      {"name", rule.name},
                      {"provinces", Strings(rule.provinces)},
                      {"excluded_provinces", Strings(rule.excluded_provinces)},
                      {"services", Strings(rule.services)},
                      {"min_priority", rule.min_priority},
                      {"max_priority", rule.max_priority},
                      {"max_weight_g", rule.max_weight_g},
                      {"first_kg_amount", rule.first_kg_amount},
                      {"extra_kg_amount", rule.extra_kg_amount},
                      {"enabled", rule.enabled}};
}

json::value ValueOf(const Settings& settings, std::string_view key) {
  if (key == "document_retention_days") {
    json::object days;
    for (const auto& [name, value] : settings.document_retention_days) {
      days[name] = value;
    }
    return days;
  }
  if (key == "ship_within_hours" || key == "deliver_within_hours") {
    json::object hours;
    for (const auto& [name, value] :
         key == "ship_within_hours" ? settings.ship_within_hours : settings.deliver_within_hours) {
      hours[name] = value;
    }
    return hours;
  }
  if (key == "business_calendar") {
    json::array days;
    for (int day : settings.business_calendar.working_days) {
      days.emplace_back(day >= 1 && day <= 7 ? kWeekdays[day - 1] : "?");
    }
    return json::object{
        {"working_days", std::move(days)},
        {"holidays", Dates(settings.business_calendar.holidays)},
        {"extra_working_days", Dates(settings.business_calendar.extra_working_days)}};
  }
  if (key == "carrier_rules") {
    json::array rules;
    for (const CarrierRule& rule : settings.carrier_rules) {
      rules.push_back(RuleToJson(rule));
    }
    return rules;
  }
  if (key == "box_types") {
    json::array types;
    for (const BoxType& type : settings.box_types) {
      types.push_back(
          json::object{{"code", type.code}, {"name", type.name}, {"weight_g", type.weight_g}});
    }
    return types;
  }
  if (key == "departments") {
    json::array departments;
    for (const Department& department : settings.departments) {
      departments.push_back(json::object{{"code", department.code}, {"name", department.name}});
    }
    return departments;
  }
  if (key == "require_verification") {
    return settings.require_verification;
  }
  if (key == "auto_review") {
    return settings.auto_review;
  }
  for (const NumberSetting& number : kNumbers) {
    if (key == number.name) {
      return settings.*number.member;
    }
  }
  ORDO_ASSERT(false && "not a setting key");
  return nullptr;
}

// Typed reads of one JSON value, recording faults under `path`.
class Reader {
 public:
  explicit Reader(std::vector<FieldError>& errors) : errors_(errors) {}

  std::optional<int64_t> Int(const json::value& value, const std::string& path) {
    if (value.is_int64()) {
      return value.get_int64();
    }
    if (value.is_uint64() && value.get_uint64() <= static_cast<uint64_t>(INT64_MAX)) {
      return static_cast<int64_t>(value.get_uint64());
    }
    if (value.is_double() &&
        value.get_double() == static_cast<double>(static_cast<int64_t>(value.get_double()))) {
      return static_cast<int64_t>(value.get_double());
    }
    Fault(path, "an integer");
    return std::nullopt;
  }
  std::optional<bool> Bool(const json::value& value, const std::string& path) {
    if (value.is_bool()) {
      return value.get_bool();
    }
    Fault(path, "true or false");
    return std::nullopt;
  }
  std::optional<std::string> String(const json::value& value, const std::string& path) {
    if (value.is_string()) {
      return std::string(value.get_string());
    }
    Fault(path, "a string");
    return std::nullopt;
  }
  const json::object* Object(const json::value& value, const std::string& path) {
    if (value.is_object()) {
      return &value.get_object();
    }
    Fault(path, "an object");
    return nullptr;
  }
  std::optional<std::vector<std::string>> Strings(const json::value& value,
                                                  const std::string& path) {
    if (!value.is_array()) {
      Fault(path, "an array of strings");
      return std::nullopt;
    }
    std::vector<std::string> out;
    for (size_t i = 0; i < value.get_array().size(); ++i) {
      auto text = String(value.get_array()[i], path + "[" + std::to_string(i) + "]");
      if (!text) {
        return std::nullopt;
      }
      out.push_back(std::move(*text));
    }
    return out;
  }
  void Unknown(const std::string& path, const std::string& what) {
    errors_.push_back({path, Code::kUnknownSetting, path + ": unknown " + what});
  }
  void Invalid(const std::string& path, const std::string& message) {
    errors_.push_back({path, Code::kInvalidValue, message});
  }

 private:
  void Fault(const std::string& path, const char* what) {
    errors_.push_back({path, Code::kInvalidValue, path + " must be " + what});
  }
  std::vector<FieldError>& errors_;
};

// ship_within_hours (per order class) or deliver_within_hours (per shipping service).
void ApplyHours(Reader& read, const std::string& key, const json::value& value,
                Settings& settings) {
  const json::object* hours = read.Object(value, key);
  if (hours == nullptr) {
    return;
  }
  const bool ship = key == "ship_within_hours";
  const std::vector<std::string>& names = ship ? OrderClasses() : ShippingServices();
  auto& target = ship ? settings.ship_within_hours : settings.deliver_within_hours;
  for (const auto& [name, member] : *hours) {
    const std::string path = key + "." + std::string(name);
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      read.Unknown(path, ship ? "order class" : "shipping service");
    } else if (auto hours_value = read.Int(member, path)) {
      target[std::string(name)] = *hours_value;
    }
  }
}

// document_retention_days: days per document class.
void ApplyRetention(Reader& read, const json::value& value, Settings& settings) {
  const std::string key = "document_retention_days";
  const json::object* days = read.Object(value, key);
  if (days == nullptr) {
    return;
  }
  for (const auto& [name, member] : *days) {
    const std::string path = key + "." + std::string(name);
    if (!ParseDocumentClass(name)) {
      read.Unknown(path, "document class");
    } else if (auto days_value = read.Int(member, path)) {
      settings.document_retention_days[std::string(name)] = *days_value;
    }
  }
}

std::optional<std::set<int32_t>> ReadDates(Reader& read, const json::value& value,
                                           const std::string& path) {
  auto texts = read.Strings(value, path);
  if (!texts) {
    return std::nullopt;
  }
  std::set<int32_t> dates;
  for (size_t i = 0; i < texts->size(); ++i) {
    auto date = DateValue((*texts)[i]);
    if (!date) {
      read.Invalid(path + "[" + std::to_string(i) + "]", "dates are written YYYY-MM-DD");
      return std::nullopt;
    }
    dates.insert(*date);
  }
  return dates;
}

void ApplyCalendar(Reader& read, const json::value& value, Settings& settings) {
  const json::object* calendar = read.Object(value, "business_calendar");
  if (calendar == nullptr) {
    return;
  }
  BusinessCalendar& target = settings.business_calendar;
  for (const auto& [name, member] : *calendar) {
    const std::string path = "business_calendar." + std::string(name);
    if (name == "working_days") {
      auto days = read.Strings(member, path);
      if (!days) {
        continue;
      }
      std::set<int> working;
      for (size_t i = 0; i < days->size(); ++i) {
        auto day = std::find(kWeekdays.begin(), kWeekdays.end(), (*days)[i]);
        if (day == kWeekdays.end()) {
          read.Invalid(path + "[" + std::to_string(i) + "]", "weekdays are mon, tue, … sun");
        } else {
          working.insert(static_cast<int>(day - kWeekdays.begin()) + 1);
        }
      }
      target.working_days = std::move(working);
    } else if (name == "holidays" || name == "extra_working_days") {
      if (auto dates = ReadDates(read, member, path)) {
        (name == "holidays" ? target.holidays : target.extra_working_days) = std::move(*dates);
      }
    } else {
      read.Unknown(path, "calendar member");
    }
  }
}

void ApplyRuleMember(Reader& read, std::string_view name, const json::value& member,
                     const std::string& path, CarrierRule& rule) {
  if (name == "carrier" || name == "name") {
    if (auto text = read.String(member, path)) {
      (name == "carrier" ? rule.carrier : rule.name) = std::move(*text);
    }
  } else if (name == "provinces" || name == "excluded_provinces" || name == "services") {
    if (auto list = read.Strings(member, path)) {
      (name == "provinces"            ? rule.provinces
       : name == "excluded_provinces" ? rule.excluded_provinces
                                      : rule.services) = std::move(*list);
    }
  } else if (name == "min_priority" || name == "max_priority") {
    if (auto value = read.Int(member, path)) {
      const int clamped = static_cast<int>(std::clamp<int64_t>(*value, -1, 101));
      (name == "min_priority" ? rule.min_priority : rule.max_priority) = clamped;
    }
  } else if (name == "max_weight_g" || name == "first_kg_amount" || name == "extra_kg_amount") {
    if (auto value = read.Int(member, path)) {
      (name == "max_weight_g"      ? rule.max_weight_g
       : name == "first_kg_amount" ? rule.first_kg_amount
                                   : rule.extra_kg_amount) = *value;
    }
  } else if (name == "enabled") {
    if (auto value = read.Bool(member, path)) {
      rule.enabled = *value;
    }
  } else {
    read.Unknown(path, "carrier rule member");
  }
}

void ApplyRules(Reader& read, const json::value& value, Settings& settings,
                std::vector<FieldError>& errors) {
  if (!value.is_array()) {
    read.Invalid("carrier_rules", "carrier_rules must be an array of rules");
    return;
  }
  std::vector<CarrierRule> rules;
  for (size_t i = 0; i < value.get_array().size(); ++i) {
    const std::string at = "carrier_rules[" + std::to_string(i) + "]";
    const json::object* object = read.Object(value.get_array()[i], at);
    if (object == nullptr) {
      continue;
    }
    CarrierRule rule;
    rule.max_weight_g = 30000;
    for (const char* required : {"carrier", "name"}) {
      if (!object->contains(required)) {
        errors.push_back(
            {at + "." + required, Code::kRequired, at + "." + required + " is required"});
      }
    }
    for (const auto& [name, member] : *object) {
      ApplyRuleMember(read, name, member, at + "." + std::string(name), rule);
    }
    rules.push_back(std::move(rule));
  }
  settings.carrier_rules = std::move(rules);
}

void ApplyBoxTypes(Reader& read, const json::value& value, Settings& settings,
                   std::vector<FieldError>& errors) {
  if (!value.is_array()) {
    read.Invalid("box_types", "box_types must be an array of box types");
    return;
  }
  std::vector<BoxType> types;
  for (size_t i = 0; i < value.get_array().size(); ++i) {
    const std::string at = "box_types[" + std::to_string(i) + "]";
    const json::object* object = read.Object(value.get_array()[i], at);
    if (object == nullptr) {
      continue;
    }
    BoxType type;
    for (const char* required : {"code", "name", "weight_g"}) {
      if (!object->contains(required)) {
        errors.push_back(
            {at + "." + required, Code::kRequired, at + "." + required + " is required"});
      }
    }
    for (const auto& [name, member] : *object) {
      const std::string path = at + "." + std::string(name);
      if (name == "code" || name == "name") {
        if (auto text = read.String(member, path)) {
          (name == "code" ? type.code : type.name) = std::move(*text);
        }
      } else if (name == "weight_g") {
        if (auto grams = read.Int(member, path)) {
          type.weight_g = *grams;
        }
      } else {
        read.Unknown(path, "box type member");
      }
    }
    types.push_back(std::move(type));
  }
  settings.box_types = std::move(types);
}

void ApplyDepartments(Reader& read, const json::value& value, Settings& settings) {
  if (!value.is_array()) {
    read.Invalid("departments", "departments must be an array of {code, name}");
    return;
  }
  std::vector<Department> departments;
  for (size_t i = 0; i < value.get_array().size(); ++i) {
    const std::string at = "departments[" + std::to_string(i) + "]";
    const json::object* object = read.Object(value.get_array()[i], at);
    if (object == nullptr) {
      continue;
    }
    Department department;
    for (const auto& [name, member] : *object) {
      const std::string path = at + "." + std::string(name);
      if (name == "code" || name == "name") {
        if (auto text = read.String(member, path)) {
          (name == "code" ? department.code : department.name) = std::move(*text);
        }
      } else {
        read.Unknown(path, "department member");
      }
    }
    departments.push_back(std::move(department));
  }
  settings.departments = std::move(departments);
}

void ApplyNumber(Reader& read, std::string_view key, const json::value& value, Settings& settings) {
  for (const NumberSetting& number : kNumbers) {
    if (key == number.name) {
      if (auto read_value = read.Int(value, number.name)) {
        settings.*number.member = *read_value;
      }
      return;
    }
  }
}

}  // namespace

json::object SettingsToJson(const Settings& settings) {
  json::object object;
  for (const std::string& key : SettingKeys()) {
    object[key] = ValueOf(settings, key);
  }
  return object;
}

std::string EncodeSettingValue(const Settings& settings, std::string_view key) {
  return json::serialize(ValueOf(settings, key));
}

void ApplySettingsPatch(const json::object& patch, Settings& settings,
                        std::vector<FieldError>& errors) {
  Reader read(errors);
  for (const auto& [name, value] : patch) {
    const std::string key(name);
    if (!IsSettingKey(key)) {
      read.Unknown(key, "setting");
    } else if (value.is_null()) {
      errors.push_back({key, Code::kInvalidValue, key + " cannot be null"});
    } else if (key == "ship_within_hours" || key == "deliver_within_hours") {
      ApplyHours(read, key, value, settings);
    } else if (key == "document_retention_days") {
      ApplyRetention(read, value, settings);
    } else if (key == "business_calendar") {
      ApplyCalendar(read, value, settings);
    } else if (key == "carrier_rules") {
      ApplyRules(read, value, settings, errors);
    } else if (key == "box_types") {
      ApplyBoxTypes(read, value, settings, errors);
    } else if (key == "departments") {
      ApplyDepartments(read, value, settings);
    } else if (key == "require_verification") {
      if (auto flag = read.Bool(value, key)) {
        settings.require_verification = *flag;
      }
    } else if (key == "auto_review") {
      if (auto flag = read.Bool(value, key)) {
        settings.auto_review = *flag;
      }
    } else {
      ApplyNumber(read, key, value, settings);
    }
  }
}

Result<Settings> DecodeSettings(const std::map<std::string, std::string>& values) {
  json::object stored;
  for (const auto& [key, text] : values) {
    if (!IsSettingKey(key)) {
      continue;  // written by a newer build: not ours to read
    }
    boost::system::error_code ec;
    json::value value = json::parse(text, ec);
    if (ec) {
      return Status::Internal("the stored setting " + key + " is not JSON");
    }
    stored[key] = std::move(value);
  }
  Settings settings;
  std::vector<FieldError> errors;
  ApplySettingsPatch(stored, settings, errors);
  if (!errors.empty()) {
    return Status::Internal("a stored setting does not read back: " + errors.front().message);
  }
  return settings;
}

}  // namespace ordo
