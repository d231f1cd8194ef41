// Fuzz target: order import files (app/import_formats.h) as `ordo import` and
// POST /api/v1/imports read them: the encoding detection (a UTF-8 byte order mark, valid UTF-8,
// else GB18030 through iconv), the CSV reader (quoted cells with commas, quotes and line breaks,
// CRLF or LF), and each format's row mapping (Taobao's order list alone or joined with its item
// detail file, JD, Pinduoduo, Ordo's own CSV): spreadsheet guards, amounts in yuan, platform
// times and states, address splitting. Then the domain's intake check (BuildOrder against a small
// catalogue) of every order the mapping lets through, as the import runs it.
//
// Input: byte 0 picks the format (bits 0–1: Taobao, JD, Pinduoduo, Ordo) and, for Taobao with
// bit 2, a second file: the bytes after the first NUL are the item detail file (the reader tells
// the two apart by their headers, as it does for an upload). The rest is the file as uploaded.
// The files live in memory (memfd), read through /proc/self/fd like any path.
//
// Invariants: a file is either opened or refused as a validation error naming `files`; reading
// stops only with such an error, at a row after the header of a file of the import; every order
// read comes from a row after the header, in file order. A row the mapping accepts has a
// non-empty external id, lines with positive quantities, SKUs and amounts that are not negative;
// a row it refuses names the file's column (never an empty one) and says why. When intake refuses
// an accepted row, each field it names maps to a column of the file. An Ordo row written back by
// the export's CSV writer and read again is the same order.
#include <sys/mman.h>
#include <unistd.h>

#include <map>
#include <string>
#include <vector>

#include "app/import_formats.h"
#include "domain/order/intake.h"
#include "fuzz_check.h"
#include "tables/table.h"

namespace ordo {
namespace {
using app::ImportedOrder;
using app::ImportFormat;
using app::OrderFileReader;

// Enough rows to reach every branch of the readers; every row past this is more of the same.
constexpr int kMaxOrders = 64;

// One file in memory under a path any reader can open.
class MemoryFile {
 public:
  explicit MemoryFile(const char* name) : fd_(memfd_create(name, MFD_CLOEXEC)) {
    FUZZ_CHECK(fd_ >= 0, "memfd_create failed");
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  const std::string& Write(std::string_view bytes) {
    FUZZ_CHECK(ftruncate(fd_, 0) == 0, "ftruncate failed");
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = pwrite(fd_, bytes.data() + done, bytes.size() - done,
                               static_cast<off_t>(done));
      FUZZ_CHECK(n > 0, "pwrite failed");
      done += static_cast<size_t>(n);
    }
    return path_;
  }

