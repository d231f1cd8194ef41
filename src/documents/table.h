// Internal: tables whose cells wrap, split over pages.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "documents/pdf_canvas.h"

namespace ordo::documents {

struct Column {
  std::string title;
  double width_pt = 0;
  Align align = Align::kLeft;
  int max_lines = 0;  // 0: the cell grows with its text; otherwise cut with an ellipsis.
};

// A table head and rows drawn with thin rules between rows. Cells wrap to their column's width.
class Table {
 public:
  Table(std::vector<Column> columns, double font_size_pt);

  double width() const;
  double HeadHeight(PdfCanvas& canvas) const;
  // The height of a row of `cells` (one per column) once wrapped.
  double RowHeight(PdfCanvas& canvas, const std::vector<std::string>& cells) const;
  // Draws the head with its top-left corner at (x, y); returns its height.
  double DrawHead(PdfCanvas& canvas, double x, double y) const;
  // Draws a row `height_pt` high (from RowHeight) with its top-left corner at (x, y).
  void DrawRow(PdfCanvas& canvas, double x, double y, const std::vector<std::string>& cells,
               double height_pt) const;

 private:
  TextStyle CellStyle(const Column& column) const;

  std::vector<Column> columns_;
  double font_size_pt_;
};

// The rows [begin, end) printed on one page.
struct PageRows {
  size_t begin = 0;
  size_t end = 0;
};

// Splits rows of the given heights into pages that each hold at most `capacity_pt` of rows. The
// last page also needs `trailer_pt` free below its rows (for totals or a note); when it has not,
// one more page without rows is added for the trailer. A row taller than a page gets a page of
// its own. Always at least one page.
std::vector<PageRows> Paginate(const std::vector<double>& row_heights_pt, double capacity_pt,
                               double trailer_pt);

}  // namespace ordo::documents
