// The pick list of a wave: A4 pages with the lines in walking order (by storage location).

#include <optional>

#include "base/money.h"
#include "documents/barcode.h"
#include "documents/documents.h"
#include "documents/format.h"
#include "documents/page_parts.h"
#include "documents/pick_list_order.h"
#include "documents/table.h"

namespace ordo::documents {
namespace {

constexpr double kTableFontPt = 8.5;
constexpr double kHeaderHeightPt = MmToPt(26);
constexpr double kHeaderGapPt = MmToPt(3);
constexpr double kBarcodeWidthPt = MmToPt(72);
// More orders than this on one line are summarised, so that a row always fits on a page.
constexpr size_t kMaxOrdersShown = 8;

std::string LinePath(size_t index, const char* field) {
  return "lines[" + std::to_string(index) + "]." + field;
}

void CheckLine(const PickListLine& line, size_t index, std::vector<FieldError>* errors) {
  if (IsBlank(line.location)) {
    errors->push_back({LinePath(index, "location"), Code::kRequired, "location is required"});
  }
  if (IsBlank(line.sku)) {
    errors->push_back({LinePath(index, "sku"), Code::kRequired, "sku is required"});
  }
  if (line.quantity < 1) {
    errors->push_back(
        {LinePath(index, "quantity"), Code::kInvalidValue, "quantity must be at least 1"});
  }
  for (size_t j = 0; j < line.orders.size(); ++j) {
    const std::string path = LinePath(index, "orders") + "[" + std::to_string(j) + "]";
    if (IsBlank(line.orders[j].order_no)) {
      errors->push_back({path + ".order_no", Code::kRequired, "order_no is required"});
    }
    if (line.orders[j].quantity < 1) {
      errors->push_back({path + ".quantity", Code::kInvalidValue, "quantity must be at least 1"});
    }
  }
}

// Checks every field and returns the wave number's barcode.
Result<Barcode> Check(const PickList& pick_list, int64_t* total_quantity) {
  std::vector<FieldError> errors;
  std::optional<Barcode> barcode;
  if (IsBlank(pick_list.wave_no)) {
    errors.push_back({"wave_no", Code::kRequired, "wave_no is required"});
  } else if (Result<Barcode> encoded = EncodeCode128(pick_list.wave_no); encoded.ok()) {
    barcode = std::move(encoded).value();
  } else {
    errors.push_back({"wave_no", Code::kInvalidValue, encoded.status().message()});
  }
  if (IsBlank(pick_list.warehouse)) {
    errors.push_back({"warehouse", Code::kRequired, "warehouse is required"});
  }
  if (pick_list.lines.empty()) {
    errors.push_back({"lines", Code::kRequired, "a pick list needs at least one line"});
  }
  *total_quantity = 0;
  for (size_t i = 0; i < pick_list.lines.size(); ++i) {
    CheckLine(pick_list.lines[i], i, &errors);
    if (!CheckedAdd(*total_quantity, pick_list.lines[i].quantity, total_quantity)) {
      errors.push_back({LinePath(i, "quantity"), Code::kInvalidValue, "quantity is too large"});
      *total_quantity = 0;
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return std::move(*barcode);
}

Table PickTable() {
  return Table({{"序号", MmToPt(9), Align::kRight, 1},
                {"库位", MmToPt(25), Align::kLeft, 2},
                {"SKU", MmToPt(30), Align::kLeft, 2},
                {"商品名称", MmToPt(48), Align::kLeft, 4},
                {"规格", MmToPt(24), Align::kLeft, 3},
                {"数量", MmToPt(14), Align::kRight, 1},
                {"订单明细", MmToPt(36), Align::kLeft, 0}},
               kTableFontPt);
}

// One order per line; beyond kMaxOrdersShown the rest is counted instead of listed.
std::string OrdersCell(const PickListLine& line) {
  std::string text;
  const size_t shown =
      line.orders.size() > kMaxOrdersShown ? kMaxOrdersShown - 1 : line.orders.size();
  for (size_t i = 0; i < shown; ++i) {
    if (!text.empty()) {
      text += '\n';
    }
    text += line.orders[i].order_no + " ×" + std::to_string(line.orders[i].quantity);
  }
  if (shown < line.orders.size()) {
    text += "\n… 另 " + std::to_string(line.orders.size() - shown) + " 单，共 " +
            std::to_string(line.orders.size()) + " 单";
  }
  return text;
}

std::vector<std::string> RowCells(const PickListLine& line, size_t number) {
  return {std::to_string(number),        line.location,   line.sku, line.name, line.spec,
          std::to_string(line.quantity), OrdersCell(line)};
}

void DrawHeader(PdfCanvas& canvas, const PickList& pick_list, const Barcode& barcode,
                int64_t total_quantity) {
  const double left = kA4MarginPt;
  const double top = kA4MarginPt;
  const double width = canvas.width() - 2 * kA4MarginPt;
  const double info_width = width - kBarcodeWidthPt - MmToPt(4);
  TextStyle title;
  title.size_pt = 18;
  title.bold = true;
  title.max_lines = 1;
  const double title_height = canvas.DrawText(left, top, info_width, "拣货单", title);
  const std::string info =
      "波次号：" + pick_list.wave_no + "\n仓库：" + pick_list.warehouse + "　　承运商：" +
      (IsBlank(pick_list.carrier) ? std::string("—") : pick_list.carrier) + "\n创建时间：" +
      FormatChinaTime(pick_list.created_at) + "　　共 " + std::to_string(pick_list.lines.size()) +
      " 行 / " + std::to_string(total_quantity) + " 件";
  TextStyle info_style;
  info_style.size_pt = 9.5;
  canvas.DrawTextFitted(
      {left, top + title_height + 2, info_width, kHeaderHeightPt - title_height - 2}, info,
      info_style, 7);
  DrawBarcodeWithText(canvas, barcode,
                      {left + width - kBarcodeWidthPt, top, kBarcodeWidthPt, kHeaderHeightPt},
                      pick_list.wave_no);
}

}  // namespace

Result<std::string> RenderPickList(const PickList& pick_list) {
  int64_t total_quantity = 0;
  ORDO_ASSIGN_OR_RETURN(Barcode barcode, Check(pick_list, &total_quantity));
  PdfCanvas canvas(kA4WidthPt, kA4HeightPt, {"拣货单 " + pick_list.wave_no, pick_list.created_at});
  ORDO_RETURN_IF_ERROR(canvas.status());

  const std::vector<size_t> order = PickOrder(pick_list.lines);
  const Table table = PickTable();
  std::vector<std::vector<std::string>> rows;
  std::vector<double> heights;
  for (size_t i = 0; i < order.size(); ++i) {
    rows.push_back(RowCells(pick_list.lines[order[i]], i + 1));
    heights.push_back(table.RowHeight(canvas, rows.back()));
  }
  const double table_top = kA4MarginPt + kHeaderHeightPt + kHeaderGapPt;
  const double head_height = table.HeadHeight(canvas);
  const double capacity =
      canvas.height() - kA4MarginPt - PageFooterHeight() - table_top - head_height - MmToPt(2);
  const std::vector<PageRows> pages = Paginate(heights, capacity, 0);

  const int page_count = static_cast<int>(pages.size());
  for (int p = 0; p < page_count; ++p) {
    if (p > 0) {
      canvas.NextPage();
    }
    DrawHeader(canvas, pick_list, barcode, total_quantity);
    double y = table_top + table.DrawHead(canvas, kA4MarginPt, table_top);
    for (size_t r = pages[p].begin; r < pages[p].end; ++r) {
      table.DrawRow(canvas, kA4MarginPt, y, rows[r], heights[r]);
      y += heights[r];
    }
    DrawPageFooter(canvas, "拣货单 " + pick_list.wave_no + "　" + pick_list.warehouse, p + 1,
                   page_count);
  }
  return canvas.Finish();
}

}  // namespace ordo::documents
