// Reading the order files the platforms export (Taobao/Tmall, JD, Pinduoduo) and Ordo's own
// order CSV, as a stream of orders for app/import_orders.h. Pure parsing: no store, no clock.
//
// Files are read in blocks and never held whole: the encoding is detected from the first block
// (a UTF-8 byte order mark, else valid UTF-8, else GB18030 as the platforms' back offices write
// it) and converted to UTF-8 with iconv as the blocks arrive; records follow RFC 4180 (quoted
// fields with commas, quotes and line breaks). Cells are cleaned of the guards spreadsheets need
// to keep long numbers as text (`="…"`, a leading tab or apostrophe). Amounts are yuan with at
// most two decimals, read into fen with integer arithmetic.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/order/intake.h"

namespace ordo {
class PiiCipher;
}

namespace ordo::app {

enum class ImportFormat {
  kTaobao,  // 淘宝/天猫 seller centre: the order list, and the item detail file when given
  kJd,      // 京东 merchant back office: one row per line item
  kPdd,     // 拼多多 merchant back office: one row per order (one goods line)
  kOrdo,    // Ordo's own order CSV (OrdoOrderColumns): one row per line item
};

inline constexpr EnumName<ImportFormat> kImportFormatNames[] = {
    {ImportFormat::kTaobao, "taobao"},
    {ImportFormat::kJd, "jd"},
    {ImportFormat::kPdd, "pdd"},
    {ImportFormat::kOrdo, "ordo"},
};
constexpr std::span<const EnumName<ImportFormat>> EnumNames(ImportFormat) {
  return kImportFormatNames;
}
static_assert(IsNameTable(kImportFormatNames));
std::optional<ImportFormat> ParseImportFormat(std::string_view name);
std::string_view ImportFormatName(ImportFormat format);

// The columns of Ordo's own order CSV, in order: one row per order line, the order's fields
// repeated on each of its lines. The exports write these headers; `ordo import --format ordo`
// reads them back (a round trip).
const std::vector<std::string>& OrdoOrderColumns();

// --- Cell conventions (exposed for their tests) ---

// The text of a cell without spreadsheet guards (`="123"`, a leading tab or apostrophe) and
// surrounding white space (ASCII and the ideographic space).
std::string CleanCell(std::string_view cell);
// Yuan ("12", "12.3", "12.30", "¥1,234.50") → fen, exactly; nullopt for anything else
// (negative, more than two decimals, not a number).
std::optional<int64_t> ParseYuan(std::string_view text);
// "2026-11-11 10:00:00", "2026/11/11 10:00", "2026-11-11" (China time) → a Timestamp; nullopt
// when the text is not such a time.
std::optional<Timestamp> ParsePlatformTime(std::string_view text);
// One address cell ("浙江省 杭州市 西湖区 文三路100号(310000)", or without spaces
// "上海市浦东新区世纪大道100号") split into province, city, district and detail; a part that
// cannot be told is left empty (review holds such an order, address_incomplete).
Address SplitAddress(std::string_view text);

// The platform's order state, as far as intake cares.
enum class PlatformState {
  kUnpaid,  // pending_payment in Ordo
  kPaid,    // paid, waiting for the seller to ship: becomes a paid order
  kClosed,  // closed or cancelled on the platform: not an order to fulfil
  kShipped, // already shipped (or completed) by the platform's seller: not imported
  kUnknown,
};
PlatformState ParsePlatformState(std::string_view text);

// Why a row is not an order: the column at fault (the file's header, or "" for the row), the
// error code and a sentence.
struct ImportProblem {
  std::string column;
  Code code = Code::kInvalidValue;
  std::string reason;
};

// One order read from the files: the NewOrder for intake, its payment, and where it came from.
struct ImportedOrder {
  int64_t row = 0;  // the first row it was read from (the header is row 1)
  std::string file;
  NewOrder order;
  bool paid = false;
  std::optional<Timestamp> paid_at;
  // Set: the row cannot be an order (the first problem found); order is then incomplete.
  std::optional<ImportProblem> problem;
  // The file's column for each field path intake may refuse ("consignee.phone" → "联系手机";
  // "lines" → "商家编码"), so a refusal names the column the operator sees.
  std::map<std::string, std::string> columns;

