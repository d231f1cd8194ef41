#include "domain/audit/policy.h"

#include <gtest/gtest.h>

#include "domain/audit/period.h"
#include "domain/audit/violation.h"

namespace ordo {
namespace {

TEST(SupervisionPolicy, DurationsAreWrittenWithUnits) {
  EXPECT_EQ(ParseDurationMs("24h").value(), 24 * kHourMs);
  EXPECT_EQ(ParseDurationMs("90m").value(), 90 * 60 * 1000);
  EXPECT_EQ(ParseDurationMs("1h30m").value(), 90 * 60 * 1000);
  EXPECT_EQ(ParseDurationMs("2d").value(), 48 * kHourMs);
  EXPECT_EQ(ParseDurationMs("500ms").value(), 500);
  EXPECT_EQ(ParseDurationMs("0s").value(), 0);
  for (const char* bad : {"", "24", "h", "1.5h", "-1h", "3w", "1h 30m", "9999999999h"}) {
    EXPECT_FALSE(ParseDurationMs(bad).ok()) << bad;
  }
}

TEST(SupervisionPolicy, EveryTimeLimitComesFromTheSettings) {
  Settings settings;
  settings.ship_within_hours["expedited"] = 12;
  settings.review_within_hours = 3;
  settings.correction_window_hours = 48;
  settings.reply_within_hours = 8;
  settings.deliver_within_hours["express"] = 60;
  const SupervisionPolicy policy = PolicyFromSettings(settings, {9000, 5});
  EXPECT_EQ(policy.ShipWithinHours("expedited"), 12) << "the same limit the ship-by watch uses";
  EXPECT_EQ(policy.ShipWithinHours("by_camel"), 24);
  EXPECT_EQ(policy.review_within_ms, 3 * kHourMs);
  EXPECT_EQ(policy.correction_window_ms, 48 * kHourMs);
  EXPECT_EQ(policy.reply_within_ms, 8 * kHourMs);
  EXPECT_EQ(policy.DeliverWithinMs("express"), 60 * kHourMs);
  EXPECT_EQ(policy.DeliverWithinMs("by_camel"), 120 * kHourMs);
  EXPECT_EQ(policy.reward_min_timeliness_bp, 9000);
  EXPECT_EQ(policy.reward_min_steps, 5);
  EXPECT_EQ(policy.review_department, "customer_service") << "a department of the registry";
  // The settings' calendar: an order accepted Friday 09:00 in Beijing has until Monday 09:00.
  const Timestamp friday = ParseRfc3339("2026-11-27T01:00:00Z").value();
  EXPECT_EQ(policy.ShipDeadline("standard", friday), ParseRfc3339("2026-11-30T01:00:00Z").value());
  EXPECT_TRUE(ValidatePolicy(policy).ok());
}

TEST(SupervisionPolicy, InconsistentPoliciesAreRefused) {
  SupervisionPolicy threshold;
  threshold.reward_min_timeliness_bp = 10001;
  EXPECT_FALSE(ValidatePolicy(threshold).ok());
}

TEST(SupervisionPeriod, AMonthIsOnTheChinaCalendar) {
  const Period november = MonthPeriod("2026-11").value();
  EXPECT_EQ(FormatRfc3339(november.from), "2026-10-31T16:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(november.to), "2026-11-30T16:00:00.000Z");
  EXPECT_EQ(november.label, "2026-11");
  const Period december = MonthPeriod("2026-12").value();
  EXPECT_EQ(FormatRfc3339(december.to), "2026-12-31T16:00:00.000Z");
  EXPECT_TRUE(november.Contains(november.from));
  EXPECT_FALSE(november.Contains(november.to));
  for (const char* bad : {"2026-13", "2026-1", "26-11", "2026/11", "", "2026-11-01"}) {
    Result<Period> refused = MonthPeriod(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().field_errors().at(0).field, "period");
  }
}

TEST(SupervisionPeriod, ADayRangeIncludesItsLastDay) {
  const Period range = RangePeriod("2026-11-01", "2026-11-15").value();
  EXPECT_EQ(FormatRfc3339(range.from), "2026-10-31T16:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(range.to), "2026-11-15T16:00:00.000Z");
  const Period exact = RangePeriod("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z").value();
  EXPECT_EQ(exact.to.unix_ms - exact.from.unix_ms, 24 * kHourMs);
  EXPECT_EQ(RangePeriod("2026-11-15", "2026-11-01").status().field_errors().at(0).field, "to");
  EXPECT_EQ(RangePeriod("yesterday", "2026-11-01").status().field_errors().at(0).field, "from");
  EXPECT_FALSE(RangePeriod("2025-01-01", "2026-11-01").ok());  // longer than a year
}

TEST(ViolationType, NamesAreStableAndEachHasASeverityAndSuggestion) {
  std::vector<std::string> names;
  for (ViolationType type : AllViolationTypes()) {
    names.emplace_back(ViolationTypeName(type));
    EXPECT_EQ(ParseViolationType(ViolationTypeName(type)), type);
    EXPECT_FALSE(ViolationTypeDescription(type).empty());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"time_limit_breach", "entry_corrected",
                                             "change_after_shipment", "review_bypass_attempt",
                                             "unauthorised_pii_access", "wrong_item_shipped",
                                             "late_customer_reply"}));
  EXPECT_EQ(DefaultSeverity(ViolationType::kUnauthorisedPiiAccess), Severity::kHigh);
  EXPECT_EQ(SuggestedPenaltyFor(ViolationType::kWrongItemShipped).kind, PenaltyKind::kPoints);
  EXPECT_FALSE(ParseViolationType("speeding"));
}

TEST(ViolationType, DurationsReadNaturally) {
  EXPECT_EQ(FormatDuration(350), "350ms");
  EXPECT_EQ(FormatDuration(45 * 1000), "45s");
  EXPECT_EQ(FormatDuration((26 * 60 + 5) * 60 * 1000), "1d 2h 5m");
  EXPECT_EQ(FormatDuration(-5), "0ms");
}

}  // namespace
}  // namespace ordo
