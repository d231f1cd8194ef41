#include "domain/settings/settings.h"

#include <gtest/gtest.h>

#include <set>

namespace ordo {
namespace {

std::vector<std::string> Fields(const Status& status) {
  std::vector<std::string> fields;
  for (const FieldError& error : status.field_errors()) {
    fields.push_back(error.field);
  }
  return fields;
}

TEST(Settings, TheDefaultsAreValid) {
  const Settings settings;
  EXPECT_TRUE(ValidateSettings(settings).ok()) << ValidateSettings(settings).ToString();
  EXPECT_EQ(settings.ShipWithinHours("standard"), 24);
  EXPECT_EQ(settings.ShipWithinHours("expedited"), 12);
  EXPECT_EQ(settings.ShipWithinHours("something_new"), 24) << "unknown classes get standard";
  EXPECT_EQ(settings.weight_tolerance_percent, 10);
  EXPECT_EQ(settings.auto_confirm_days, 10);
}

TEST(Settings, EveryKeyIsListedOnce) {
  for (const std::string& key : SettingKeys()) {
    EXPECT_TRUE(IsSettingKey(key));
  }
  EXPECT_EQ(SettingKeys().size(), 30u);
  EXPECT_FALSE(IsSettingKey("ship_within"));
}

TEST(Settings, OutOfRangeValuesAreNamedByTheirPath) {
  Settings settings;
  settings.ship_within_hours["expedited"] = 0;
  settings.ship_within_hours.erase("economy");
  settings.weight_tolerance_percent = 101;
  settings.auto_confirm_days = 0;
  settings.quantity_surge_factor = 1;
  const Status status = ValidateSettings(settings);
  ASSERT_EQ(status.kind(), Kind::kInvalid);
  EXPECT_EQ(Fields(status),
            (std::vector<std::string>{"ship_within_hours.expedited", "ship_within_hours.economy",
                                      "weight_tolerance_percent", "auto_confirm_days",
                                      "quantity_surge_factor"}));
}

TEST(Settings, ReviewThresholdsAreCheckedAtTheirBounds) {
  Settings settings;
  EXPECT_TRUE(settings.auto_review) << "automatic review is on unless turned off";
  settings.usual_amount_factor = 2;
  settings.duplicate_order_window_minutes = 1440;
  settings.high_risk_refusal_count = 1;
  EXPECT_TRUE(ValidateSettings(settings).ok());
  settings.usual_amount_factor = 1;
  settings.duplicate_order_window_minutes = 1441;
  settings.high_risk_refusal_count = 0;
  EXPECT_EQ(Fields(ValidateSettings(settings)),
            (std::vector<std::string>{"usual_amount_factor", "duplicate_order_window_minutes",
                                      "high_risk_refusal_count"}));
}

TEST(Settings, PackagingIsWeighedByBoxTypeAndTheirListIsChecked) {
  Settings settings;
  EXPECT_TRUE(settings.require_verification) << "parcels are verified by default";
  EXPECT_EQ(settings.PackagingWeight(""), 50) << "the default packaging";
  EXPECT_EQ(settings.PackagingWeight("S1"), 60);
  EXPECT_FALSE(settings.PackagingWeight("NOPE"));
  EXPECT_EQ(settings.weight_tolerance().grams, 50);
  settings.box_types = {{"S1", "小号纸箱", 60}, {"S1", "again", 70}, {"b@d", "", -1}};
  settings.weight_tolerance_g = 100001;
  EXPECT_EQ(
      Fields(ValidateSettings(settings)),
      (std::vector<std::string>{"weight_tolerance_g", "box_types[1].code", "box_types[2].code",
                                "box_types[2].name", "box_types[2].weight_g"}));
}

TEST(Settings, TheToleranceBoundsAreInclusive) {
  Settings settings;
  settings.weight_tolerance_percent = 0;
  EXPECT_TRUE(ValidateSettings(settings).ok());
  settings.weight_tolerance_percent = 100;
  EXPECT_TRUE(ValidateSettings(settings).ok());
  settings.weight_tolerance_percent = -1;
  EXPECT_FALSE(ValidateSettings(settings).ok());
}

TEST(Settings, TheUnpaidReminderComesBeforeTheClose) {
  Settings settings;
  settings.unpaid_reminder_minutes = 60;
  settings.unpaid_close_minutes = 60;
  EXPECT_EQ(Fields(ValidateSettings(settings)),
            (std::vector<std::string>{"unpaid_reminder_minutes"}));
}

TEST(Settings, ACalendarNeedsAWorkingDayAndConsistentDates) {
  Settings settings;
  settings.business_calendar.working_days.clear();
  settings.business_calendar.holidays = {20261001};
  settings.business_calendar.extra_working_days = {20261001};
  EXPECT_EQ(Fields(ValidateSettings(settings)),
            (std::vector<std::string>{"business_calendar.working_days",
                                      "business_calendar.extra_working_days"}));
}

TEST(Settings, CarrierRulesAreValidatedToo) {
  Settings settings;
  settings.carrier_rules[0].max_weight_g = 0;
  EXPECT_EQ(Fields(ValidateSettings(settings)),
            (std::vector<std::string>{"carrier_rules[0].max_weight_g"}));
}

}  // namespace
}  // namespace ordo

namespace ordo {
namespace {

TEST(Settings, DocumentsAreKeptAtLeastThreeYearsPerClass) {
  Settings settings;
  EXPECT_TRUE(ValidateSettings(settings).ok());
  EXPECT_EQ(settings.RetentionDays(DocumentClass::kOrderConfirmation), 1095);
  EXPECT_EQ(settings.RetentionDays(DocumentClass::kInvoice), 3650);
  settings.document_retention_days["waybill"] = 30;
  settings.document_retention_days["memo"] = 2000;
  settings.document_retention_days.erase("invoice");
  Status status = ValidateSettings(settings);
  ASSERT_FALSE(status.ok());
  std::set<std::string> fields;
  for (const FieldError& error : status.field_errors()) {
    fields.insert(error.field);
  }
  EXPECT_TRUE(fields.count("document_retention_days.waybill"));
  EXPECT_TRUE(fields.count("document_retention_days.memo"));
  EXPECT_TRUE(fields.count("document_retention_days.invoice"));
}

}  // namespace
}  // namespace ordo
