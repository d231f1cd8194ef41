#include "documents/barcode.h"

#include <gtest/gtest.h>

#include <string>

namespace ordo::documents {
namespace {

void ExpectInside(const Barcode& barcode) {
  for (const BarcodeRect& rect : barcode.dark) {
    EXPECT_GE(rect.x, 0);
    EXPECT_GE(rect.y, 0);
    EXPECT_LE(rect.x + rect.width, barcode.width_modules + 1e-6);
    EXPECT_LE(rect.y + rect.height, barcode.height_modules + 1e-6);
  }
}

TEST(Barcode, Code128IsBarsOfWholeModules) {
  Result<Barcode> barcode = EncodeCode128("SF1234567890123");
  ASSERT_TRUE(barcode.ok()) << barcode.status().ToString();
  EXPECT_FALSE(barcode->two_dimensional);
  EXPECT_EQ(barcode->quiet_zone_modules, 10);
  // Start B, "S", "F", shift to C, six digit pairs, shift to B, "3", check symbol: 12 symbols of
  // 11 modules, and the stop symbol of 13.
  EXPECT_EQ(barcode->width_modules, 11 * 12 + 13);
  // Every symbol has three bars, the stop symbol four.
  EXPECT_EQ(barcode->dark.size(), 3u * 12 + 4);
  for (const BarcodeRect& rect : barcode->dark) {
    EXPECT_DOUBLE_EQ(rect.y, 0);
    EXPECT_DOUBLE_EQ(rect.height, barcode->height_modules);
    EXPECT_DOUBLE_EQ(rect.width, static_cast<int>(rect.width)) << "not whole modules";
  }
  ExpectInside(*barcode);
}

TEST(Barcode, Code128RefusesCharactersOutsideLatin1) {
  Result<Barcode> barcode = EncodeCode128("顺丰123");
  ASSERT_FALSE(barcode.ok());
  EXPECT_EQ(barcode.status().kind(), Kind::kInvalid);
  EXPECT_EQ(barcode.status().code(), Code::kInvalidValue);
  EXPECT_NE(barcode.status().message().find("Code 128"), std::string::npos);
}

TEST(Barcode, Code128RefusesEmptyData) {
  EXPECT_EQ(EncodeCode128("").status().code(), Code::kInvalidValue);
}

TEST(Barcode, QrCodeIsSquareAndTakesChinese) {
  Result<Barcode> barcode = EncodeQrCode("https://track.example.com/SF1234567890123?收件人=张*");
  ASSERT_TRUE(barcode.ok()) << barcode.status().ToString();
  EXPECT_TRUE(barcode->two_dimensional);
  EXPECT_EQ(barcode->quiet_zone_modules, 4);
  EXPECT_EQ(barcode->width_modules, barcode->height_modules);
  EXPECT_GE(barcode->width_modules, 21);
  EXPECT_GT(barcode->dark.size(), 50u);
  ExpectInside(*barcode);
}

TEST(Barcode, QrCodeRefusesContentBeyondItsCapacity) {
  EXPECT_EQ(EncodeQrCode(std::string(8000, '7')).status().code(), Code::kInvalidValue);
}

TEST(Barcode, ModuleWidthCountsTheQuietZone) {
  Barcode barcode;
  barcode.width_modules = 80;
  barcode.quiet_zone_modules = 10;
  EXPECT_DOUBLE_EQ(ModuleWidth(barcode, 200), 2.0);
}

}  // namespace
}  // namespace ordo::documents
