// Internal: barcodes encoded by zint and drawn by cairo as filled rectangles (vectors, so they
// print sharply at any resolution).
#pragma once

#include <cairo.h>

#include <string_view>
#include <vector>

#include "base/status.h"
#include "documents/pdf_canvas.h"

namespace ordo::documents {

// A dark area of a symbol, in modules from the symbol's top-left corner.
struct BarcodeRect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

// An encoded symbol, without its quiet zone.
struct Barcode {
  double width_modules = 0;
  double height_modules = 0;
  bool two_dimensional = false;  // Square modules; otherwise bars that stretch to any height.
  int quiet_zone_modules = 0;    // Blank margin the symbol needs on each side.
  std::vector<BarcodeRect> dark;
};

// Code 128 of `data`. Refused (Kind::kInvalid, Code::kInvalidValue, zint's reason in the message)
// when `data` is empty, too long, or holds characters outside ISO 8859-1.
Result<Barcode> EncodeCode128(std::string_view data);
// QR code (error correction level M) of `data`, in UTF-8; non-ASCII content is marked as UTF-8
// with ECI 26 so that readers decode it as such. Refused like EncodeCode128 when zint cannot
// encode it (empty or too long).
Result<Barcode> EncodeQrCode(std::string_view data);

// The module width `barcode` gets in a box `box_width_pt` wide, its quiet zone included.
double ModuleWidth(const Barcode& barcode, double box_width_pt);

// Draws `barcode` centred in `box`, its quiet zone inside the box. Bars of a one-dimensional
// code fill the box's height and are at most `max_module_pt` wide (0: as wide as the box
// allows); a two-dimensional code is the largest square that fits. Returns the area the symbol
// itself covers.
Box DrawBarcode(cairo_t* cr, const Barcode& barcode, const Box& box, double max_module_pt);

}  // namespace ordo::documents
