// Packing slips: one or more A4 pages per order, put in the parcel with the goods.

#include "base/money.h"
#include "documents/barcode.h"
#include "documents/documents.h"
#include "documents/format.h"
#include "documents/page_parts.h"
#include "documents/table.h"

namespace ordo::documents {
namespace {

constexpr double kTableFontPt = 9.5;
constexpr double kHeaderHeightPt = MmToPt(34);
constexpr double kHeaderGapPt = MmToPt(3);
constexpr double kBarcodeWidthPt = MmToPt(72);
constexpr double kBarcodeHeightPt = MmToPt(24);
constexpr double kTrailerGapPt = MmToPt(4);
constexpr int kNoteMaxLines = 8;

std::string SlipPath(size_t index, const std::string& field) {
  return "slips[" + std::to_string(index) + "]." + field;
}

void CheckLines(const PackingSlip& slip, size_t index, std::vector<FieldError>* errors) {
  if (slip.lines.empty()) {
    errors->push_back(
        {SlipPath(index, "lines"), Code::kRequired, "a packing slip needs at least one line"});
  }
  for (size_t j = 0; j < slip.lines.size(); ++j) {
    const std::string path = SlipPath(index, "lines[" + std::to_string(j) + "]");
    if (IsBlank(slip.lines[j].sku)) {
      errors->push_back({path + ".sku", Code::kRequired, "sku is required"});
    }
    if (slip.lines[j].quantity < 1) {
      errors->push_back({path + ".quantity", Code::kInvalidValue, "quantity must be at least 1"});
    }
  }
}

// Checks every slip and returns the order numbers' barcodes, one per slip.
Result<std::vector<Barcode>> Check(const std::vector<PackingSlip>& slips) {
  std::vector<FieldError> errors;
  std::vector<Barcode> barcodes;
  if (slips.empty()) {
    errors.push_back({"slips", Code::kRequired, "at least one packing slip is required"});
  }
  for (size_t i = 0; i < slips.size(); ++i) {
    if (IsBlank(slips[i].order_no)) {
      errors.push_back({SlipPath(i, "order_no"), Code::kRequired, "order_no is required"});
    } else if (Result<Barcode> barcode = EncodeCode128(slips[i].order_no); barcode.ok()) {
      barcodes.push_back(std::move(barcode).value());
    } else {
      errors.push_back({SlipPath(i, "order_no"), Code::kInvalidValue, barcode.status().message()});
    }
    CheckLines(slips[i], i, &errors);
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return barcodes;
}

Table SlipTable() {
  return Table({{"序号", MmToPt(11), Align::kRight, 1},
                {"SKU", MmToPt(36), Align::kLeft, 2},
                {"商品名称", MmToPt(79), Align::kLeft, 6},
                {"规格", MmToPt(40), Align::kLeft, 4},
                {"数量", MmToPt(20), Align::kRight, 1}},
               kTableFontPt);
}

std::string OrDash(const std::string& text) {
  return IsBlank(text) ? "—" : text;
}

void DrawHeader(PdfCanvas& canvas, const PackingSlip& slip, const Barcode& barcode) {
  const double left = kA4MarginPt;
  const double top = kA4MarginPt;
  const double width = canvas.width() - 2 * kA4MarginPt;
  const double info_width = width - kBarcodeWidthPt - MmToPt(4);
  TextStyle title;
  title.size_pt = 18;
  title.bold = true;
  title.max_lines = 1;
  const double title_height = canvas.DrawText(left, top, info_width, "装箱单", title);
  const std::string info = "订单号：" + slip.order_no + "\n店铺：" + OrDash(slip.store) +
                           "　　渠道：" + OrDash(slip.channel) + "\n下单时间：" +
                           FormatChinaTime(slip.ordered_at) + "\n收件人：" +
                           OrDash(slip.consignee_name) + "　　电话：" +
                           OrDash(slip.consignee_phone) + "\n收货地区：" + OrDash(slip.region);
  TextStyle info_style;
  info_style.size_pt = 10;
  canvas.DrawTextFitted(
      {left, top + title_height + 2, info_width, kHeaderHeightPt - title_height - 2}, info,
      info_style, 7);
  DrawBarcodeWithText(canvas, barcode,
                      {left + width - kBarcodeWidthPt, top, kBarcodeWidthPt, kBarcodeHeightPt},
                      slip.order_no);
  TextStyle printed;
  printed.size_pt = 8;
  printed.align = Align::kRight;
  printed.max_lines = 1;
  canvas.DrawText(left + width - kBarcodeWidthPt, top + kBarcodeHeightPt + MmToPt(2),
                  kBarcodeWidthPt, "打印时间：" + FormatChinaTime(slip.printed_at), printed);
}

std::string TotalText(const PackingSlip& slip) {
  int64_t total = 0;
  for (const PackingSlipLine& line : slip.lines) {
    if (!CheckedAdd(total, line.quantity, &total)) {
      return "合计：— 件";
    }
  }
  return "合计：" + std::to_string(slip.lines.size()) + " 种 / " + std::to_string(total) + " 件";
}

TextStyle NoteStyle() {
  TextStyle style;
  style.size_pt = 10;
  style.max_lines = kNoteMaxLines;
  return style;
}

double TrailerHeight(PdfCanvas& canvas, const PackingSlip& slip, double width) {
  TextStyle total_style;
  total_style.size_pt = 10;
  total_style.bold = true;
  return kTrailerGapPt + canvas.TextHeight(TotalText(slip), width, total_style) + MmToPt(2) +
         canvas.TextHeight("备注：" + OrDash(slip.note), width, NoteStyle());
}

void DrawTrailer(PdfCanvas& canvas, const PackingSlip& slip, double y, double width) {
  TextStyle total_style;
  total_style.size_pt = 10;
  total_style.bold = true;
  total_style.align = Align::kRight;
  y += kTrailerGapPt;
  y += canvas.DrawText(kA4MarginPt, y, width, TotalText(slip), total_style) + MmToPt(2);
  canvas.DrawText(kA4MarginPt, y, width, "备注：" + OrDash(slip.note), NoteStyle());
}

void DrawSlip(PdfCanvas& canvas, const PackingSlip& slip, const Barcode& barcode) {
  const Table table = SlipTable();
  std::vector<std::vector<std::string>> rows;
  std::vector<double> heights;
  for (size_t i = 0; i < slip.lines.size(); ++i) {
    const PackingSlipLine& line = slip.lines[i];
    rows.push_back(
        {std::to_string(i + 1), line.sku, line.name, line.spec, std::to_string(line.quantity)});
    heights.push_back(table.RowHeight(canvas, rows.back()));
  }
  const double width = canvas.width() - 2 * kA4MarginPt;
  const double table_top = kA4MarginPt + kHeaderHeightPt + kHeaderGapPt;
  const double capacity = canvas.height() - kA4MarginPt - PageFooterHeight() - table_top -
                          table.HeadHeight(canvas) - MmToPt(2);
  const std::vector<PageRows> pages =
      Paginate(heights, capacity, TrailerHeight(canvas, slip, width));
  const int page_count = static_cast<int>(pages.size());
  for (int p = 0; p < page_count; ++p) {
    if (p > 0) {
      canvas.NextPage();
    }
    DrawHeader(canvas, slip, barcode);
    double y = table_top + table.DrawHead(canvas, kA4MarginPt, table_top);
    for (size_t r = pages[p].begin; r < pages[p].end; ++r) {
      table.DrawRow(canvas, kA4MarginPt, y, rows[r], heights[r]);
      y += heights[r];
    }
    if (p + 1 == page_count) {
      DrawTrailer(canvas, slip, y, width);
    }
    DrawPageFooter(canvas, "装箱单 " + slip.order_no, p + 1, page_count);
  }
}

}  // namespace

Result<std::string> RenderPackingSlips(const std::vector<PackingSlip>& slips) {
  ORDO_ASSIGN_OR_RETURN(std::vector<Barcode> barcodes, Check(slips));
  PdfCanvas canvas(kA4WidthPt, kA4HeightPt, {"装箱单", slips.front().printed_at});
  ORDO_RETURN_IF_ERROR(canvas.status());
  for (size_t i = 0; i < slips.size(); ++i) {
    if (i > 0) {
      canvas.NextPage();
    }
    DrawSlip(canvas, slips[i], barcodes[i]);
  }
  return canvas.Finish();
}

}  // namespace ordo::documents
