#include <gtest/gtest.h>

#include "documents/documents.h"
#include "documents/pdf_test_util.h"

namespace ordo::documents {
namespace {

using pdf_test::PdfFile;

constexpr Timestamp kOrderedAt{1795623600000};  // 2026-11-26 00:20 China Standard Time.
constexpr Timestamp kPrintedAt{1795673100000};  // 2026-11-26 14:05 China Standard Time.

PackingSlip SampleSlip(const std::string& order_no, int lines) {
  PackingSlip slip;
  slip.order_no = order_no;
  slip.store = "Ordo 官方旗舰店";
  slip.channel = "天猫";
  slip.ordered_at = kOrderedAt;
  slip.printed_at = kPrintedAt;
  slip.consignee_name = "张*";
  slip.consignee_phone = "138****5678";
  slip.region = "上海市 上海市 浦东新区";
  slip.note = "请不要放发票，谢谢";
  for (int i = 0; i < lines; ++i) {
    slip.lines.push_back(
        {"TEA-QM-" + std::to_string(100 + i),
         i == 0 ? "云南白药牙膏 180g" : "祁门红茶 特级 罐装 第" + std::to_string(i) + "款",
         "150g / 罐", i + 1});
  }
  return slip;
}

TEST(PackingSlip, PrintsOrderConsigneeLinesAndNote) {
  Result<std::string> pdf = RenderPackingSlips({SampleSlip("20261126000042", 3)});
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::string text = pdf_test::Text(file);
  for (const char* expected :
       {"装箱单", "20261126000042", "Ordo 官方旗舰店", "天猫", "2026-11-26 00:20",
        "2026-11-26 14:05", "张*", "138****5678", "上海市 上海市 浦东新区", "TEA-QM-100",
        "云南白药牙膏 180g", "150g / 罐", "请不要放发票，谢谢"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing in\n" << text;
  }
  // pdftotext drops the narrow spaces between Chinese characters and digits.
  const std::string compact = pdf_test::WithoutWhitespace(text);
  EXPECT_NE(compact.find("合计：3种/6件"), std::string::npos) << text;
  EXPECT_NE(compact.find("第1/1页"), std::string::npos) << text;
  EXPECT_EQ(pdf_test::ImageCount(file), 0);
}

TEST(PackingSlip, LongSlipContinuesWithHeaderAndEndsWithTotal) {
  Result<std::string> pdf = RenderPackingSlips({SampleSlip("20261126000042", 70)});
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::vector<std::string> pages = pdf_test::PageTexts(file);
  ASSERT_GE(pages.size(), 2u);
  const std::string of = "/" + std::to_string(pages.size()) + "页";
  int rows = 0;
  for (size_t p = 0; p < pages.size(); ++p) {
    EXPECT_NE(pdf_test::WithoutWhitespace(pages[p]).find("第" + std::to_string(p + 1) + of),
              std::string::npos)
        << pages[p];
    EXPECT_NE(pages[p].find("20261126000042"), std::string::npos) << pages[p];
    EXPECT_NE(pages[p].find("商品名称"), std::string::npos) << pages[p];
    EXPECT_EQ(pages[p].find("合计") != std::string::npos, p + 1 == pages.size()) << pages[p];
    rows += pdf_test::Count(pages[p], "TEA-QM-");
  }
  EXPECT_EQ(rows, 70);
  EXPECT_NE(pdf_test::WithoutWhitespace(pages.back()).find("合计：70种/2485件"), std::string::npos)
      << pages.back();
}

TEST(PackingSlip, EachSlipStartsOnItsOwnPage) {
  Result<std::string> pdf =
      RenderPackingSlips({SampleSlip("20261126000001", 1), SampleSlip("20261126000002", 2),
                          SampleSlip("20261126000003", 1)});
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::vector<std::string> pages = pdf_test::PageTexts(file);
  ASSERT_EQ(pages.size(), 3u);
  for (size_t p = 0; p < 3; ++p) {
    const std::string own = "2026112600000" + std::to_string(p + 1);
    EXPECT_NE(pages[p].find(own), std::string::npos) << pages[p];
    EXPECT_EQ(pdf_test::Count(pages[p], "2026112600000"), pdf_test::Count(pages[p], own));
    EXPECT_NE(pdf_test::WithoutWhitespace(pages[p]).find("第1/1页"), std::string::npos) << pages[p];
  }
}

TEST(PackingSlip, EmptyListIsRefused) {
  Result<std::string> pdf = RenderPackingSlips({});
  ASSERT_FALSE(pdf.ok());
  ASSERT_EQ(pdf.status().field_errors().size(), 1u);
  EXPECT_EQ(pdf.status().field_errors()[0].field, "slips");
  EXPECT_EQ(pdf.status().field_errors()[0].code, Code::kRequired);
}

TEST(PackingSlip, SlipWithoutLinesOrOrderNumberIsRefused) {
  PackingSlip no_lines = SampleSlip("20261126000001", 0);
  PackingSlip bad_line = SampleSlip("", 2);
  bad_line.lines[1].quantity = 0;
  Result<std::string> pdf = RenderPackingSlips({no_lines, bad_line});
  ASSERT_FALSE(pdf.ok());
  std::vector<std::string> fields;
  for (const FieldError& error : pdf.status().field_errors()) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"slips[0].lines", "slips[1].order_no",
                                              "slips[1].lines[1].quantity"}));
}

}  // namespace
}  // namespace ordo::documents
