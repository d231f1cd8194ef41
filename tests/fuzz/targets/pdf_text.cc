// Fuzz target: the PDF text path of the printed documents (documents/): fuzzed strings as the
// variable fields of shipping labels, packing slips, pick lists and archived documents (Pango
// layout with wrapping and shrinking, cairo's font subsetting), the barcode encoders behind them
// (zint's Code 128 and QR code), and the printed forms of amounts, weights and times.
//
// Input: byte 0 picks what is exercised; the rest is cut at newlines into the fields.
// Invariants: a rendered document is a whole PDF file; a refusal is a validation error naming
// its fields, never an internal failure (a library choking on the text); an encoded barcode's
// modules lie inside the symbol; printed amounts and weights read back as the number given.
#include <charconv>

#include "documents/barcode.h"
#include "documents/documents.h"
#include "documents/format.h"
#include "fuzz_check.h"

namespace {
using namespace ordo;
using namespace ordo::documents;

// Long enough to wrap and shrink, short enough to keep each run quick.
constexpr size_t kMaxField = 300;

std::string Field(const std::vector<std::string>& fields, size_t i) {
  return fields[i].substr(0, kMaxField);
}

int64_t Number(std::string_view text) {
  uint64_t n = 0;
  for (char c : text.substr(0, 8)) {
    n = (n << 8) | static_cast<unsigned char>(c);
  }
  return static_cast<int64_t>(n);
}

void CheckRendered(const Result<std::string>& pdf, std::string_view what) {
  if (!pdf.ok()) {
    FUZZ_CHECK(pdf.status().kind() == Kind::kInvalid,
               std::string(what) + ": " + pdf.status().ToString());
    fuzz::CheckRefusal(pdf.status());
    return;
  }
  FUZZ_CHECK(pdf->starts_with("%PDF-"), std::string(what) + " is not a PDF");
  FUZZ_CHECK(pdf->rfind("%%EOF") != std::string::npos && pdf->rfind("%%EOF") + 16 > pdf->size(),
             std::string(what) + " is cut short");
}

void CheckBarcode(const Result<Barcode>& barcode, bool square, std::string_view data) {
  if (!barcode.ok()) {
    FUZZ_CHECK(
        barcode.status().kind() == Kind::kInvalid && barcode.status().code() == Code::kInvalidValue,
        barcode.status().ToString());
    return;
  }
  FUZZ_CHECK(!data.empty(), "an empty barcode was encoded");
  FUZZ_CHECK(barcode->width_modules > 0 && barcode->height_modules > 0, "an empty symbol");
  FUZZ_CHECK(barcode->two_dimensional == square, "wrong kind of symbol");
  if (square) {
    FUZZ_CHECK(barcode->width_modules == barcode->height_modules, "a QR code that is not square");
  }
  for (const BarcodeRect& r : barcode->dark) {
    FUZZ_CHECK(r.width > 0 && r.height > 0 && r.x >= 0 && r.y >= 0 &&
                   r.x + r.width <= barcode->width_modules + 1e-9 &&
                   r.y + r.height <= barcode->height_modules + 1e-9,
               "a module outside the symbol");
  }
  FUZZ_CHECK(ModuleWidth(*barcode, 200) > 0, "no room for a module");
}

void CheckFormats(int64_t n) {
  const int64_t value = n < 0 ? -(n + 1) : n;  // the formats take amounts that are not negative
  const std::string yuan = FormatYuan(value);
  FUZZ_CHECK(yuan.starts_with("¥"), yuan);
  std::string digits;
  for (char c : yuan) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  uint64_t back = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), back);
  FUZZ_CHECK(back == static_cast<uint64_t>(value), yuan + " for " + std::to_string(value));
  const std::string kg = FormatWeightKg(value);
  FUZZ_CHECK(kg.ends_with(" kg"), kg);
  FUZZ_CHECK(!FormatChinaTime(Timestamp{value % 4'102'444'800'000}).empty(), "no time");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = fuzz::AsText(data, size);
  if (input.empty()) {
    return 0;
  }
  const unsigned choice = static_cast<unsigned char>(input[0]);
  input.remove_prefix(1);
  const std::vector<std::string> f = fuzz::SplitFields(input, 12);
  const Timestamp printed{1'796'112'000'000 + Number(f[11]) % 1'000'000'000};
  switch (choice % 8) {
    case 0:
    case 1: {
      const std::string_view text = input.substr(0, 2 * kMaxField);
      CheckBarcode(EncodeCode128(text), false, text);
      CheckBarcode(EncodeQrCode(text), true, text);
      CheckFormats(Number(input));
      break;
    }
    case 2:
    case 3: {
      ShippingLabel label;
      label.carrier = Field(f, 0);
      label.service_level = Field(f, 1);
      label.tracking_no = Field(f, 2);
      label.qr_content = Field(f, 3);
      label.sender = {Field(f, 4), "021-59761688", "上海市 上海市 青浦区 华新镇华腾路 1288 号"};
      label.consignee = {Field(f, 5), Field(f, 6), Field(f, 7)};
      label.order_no = Field(f, 8);
      label.priority = Field(f, 9);
      const int64_t n = Number(f[10]);
      label.weight_g = n % 100'000'000;
      label.cash_on_delivery = (n & 1) != 0;
      label.cod_amount = (n >> 1) % 1'000'000'000'000;
      label.piece = (n & 2) ? "2/3" : "";
      label.master_tracking_no = (n & 2) ? Field(f, 2) : "";
      label.printed_at = printed;
      CheckRendered(
          RenderLabels({label}, choice % 8 == 2 ? LabelSize::k100x150 : LabelSize::k76x130),
          "label");
      break;
    }
    case 4:
    case 5: {
      PackingSlip slip;
      slip.order_no = Field(f, 0);
      slip.store = Field(f, 1);
      slip.channel = Field(f, 2);
      slip.consignee_name = Field(f, 3);
      slip.consignee_phone = Field(f, 4);
      slip.region = Field(f, 5);
      slip.note = Field(f, 6);
      slip.ordered_at = printed;
      slip.printed_at = printed;
      const int64_t n = Number(f[10]);
      slip.lines = {{Field(f, 7), Field(f, 8), Field(f, 9), n % 1'000'000'000},
                    {"TEA-LJ-250", "西湖龙井 雨前一级", "250g 罐装", 2}};
      CheckRendered(RenderPackingSlips({slip}), "packing slip");
      break;
    }
    case 6: {
      PickList list;
      list.wave_no = Field(f, 0);
      list.warehouse = Field(f, 1);
      list.carrier = Field(f, 2);
      list.created_at = printed;
      const int64_t n = Number(f[10]);
      list.lines = {{Field(f, 3),
                     Field(f, 4),
                     Field(f, 5),
                     Field(f, 6),
                     n % 1'000'000'000,
                     {{Field(f, 7), 1}, {Field(f, 8), n % 1000}}},
                    {"A-03-02-01", "TEA-LJ-250", "西湖龙井 雨前一级", "250g 罐装", 3, {}}};
      CheckRendered(RenderPickList(list), "pick list");
      break;
    }
    default: {
      ArchivedPage page;
      page.title = Field(f, 0);
      page.order_no = Field(f, 1);
      page.sha256 = Field(f, 2);
      page.issued_at = printed;
      for (size_t i = 3; i + 1 < 11; i += 2) {
        page.facts.emplace_back(Field(f, i), Field(f, i + 1));
      }
      CheckRendered(RenderArchivedDocument(page), "archived document");
      break;
    }
  }
  return 0;
}
