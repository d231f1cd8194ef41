// Archived documents printed again from their canonical content: a plain table of the facts.

#include "documents/documents.h"
#include "documents/format.h"
#include "documents/page_parts.h"
#include "documents/table.h"

namespace ordo::documents {
namespace {

constexpr double kFontPt = 9.5;
constexpr double kHeaderHeightPt = MmToPt(22);

Table FactTable() {
  return Table({{"项目 Field", MmToPt(60), Align::kLeft, 3},
                {"内容 Value", MmToPt(126), Align::kLeft, 0}},
               kFontPt);
}

void DrawHeader(PdfCanvas& canvas, const ArchivedPage& page) {
  const double width = canvas.width() - 2 * kA4MarginPt;
  TextStyle title;
  title.size_pt = 16;
  title.bold = true;
  double y = kA4MarginPt;
  y += canvas.DrawText(kA4MarginPt, y, width, page.title, title) + MmToPt(1);
  TextStyle plain;
  plain.size_pt = 10;
  canvas.DrawText(kA4MarginPt, y, width,
                  "订单号 " + page.order_no + "    " + FormatChinaTime(page.issued_at), plain);
}

}  // namespace

Result<std::string> RenderArchivedDocument(const ArchivedPage& page) {
  std::vector<FieldError> errors;
  if (IsBlank(page.title)) {
    errors.push_back({"title", Code::kRequired, "title is required"});
  }
  if (IsBlank(page.order_no)) {
    errors.push_back({"order_no", Code::kRequired, "order_no is required"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  PdfCanvas canvas(kA4WidthPt, kA4HeightPt, {page.title, page.issued_at});
  ORDO_RETURN_IF_ERROR(canvas.status());
  const Table table = FactTable();
  std::vector<std::vector<std::string>> rows;
  std::vector<double> heights;
  for (const auto& [name, value] : page.facts) {
    rows.push_back({name, value.empty() ? "—" : value});
    heights.push_back(table.RowHeight(canvas, rows.back()));
  }
  const double table_top = kA4MarginPt + kHeaderHeightPt;
  const double capacity = canvas.height() - kA4MarginPt - PageFooterHeight() - table_top -
                          table.HeadHeight(canvas);
  const std::vector<PageRows> pages = Paginate(heights, capacity, 0);
  const int page_count = static_cast<int>(pages.size());
  for (size_t p = 0; p < pages.size(); ++p) {
    if (p > 0) {
      canvas.NextPage();
    }
    DrawHeader(canvas, page);
    double y = table_top + table.DrawHead(canvas, kA4MarginPt, table_top);
    for (size_t r = pages[p].begin; r < pages[p].end; ++r) {
      table.DrawRow(canvas, kA4MarginPt, y, rows[r], heights[r]);
      y += heights[r];
    }
    DrawPageFooter(canvas, "SHA-256 " + page.sha256, static_cast<int>(p) + 1, page_count);
  }
  return canvas.Finish();
}

}  // namespace ordo::documents
