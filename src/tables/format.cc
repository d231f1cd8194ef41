#include <cstdio>

#include "tables/table.h"

namespace ordo::tables {
namespace {

constexpr int64_t kChinaOffsetMs = 8LL * 3600 * 1000;

struct CivilTime {
  int64_t year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
};

// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil_from_days).
CivilTime ToCivil(int64_t unix_ms) {
  int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : -((-unix_ms + 999) / 1000);
  int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  int64_t of_day = seconds - days * 86400;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return {year,
          month,
          day,
          static_cast<int>(of_day / 3600),
          static_cast<int>(of_day % 3600 / 60),
          static_cast<int>(of_day % 60)};
}

}  // namespace

std::optional<Format> ParseFormat(std::string_view text) {
  return ParseEnum<Format>(text);
}

std::string_view FormatName(Format format) {
  return Name(format);
}

std::string_view ContentType(Format format) {
  return format == Format::kCsv
             ? "text/csv; charset=utf-8"
             : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

std::string FormatYuan(int64_t fen) {
  // The magnitude as unsigned, so that even INT64_MIN has one.
  const bool negative = fen < 0;
  const uint64_t magnitude =
      negative ? static_cast<uint64_t>(-(fen + 1)) + 1 : static_cast<uint64_t>(fen);
  std::string text = negative ? "-" : "";
  text += std::to_string(magnitude / 100);
  const unsigned cents = static_cast<unsigned>(magnitude % 100);
  text += '.';
  text += static_cast<char>('0' + cents / 10);
  text += static_cast<char>('0' + cents % 10);
  return text;
}

std::string FormatChinaTime(Timestamp at) {
  const CivilTime t = ToCivil(at.unix_ms + kChinaOffsetMs);
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02d-%02d %02d:%02d:%02d",
                static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute, t.second);
  return buffer;
}

std::string FormatChinaDay(Timestamp at) {
  return FormatChinaTime(at).substr(0, 10);
}

}  // namespace ordo::tables
