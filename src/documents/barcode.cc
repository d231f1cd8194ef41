#include "documents/barcode.h"

#include <zint.h>

#include <algorithm>
#include <memory>
#include <string>

#include "documents/format.h"

namespace ordo::documents {
namespace {

constexpr int kCode128QuietZoneModules = 10;
constexpr int kQrQuietZoneModules = 4;
constexpr int kQrEccLevelM = 2;
constexpr int kEciUtf8 = 26;

struct SymbolDeleter {
  void operator()(zint_symbol* symbol) const { ZBarcode_Delete(symbol); }
};
using SymbolPtr = std::unique_ptr<zint_symbol, SymbolDeleter>;

Status Unencodable(std::string_view what, const char* reason) {
  return Status(Kind::kInvalid, Code::kInvalidValue,
                std::string("cannot encode as ") + std::string(what) + ": " + reason);
}

// Encodes `data` with the options already set on `symbol` and copies its vector output, scaled
// to modules, into a Barcode.
Result<Barcode> Encode(SymbolPtr symbol, std::string_view what, std::string_view data) {
  if (data.empty()) {
    return Unencodable(what, "no data");
  }
  const int result = ZBarcode_Encode_and_Buffer_Vector(
      symbol.get(), reinterpret_cast<const unsigned char*>(data.data()),
      static_cast<int>(data.size()), 0);
  if (result >= ZINT_ERROR) {
    return Unencodable(what, symbol->errtxt);
  }
  const zint_vector* vector = symbol->vector;
  if (vector == nullptr || symbol->width <= 0 || vector->width <= 0) {
    return Status::Internal("zint returned no vector output for " + std::string(what));
  }
  // zint was asked for no quiet zone and no text, so the vector spans the modules exactly.
  const double units_per_module = vector->width / symbol->width;
  Barcode barcode;
  barcode.width_modules = symbol->width;
  barcode.height_modules = vector->height / units_per_module;
  for (const zint_vector_rect* rect = vector->rectangles; rect != nullptr; rect = rect->next) {
    barcode.dark.push_back({rect->x / units_per_module, rect->y / units_per_module,
                            rect->width / units_per_module, rect->height / units_per_module});
  }
  return barcode;
}

SymbolPtr NewSymbol(int symbology) {
  SymbolPtr symbol(ZBarcode_Create());
  ORDO_ASSERT(symbol != nullptr);
  symbol->symbology = symbology;
  symbol->input_mode = UNICODE_MODE;
  symbol->show_hrt = 0;
  return symbol;
}

}  // namespace

Result<Barcode> EncodeCode128(std::string_view data) {
  SymbolPtr symbol = NewSymbol(BARCODE_CODE128);
  ORDO_ASSIGN_OR_RETURN(Barcode barcode, Encode(std::move(symbol), "Code 128", data));
  barcode.quiet_zone_modules = kCode128QuietZoneModules;
  return barcode;
}

Result<Barcode> EncodeQrCode(std::string_view data) {
  SymbolPtr symbol = NewSymbol(BARCODE_QRCODE);
  symbol->option_1 = kQrEccLevelM;
  if (HasNonAscii(data)) {
    symbol->eci = kEciUtf8;
  }
  ORDO_ASSIGN_OR_RETURN(Barcode barcode, Encode(std::move(symbol), "QR code", data));
  barcode.two_dimensional = true;
  barcode.quiet_zone_modules = kQrQuietZoneModules;
  return barcode;
}

double ModuleWidth(const Barcode& barcode, double box_width_pt) {
  return box_width_pt / (barcode.width_modules + 2.0 * barcode.quiet_zone_modules);
}

Box DrawBarcode(cairo_t* cr, const Barcode& barcode, const Box& box, double max_module_pt) {
  double module_x = ModuleWidth(barcode, box.width);
  double module_y = 0;
  if (barcode.two_dimensional) {
    const double by_height =
        box.height / (barcode.height_modules + 2.0 * barcode.quiet_zone_modules);
    module_x = std::min(module_x, by_height);
    module_y = module_x;
  } else {
    if (max_module_pt > 0) {
      module_x = std::min(module_x, max_module_pt);
    }
    module_y = box.height / barcode.height_modules;
  }
  const double width = barcode.width_modules * module_x;
  const double height = barcode.height_modules * module_y;
  const double left = box.x + (box.width - width) / 2;
  const double top = box.y + (box.height - height) / 2;
  for (const BarcodeRect& rect : barcode.dark) {
    cairo_rectangle(cr, left + rect.x * module_x, top + rect.y * module_y, rect.width * module_x,
                    rect.height * module_y);
  }
  cairo_fill(cr);
  return Box{left, top, width, height};
}

}  // namespace ordo::documents
