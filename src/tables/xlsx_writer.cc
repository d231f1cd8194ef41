// XLSX for spreadsheets: see table.h NewXlsxWriter.
#include <xlsxwriter.h>

#include "tables/table.h"

namespace ordo::tables {
namespace {

constexpr int64_t kChinaOffsetMs = 8LL * 3600 * 1000;
constexpr size_t kMaxCellBytes = 32767;  // Excel's limit is in characters: bytes are safe
// 1899-12-30, day 0 of Excel's calendar, is 25569 days before the Unix epoch.
constexpr double kExcelEpochDays = 25569.0;

// A string cut to what a cell takes, on a UTF-8 character boundary.
std::string_view CellText(std::string_view text) {
  if (text.size() <= kMaxCellBytes) {
    return text;
  }
  size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  return text.substr(0, end);
}

Status Failed(const char* what, lxw_error error) {
  return Status::Internal(std::string("cannot write the spreadsheet (") + what +
                          "): " + lxw_strerror(error));
}

class XlsxWriter final : public TableWriter {
 public:
  XlsxWriter(std::string path, std::string sheet, int64_t rows_per_sheet)
      : path_(std::move(path)), sheet_(std::move(sheet)), rows_per_sheet_(rows_per_sheet) {}

  ~XlsxWriter() override {
    if (workbook_ != nullptr) {
      workbook_close(workbook_);  // an unfinished file, removed by its owner
    }
  }

  Status Begin(const std::vector<Column>& columns) override {
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    workbook_ = workbook_new_opt(path_.c_str(), &options);
    if (workbook_ == nullptr) {
      return Status::Internal("cannot create the spreadsheet " + path_);
    }
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xEEEEEE);
    money_ = workbook_add_format(workbook_);
    format_set_num_format(money_, "0.00");
    time_ = workbook_add_format(workbook_);
    format_set_num_format(time_, "yyyy-mm-dd hh:mm:ss");
    text_ = workbook_add_format(workbook_);
    format_set_num_format(text_, "@");
    columns_ = columns;
    return NewSheet();
  }

  Status Row(const std::vector<Cell>& cells) override {
    if (rows_in_sheet_ >= rows_per_sheet_) {
      ORDO_RETURN_IF_ERROR(NewSheet());
    }
    const lxw_row_t row = static_cast<lxw_row_t>(++rows_in_sheet_);
    for (size_t i = 0; i < columns_.size() && i < cells.size(); ++i) {
      if (cells[i].empty) {
        continue;
      }
      ORDO_RETURN_IF_ERROR(WriteCell(row, static_cast<lxw_col_t>(i), columns_[i].type, cells[i]));
    }
    return Status::Ok();
  }

  Status Finish() override {
    lxw_workbook* workbook = workbook_;
    workbook_ = nullptr;
    if (workbook == nullptr) {
      return Status::Internal("the spreadsheet was not begun");
    }
    if (lxw_error error = workbook_close(workbook); error != LXW_NO_ERROR) {
      return Failed("close", error);
    }
    return Status::Ok();
  }

 private:
  Status NewSheet() {
    ++sheets_;
    const std::string name = sheets_ == 1 ? sheet_ : sheet_ + " (" + std::to_string(sheets_) + ")";
    sheet_handle_ = workbook_add_worksheet(workbook_, name.c_str());
    if (sheet_handle_ == nullptr) {
      return Status::Internal("cannot add the sheet " + name);
    }
    for (size_t i = 0; i < columns_.size(); ++i) {
      const auto col = static_cast<lxw_col_t>(i);
      worksheet_set_column(sheet_handle_, col, col, columns_[i].width, nullptr);
    }
    worksheet_freeze_panes(sheet_handle_, 1, 0);
    for (size_t i = 0; i < columns_.size(); ++i) {
      if (lxw_error error =
              worksheet_write_string(sheet_handle_, 0, static_cast<lxw_col_t>(i),
                                     std::string(CellText(columns_[i].header)).c_str(), header_);
          error != LXW_NO_ERROR) {
        return Failed("header", error);
      }
    }
    rows_in_sheet_ = 0;
    return Status::Ok();
  }

  Status WriteCell(lxw_row_t row, lxw_col_t col, CellType type, const Cell& cell) {
    lxw_error error = LXW_NO_ERROR;
    switch (type) {
      case CellType::kText:
      case CellType::kCode: {
        const std::string text(CellText(cell.text));
        error = worksheet_write_string(sheet_handle_, row, col, text.c_str(),
                                       type == CellType::kCode ? text_ : nullptr);
        break;
      }
      case CellType::kInteger:
        error = worksheet_write_number(sheet_handle_, row, col, static_cast<double>(cell.number),
                                       nullptr);
        break;
      case CellType::kMoney:
        error = worksheet_write_number(sheet_handle_, row, col,
                                       static_cast<double>(cell.number) / 100.0, money_);
        break;
      case CellType::kTime: {
        const double days =
            static_cast<double>(cell.number + kChinaOffsetMs) / 86400000.0 + kExcelEpochDays;
        error = worksheet_write_number(sheet_handle_, row, col, days, time_);
        break;
      }
    }
    return error == LXW_NO_ERROR ? Status::Ok() : Failed("cell", error);
  }

  const std::string path_;
  const std::string sheet_;
  const int64_t rows_per_sheet_;
  std::vector<Column> columns_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_handle_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* money_ = nullptr;
  lxw_format* time_ = nullptr;
  lxw_format* text_ = nullptr;
  int sheets_ = 0;
  int64_t rows_in_sheet_ = 0;
};

}  // namespace

std::unique_ptr<TableWriter> NewXlsxWriter(std::string path, std::string sheet,
                                           int64_t rows_per_sheet) {
  return std::make_unique<XlsxWriter>(std::move(path), std::move(sheet), rows_per_sheet);
}

}  // namespace ordo::tables
