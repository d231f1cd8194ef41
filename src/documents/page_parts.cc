#include "documents/page_parts.h"

namespace ordo::documents {
namespace {

constexpr double kFooterSizePt = 8.5;
constexpr double kBarcodeTextSizePt = 10;
constexpr double kBarcodeTextHeightPt = 15;
constexpr double kMaxModulePt = MmToPt(0.4);

}  // namespace

std::string PageNumberText(int page, int pages) {
  return "第 " + std::to_string(page) + " / " + std::to_string(pages) + " 页";
}

void DrawBarcodeWithText(PdfCanvas& canvas, const Barcode& barcode, const Box& box,
                         const std::string& text) {
  const Box bars{box.x, box.y, box.width, box.height - kBarcodeTextHeightPt};
  DrawBarcode(canvas.cairo(), barcode, bars, kMaxModulePt);
  TextStyle style;
  style.size_pt = kBarcodeTextSizePt;
  style.bold = true;
  style.align = Align::kCenter;
  style.max_lines = 1;
  canvas.DrawText(box.x, bars.y + bars.height + 2, box.width, text, style);
}

double PageFooterHeight() {
  return MmToPt(8);
}

void DrawPageFooter(PdfCanvas& canvas, const std::string& left_text, int page, int pages) {
  const double left = kA4MarginPt;
  const double width = canvas.width() - 2 * kA4MarginPt;
  const double top = canvas.height() - kA4MarginPt - PageFooterHeight();
  canvas.HorizontalLine(left, left + width, top, 0.6);
  TextStyle style;
  style.size_pt = kFooterSizePt;
  style.max_lines = 1;
  const double text_top = top + MmToPt(2.5);
  canvas.DrawText(left, text_top, width * 0.7, left_text, style);
  style.align = Align::kRight;
  canvas.DrawText(left + width * 0.7, text_top, width * 0.3, PageNumberText(page, pages), style);
}

}  // namespace ordo::documents
