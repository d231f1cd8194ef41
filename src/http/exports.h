// Exports of the lists (orders, their lines, shipments, refunds, after-sales cases, the stock
// ledger, the audit trail) as CSV or XLSX, for `GET /api/v1/exports/{what}` and `ordo export`.
// The rows are read in keyset pages through ReadView (never the whole set at once) and handed to
// a tables::TableWriter as they are read. The filters are the lists' own query parameters, read
// by the lists' own parsers. Personal data is masked unless the export is asked unmasked
// (`reveal`), which the caller records in the audit trail (RecordUnmaskedExport).
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/command.h"
#include "base/enum_names.h"
#include "http/server.h"
#include "store/store.h"
#include "tables/table.h"

namespace ordo::http {

enum class ExportKind {
  kOrders,
  kOrderLines,
  kShipments,
  kRefunds,
  kAfterSales,
  kStockLedger,
  kAudit
};

inline constexpr EnumName<ExportKind> kExportKindNames[] = {
    {ExportKind::kOrders, "orders"},
    {ExportKind::kOrderLines, "order-lines"},
    {ExportKind::kShipments, "shipments"},
    {ExportKind::kRefunds, "refunds"},
    {ExportKind::kAfterSales, "after-sales"},
    {ExportKind::kStockLedger, "stock-ledger"},
    {ExportKind::kAudit, "audit"},
};
constexpr std::span<const EnumName<ExportKind>> EnumNames(ExportKind) {
  return kExportKindNames;
}
static_assert(IsNameTable(kExportKindNames));

// "orders", "order-lines", "shipments", "refunds", "after-sales", "stock-ledger", "audit".
std::optional<ExportKind> ParseExportKind(std::string_view text);
std::string_view ExportKindName(ExportKind kind);
// Every kind, in the order above.
const std::vector<ExportKind>& ExportKinds();
// The permission a caller needs to read the list exported (beside data:export): orders:read,
// shipments:read, finance:read, aftersales:read, inventory:read or audit:read.
std::string_view ExportReadPermission(ExportKind kind);
// The query parameters each export reads (for the OpenAPI document and the command line).
std::vector<QueryParam> ExportQueryParams();

struct ExportSpec {
  ExportKind kind = ExportKind::kOrders;
  tables::Format format = tables::Format::kCsv;
  bool reveal = false;  // personal data unmasked
  OrderFilter orders;   // orders, order-lines, shipments
  RefundFilter refunds;
  AfterSalesFilter after_sales;
  LedgerFilter ledger;  // an empty sku: every SKU's ledger, SKU by SKU
  std::string audit_entity;
  std::string audit_id;
  // The filters as given (page parameters, format and reveal left out; phone and consignee
  // masked), for the audit entry of an unmasked export.
  std::vector<std::pair<std::string, std::string>> filters;
};

// Reads `format` (csv, the default, or xlsx), `reveal` (true | false) and the list's filters
// from the request's query. Every field error at once (kInvalid).
Result<ExportSpec> ParseExportSpec(ExportKind kind, const Request& request);

// Writes the export: the header row, then every row matching the spec, page by page. Returns
// the number of rows written. Stops with the writer's error (the reader went away) or the
// store's, and when `cancelled` becomes true (kUnavailable).
Result<int64_t> WriteExport(ReadView& reads, const ExportSpec& spec, tables::TableWriter& writer,
                            const std::atomic<bool>* cancelled = nullptr);

// A file name for the download: "orders-20261126-153005.csv" (China time).
std::string ExportFileName(const ExportSpec& spec, Timestamp now);

// The audit entry of an unmasked export (entity "export", id the kind, action "export_unmasked"):
// who, when, the format, the filters and the rows written; `complete` false when it stopped
// early. No personal data.
AuditEntry UnmaskedExportAudit(const ExportSpec& spec, const std::string& actor, Timestamp at,
                               int64_t rows, bool complete);

}  // namespace ordo::http
