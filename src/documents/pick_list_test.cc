#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <random>

#include "documents/documents.h"
#include "documents/pdf_test_util.h"

namespace ordo::documents {
namespace {

using pdf_test::PdfFile;

// 2026-11-26 09:30:00 China Standard Time.
constexpr Timestamp kCreatedAt{1795656600000};

std::string Location(int i) {
  char text[32];
  std::snprintf(text, sizeof(text), "A-%02d-%02d-%02d", i / 40 + 1, i / 4 % 10 + 1, i % 4 + 1);
  return text;
}

// `count` lines at distinct locations, given in a shuffled order.
PickList SampleWave(int count) {
  PickList wave;
  wave.wave_no = "W20261126-007";
  wave.warehouse = "上海一号仓";
  wave.carrier = "顺丰速运";
  wave.created_at = kCreatedAt;
  for (int i = 0; i < count; ++i) {
    PickListLine line;
    line.location = Location(i);
    line.sku = "SKU-" + std::to_string(10000 + i);
    line.name = i == 0 ? "云南白药牙膏 180g"
                       : "云南白药牙膏留兰香型家庭装超值实惠组合套装 第" + std::to_string(i) + "款";
    line.spec = "180g×" + std::to_string(i % 3 + 1);
    line.quantity = 3;
    line.orders = {{"202611260000" + std::to_string(10 + i % 90), 2},
                   {"202611260001" + std::to_string(10 + i % 90), 1}};
    wave.lines.push_back(std::move(line));
  }
  std::shuffle(wave.lines.begin(), wave.lines.end(), std::mt19937(7));
  return wave;
}

const FieldError* FindField(const Status& status, const std::string& field) {
  for (const FieldError& error : status.field_errors()) {
    if (error.field == field) {
      return &error;
    }
  }
  return nullptr;
}

TEST(PickList, PrintsHeaderNamesAndOrders) {
  Result<std::string> pdf = RenderPickList(SampleWave(3));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::string text = pdf_test::Text(file);
  for (const char* expected :
       {"拣货单", "W20261126-007", "上海一号仓", "顺丰速运", "2026-11-26 09:30",
        "云南白药牙膏 180g", "A-01-01-01", "SKU-10000", "20261126000010 ×2", "20261126000110 ×1"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing in\n" << text;
  }
  // pdftotext drops the narrow spaces between Chinese characters and digits.
  const std::string compact = pdf_test::WithoutWhitespace(text);
  EXPECT_NE(compact.find("共3行/9件"), std::string::npos) << text;
  EXPECT_NE(compact.find("第1/1页"), std::string::npos) << text;
  const pdf_test::PageSize page = pdf_test::PageSizes(file).at(0);
  EXPECT_NEAR(page.width_pt, 595.28, 0.05);
  EXPECT_NEAR(page.height_pt, 841.89, 0.05);
}

TEST(PickList, OneHundredTwentyLinesSpanPagesWithRepeatedHeaderAndPageNumbers) {
  Result<std::string> pdf = RenderPickList(SampleWave(120));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const int page_count = static_cast<int>(pdf_test::PageSizes(file).size());
  ASSERT_GE(page_count, 3);
  const std::vector<std::string> pages = pdf_test::PageTexts(file);
  ASSERT_EQ(static_cast<int>(pages.size()), page_count);
  int rows = 0;
  for (int p = 0; p < page_count; ++p) {
    const std::string number =
        "第" + std::to_string(p + 1) + "/" + std::to_string(page_count) + "页";
    EXPECT_NE(pdf_test::WithoutWhitespace(pages[p]).find(number), std::string::npos)
        << number << " missing:\n"
        << pages[p];
    EXPECT_NE(pages[p].find("W20261126-007"), std::string::npos) << pages[p];
    EXPECT_NE(pages[p].find("商品名称"), std::string::npos) << pages[p];
    rows += pdf_test::Count(pages[p], "SKU-1");
  }
  EXPECT_EQ(rows, 120);
  std::cout << "120-line pick list: " << page_count << " pages, " << pdf->size() << " bytes\n";
}

TEST(PickList, LinesAreInLocationOrder) {
  Result<std::string> pdf = RenderPickList(SampleWave(120));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::string text = pdf_test::Text(file);
  size_t previous = 0;
  for (int i = 0; i < 120; ++i) {
    const size_t at = text.find(Location(i));
    ASSERT_NE(at, std::string::npos) << Location(i);
    EXPECT_GT(at, previous) << Location(i) << " is out of order";
    previous = at;
  }
}

TEST(PickList, ManyOrdersOnOneLineAreCounted) {
  PickList wave = SampleWave(1);
  wave.lines[0].orders.clear();
  for (int i = 0; i < 30; ++i) {
    wave.lines[0].orders.push_back({"2026112600" + std::to_string(1000 + i), 1});
  }
  wave.lines[0].quantity = 30;
  Result<std::string> pdf = RenderPickList(wave);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::string text = pdf_test::Text(file);
  EXPECT_NE(text.find("20261126001000 ×1"), std::string::npos) << text;
  EXPECT_NE(text.find("共 30 单"), std::string::npos) << text;
  EXPECT_EQ(text.find("20261126001029"), std::string::npos) << text;
}

TEST(PickList, WithoutLinesIsRefused) {
  PickList wave = SampleWave(0);
  Result<std::string> pdf = RenderPickList(wave);
  ASSERT_FALSE(pdf.ok());
  const FieldError* error = FindField(pdf.status(), "lines");
  ASSERT_NE(error, nullptr) << pdf.status().ToString();
  EXPECT_EQ(error->code, Code::kRequired);
}

TEST(PickList, BadFieldsAreNamedTogether) {
  PickList wave = SampleWave(3);
  wave.wave_no = "波次7";
  wave.warehouse.clear();
  wave.lines[1].quantity = 0;
  wave.lines[2].location = "";
  wave.lines[2].orders[1].order_no = "";
  Result<std::string> pdf = RenderPickList(wave);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().field_errors().size(), 5u) << pdf.status().ToString();
  EXPECT_EQ(FindField(pdf.status(), "wave_no")->code, Code::kInvalidValue);
  EXPECT_EQ(FindField(pdf.status(), "warehouse")->code, Code::kRequired);
  EXPECT_EQ(FindField(pdf.status(), "lines[1].quantity")->code, Code::kInvalidValue);
  EXPECT_EQ(FindField(pdf.status(), "lines[2].location")->code, Code::kRequired);
  EXPECT_EQ(FindField(pdf.status(), "lines[2].orders[1].order_no")->code, Code::kRequired);
}

TEST(PickList, WaveBarcodeIsVectorAndFontsAreSubsets) {
  Result<std::string> pdf = RenderPickList(SampleWave(5));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  EXPECT_EQ(pdf_test::ImageCount(file), 0);
  const std::vector<pdf_test::Font> fonts = pdf_test::Fonts(file);
  ASSERT_FALSE(fonts.empty());
  for (const pdf_test::Font& font : fonts) {
    EXPECT_TRUE(font.embedded && font.subset) << font.name;
  }
}

// A page carries only the glyphs it prints: a whole CJK font is megabytes, and a wave of labels
// or a pick list is sent to the printer over the network.
TEST(PickList, OnePageIsAtMostOneHundredKilobytes) {
  Result<std::string> pdf = RenderPickList(SampleWave(5));
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf_test::PageSizes(PdfFile(*pdf)).size(), 1u);
  EXPECT_LE(pdf->size(), 100u * 1024) << "a one-page pick list of " << pdf->size() << " bytes";
  std::cout << "one-page pick list: " << pdf->size() << " bytes\n";
}

}  // namespace
}  // namespace ordo::documents
