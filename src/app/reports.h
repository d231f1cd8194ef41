// Reports (domain.md DAT-3, CS-4, AUD-3): figures for a period, grouped, from the summary rows the
// store keeps as the data changes (store/report_store.h). A report is a small table: a key column
// (the group) and figures, with a total row; the HTTP API answers it as JSON for charts or as
// CSV / XLSX, and the daily summary job writes them to files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"
#include "tables/table.h"

namespace ordo::app {

enum class FigureKind {
  kCount,        // a number of orders, cases, parcels
  kMoney,        // fen
  kBasisPoints,  // a rate in 1/10,000 (1234 = 12.34 %)
  kMinutes,      // an average duration in minutes
};

struct ReportColumn {
  std::string name;    // the JSON field, e.g. "orders"
  std::string header;  // for files, Chinese and English: "订单数 orders"
  FigureKind kind = FigureKind::kCount;
};

struct ReportRow {
  std::string key;
  std::vector<int64_t> values;  // one per column
};

struct Report {
  std::string name;
  std::string group_by;
  ReportPeriod period;
  std::string key_header;  // e.g. "渠道 channel"
  std::vector<ReportColumn> columns;
  std::vector<ReportRow> rows;
  std::vector<int64_t> totals;  // one per column (rates and averages over the whole period)
};

struct ReportInfo {
  std::string name;
  std::vector<std::string> group_by;  // the first is the default
  std::string description;
};

// Every report, in the order the console lists them.
const std::vector<ReportInfo>& ReportCatalogue();
// The report named `name`, or nullptr.
const ReportInfo* FindReport(std::string_view name);

// The report `name` grouped by `group_by` (empty: its default) over `period` (China dates,
// both ends included, checked by the caller). kNotFound for an unknown report; kInvalid naming
// "group_by" for a grouping the report does not have; the store's failure otherwise.
Result<Report> BuildReport(ReadView& reads, std::string_view name, std::string_view group_by,
                           const ReportPeriod& period);

// Writes the report as a table: the key column, the figures (money as money, the others as
// integers), and a last row "合计 total" with the totals.
Status WriteReport(const Report& report, tables::TableWriter& writer);

// Records `entry` in the audit trail on its own: a read that must leave a trace, such as an
// export of personal data unmasked (http/exports.h UnmaskedExportAudit).
WriteFn RecordReadAccess(AuditEntry entry);

}  // namespace ordo::app
