// Internal: a PDF being drawn in memory, with text set by Pango.
//
// Coordinates are PDF points (1/72 inch) from the top-left corner of the page. Text is laid out
// by Pango in the document font (a CJK sans-serif), wraps at word boundaries and, inside long
// words and CJK text, between characters. Fonts are embedded as subsets by cairo.
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/status.h"

namespace ordo::documents {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double MmToPt(double mm) {
  return mm * kPointsPerMm;
}

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  double size_pt = 9.0;
  bool bold = false;
  Align align = Align::kLeft;
  // 0: as many lines as the text needs; otherwise the text is cut to this many lines and ends
  // with an ellipsis.
  int max_lines = 0;
  bool white = false;  // White text, for marks printed on a black ground.
};

struct Box {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

// Title and creation time written into the file's metadata; the time also makes the output
// repeatable (the same input gives the same bytes).
struct DocumentInfo {
  std::string title;
  Timestamp created_at;
};

// One PDF document. Not copyable or movable (cairo writes into it through a pointer). Not
// thread-safe; use one per thread.
class PdfCanvas {
 public:
  // Starts a document whose pages are `width_pt` × `height_pt`. Check status() before drawing.
  PdfCanvas(double width_pt, double height_pt, const DocumentInfo& info);
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  // kInternal when cairo or Pango could not be set up.
  const Status& status() const { return status_; }
  double width() const { return width_pt_; }
  double height() const { return height_pt_; }
  cairo_t* cairo() { return cr_; }

  // The height `text` takes when wrapped to `width_pt`.
  double TextHeight(std::string_view text, double width_pt, const TextStyle& style);
  // The width of `text` on one line.
  double TextWidth(std::string_view text, const TextStyle& style);
  // Draws `text` wrapped to `width_pt` with its top-left corner at (x, y); returns its height.
  double DrawText(double x, double y, double width_pt, std::string_view text,
                  const TextStyle& style);
  // Draws `text` inside `box`, trying style.size_pt first and shrinking it in half-point steps
  // down to `min_size_pt` until the wrapped text fits the box's height. Text that does not fit
  // even at `min_size_pt` is cut at the bottom of the box with an ellipsis. Returns the size used.
  double DrawTextFitted(const Box& box, std::string_view text, TextStyle style, double min_size_pt);

  void StrokeRect(const Box& box, double line_width_pt);
  void FillRect(const Box& box);
  void HorizontalLine(double x1, double x2, double y, double line_width_pt);
  void VerticalLine(double x, double y1, double y2, double line_width_pt);

  // Ends the current page and starts the next one.
  void NextPage();
  // Ends the document and returns its bytes; kInternal if cairo failed at any point. The canvas
  // cannot be drawn on afterwards.
  Result<std::string> Finish();

 private:
  // Sets the layout up for `text`. `width_pt` <= 0: one line per paragraph. `max_height_pt` > 0:
  // lines below that height are cut with an ellipsis.
  void PrepareLayout(std::string_view text, double width_pt, const TextStyle& style,
                     double max_height_pt);
  // Draws the prepared layout at (x, y); returns its height.
  double ShowPreparedLayout(double x, double y, const TextStyle& style);

  double width_pt_;
  double height_pt_;
  Status status_;
  std::string bytes_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoLayout* layout_ = nullptr;
  PangoFontDescription* font_ = nullptr;
};

}  // namespace ordo::documents
