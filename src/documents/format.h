// Internal: how values are written on printed documents.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace ordo::documents {

// `t` in China Standard Time to the minute: "2026-11-26 14:05".
std::string FormatChinaTime(Timestamp t);
// `t` in China Standard Time as ISO 8601 with its offset, "2026-11-26T14:05:09+08:00", the form
// PDF metadata is given in.
std::string FormatChinaIso8601(Timestamp t);
// Grams as kilograms without trailing zeros: 1100 → "1.1 kg", 250 → "0.25 kg", 3000 → "3 kg".
// Requires grams >= 0.
std::string FormatWeightKg(int64_t grams);
// Fen as yuan with two decimals and the yuan sign: 13200 → "¥132.00". Requires fen >= 0.
std::string FormatYuan(int64_t fen);
// Whether `text` contains a character outside ASCII.
bool HasNonAscii(std::string_view text);
// Whether `text` is empty or only blanks (space, tab, line breaks).
bool IsBlank(std::string_view text);

}  // namespace ordo::documents
