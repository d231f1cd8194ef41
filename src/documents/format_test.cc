#include "documents/format.h"

#include <gtest/gtest.h>

namespace ordo::documents {
namespace {

TEST(Format, TimesArePrintedInChinaStandardTime) {
  const Timestamp t{1795623600000};  // 2026-11-25T16:20:00Z
  EXPECT_EQ(FormatChinaTime(t), "2026-11-26 00:20");
  EXPECT_EQ(FormatChinaIso8601(t), "2026-11-26T00:20:00+08:00");
}

TEST(Format, WeightsAreKilogramsWithoutTrailingZeros) {
  EXPECT_EQ(FormatWeightKg(1100), "1.1 kg");
  EXPECT_EQ(FormatWeightKg(250), "0.25 kg");
  EXPECT_EQ(FormatWeightKg(3000), "3 kg");
  EXPECT_EQ(FormatWeightKg(1), "0.001 kg");
  EXPECT_EQ(FormatWeightKg(12345), "12.345 kg");
}

TEST(Format, BlankAndNonAscii) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\n"));
  EXPECT_FALSE(IsBlank(" a "));
  EXPECT_TRUE(HasNonAscii("收件"));
  EXPECT_FALSE(HasNonAscii("SF100"));
}

}  // namespace
}  // namespace ordo::documents