 private:
  int fd_;
  std::string path_;
};

const std::map<std::string, Sku>& Catalog() {
  static const std::map<std::string, Sku> catalog = [] {
    std::map<std::string, Sku> skus;
    auto add = [&](std::string code, int64_t price, Quantity step) {
      Sku sku;
      sku.code = code;
      sku.name = code;
      sku.price_amount = price;
      sku.weight_g = 250;
      sku.step_quantity = step;
      sku.min_quantity = step;
      sku.sellable = true;
      skus.emplace(std::move(code), std::move(sku));
    };
    add("TEA-1", 6600, 1);
    add("CUP-1", 1250, 1);
    add("TEA-QM-150", 6600, 1);
    add("CUP-6", 4500, 6);
    return skus;
  }();
  return catalog;
}

void CheckRow(const ImportedOrder& order, const std::string& file, int64_t& last_row) {
  FUZZ_CHECK(order.file == file, "an order from " + order.file + ", not " + file);
  FUZZ_CHECK(order.row >= 2, "an order from row " + std::to_string(order.row));
  FUZZ_CHECK(order.row > last_row, "rows out of order: " + std::to_string(order.row) +
                                       " after " + std::to_string(last_row));
  last_row = order.row;
  if (order.problem) {
    FUZZ_CHECK(!order.problem->column.empty(), "a refused row names no column: " +
                                                    order.problem->reason);
    FUZZ_CHECK(!order.problem->reason.empty(), "a refused row without a reason");
    return;
  }
  const NewOrder& o = order.order;
  FUZZ_CHECK(!o.external_id.empty(), "an accepted row without its external id");
  FUZZ_CHECK(!o.lines.empty(), "an accepted row without lines");
  for (const NewOrderLine& line : o.lines) {
    FUZZ_CHECK(line.quantity > 0, "a line of quantity " + std::to_string(line.quantity));
    FUZZ_CHECK(!line.unit_price_amount || *line.unit_price_amount >= 0,
               "a negative unit price " + std::to_string(*line.unit_price_amount));
  }
  FUZZ_CHECK(!o.total_amount || *o.total_amount >= 0,
             "a negative total " + std::to_string(*o.total_amount));
  FUZZ_CHECK(!order.paid_at || order.paid_at->unix_ms > -62'167'219'200'000,
             "a payment time before year 0");
  // What intake says of it, as the import reports it: each field at fault is a column.
  Result<Order> built = BuildOrder(o, Catalog(), Timestamp{1'796'112'000'000});
  if (!built.ok()) {
    fuzz::CheckRefusal(built.status());
    for (const FieldError& error : built.status().field_errors()) {
      FUZZ_CHECK(!order.ColumnFor(error.field).empty(), "no column for " + error.field);
    }
  } else {
    FUZZ_CHECK(built->total_amount >= 0, "a negative order total");
  }
}

// The Ordo row `order` as the export writes it (one CSV row per line), through the real CSV
// writer: text guarded against formulas, long codes as ="…", amounts as yuan.
std::string WriteOrdoCsv(const ImportedOrder& order) {
  using tables::Cell;
  using tables::CellType;
  std::string out;
  std::unique_ptr<tables::TableWriter> writer = tables::NewCsvWriter([&](std::string_view bytes) {
    out.append(bytes);
    return Status::Ok();
  });
  std::vector<tables::Column> columns;
  for (const std::string& name : app::OrdoOrderColumns()) {
    const bool code = name == "order_no" || name == "external_id" || name == "sku" ||
                      name.ends_with("_phone") || name == "member_id" || name == "division_code";
    const bool money = name.ends_with("amount") || name == "unit_price";
    const bool time = name.ends_with("_at");
    const bool count = name == "quantity" || name == "line_no";
    columns.push_back({name, code    ? CellType::kCode
                             : money ? CellType::kMoney
                             : time  ? CellType::kTime
                             : count ? CellType::kInteger
                                     : CellType::kText});
  }
  FUZZ_CHECK(writer->Begin(columns).ok(), "the CSV writer refused the header");
  const NewOrder& o = order.order;
  auto money = [](std::optional<int64_t> fen) { return fen ? Cell::Number(*fen) : Cell{"", 0, true}; };
  for (size_t i = 0; i < o.lines.size(); ++i) {
    const NewOrderLine& line = o.lines[i];
    std::map<std::string, Cell> cells = {
        {"channel", Cell::Text(o.channel)},
        {"external_id", Cell::Text(o.external_id)},
        {"status", Cell::Text(order.paid ? "paid" : "pending_payment")},
        {"paid_at", Cell::Time(order.paid_at)},
        {"payment_method", Cell::Text(o.payment_method)},
        {"shipping_service", Cell::Text(o.shipping_service)},
        {"member_id", Cell::Text(o.customer.member_id)},
        {"customer_name", Cell::Text(o.customer.name)},
        {"customer_phone", Cell::Text(o.customer.phone)},
        {"consignee_name", Cell::Text(o.consignee.name)},
        {"consignee_phone", Cell::Text(o.consignee.phone)},
        {"province", Cell::Text(o.consignee.address.province)},
        {"city", Cell::Text(o.consignee.address.city)},
        {"district", Cell::Text(o.consignee.address.district)},
        {"address_detail", Cell::Text(o.consignee.address.detail)},
        {"division_code", Cell::Text(o.consignee.address.division_code)},
        {"buyer_note", Cell::Text(o.buyer_note)},
        {"total_amount", money(o.total_amount)},
        {"line_no", Cell::Number(static_cast<int64_t>(i + 1))},
        {"sku", Cell::Text(line.sku)},
        {"quantity", Cell::Number(line.quantity)},
        {"unit_price", money(line.unit_price_amount)}};
    std::vector<Cell> row;
    for (const std::string& name : app::OrdoOrderColumns()) {
      auto it = cells.find(name);
      row.push_back(it == cells.end() ? Cell{"", 0, true} : it->second);
    }
    FUZZ_CHECK(writer->Row(row).ok(), "the CSV writer refused a row");
  }
  FUZZ_CHECK(writer->Finish().ok(), "the CSV writer failed");
  return out;
}

std::string Describe(const ImportedOrder& order) {
  const NewOrder& o = order.order;
  std::string text = o.channel + "|" + o.external_id + "|" + (order.paid ? "paid" : "unpaid") +
                     "|" + (order.paid_at ? std::to_string(order.paid_at->unix_ms) : "-") + "|" +
                     o.payment_method + "|" + o.shipping_service + "|" + o.customer.member_id +
                     "|" + o.customer.name + "|" + o.customer.phone + "|" + o.consignee.name +
                     "|" + o.consignee.phone + "|" + o.consignee.address.province + "|" +
                     o.consignee.address.city + "|" + o.consignee.address.district + "|" +
                     o.consignee.address.detail + "|" + o.consignee.address.division_code + "|" +
                     o.buyer_note + "|" +
                     (o.total_amount ? std::to_string(*o.total_amount) : "-");
  for (const NewOrderLine& line : o.lines) {
    text += "|" + line.sku + "×" + std::to_string(line.quantity) + "@" +
            (line.unit_price_amount ? std::to_string(*line.unit_price_amount) : "-");
  }
  return text;
}

// An accepted Ordo row, written back and read again, is the same order.
void CheckRoundTrip(const ImportedOrder& order, MemoryFile& file) {
  const std::string csv = WriteOrdoCsv(order);
  Result<std::unique_ptr<OrderFileReader>> reader =
      OrderFileReader::Open(ImportFormat::kOrdo, {file.Write(csv)}, {"again.csv"});
  FUZZ_CHECK(reader.ok(), "the written file cannot be opened: " + reader.status().ToString() +
                              "\n" + csv);
  Result<std::optional<ImportedOrder>> again = (*reader)->Next();
  FUZZ_CHECK(again.ok() && again->has_value(), "the written row cannot be read\n" + csv);
  const ImportedOrder& back = **again;
  FUZZ_CHECK(!back.problem, "the written row is refused: " + (back.problem ? back.problem->reason : "") +
                                "\n" + csv);
  FUZZ_CHECK(Describe(back) == Describe(order),
             "read back as\n  " + Describe(back) + "\nnot\n  " + Describe(order) + "\n" + csv);
  Result<std::optional<ImportedOrder>> end = (*reader)->Next();
  FUZZ_CHECK(end.ok() && !end->has_value(), "the written file holds more than the order\n" + csv);
}

}  // namespace
}  // namespace ordo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ordo;
  static MemoryFile main_file("import-main");
  static MemoryFile item_file("import-items");
  static MemoryFile again_file("import-again");
  std::string_view input = fuzz::AsText(data, size);
  if (input.empty()) {
    return 0;
  }
  const auto choice = static_cast<unsigned char>(input[0]);
  input.remove_prefix(1);
  const ImportFormat format = static_cast<ImportFormat>(choice % 4);
  std::vector<std::string> paths;
  std::vector<std::string> names;
  if (format == ImportFormat::kTaobao && (choice & 4) != 0) {
    const size_t nul = input.find('\0');
    const std::string_view items = nul == std::string_view::npos ? "" : input.substr(nul + 1);
    input = input.substr(0, nul);
    paths = {main_file.Write(input), item_file.Write(items)};
    names = {"ExportOrderList.csv", "ExportOrderDetailList.csv"};
  } else {
    paths = {main_file.Write(input)};
    names = {"orders.csv"};
  }
  Result<std::unique_ptr<OrderFileReader>> reader = OrderFileReader::Open(format, paths, names);
  if (!reader.ok()) {
    FUZZ_CHECK(reader.status().kind() == Kind::kInvalid, reader.status().ToString());
    fuzz::CheckRefusal(reader.status());
    return 0;
  }
  int64_t last_row = 0;
  std::string file;
  for (int i = 0; i < kMaxOrders; ++i) {
    Result<std::optional<ImportedOrder>> next = (*reader)->Next();
    if (!next.ok()) {
      FUZZ_CHECK(next.status().kind() == Kind::kInvalid, next.status().ToString());
      fuzz::CheckRefusal(next.status());
      const OrderFileReader::Position where = (*reader)->Failure();
      FUZZ_CHECK(where.file == names[0] || (names.size() > 1 && where.file == names[1]),
                 "reading stopped in " + where.file);
      FUZZ_CHECK(where.row >= 2, "reading stopped at row " + std::to_string(where.row));
      break;
    }
    if (!next->has_value()) {
      break;
    }
    const ImportedOrder& order = **next;
    if (file.empty()) {
      file = order.file;
      FUZZ_CHECK(file == names[0] || (names.size() > 1 && file == names[1]),
                 "orders read from " + file);
    }
    CheckRow(order, file, last_row);
    if (format == ImportFormat::kOrdo && !order.problem) {
      CheckRoundTrip(order, again_file);
    }
  }
  FUZZ_CHECK((*reader)->BytesRead() <= (*reader)->BytesTotal(), "read more than the file holds");
  return 0;
}
