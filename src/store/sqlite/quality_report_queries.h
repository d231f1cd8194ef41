// The SQL of the quality reports purchasing receives (store/aftersales_store.h QualityReport):
// returned items that failed for quality or were damaged, and what became of them.
#pragma once

#include <vector>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// "quality_report", id, "report": what came back and its disposition (no personal data).
AuditEntry QualityReportAudit(const QualityReport& report);
Status InsertQualityReportRow(Connection& conn, QualityReport& report);
// Newest first, with id < before_id when non-zero, at most `limit`.
Result<std::vector<QualityReport>> SelectQualityReports(Connection& conn, int64_t before_id,
                                                        int limit);

}  // namespace ordo::sqlite
