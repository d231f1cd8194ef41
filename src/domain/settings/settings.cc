#include "domain/settings/settings.h"

#include <algorithm>

#include "base/limits.h"
#include "domain/catalog/catalog.h"
#include "domain/order/intake.h"

namespace ordo {
namespace {

void Range(std::vector<FieldError>& errors, const std::string& field, int64_t value, int64_t low,
           int64_t high) {
  if (value < low || value > high) {
    errors.push_back({field, Code::kInvalidValue,
                      field + " must be " + std::to_string(low) + ".." + std::to_string(high)});
  }
}

void ValidateCalendar(const BusinessCalendar& calendar, std::vector<FieldError>& errors) {
  if (calendar.working_days.empty()) {
    errors.push_back({"business_calendar.working_days", Code::kInvalidValue,
                      "at least one weekday must be a working day"});
  }
  for (int day : calendar.working_days) {
    if (day < 1 || day > 7) {
      errors.push_back({"business_calendar.working_days", Code::kInvalidValue,
                        "weekdays are 1 (Monday) to 7 (Sunday)"});
      break;
    }
  }
  if (calendar.holidays.size() > 366) {
    errors.push_back({"business_calendar.holidays", Code::kInvalidValue, "at most 366 dates"});
  }
  if (calendar.extra_working_days.size() > 366) {
    errors.push_back(
        {"business_calendar.extra_working_days", Code::kInvalidValue, "at most 366 dates"});
  }
  for (int32_t date : calendar.extra_working_days) {
    if (calendar.holidays.count(date) > 0) {
      errors.push_back({"business_calendar.extra_working_days", Code::kInvalidValue,
                        std::to_string(date) + " is also a holiday"});
      break;
    }
  }
}

void ValidateBoxTypes(const std::vector<BoxType>& types, std::vector<FieldError>& errors) {
  if (types.size() > 50) {
    errors.push_back({"box_types", Code::kInvalidValue, "at most 50 box types"});
    return;
  }
  for (size_t i = 0; i < types.size(); ++i) {
    const std::string at = "box_types[" + std::to_string(i) + "].";
    const BoxType& type = types[i];
    if (!IsValidCode(type.code) || type.code.size() > 16) {
      errors.push_back(
          {at + "code", Code::kInvalidValue, "code must be 1-16 characters of A-Z a-z 0-9 - _ ."});
    }
    for (size_t j = 0; j < i; ++j) {
      if (types[j].code == type.code) {
        errors.push_back({at + "code", Code::kInvalidValue, type.code + " is listed twice"});
      }
    }
    if (type.name.empty() || type.name.size() > 100) {
      errors.push_back({at + "name", Code::kInvalidValue, "name must be 1-100 bytes"});
    }
    Range(errors, at + "weight_g", type.weight_g, 0, 100000);
  }
}

// Hours per name: every one of `names` present, in 1..`most`, and nothing else.
void ValidateHours(const std::map<std::string, int64_t, std::less<>>& hours, const std::string& key,
                   const std::vector<std::string>& names, int64_t most,
                   std::vector<FieldError>& errors) {
  for (const std::string& name : names) {
    auto it = hours.find(name);
    const std::string field = key + "." + name;
    if (it == hours.end()) {
      errors.push_back({field, Code::kRequired, field + " is required"});
    } else {
      Range(errors, field, it->second, 1, most);
    }
  }
  for (const auto& [name, value] : hours) {
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      errors.push_back({key + "." + name, Code::kUnknownSetting, "unknown name " + name});
    }
  }
}

}  // namespace

std::optional<int64_t> Settings::PackagingWeight(std::string_view code) const {
  if (code.empty()) {
    return packaging_weight_g;
  }
  for (const BoxType& type : box_types) {
    if (type.code == code) {
      return type.weight_g;
    }
  }
  return std::nullopt;
}

int64_t Settings::ShipWithinHours(std::string_view order_class) const {
  auto it = ship_within_hours.find(order_class);
  if (it != ship_within_hours.end()) {
    return it->second;
  }
  it = ship_within_hours.find("standard");
  return it != ship_within_hours.end() ? it->second : 24;
}

int64_t Settings::DeliverWithinHours(std::string_view service) const {
  auto it = deliver_within_hours.find(service);
  if (it != deliver_within_hours.end()) {
    return it->second;
  }
  it = deliver_within_hours.find("standard");
  return it != deliver_within_hours.end() ? it->second : 120;
}

const std::vector<std::string>& SettingKeys() {
  static const std::vector<std::string> kKeys = {"ship_within_hours",
                                                 "weight_tolerance_percent",
                                                 "auto_confirm_days",
                                                 "business_calendar",
                                                 "require_verification",
                                                 "carrier_rules",
                                                 "unpaid_reminder_minutes",
                                                 "unpaid_close_minutes",
                                                 "amount_too_large_amount",
                                                 "quantity_surge_factor",
                                                 "after_sales_window_days",
                                                 "no_reason_return_days",
                                                 "usual_amount_factor",
                                                 "duplicate_order_window_minutes",
                                                 "high_risk_refusal_count",
                                                 "auto_review",
                                                 "waybill_low_threshold",
                                                 "weight_tolerance_g",
                                                 "packaging_weight_g",
                                                 "box_types",
                                                 "refund_approval_threshold_amount",
                                                 "duplicate_request_window_minutes",
                                                 "deliver_within_hours",
                                                 "review_within_hours",
                                                 "correction_window_hours",
                                                 "reply_within_hours",
                                                 "departments",
                                                 "receipt_approval_quantity",
                                                 "adjustment_approval_quantity",
                                                 "document_retention_days"};
  return kKeys;
}

