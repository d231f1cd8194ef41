#include "store/sqlite/aftersales_tx.h"

#include "store/sqlite/document_tx.h"

#include "store/sqlite/aftersales_queries.h"
#include "store/sqlite/quality_report_queries.h"

namespace ordo::sqlite {

// --- The writer ---

Status AfterSalesWriter::InsertAfterSales(AfterSales& c) {
  ORDO_RETURN_IF_ERROR(InsertAfterSalesRows(conn_, c));
  audit_.Add(AfterSalesAudit(c, std::nullopt, "requested"));
  return Status::Ok();
}

Result<std::optional<AfterSales>> AfterSalesWriter::FindAfterSales(int64_t id) {
  return SelectAfterSales(conn_, id);
}

Result<std::vector<AfterSales>> AfterSalesWriter::FindOrderAfterSales(const std::string& order_no) {
  return SelectOrderAfterSales(conn_, order_no);
}

Status AfterSalesWriter::UpdateAfterSales(const AfterSales& c, AfterSalesStatus before) {
  ORDO_RETURN_IF_ERROR(UpdateAfterSalesRows(conn_, c));
  audit_.Add(AfterSalesAudit(c, before, c.history.empty() ? "update" : c.history.back().action));
  return Status::Ok();
}

Status AfterSalesWriter::InsertQualityReport(QualityReport& report) {
  ORDO_RETURN_IF_ERROR(InsertQualityReportRow(conn_, report));
  audit_.Add(QualityReportAudit(report));
  if (documents_ != nullptr) {
    ORDO_RETURN_IF_ERROR(documents_->Archive(report.order_no, {InspectionReport(report)}));
  }
  return Status::Ok();
}

// --- The readers ---

template <typename T, typename Query>
Result<T> AfterSalesReader::Read(Query query) {
  return ReadWith<T>(with_, std::move(query));
}

Result<std::vector<AfterSales>> AfterSalesReader::ListAfterSales(const AfterSalesFilter& filter) {
  return Read<std::vector<AfterSales>>(
      [&](Connection& c) { return SelectAfterSalesPage(c, filter); });
}

Result<std::optional<AfterSales>> AfterSalesReader::GetAfterSales(int64_t id) {
  return Read<std::optional<AfterSales>>([&](Connection& c) { return SelectAfterSales(c, id); });
}

Result<std::vector<AfterSalesCase>> AfterSalesReader::ListConfirmedAfterSales(Timestamp from,
                                                                              Timestamp to) {
  return Read<std::vector<AfterSalesCase>>(
      [&](Connection& c) { return SelectConfirmedAfterSales(c, from, to); });
}

Result<std::vector<QualityReport>> AfterSalesReader::ListQualityReports(int64_t before_id,
                                                                        int limit) {
  return Read<std::vector<QualityReport>>(
      [&](Connection& c) { return SelectQualityReports(c, before_id, limit); });
}

}  // namespace ordo::sqlite