  // The column for an intake field error path ("lines[0].sku" → the SKU column).
  std::string ColumnFor(std::string_view field) const;
};

// Reads a stream of ImportedOrder from the files of one import. Not thread-safe.
class OrderFileReader {
 public:
  virtual ~OrderFileReader() = default;
  // Opens `paths` (shown in results as `names`, e.g. the uploaded file names) for `format`.
  // kInvalidValue (field "files") when a file cannot be opened or its header is not the
  // format's (the message names the missing column); kRequired when no file is given.
  // With `sealed`, the files were written by WriteSealedFile under that cipher.
  static Result<std::unique_ptr<OrderFileReader>> Open(ImportFormat format,
                                                       const std::vector<std::string>& paths,
                                                       const std::vector<std::string>& names,
                                                       const PiiCipher* sealed = nullptr);
  // The next order, or nullopt at the end; an error only when a file cannot be read any more
  // (an undecodable byte, a file cut short): its message names the file and the row, and
  // Failure() says where. The orders returned before it are whole and may be imported.
  virtual Result<std::optional<ImportedOrder>> Next() = 0;
  // Where reading stopped after Next() failed: the file's name and the row it was reading
  // (the header is row 1).
  struct Position {
    std::string file;
    int64_t row = 0;
  };
  virtual Position Failure() const = 0;
  // Bytes of the main file read so far and in all, for progress.
  virtual int64_t BytesRead() const = 0;
  virtual int64_t BytesTotal() const = 0;
};

// --- Lower layers, exposed for their tests ---

// A file's bytes as UTF-8, block by block, whatever encoding it was written in.
class Utf8Source {
 public:
  ~Utf8Source();
  Utf8Source(const Utf8Source&) = delete;
  Utf8Source& operator=(const Utf8Source&) = delete;
  // kInvalidValue when the file cannot be opened. With `sealed`, the file was written by
  // WriteSealedFile under that cipher and is opened block by block as it is read.
  static Result<std::unique_ptr<Utf8Source>> Open(const std::string& path,
                                                   const PiiCipher* sealed = nullptr);
  // Appends the next converted block to `out`; false at the end of the file. An error when a
  // byte sequence is not valid in the detected encoding: the bytes before it are returned
  // first, and the error on the next call, so every whole row before the bad byte is read.
  Result<bool> Read(std::string& out);
  std::string_view encoding() const { return encoding_; }
  int64_t bytes_read() const { return bytes_read_; }
  int64_t bytes_total() const { return bytes_total_; }

 private:
  Utf8Source() = default;
  // Up to `size` bytes of the file (opened, when sealed); fewer only at its end.
  Result<size_t> ReadRaw(char* to, size_t size);
  std::FILE* file_ = nullptr;
  const PiiCipher* sealed_ = nullptr;
  std::string plain_;      // the opened block of a sealed file
  size_t plain_pos_ = 0;   // how much of it was handed out
  Status failure_;         // a decoding error to report once the bytes before it are read
  void* iconv_ = nullptr;  // iconv_t when converting from GB18030
  std::string encoding_ = "UTF-8";
  std::string pending_;  // bytes read but not yet converted (a split multi-byte sequence)
  int64_t bytes_read_ = 0;
  int64_t bytes_total_ = 0;
  bool first_ = true;
  bool eof_ = false;
};

// RFC 4180 records from a Utf8Source (commas, quoted fields with "" quotes and line breaks;
// CRLF or LF). Not thread-safe.
class CsvReader {
 public:
  explicit CsvReader(std::unique_ptr<Utf8Source> source) : source_(std::move(source)) {}
  // The next record's fields, or false at the end. `record` counts records from 1 (the header).
  Result<bool> Next(std::vector<std::string>& fields);
  int64_t record() const { return record_; }
  const Utf8Source& source() const { return *source_; }

 private:
  Result<bool> Fill();
  std::unique_ptr<Utf8Source> source_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  int64_t record_ = 0;
};

// Writes `content` to a new file at `path` (mode 0600, which must not exist) sealed with
// `cipher` in blocks (each a 4-byte little-endian length and PiiCipher::Seal of up to 64 KiB),
// so personal data in an uploaded file never rests in clear. kUnavailable when it cannot be
// written (the partial file is removed).
Status WriteSealedFile(const PiiCipher& cipher, std::string_view content, const std::string& path);

}  // namespace ordo::app
