// Printed warehouse documents: pick lists, packing slips and shipping labels as PDF.
//
// Each Render function takes plain values and returns the bytes of one PDF file, or a Status
// that explains why nothing was rendered. Input is checked before anything is drawn, and every
// field at fault is named at once (Kind::kInvalid, Code::kValidationFailed, one FieldError per
// field, e.g. "labels[2].tracking_no" with Code::kRequired). A value that a barcode cannot
// encode is Code::kInvalidValue on the field that holds it. A failure of the PDF or text
// libraries themselves is Code::kInternal.
//
// Text is printed exactly as given: personal data must be masked by the caller. Times are
// printed in China Standard Time. Text is set in WenQuanYi Micro Hei (fonts-wqy-microhei),
// falling back to Noto Sans CJK SC; the fonts are embedded as subsets of the glyphs used and
// barcodes are drawn as vectors, so the files are small and print sharply at any resolution.
//
// Thread safety: the functions keep no state of their own and may be called from several threads
// at once.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace ordo::documents {

// One order's share of a pick-list line.
struct PickOrderQuantity {
  std::string order_no;
  int64_t quantity = 0;
};

struct PickListLine {
  std::string location;  // Storage location, e.g. "A-03-02-01"; the list is walked in this order.
  std::string sku;
  std::string name;                       // Product name; long names wrap.
  std::string spec;                       // Specification, e.g. "180g / 薄荷味"; may be empty.
  int64_t quantity = 0;                   // Total to pick at this location, at least 1.
  std::vector<PickOrderQuantity> orders;  // Per-order breakdown; may be empty.
};

// The pick list of one wave. Printed on A4 portrait; every page repeats the header (title, wave
// barcode, warehouse, carrier, creation time) and the table head, and ends with "第 x / y 页".
// Lines are printed sorted by location (digit runs compare as numbers, so "A-2" comes before
// "A-10"), then by SKU; equal keys keep their given order.
struct PickList {
  std::string wave_no;    // Required; printed as text and as a Code 128 barcode.
  std::string warehouse;  // Required.
  std::string carrier;    // May be empty for a wave of several carriers.
  Timestamp created_at;
  std::vector<PickListLine> lines;  // At least one.
};

struct PackingSlipLine {
  std::string sku;
  std::string name;
  std::string spec;
  int64_t quantity = 0;  // At least 1.
};

// The packing slip of one order, on A4 portrait. A long slip continues on further pages, each
// repeating the header and the table head; the total quantity and the note follow the last line.
struct PackingSlip {
  std::string order_no;  // Required; printed as text and as a Code 128 barcode.
  std::string store;     // Store name.
  std::string channel;   // Sales channel, e.g. "web", "天猫".
  Timestamp ordered_at;
  std::string consignee_name;   // As it should be printed (already masked).
  std::string consignee_phone;  // As it should be printed (already masked).
  std::string region;  // Province, city and district, e.g. "上海市 上海市 浦东新区".
  std::string note;    // Buyer's or service note; may be empty.
  Timestamp printed_at;
  std::vector<PackingSlipLine> lines;  // At least one.
};

struct LabelParty {
  std::string name;
  std::string phone;
  std::string address;  // Full address text, printed as given; wraps and shrinks to fit.
};

// A shipping label: one page of the label's size.
struct ShippingLabel {
  std::string carrier;        // Required, e.g. "顺丰速运".
  std::string service_level;  // e.g. "标准快递"; may be empty.
  std::string tracking_no;    // Required; Code 128 barcode with the number printed under it.
  std::string qr_content;     // e.g. a tracking URL; no QR code is printed when empty.
  LabelParty sender;          // May be left empty.
  LabelParty consignee;       // name and address required; name and phone already masked.
  std::string order_no;
  int64_t weight_g = 0;  // Not negative; 0 prints as unknown.
  Timestamp printed_at;
  std::string priority;  // A marker such as "加急", printed inverted; nothing when empty.
  // Cash on delivery: the parcel carries the inverted mark "代收" and the amount the courier
  // collects (代收货款, in fen, printed in yuan) — on the box that collects it; the other boxes
  // of the parcel say so.
  bool cash_on_delivery = false;
  int64_t cod_amount = 0;  // Not negative; 0 on the boxes that do not collect.
  // A parcel in several boxes: this box's place ("2/3") and the first box's number (母单号);
  // both empty for a parcel of one box.
  std::string piece;
  std::string master_tracking_no;
};

// The two label stocks in use: 100 × 150 mm and 76 × 130 mm, portrait.
enum class LabelSize { k100x150, k76x130 };

// The PDF of `pick_list`. Refuses a missing wave number or warehouse, an empty list of lines, a
// line without location or SKU, a quantity below 1, and a wave number Code 128 cannot encode.
Result<std::string> RenderPickList(const PickList& pick_list);

// One PDF with the slips in the given order, each starting on a new page. Refuses an empty list
// ("slips"), a missing or unencodable order number, a slip without lines, a line without SKU and
// a quantity below 1.
Result<std::string> RenderPackingSlips(const std::vector<PackingSlip>& slips);

// One PDF with one page of the given size per label, in order. Refuses an empty list ("labels"),
// a missing carrier, tracking number, consignee name or consignee address, a negative weight or
// COD amount, and a tracking number or QR content the barcode cannot encode.
Result<std::string> RenderLabels(const std::vector<ShippingLabel>& labels, LabelSize size);

// An archived document (store/document_store.h) printed again from its canonical content: a
// title, the order number, then one row per fact in the order given, on A4 portrait pages whose
// footer names the content's SHA-256. The same page gives the same bytes (issued_at is the
// file's creation time). Personal data must be masked by the caller.
struct ArchivedPage {
  std::string title;     // Required, e.g. "订单确认 order_confirmation".
  std::string order_no;  // Required.
  std::string sha256;    // Printed in the footer.
  Timestamp issued_at;
  std::vector<std::pair<std::string, std::string>> facts;  // name, value
};

Result<std::string> RenderArchivedDocument(const ArchivedPage& page);

}  // namespace ordo::documents