bool IsSettingKey(std::string_view key) {
  const auto& keys = SettingKeys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

const std::vector<std::string>& OrderClasses() {
  static const std::vector<std::string> kClasses = {"standard", "expedited", "occasion", "economy",
                                                    "store_replenishment"};
  return kClasses;
}

Status ValidateSettings(const Settings& settings) {
  std::vector<FieldError> errors;
  ValidateHours(settings.ship_within_hours, "ship_within_hours", OrderClasses(), 720, errors);
  ValidateHours(settings.deliver_within_hours, "deliver_within_hours", ShippingServices(), 2160,
                errors);
  Range(errors, "weight_tolerance_percent", settings.weight_tolerance_percent, 0, 100);
  Range(errors, "auto_confirm_days", settings.auto_confirm_days, 1, 90);
  ValidateCalendar(settings.business_calendar, errors);
  ValidateCarrierRules(settings.carrier_rules, errors);
  Range(errors, "unpaid_reminder_minutes", settings.unpaid_reminder_minutes, 1, 10080);
  Range(errors, "unpaid_close_minutes", settings.unpaid_close_minutes, 1, 43200);
  if (settings.unpaid_reminder_minutes >= settings.unpaid_close_minutes) {
    errors.push_back({"unpaid_reminder_minutes", Code::kInvalidValue,
                      "the reminder must come before the close (unpaid_close_minutes)"});
  }
  Range(errors, "amount_too_large_amount", settings.amount_too_large_amount, 1, int64_t{1} << 50);
  Range(errors, "quantity_surge_factor", settings.quantity_surge_factor, 2, 1000);
  Range(errors, "after_sales_window_days", settings.after_sales_window_days, 1, 365);
  Range(errors, "no_reason_return_days", settings.no_reason_return_days, 1, 365);
  Range(errors, "usual_amount_factor", settings.usual_amount_factor, 2, 1000);
  Range(errors, "duplicate_order_window_minutes", settings.duplicate_order_window_minutes, 1, 1440);
  Range(errors, "high_risk_refusal_count", settings.high_risk_refusal_count, 1, 100);
  Range(errors, "waybill_low_threshold", settings.waybill_low_threshold, 0, 1000000);
  Range(errors, "weight_tolerance_g", settings.weight_tolerance_g, 0, 100000);
  Range(errors, "packaging_weight_g", settings.packaging_weight_g, 0, 100000);
  ValidateBoxTypes(settings.box_types, errors);
  Range(errors, "refund_approval_threshold_amount", settings.refund_approval_threshold_amount, 0,
        int64_t{1} << 50);
  Range(errors, "duplicate_request_window_minutes", settings.duplicate_request_window_minutes, 0,
        1440);
  Range(errors, "review_within_hours", settings.review_within_hours, 1, 720);
  Range(errors, "correction_window_hours", settings.correction_window_hours, 1, 2160);
  Range(errors, "reply_within_hours", settings.reply_within_hours, 1, 720);
  if (Status departments = ValidateDepartments(settings.departments); !departments.ok()) {
    errors.insert(errors.end(), departments.field_errors().begin(),
                  departments.field_errors().end());
  }
  Range(errors, "receipt_approval_quantity", settings.receipt_approval_quantity, 1, kMaxQuantity);
  Range(errors, "adjustment_approval_quantity", settings.adjustment_approval_quantity, 1,
        kMaxQuantity);
  for (const std::string& name : DocumentClassNames()) {
    auto it = settings.document_retention_days.find(name);
    const std::string field = "document_retention_days." + name;
    if (it == settings.document_retention_days.end()) {
      errors.push_back({field, Code::kRequired, field + " is required"});
    } else {
      Range(errors, field, it->second, kMinRetentionDays, kMaxRetentionDays);
    }
  }
  for (const auto& [name, days] : settings.document_retention_days) {
    if (!ParseDocumentClass(name)) {
      errors.push_back({"document_retention_days." + name, Code::kUnknownSetting,
                        "unknown document class " + name});
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return Status::Ok();
}

std::map<std::string, int64_t, std::less<>> DefaultDocumentRetention() {
  std::map<std::string, int64_t, std::less<>> days;
  for (DocumentClass document_class : DocumentClasses()) {
    days[std::string(DocumentClassName(document_class))] = DefaultRetentionDays(document_class);
  }
  return days;
}

const std::vector<std::string>& DocumentClassNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (DocumentClass document_class : DocumentClasses()) {
      names.emplace_back(DocumentClassName(document_class));
    }
    return names;
  }();
  return kNames;
}

int64_t Settings::RetentionDays(DocumentClass document_class) const {
  auto it = document_retention_days.find(DocumentClassName(document_class));
  return it != document_retention_days.end() ? it->second : DefaultRetentionDays(document_class);
}

}  // namespace ordo
