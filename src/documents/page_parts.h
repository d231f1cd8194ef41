// Internal: parts shared by the A4 documents (pick lists and packing slips).
#pragma once

#include <string>

#include "documents/barcode.h"
#include "documents/pdf_canvas.h"

namespace ordo::documents {

inline constexpr double kA4WidthPt = 595.276;   // 210 mm
inline constexpr double kA4HeightPt = 841.890;  // 297 mm
inline constexpr double kA4MarginPt = MmToPt(12);

// "第 2 / 5 页".
std::string PageNumberText(int page, int pages);

// Draws a one-dimensional `barcode` in the upper part of `box` and `text` centred under it.
void DrawBarcodeWithText(PdfCanvas& canvas, const Barcode& barcode, const Box& box,
                         const std::string& text);

// Draws the page footer on the bottom margin line: `left_text` on the left, the page number on
// the right, and a rule above them.
void DrawPageFooter(PdfCanvas& canvas, const std::string& left_text, int page, int pages);
// The height the footer takes above the bottom margin.
double PageFooterHeight();

}  // namespace ordo::documents
