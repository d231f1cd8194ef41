#include "documents/format.h"

#include "base/assert.h"

namespace ordo::documents {
namespace {

constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000;

// "2026-11-26T14:05:09.000Z" for the China Standard Time wall clock of `t`.
std::string ChinaWallClock(Timestamp t) {
  return FormatRfc3339(t.PlusMs(kChinaOffsetMs));
}

}  // namespace

std::string FormatChinaTime(Timestamp t) {
  std::string text = ChinaWallClock(t);
  text[10] = ' ';
  return text.substr(0, 16);
}

std::string FormatChinaIso8601(Timestamp t) {
  return ChinaWallClock(t).substr(0, 19) + "+08:00";
}

std::string FormatWeightKg(int64_t grams) {
  ORDO_ASSERT(grams >= 0);
  std::string text = std::to_string(grams / 1000);
  const int64_t rest = grams % 1000;
  if (rest != 0) {
    std::string decimals = std::to_string(1000 + rest).substr(1);
    while (decimals.back() == '0') {
      decimals.pop_back();
    }
    text += "." + decimals;
  }
  return text + " kg";
}

std::string FormatYuan(int64_t fen) {
  const int64_t cents = fen % 100;
  return "¥" + std::to_string(fen / 100) + "." + (cents < 10 ? "0" : "") + std::to_string(cents);
}

bool HasNonAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return true;
    }
  }
  return false;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace ordo::documents
