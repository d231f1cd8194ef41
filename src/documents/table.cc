#include "documents/table.h"

#include <algorithm>

#include "base/assert.h"

namespace ordo::documents {
namespace {

constexpr double kPaddingX = 3.0;
constexpr double kPaddingY = 2.5;
constexpr double kRule = 0.4;
constexpr double kHeadRule = 0.9;

}  // namespace

Table::Table(std::vector<Column> columns, double font_size_pt)
    : columns_(std::move(columns)), font_size_pt_(font_size_pt) {}

double Table::width() const {
  double total = 0;
  for (const Column& column : columns_) {
    total += column.width_pt;
  }
  return total;
}

TextStyle Table::CellStyle(const Column& column) const {
  TextStyle style;
  style.size_pt = font_size_pt_;
  style.align = column.align;
  style.max_lines = column.max_lines;
  return style;
}

double Table::HeadHeight(PdfCanvas& canvas) const {
  double height = 0;
  for (const Column& column : columns_) {
    TextStyle style = CellStyle(column);
    style.bold = true;
    height =
        std::max(height, canvas.TextHeight(column.title, column.width_pt - 2 * kPaddingX, style));
  }
  return height + 2 * kPaddingY;
}

double Table::RowHeight(PdfCanvas& canvas, const std::vector<std::string>& cells) const {
  ORDO_ASSERT(cells.size() == columns_.size());
  double height = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    height = std::max(height, canvas.TextHeight(cells[i], columns_[i].width_pt - 2 * kPaddingX,
                                                CellStyle(columns_[i])));
  }
  return height + 2 * kPaddingY;
}

double Table::DrawHead(PdfCanvas& canvas, double x, double y) const {
  const double height = HeadHeight(canvas);
  double left = x;
  for (const Column& column : columns_) {
    TextStyle style = CellStyle(column);
    style.bold = true;
    canvas.DrawText(left + kPaddingX, y + kPaddingY, column.width_pt - 2 * kPaddingX, column.title,
                    style);
    left += column.width_pt;
  }
  canvas.HorizontalLine(x, x + width(), y, kHeadRule);
  canvas.HorizontalLine(x, x + width(), y + height, kHeadRule);
  return height;
}

void Table::DrawRow(PdfCanvas& canvas, double x, double y, const std::vector<std::string>& cells,
                    double height_pt) const {
  ORDO_ASSERT(cells.size() == columns_.size());
  double left = x;
  for (size_t i = 0; i < columns_.size(); ++i) {
    canvas.DrawText(left + kPaddingX, y + kPaddingY, columns_[i].width_pt - 2 * kPaddingX, cells[i],
                    CellStyle(columns_[i]));
    left += columns_[i].width_pt;
  }
  canvas.HorizontalLine(x, x + width(), y + height_pt, kRule);
}

std::vector<PageRows> Paginate(const std::vector<double>& row_heights_pt, double capacity_pt,
                               double trailer_pt) {
  std::vector<PageRows> pages;
  PageRows page;
  double used = 0;
  for (size_t i = 0; i < row_heights_pt.size(); ++i) {
    if (page.end > page.begin && used + row_heights_pt[i] > capacity_pt) {
      pages.push_back(page);
      page = PageRows{i, i};
      used = 0;
    }
    page.end = i + 1;
    used += row_heights_pt[i];
  }
  pages.push_back(page);
  if (used + trailer_pt > capacity_pt && page.end > page.begin) {
    pages.push_back(PageRows{page.end, page.end});
  }
  return pages;
}

}  // namespace ordo::documents
