#include "base/money.h"

#include <gtest/gtest.h>

namespace ordo {

TEST(Money, FormatsFenAsYuan) {
  EXPECT_EQ(Money::Fen(6600).ToString(), "66.00 CNY");
  EXPECT_EQ(Money::Fen(5).ToString(), "0.05 CNY");
  EXPECT_EQ(Money::Fen(-5).ToString(), "-0.05 CNY");
}

TEST(Money, AddsInMinorUnits) {
  EXPECT_EQ((Money::Fen(1) + Money::Fen(2)).minor_units(), 3);
  EXPECT_EQ((Money::Fen(6600) * 3).minor_units(), 19800);
}

TEST(Money, CurrencyCodesAreThreeCapitals) {
  EXPECT_TRUE(Currency::IsValid("CNY"));
  EXPECT_FALSE(Currency::IsValid("cny"));
  EXPECT_FALSE(Currency::IsValid("CN"));
}

TEST(Money, CheckedArithmeticDetectsOverflow) {
  int64_t out = 0;
  EXPECT_FALSE(CheckedMultiply(INT64_MAX / 2, 3, &out));
  EXPECT_TRUE(CheckedMultiply(6600, 3, &out));
  EXPECT_EQ(out, 19800);
  EXPECT_FALSE(CheckedAdd(INT64_MAX, 1, &out));
}

}  // namespace ordo
