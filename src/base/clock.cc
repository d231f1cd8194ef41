#include "base/clock.h"

#include <chrono>
#include <cstdio>

namespace ordo {
namespace {

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool ReadDigits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) {
    return false;
  }
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

Status BadTime(std::string_view text) {
  return Status::Invalid("", Code::kInvalidValue,
                         "'" + std::string(text) + "' is not an RFC 3339 time");
}

}  // namespace

std::string FormatRfc3339(Timestamp t) {
  const int64_t days = FloorDiv(t.unix_ms, 86400000);
  const int64_t ms_of_day = t.unix_ms - days * 86400000;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(ms_of_day / 3600000),
                static_cast<long long>(ms_of_day / 60000 % 60),
                static_cast<long long>(ms_of_day / 1000 % 60),
                static_cast<long long>(ms_of_day % 1000));
  return buffer;
}

Result<Timestamp> ParseDate(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ReadDigits(text, 0, 4, &y) ||
      !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d) || m < 1 || m > 12 || d < 1 ||
      d > 31) {
    return Status::Invalid("", Code::kInvalidValue,
                           "'" + std::string(text) + "' is not a date (YYYY-MM-DD)");
  }
  const int64_t days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  int64_t check_y;
  unsigned check_m, check_d;
  CivilFromDays(days, &check_y, &check_m, &check_d);
  if (check_m != static_cast<unsigned>(m) || check_d != static_cast<unsigned>(d)) {
    return Status::Invalid("", Code::kInvalidValue,
                           "'" + std::string(text) + "' is not a calendar date");
  }
  return Timestamp{days * 86400000};
}

Result<Timestamp> ParseRfc3339(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return BadTime(text);
  }
  auto date = ParseDate(text.substr(0, 10));
  int hh, mm, ss;
  if (!date.ok() || text[13] != ':' || text[16] != ':' || !ReadDigits(text, 11, 2, &hh) ||
      !ReadDigits(text, 14, 2, &mm) || !ReadDigits(text, 17, 2, &ss) || hh > 23 || mm > 59 ||
      ss > 60) {
    return BadTime(text);
  }
  size_t pos = 19;
  int64_t ms = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) {
        ms = ms * 10 + (text[pos] - '0');
      }
      ++digits;
      ++pos;
    }
    if (digits == 0) {
      return BadTime(text);
    }
    for (int i = digits; i < 3; ++i) {
      ms *= 10;
    }
  }
  int64_t offset_min = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh, om;
    if (!ReadDigits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, &om)) {
      return BadTime(text);
    }
    offset_min = (text[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    pos += 6;
  } else {
    return BadTime(text);
  }
  if (pos != text.size()) {
    return BadTime(text);
  }
  return Timestamp{date->unix_ms + (hh * 3600 + mm * 60 + ss) * 1000LL + ms -
                   offset_min * 60000};
}

int32_t ChinaDate(Timestamp t) {
  const int64_t days = FloorDiv(t.unix_ms + 8 * 3600000LL, 86400000);
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  return static_cast<int32_t>(y * 10000 + m * 100 + d);
}

Timestamp SystemClock::Now() const {
  using namespace std::chrono;
  return Timestamp{
      duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count()};
}

}  // namespace ordo
