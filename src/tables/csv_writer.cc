// CSV for spreadsheets: see table.h NewCsvWriter.
#include <algorithm>

#include "tables/table.h"

namespace ordo::tables {
namespace {

constexpr size_t kFlushBytes = 64 * 1024;

// A code Excel would read as a number and mangle: twelve digits or more (shown in scientific
// notation, digits after the fifteenth lost), or a leading zero (dropped).
bool NeedsTextGuard(std::string_view code) {
  if (code.empty() ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  return code.size() >= 12 || (code.size() > 1 && code.front() == '0');
}

// A text Excel would run as a formula (CSV injection).
bool LooksLikeFormula(std::string_view text) {
  if (text.empty()) {
    return false;
  }
  const char first = text.front();
  return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
         first == '\r';
}

class CsvWriter final : public TableWriter {
 public:
  explicit CsvWriter(Sink sink) : sink_(std::move(sink)) { buffer_.reserve(kFlushBytes * 2); }

  Status Begin(const std::vector<Column>& columns) override {
    types_.clear();
    buffer_ = "\xEF\xBB\xBF";
    for (size_t i = 0; i < columns.size(); ++i) {
      if (i > 0) {
        buffer_ += ',';
      }
      AppendField(columns[i].header);
      types_.push_back(columns[i].type);
    }
    buffer_ += "\r\n";
    return FlushIfFull();
  }

  Status Row(const std::vector<Cell>& cells) override {
    for (size_t i = 0; i < types_.size(); ++i) {
      if (i > 0) {
        buffer_ += ',';
      }
      if (i < cells.size() && !cells[i].empty) {
        AppendCell(types_[i], cells[i]);
      }
    }
    buffer_ += "\r\n";
    return FlushIfFull();
  }

  Status Finish() override {
    Status status = buffer_.empty() ? Status::Ok() : sink_(buffer_);
    buffer_.clear();
    return status;
  }

 private:
  void AppendCell(CellType type, const Cell& cell) {
    switch (type) {
      case CellType::kText:
        AppendField(LooksLikeFormula(cell.text) ? "'" + cell.text : cell.text);
        return;
      case CellType::kCode:
        if (NeedsTextGuard(cell.text)) {
          buffer_ += "\"=\"\"";
          buffer_ += cell.text;
          buffer_ += "\"\"\"";
        } else {
          AppendField(LooksLikeFormula(cell.text) ? "'" + cell.text : cell.text);
        }
        return;
      case CellType::kInteger:
        buffer_ += std::to_string(cell.number);
        return;
      case CellType::kMoney:
        buffer_ += FormatYuan(cell.number);
        return;
      case CellType::kTime:
        buffer_ += FormatChinaTime(Timestamp{cell.number});
        return;
    }
  }

  void AppendField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
      buffer_ += text;
      return;
    }
    buffer_ += '"';
    for (char c : text) {
      if (c == '"') {
        buffer_ += '"';
      }
      buffer_ += c;
    }
    buffer_ += '"';
  }

  Status FlushIfFull() {
    if (buffer_.size() < kFlushBytes) {
      return Status::Ok();
    }
    Status status = sink_(buffer_);
    buffer_.clear();
    return status;
  }

  Sink sink_;
  std::string buffer_;
  std::vector<CellType> types_;
};

}  // namespace

std::unique_ptr<TableWriter> NewCsvWriter(Sink sink) {
  return std::make_unique<CsvWriter>(std::move(sink));
}

}  // namespace ordo::tables
