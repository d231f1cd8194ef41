// Tables written row by row for spreadsheets (exports and reports): a TableWriter takes the
// columns once, then the rows in order, then Finish(). Nothing is kept but the current row and
// a bounded buffer, so the cost in memory does not grow with the number of rows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"

namespace ordo::tables {

enum class CellType {
  kText,     // free text (names, notes): guarded against formula injection
  kCode,     // identifiers written as text, never as numbers: order numbers, phones, SKUs
  kInteger,  // a count or a quantity
  kMoney,    // fen, shown as yuan with two decimals
  kTime,     // a time, shown in China Standard Time (UTC+8)
};

struct Column {
  std::string header;  // e.g. "订单号 order_no"
  CellType type = CellType::kText;
  double width = 14;  // in characters, for XLSX
};

// One cell: `text` for kText and kCode, `number` for kInteger and kMoney (fen), and for kTime
// the milliseconds since the epoch. An empty cell (`empty`) is written as nothing.
struct Cell {
  std::string text;
  int64_t number = 0;
  bool empty = false;

  static Cell Text(std::string text) { return Cell{std::move(text), 0, false}; }
  static Cell Number(int64_t number) { return Cell{"", number, false}; }
  static Cell Time(std::optional<Timestamp> at) {
    return at ? Cell{"", at->unix_ms, false} : Cell{"", 0, true};
  }
};

enum class Format { kCsv, kXlsx };

inline constexpr EnumName<Format> kFormatNames[] = {
    {Format::kCsv, "csv"},
    {Format::kXlsx, "xlsx"},
};
constexpr std::span<const EnumName<Format>> EnumNames(Format) {
  return kFormatNames;
}
static_assert(IsNameTable(kFormatNames));
// "csv" or "xlsx".
std::optional<Format> ParseFormat(std::string_view text);
std::string_view FormatName(Format format);
std::string_view ContentType(Format format);

// Fen as yuan with two decimals, by integer arithmetic: 13205 → "132.05", -5 → "-0.05".
std::string FormatYuan(int64_t fen);
// A time in China Standard Time, "2026-11-26 14:03:05".
std::string FormatChinaTime(Timestamp at);
// The China date of `at` as "2026-11-26".
std::string FormatChinaDay(Timestamp at);

// Receives the bytes a writer produces, in order; an error stops the writer (the reader went
// away, the disk is full).
using Sink = std::function<Status(std::string_view bytes)>;

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  // Writes the header row; called once, first.
  virtual Status Begin(const std::vector<Column>& columns) = 0;
  // Writes one row; `cells` has one cell per column.
  virtual Status Row(const std::vector<Cell>& cells) = 0;
  // Completes the file. No row may follow.
  virtual Status Finish() = 0;
};

// CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
// doubled), UTF-8 with a byte-order mark so that Excel opens Chinese text as UTF-8. A code of
// twelve digits or more, or one with a leading zero, is written as ="…" so that Excel keeps it as
// text instead of a number in scientific notation; a text beginning with = + - @ or a tab is
// prefixed with ' so that Excel does not run it as a formula. Output goes to `sink` in pieces of
// about 64 KiB.
std::unique_ptr<TableWriter> NewCsvWriter(Sink sink);

// XLSX written to the file at `path` by libxlsxwriter in constant-memory mode (each row goes to a
// temporary file as it is written): a bold header row frozen at the top, column widths, numbers
// and money as numbers (yuan, "0.00"), times as dates ("yyyy-mm-dd hh:mm:ss", China time), codes
// as text. A sheet holds at most 1,048,575 rows under its header; the rows after that go on to
// a further sheet with the same header (`rows_per_sheet`, smaller in tests). `sheet` names the
// first sheet (ASCII, at most 24 characters); the further ones add " (2)", " (3)", ….
// The rows a sheet takes under its header (Excel's limit less one).
inline constexpr int64_t kXlsxRowsPerSheet = 1048575;

std::unique_ptr<TableWriter> NewXlsxWriter(std::string path, std::string sheet,
                                           int64_t rows_per_sheet = kXlsxRowsPerSheet);

}  // namespace ordo::tables
