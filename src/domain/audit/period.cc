#include "domain/audit/period.h"

#include <charconv>
#include <cstdio>
#include <vector>

namespace ordo {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000;

// Midnight in China of the day `date` ("2026-11-01").
Result<Timestamp> ChinaMidnight(std::string_view date) {
  ORDO_ASSIGN_OR_RETURN(Timestamp utc_midnight, ParseDate(date));
  return Timestamp{utc_midnight.unix_ms - kChinaOffsetMs};
}

}  // namespace

Result<Timestamp> ParsePeriodBound(std::string_view text, bool inclusive_day) {
  if (text.size() == 10) {
    ORDO_ASSIGN_OR_RETURN(Timestamp midnight, ChinaMidnight(text));
    return inclusive_day ? midnight.PlusMs(kDayMs) : midnight;
  }
  return ParseRfc3339(text);
}

Result<Period> MonthPeriod(std::string_view month, std::string_view field) {
  const auto invalid = [&] {
    return Status::Invalid(std::string(field), Code::kInvalidValue,
                           std::string(field) + " must be a month such as 2026-11");
  };
  int year = 0;
  int number = 0;
  if (month.size() != 7 || month[4] != '-') {
    return invalid();
  }
  auto [year_end, year_ec] = std::from_chars(month.data(), month.data() + 4, year);
  auto [month_end, month_ec] = std::from_chars(month.data() + 5, month.data() + 7, number);
  if (year_ec != std::errc() || month_ec != std::errc() || year_end != month.data() + 4 ||
      month_end != month.data() + 7 || year < 1970 || number < 1 || number > 12) {
    return invalid();
  }
  const auto first_day = [](int y, int m) {
    char text[16];
    std::snprintf(text, sizeof(text), "%04d-%02d-01", y, m);
    return std::string(text);
  };
  Result<Timestamp> from = ChinaMidnight(first_day(year, number));
  Result<Timestamp> to =
      ChinaMidnight(number == 12 ? first_day(year + 1, 1) : first_day(year, number + 1));
  if (!from.ok() || !to.ok()) {
    return invalid();
  }
  return Period{*from, *to, std::string(month)};
}

Result<Period> RangePeriod(std::string_view from_text, std::string_view to_text) {
  std::vector<FieldError> errors;
  Result<Timestamp> from = ParsePeriodBound(from_text, false);
  Result<Timestamp> to = ParsePeriodBound(to_text, true);
  if (!from.ok()) {
    errors.push_back({"from", Code::kInvalidValue, "from must be a date (2026-11-01) or RFC 3339"});
  }
  if (!to.ok()) {
    errors.push_back({"to", Code::kInvalidValue, "to must be a date (2026-11-30) or RFC 3339"});
  }
  if (errors.empty() && *to <= *from) {
    errors.push_back({"to", Code::kInvalidValue, "to must be after from"});
  }
  if (errors.empty() && to->unix_ms - from->unix_ms > kMaxPeriodDays * kDayMs) {
    errors.push_back({"to", Code::kInvalidValue,
                      "a period spans at most " + std::to_string(kMaxPeriodDays) + " days"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return Period{*from, *to, std::string(from_text) + ".." + std::string(to_text)};
}

}  // namespace ordo
