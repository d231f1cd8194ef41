// Shipping labels: one page of label stock per parcel, everything inside the printable area.

#include <algorithm>
#include <optional>

#include "documents/barcode.h"
#include "documents/documents.h"
#include "documents/format.h"
#include "documents/pdf_canvas.h"

namespace ordo::documents {
namespace {

// Where each section of a label goes, top to bottom; the last section takes what is left.
struct LabelGeometry {
  double width_mm;
  double height_mm;
  double margin_mm;
  double header_mm;     // Carrier, service level, priority mark.
  double tracking_mm;   // Tracking barcode and number.
  double bars_mm;       // Height of the bars within it.
  double consignee_mm;  // Consignee name, phone and address.
  double sender_mm;     // Sender name, phone and address.
  double qr_mm;         // Largest side of the QR code, in the last section.
  double font_scale;    // Applied to every text size.
};

constexpr LabelGeometry k100x150{100, 150, 3, 13, 27, 17, 40, 24, 30, 1.0};
constexpr LabelGeometry k76x130{76, 130, 2.5, 11, 23, 14, 35, 21, 24, 0.82};

constexpr double kPadPt = MmToPt(1.5);
constexpr double kFrameRule = 0.9;
constexpr double kSectionRule = 0.7;
constexpr double kMaxModulePt = MmToPt(0.5);
// Narrower Code 128 modules than this are not read reliably by warehouse scanners.
constexpr double kMinModulePt = MmToPt(0.19);

const LabelGeometry& GeometryOf(LabelSize size) {
  return size == LabelSize::k100x150 ? k100x150 : k76x130;
}

struct LabelBarcodes {
  Barcode tracking;
  std::optional<Barcode> qr;
};

std::string LabelPath(size_t index, const char* field) {
  return "labels[" + std::to_string(index) + "]." + field;
}

// The tracking barcode of label `index`, or nothing after adding the reason to `errors`.
std::optional<Barcode> CheckTracking(const ShippingLabel& label, size_t index,
                                     const LabelGeometry& geometry,
                                     std::vector<FieldError>* errors) {
  const std::string path = LabelPath(index, "tracking_no");
  if (IsBlank(label.tracking_no)) {
    errors->push_back({path, Code::kRequired, "tracking_no is required"});
    return std::nullopt;
  }
  Result<Barcode> barcode = EncodeCode128(label.tracking_no);
  if (!barcode.ok()) {
    errors->push_back({path, Code::kInvalidValue, barcode.status().message()});
    return std::nullopt;
  }
  const double bars_width = MmToPt(geometry.width_mm - 2 * geometry.margin_mm) - 2 * kPadPt;
  if (ModuleWidth(*barcode, bars_width) < kMinModulePt) {
    errors->push_back({path, Code::kInvalidValue,
                       "tracking_no is too long to print as a readable barcode on this label"});
    return std::nullopt;
  }
  return std::move(barcode).value();
}

void CheckLabel(const ShippingLabel& label, size_t index, const LabelGeometry& geometry,
                std::vector<FieldError>* errors, std::vector<LabelBarcodes>* barcodes) {
  if (IsBlank(label.carrier)) {
    errors->push_back({LabelPath(index, "carrier"), Code::kRequired, "carrier is required"});
  }
  std::optional<Barcode> tracking = CheckTracking(label, index, geometry, errors);
  std::optional<Barcode> qr;
  if (!label.qr_content.empty()) {
    Result<Barcode> encoded = EncodeQrCode(label.qr_content);
    if (encoded.ok()) {
      qr = std::move(encoded).value();
    } else {
      errors->push_back(
          {LabelPath(index, "qr_content"), Code::kInvalidValue, encoded.status().message()});
    }
  }
  if (IsBlank(label.consignee.name)) {
    errors->push_back(
        {LabelPath(index, "consignee.name"), Code::kRequired, "consignee name is required"});
  }
  if (IsBlank(label.consignee.address)) {
    errors->push_back(
        {LabelPath(index, "consignee.address"), Code::kRequired, "consignee address is required"});
  }
  if (label.weight_g < 0) {
    errors->push_back(
        {LabelPath(index, "weight_g"), Code::kInvalidValue, "weight_g must not be negative"});
  }
  if (label.cod_amount < 0) {
    errors->push_back(
        {LabelPath(index, "cod_amount"), Code::kInvalidValue, "cod_amount must not be negative"});
  }
  if (tracking.has_value()) {
    barcodes->push_back({std::move(*tracking), std::move(qr)});
  }
}

Result<std::vector<LabelBarcodes>> Check(const std::vector<ShippingLabel>& labels,
                                         const LabelGeometry& geometry) {
  std::vector<FieldError> errors;
  std::vector<LabelBarcodes> barcodes;
  if (labels.empty()) {
    errors.push_back({"labels", Code::kRequired, "at least one label is required"});
  }
  for (size_t i = 0; i < labels.size(); ++i) {
    CheckLabel(labels[i], i, geometry, &errors, &barcodes);
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return barcodes;
}

// Draws one label; `area` is the printable area inside the margins.
class LabelPainter {
 public:
  LabelPainter(PdfCanvas& canvas, const LabelGeometry& geometry)
      : canvas_(canvas), geometry_(geometry) {
    const double margin = MmToPt(geometry.margin_mm);
    area_ = {margin, margin, canvas.width() - 2 * margin, canvas.height() - 2 * margin};
  }

  void Paint(const ShippingLabel& label, const LabelBarcodes& barcodes) {
    canvas_.StrokeRect(area_, kFrameRule);
    double y = area_.y;
    y = Section(y, geometry_.header_mm, [&](const Box& box) { Header(label, box); });
    y = Section(y, geometry_.tracking_mm,
                [&](const Box& box) { Tracking(label, barcodes.tracking, box); });
    y = Section(y, geometry_.consignee_mm,
                [&](const Box& box) { Party("收", true, label.consignee, 11, 10, 6, box); });
    y = Section(y, geometry_.sender_mm,
                [&](const Box& box) { Party("寄", false, label.sender, 8.5, 8.5, 5.5, box); });
    Details(label, barcodes.qr, {area_.x, y, area_.width, area_.y + area_.height - y});
  }

 private:
  double Pt(double size) const { return size * geometry_.font_scale; }

  // Draws a section `height_mm` high starting at `y` with a rule below it; returns its bottom.
  template <typename Draw>
  double Section(double y, double height_mm, Draw draw) {
    const double height = MmToPt(height_mm);
    draw(Box{area_.x, y, area_.width, height});
    canvas_.HorizontalLine(area_.x, area_.x + area_.width, y + height, kSectionRule);
    return y + height;
  }

  // An inverted mark at the right end of `box`, `offset` from it; returns its width.
  double Mark(const Box& box, double offset, const std::string& text) {
    const double mark_width = MmToPt(22 * geometry_.font_scale);
    const Box mark{box.x + box.width - offset - mark_width - kPadPt, box.y + kPadPt, mark_width,
                   box.height - 2 * kPadPt};
    canvas_.FillRect(mark);
    TextStyle style{Pt(16), true, Align::kCenter, 0, true};
    canvas_.DrawTextFitted({mark.x + 2, mark.y + 1, mark.width - 4, mark.height - 2}, text, style,
                           Pt(7));
    return mark_width + kPadPt;
  }

  void Header(const ShippingLabel& label, const Box& box) {
    double marks = 0;
    if (label.cash_on_delivery) {
      marks += Mark(box, marks, "代收");
    }
    if (!IsBlank(label.priority)) {
      marks += Mark(box, marks, label.priority);
    }
    if (!label.piece.empty()) {
      marks += Mark(box, marks, label.piece + "件");  // the box's place, seen from afar
    }
    const double text_width = box.width - 2 * kPadPt - marks;
    const Box carrier{box.x + kPadPt, box.y + kPadPt, text_width, box.height * 0.6 - kPadPt};
    canvas_.DrawTextFitted(carrier, label.carrier, TextStyle{Pt(15), true}, Pt(8));
    TextStyle service{Pt(9), false, Align::kLeft, 1};
    const std::string line =
        label.service_level + (label.piece.empty() ? "" : "　第 " + label.piece + " 件");
    canvas_.DrawText(box.x + kPadPt, box.y + box.height * 0.6, text_width, line, service);
  }

  void Tracking(const ShippingLabel& label, const Barcode& barcode, const Box& box) {
    const Box bars{box.x + kPadPt, box.y + kPadPt, box.width - 2 * kPadPt,
                   MmToPt(geometry_.bars_mm)};
    DrawBarcode(canvas_.cairo(), barcode, bars, kMaxModulePt);
    const double top = bars.y + bars.height + MmToPt(0.8);
    canvas_.DrawTextFitted({bars.x, top, bars.width, box.y + box.height - top}, label.tracking_no,
                           TextStyle{Pt(13), true, Align::kCenter}, Pt(6));
  }

  void Party(const char* mark_text, bool filled, const LabelParty& party, double name_pt,
             double address_pt, double min_pt, const Box& box) {
    const double mark_side = MmToPt(8 * geometry_.font_scale);
    const Box mark{box.x + kPadPt, box.y + kPadPt, mark_side, mark_side};
    if (filled) {
      canvas_.FillRect(mark);
    } else {
      canvas_.StrokeRect(mark, 0.8);
    }
    TextStyle mark_style{Pt(14), true, Align::kCenter, 1, filled};
    const double mark_text_height = canvas_.TextHeight(mark_text, mark.width, mark_style);
    canvas_.DrawText(mark.x, mark.y + (mark.height - mark_text_height) / 2, mark.width, mark_text,
                     mark_style);

    const double left = mark.x + mark.width + MmToPt(2);
    const double width = box.x + box.width - kPadPt - left;
    std::string name_line = party.name;
    if (!IsBlank(party.phone)) {
      name_line += "　" + party.phone;
    }
    const double name_height = canvas_.TextHeight("收", width, TextStyle{Pt(name_pt), true});
    canvas_.DrawTextFitted({left, box.y + kPadPt, width, name_height}, name_line,
                           TextStyle{Pt(name_pt), true}, Pt(min_pt));
    const double top = box.y + kPadPt + name_height + MmToPt(0.8);
    canvas_.DrawTextFitted({left, top, width, box.y + box.height - kPadPt - top}, party.address,
                           TextStyle{Pt(address_pt)}, Pt(min_pt));
  }

  void Details(const ShippingLabel& label, const std::optional<Barcode>& qr, const Box& box) {
    double text_width = box.width - 2 * kPadPt;
    if (qr.has_value()) {
      const double side = std::min(box.height - 2 * kPadPt, MmToPt(geometry_.qr_mm));
      const Box square{box.x + box.width - kPadPt - side, box.y + (box.height - side) / 2, side,
                       side};
      DrawBarcode(canvas_.cairo(), *qr, square, 0);
      canvas_.VerticalLine(square.x - kPadPt, box.y, box.y + box.height, kSectionRule);
      text_width -= side + 2 * kPadPt;
    }
    double top = box.y + kPadPt;
    if (label.cash_on_delivery) {
      const std::string collect = label.cod_amount > 0
                                      ? "代收货款：" + FormatYuan(label.cod_amount)
                                      : "代收货款：随母单 " + label.master_tracking_no + " 收取";
      const TextStyle style{Pt(12), true};
      const double height = canvas_.TextHeight(collect, text_width, style);
      canvas_.DrawTextFitted({box.x + kPadPt, top, text_width, height}, collect, style, Pt(6));
      top += height + MmToPt(0.5);
    }
    std::string text = "订单号：" + (IsBlank(label.order_no) ? std::string("—") : label.order_no);
    if (!label.master_tracking_no.empty()) {
      text += "\n母单号：" + label.master_tracking_no;
    }
    text += "\n重量：" + (label.weight_g > 0 ? FormatWeightKg(label.weight_g) : std::string("—")) +
            "\n打印时间：" + FormatChinaTime(label.printed_at);
    canvas_.DrawTextFitted({box.x + kPadPt, top, text_width, box.y + box.height - kPadPt - top},
                           text, TextStyle{Pt(9)}, Pt(5.5));
  }

  PdfCanvas& canvas_;
  const LabelGeometry& geometry_;
  Box area_;
};

}  // namespace

Result<std::string> RenderLabels(const std::vector<ShippingLabel>& labels, LabelSize size) {
  const LabelGeometry& geometry = GeometryOf(size);
  ORDO_ASSIGN_OR_RETURN(std::vector<LabelBarcodes> barcodes, Check(labels, geometry));
  PdfCanvas canvas(MmToPt(geometry.width_mm), MmToPt(geometry.height_mm),
                   {"面单", labels.front().printed_at});
  ORDO_RETURN_IF_ERROR(canvas.status());
  LabelPainter painter(canvas, geometry);
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) {
      canvas.NextPage();
    }
    painter.Paint(labels[i], barcodes[i]);
  }
  return canvas.Finish();
}

}  // namespace ordo::documents
