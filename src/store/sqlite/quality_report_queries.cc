#include "store/sqlite/quality_report_queries.h"

#include "base/json_writer.h"

namespace ordo::sqlite {

AuditEntry QualityReportAudit(const QualityReport& report) {
  JsonWriter after;
  after.BeginObject()
      .Field("case_id", report.case_id)
      .Field("order_no", report.order_no)
      .Field("sku", report.sku)
      .Field("quantity", report.quantity)
      .Field("warehouse", report.warehouse)
      .Field("reason", report.reason)
      .Field("passed", report.passed)
      .Field("disposition", report.disposition)
      .EndObject();
  return AuditEntry{0,
                    report.reported_at,
                    report.reported_by,
                    "quality_report",
                    std::to_string(report.id),
                    "report",
                    "null",
                    after.Take()};
}

Status InsertQualityReportRow(Connection& conn, QualityReport& report) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO quality_reports (case_id, order_no, sku, quantity, warehouse, reason, "
               "passed, disposition, note, reported_at, reported_by) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, report.case_id).Bind(2, report.order_no).Bind(3, report.sku);
  stmt->Bind(4, report.quantity).Bind(5, report.warehouse).Bind(6, report.reason);
  stmt->Bind(7, report.passed ? 1 : 0).Bind(8, report.disposition).Bind(9, report.note);
  stmt->Bind(10, report.reported_at.unix_ms).Bind(11, report.reported_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  report.id = conn.LastInsertId();
  return Status::Ok();
}

Result<std::vector<QualityReport>> SelectQualityReports(Connection& conn, int64_t before_id,
                                                        int limit) {
  ORDO_ASSIGN_OR_RETURN(auto stmt,
                        PrepareNewestPage(conn,
                                          "SELECT id, case_id, order_no, sku, quantity, "
                                          "warehouse, reason, passed, disposition, note, "
                                          "reported_at, reported_by FROM quality_reports "
                                          "WHERE 1 = 1",
                                          {}, before_id, limit));
  return ReadAll<QualityReport>(*stmt, [](const Statement& row) {
    QualityReport report;
    report.id = row.Int(0);
    report.case_id = row.Int(1);
    report.order_no = row.Text(2);
    report.sku = row.Text(3);
    report.quantity = row.Int(4);
    report.warehouse = row.Text(5);
    report.reason = row.Text(6);
    report.passed = row.Int(7) != 0;
    report.disposition = row.Text(8);
    report.note = row.Text(9);
    report.reported_at = Timestamp{row.Int(10)};
    report.reported_by = row.Text(11);
    return report;
  });
}

}  // namespace ordo::sqlite
