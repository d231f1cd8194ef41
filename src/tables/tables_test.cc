#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "base/enum_names_testing.h"
#include "tables/table.h"

namespace ordo::tables {
namespace {

std::string WriteCsv(const std::vector<Column>& columns,
                     const std::vector<std::vector<Cell>>& rows) {
  std::string out;
  auto writer = NewCsvWriter([&out](std::string_view bytes) {
    out.append(bytes);
    return Status::Ok();
  });
  EXPECT_TRUE(writer->Begin(columns).ok());
  for (const auto& row : rows) {
    EXPECT_TRUE(writer->Row(row).ok());
  }
  EXPECT_TRUE(writer->Finish().ok());
  return out;
}

TEST(FormatYuan, WritesFenAsYuanWithTwoDecimalsWithoutFloatingPoint) {
  EXPECT_EQ(FormatYuan(13205), "132.05");
  EXPECT_EQ(FormatYuan(0), "0.00");
  EXPECT_EQ(FormatYuan(7), "0.07");
  EXPECT_EQ(FormatYuan(-5), "-0.05");
  EXPECT_EQ(FormatYuan(-12345), "-123.45");
  // Beyond a double's exact integers: the text is still exact.
  EXPECT_EQ(FormatYuan(9007199254740993), "90071992547409.93");
  EXPECT_EQ(FormatYuan(INT64_MIN), "-92233720368547758.08");
}

TEST(FormatChinaTime, ShowsTheTimeInChinaStandardTime) {
  // 2026-11-26T16:30:05Z is 00:30:05 the next day in Beijing.
  EXPECT_EQ(FormatChinaTime(Timestamp{1795710605000}), "2026-11-27 00:30:05");
  EXPECT_EQ(FormatChinaDay(Timestamp{1795710605000}), "2026-11-27");
  EXPECT_EQ(FormatChinaTime(Timestamp{0}), "1970-01-01 08:00:00");
}

TEST(CsvWriter, StartsWithAByteOrderMarkAndEndsRowsWithCrLf) {
  const std::string csv =
      WriteCsv({{"订单号 order_no", CellType::kCode}, {"金额 amount", CellType::kMoney}},
               {{Cell::Text("A1"), Cell::Number(13200)}});
  EXPECT_EQ(csv, "\xEF\xBB\xBF订单号 order_no,金额 amount\r\nA1,132.00\r\n");
}

TEST(CsvWriter, QuotesFieldsHoldingCommasQuotesAndLineBreaks) {
  const std::string csv = WriteCsv({{"note", CellType::kText}}, {{Cell::Text("a,b")},
                                                                 {Cell::Text("say \"hi\"")},
                                                                 {Cell::Text("two\nlines")},
                                                                 {Cell::Text("张三")}});
  EXPECT_NE(csv.find("\r\n\"a,b\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\n\"say \"\"hi\"\"\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\n\"two\nlines\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\n张三\r\n"), std::string::npos);
}

TEST(CsvWriter, GuardsLongDigitCodesAsTextForExcel) {
  const std::string csv = WriteCsv({{"code", CellType::kCode}}, {{Cell::Text("20261126000042")},
                                                                 {Cell::Text("13812345678")},
                                                                 {Cell::Text("0571")},
                                                                 {Cell::Text("TEA-001")}});
  EXPECT_NE(csv.find("\r\n\"=\"\"20261126000042\"\"\"\r\n"), std::string::npos);
  // Eleven digits fit Excel's general format, but a leading zero would be dropped.
  EXPECT_NE(csv.find("\r\n13812345678\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\n\"=\"\"0571\"\"\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\nTEA-001\r\n"), std::string::npos);
}

TEST(CsvWriter, DefusesTextThatExcelWouldRunAsAFormula) {
  const std::string csv = WriteCsv(
      {{"note", CellType::kText}},
      {{Cell::Text("=HYPERLINK(\"http://x\")")}, {Cell::Text("+1")}, {Cell::Text("@SUM(A1)")}});
  EXPECT_NE(csv.find("\r\n\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\n'+1\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\r\n'@SUM(A1)\r\n"), std::string::npos);
}

TEST(CsvWriter, WritesEmptyCellsAndTimesInChinaTime) {
  const std::string csv = WriteCsv({{"at", CellType::kTime}, {"n", CellType::kInteger}},
                                   {{Cell::Time(Timestamp{1795710605000}), Cell::Number(-3)},
                                    {Cell::Time(std::nullopt), Cell::Number(0)}});
  EXPECT_NE(csv.find("\r\n2026-11-27 00:30:05,-3\r\n,0\r\n"), std::string::npos);
}

TEST(CsvWriter, HandsTheSinkBoundedPiecesAndStopsOnItsError) {
  size_t largest = 0;
  int pieces = 0;
  auto writer = NewCsvWriter([&](std::string_view bytes) {
    largest = std::max(largest, bytes.size());
    ++pieces;
    return pieces < 3 ? Status::Ok() : Status::Unavailable("the reader went away");
  });
  ASSERT_TRUE(writer->Begin({{"text", CellType::kText}}).ok());
  Status status;
  int rows = 0;
  while (status.ok() && rows < 100000) {
    status = writer->Row({Cell::Text(std::string(100, 'x'))});
    ++rows;
  }
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(pieces, 3);
  EXPECT_LT(largest, 70 * 1024u);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(XlsxWriter, WritesAZipWorkbookAndGoesOnToANewSheetWhenOneIsFull) {
  const std::string path = testing::TempDir() + "/tables_test.xlsx";
  auto writer = NewXlsxWriter(path, "orders", 2);
  ASSERT_TRUE(writer
                  ->Begin({{"订单号 order_no", CellType::kCode, 18},
                           {"金额 amount", CellType::kMoney},
                           {"下单时间 created_at", CellType::kTime, 20},
                           {"数量 quantity", CellType::kInteger}})
                  .ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(writer
                    ->Row({Cell::Text("2026112600004" + std::to_string(i)), Cell::Number(13205),
                           Cell::Time(Timestamp{1795710605000}), Cell::Number(i)})
                    .ok());
  }
  ASSERT_TRUE(writer->Finish().ok());
  const std::string bytes = ReadFile(path);
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  // The central directory names each part uncompressed: two sheets for three rows at two a sheet.
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
  EXPECT_NE(bytes.find("xl/worksheets/sheet2.xml"), std::string::npos);
  EXPECT_EQ(bytes.find("xl/worksheets/sheet3.xml"), std::string::npos);
  std::remove(path.c_str());
}

TEST(XlsxWriter, RefusesAPathItCannotCreate) {
  auto writer = NewXlsxWriter("/nonexistent-directory/x.xlsx", "orders");
  Status status = writer->Begin({{"a", CellType::kText}});
  if (status.ok()) {
    // libxlsxwriter opens the file only when closing.
    status = writer->Finish();
  }
  EXPECT_FALSE(status.ok());
}

TEST(ParseFormat, KnowsCsvAndXlsxOnly) {
  EXPECT_EQ(ParseFormat("csv"), Format::kCsv);
  EXPECT_EQ(ParseFormat("xlsx"), Format::kXlsx);
  EXPECT_FALSE(ParseFormat("xls").has_value());
  EXPECT_EQ(ContentType(Format::kCsv), "text/csv; charset=utf-8");
}

TEST(Format, EveryFormatHasOneNameThatParsesBack) {
  EXPECT_EQ(testing_enums::NameTableProblems<Format>(), "");
  EXPECT_EQ(FormatName(Format::kXlsx), "xlsx");
  EXPECT_EQ(ParseFormat("csv"), Format::kCsv);
  EXPECT_EQ(ParseFormat("CSV"), std::nullopt);
}

}  // namespace
}  // namespace ordo::tables
