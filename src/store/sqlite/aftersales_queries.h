// SQL of the after-sales cases (store/aftersales_store.h), shared by the writer's and the
// readers' sides (aftersales_tx.cc).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "store/aftersales_store.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// Inserts the case, its lines and its history; assigns c.id.
Status InsertAfterSalesRows(Connection& conn, AfterSales& c);
// Saves the case's columns and appends the history entries beyond those stored.
Status UpdateAfterSalesRows(Connection& conn, const AfterSales& c);
Result<std::optional<AfterSales>> SelectAfterSales(Connection& conn, int64_t id);
Result<std::vector<AfterSales>> SelectOrderAfterSales(Connection& conn,
                                                      const std::string& order_no);
Result<std::vector<AfterSales>> SelectAfterSalesPage(Connection& conn,
                                                     const AfterSalesFilter& filter);
Result<std::vector<AfterSalesCase>> SelectConfirmedAfterSales(Connection& conn, Timestamp from,
                                                              Timestamp to);

// The audit entry of a change of the case: its status before (none for a new case) and the
// facts after, without notes or personal data.
AuditEntry AfterSalesAudit(const AfterSales& c, std::optional<AfterSalesStatus> before,
                           std::string_view action);

}  // namespace ordo::sqlite
