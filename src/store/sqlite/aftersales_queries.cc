#include "store/sqlite/aftersales_queries.h"

#include "base/json_writer.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace {

constexpr const char* kColumns =
    "SELECT id, order_no, type, reason, status, freight_payer, requested_amount, note, "
    "reject_reason, close_reason, return_carrier, return_tracking_no, received_at, "
    "inspection_passed, inspection_note, tags_intact, packaging_intact, disposition, "
    "inspected_at, reason_confirmed, refund_id, refund_amount, replacement_order_no, "
    "price_difference_amount, created_at, created_by, updated_at, updated_by "
    "FROM after_sales_cases ";

std::optional<bool> OptionalBool(const Statement& row, int column) {
  if (row.IsNull(column)) {
    return std::nullopt;
  }
  return row.Int(column) != 0;
}

void BindOptionalBool(Statement& stmt, int index, std::optional<bool> value) {
  if (value) {
    stmt.Bind(index, *value ? 1 : 0);
  } else {
    stmt.BindNull(index);
  }
}

Result<AfterSales> ReadCase(const Statement& row) {
  AfterSales c;
  c.id = row.Int(0);
  c.order_no = row.Text(1);
  const std::string where = "after-sales case " + std::to_string(c.id);
  ORDO_ASSIGN_OR_RETURN(c.type, DecodeStoredEnum<AfterSalesType>(where + " type", row.TextView(2)));
  ORDO_ASSIGN_OR_RETURN(c.reason,
                        DecodeStoredEnum<AfterSalesReason>(where + " reason", row.TextView(3)));
  ORDO_ASSIGN_OR_RETURN(c.status,
                        DecodeStoredEnum<AfterSalesStatus>(where + " status", row.TextView(4)));
  ORDO_ASSIGN_OR_RETURN(c.freight_payer, DecodeStoredEnum<FreightPayer>(where + " freight_payer",
                                                                        row.TextView(5)));
  c.requested_amount = row.Int(6);
  c.note = row.Text(7);
  c.reject_reason = row.Text(8);
  c.close_reason = row.Text(9);
  c.return_carrier = row.Text(10);
  c.return_tracking_no = row.Text(11);
  c.received_at = OptionalTime(row, 12);
  if (std::optional<bool> passed = OptionalBool(row, 13)) {
    c.inspection = Inspection{*passed, row.Text(14), OptionalBool(row, 15), OptionalBool(row, 16),
                              row.Text(17)};
  }
  c.inspected_at = OptionalTime(row, 18);
  c.reason_confirmed = row.Int(19) != 0;
  c.refund_id = row.IsNull(20) ? 0 : row.Int(20);
  c.refund_amount = row.Int(21);
  c.replacement_order_no = row.Text(22);
  c.price_difference_amount = row.Int(23);
  c.created_at = Timestamp{row.Int(24)};
  c.created_by = row.Text(25);
  c.updated_at = Timestamp{row.Int(26)};
  c.updated_by = row.Text(27);
  return c;
}

// Binds the columns every write sets, from index 1: status through updated_by.
void BindMutable(Statement& stmt, const AfterSales& c) {
  stmt.Bind(1, AfterSalesStatusName(c.status)).Bind(2, c.reject_reason).Bind(3, c.close_reason);
  stmt.Bind(4, c.return_carrier).Bind(5, c.return_tracking_no);
  BindOptionalTime(stmt, 6, c.received_at);
  BindOptionalBool(stmt, 7,
                   c.inspection ? std::optional<bool>(c.inspection->passed) : std::nullopt);
  stmt.Bind(8, c.inspection ? c.inspection->note : std::string());
  BindOptionalBool(stmt, 9, c.inspection ? c.inspection->tags_intact : std::nullopt);
  BindOptionalBool(stmt, 10, c.inspection ? c.inspection->packaging_intact : std::nullopt);
  stmt.Bind(11, c.inspection ? c.inspection->disposition : std::string());
  BindOptionalTime(stmt, 12, c.inspected_at);
  stmt.Bind(13, c.reason_confirmed ? 1 : 0);
  if (c.refund_id > 0) {
    stmt.Bind(14, c.refund_id);
  } else {
    stmt.BindNull(14);
  }
  stmt.Bind(15, c.refund_amount).Bind(16, c.replacement_order_no);
  stmt.Bind(17, c.price_difference_amount).Bind(18, c.updated_at.unix_ms).Bind(19, c.updated_by);
}

Status InsertHistory(Connection& conn, const AfterSales& c, size_t from) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO after_sales_history (case_id, seq, action, from_status, to_status, "
               "actor, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = from; i < c.history.size(); ++i) {
    const AfterSalesHistoryEntry& entry = c.history[i];
    stmt->Reset();
    stmt->Bind(1, c.id).Bind(2, static_cast<int64_t>(i + 1)).Bind(3, entry.action);
    stmt->Bind(4, entry.from_status).Bind(5, entry.to_status).Bind(6, entry.actor);
    stmt->Bind(7, entry.at.unix_ms).Bind(8, entry.note);
    ORDO_RETURN_IF_ERROR(stmt->Run());
  }
  return Status::Ok();
}

// Loads the lines and history of each case.
Status LoadParts(Connection& conn, std::vector<AfterSales>& cases) {
  ORDO_PREPARE(lines, conn,
               "SELECT line_no, sku, quantity, unit_price_amount, warehouse, exchange_sku "
               "FROM after_sales_lines WHERE case_id = ? ORDER BY position");
  ORDO_PREPARE(history, conn,
               "SELECT action, from_status, to_status, actor, at, note "
               "FROM after_sales_history WHERE case_id = ? ORDER BY seq");
  for (AfterSales& c : cases) {
    lines->Reset();
    lines->Bind(1, c.id);
    ORDO_ASSIGN_OR_RETURN(c.lines, ReadAll<AfterSalesLine>(*lines, [](const Statement& row) {
                            return AfterSalesLine{static_cast<int>(row.Int(0)),
                                                  row.Text(1),
                                                  row.Int(2),
                                                  row.Int(3),
                                                  row.Text(4),
                                                  row.Text(5)};
                          }));
    history->Reset();
    history->Bind(1, c.id);
    ORDO_ASSIGN_OR_RETURN(
        c.history, ReadAll<AfterSalesHistoryEntry>(*history, [](const Statement& row) {
          return AfterSalesHistoryEntry{row.Text(0), row.Text(1),           row.Text(2),
                                        row.Text(3), Timestamp{row.Int(4)}, row.Text(5)};
        }));
  }
  return Status::Ok();
}

Result<std::vector<AfterSales>> ReadCases(Connection& conn, Statement& stmt) {
  ORDO_ASSIGN_OR_RETURN(std::vector<AfterSales> cases, ReadAll<AfterSales>(stmt, ReadCase));
  ORDO_RETURN_IF_ERROR(LoadParts(conn, cases));
  return cases;
}

}  // namespace

Status InsertAfterSalesRows(Connection& conn, AfterSales& c) {
  {
    ORDO_PREPARE(stmt, conn,
                 "INSERT INTO after_sales_cases (status, reject_reason, close_reason, "
                 "return_carrier, return_tracking_no, received_at, inspection_passed, "
                 "inspection_note, tags_intact, packaging_intact, disposition, inspected_at, "
                 "reason_confirmed, refund_id, refund_amount, replacement_order_no, "
                 "price_difference_amount, updated_at, updated_by, order_no, type, reason, "
                 "freight_payer, requested_amount, note, created_at, created_by) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                 "?, ?, ?, ?)");
    BindMutable(*stmt, c);
    stmt->Bind(20, c.order_no).Bind(21, AfterSalesTypeName(c.type));
    stmt->Bind(22, AfterSalesReasonName(c.reason)).Bind(23, FreightPayerName(c.freight_payer));
    stmt->Bind(24, c.requested_amount).Bind(25, c.note).Bind(26, c.created_at.unix_ms);
    stmt->Bind(27, c.created_by);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    c.id = conn.LastInsertId();
  }
  ORDO_PREPARE(line, conn,
               "INSERT INTO after_sales_lines (case_id, position, line_no, sku, quantity, "
               "unit_price_amount, warehouse, exchange_sku) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (size_t i = 0; i < c.lines.size(); ++i) {
    const AfterSalesLine& l = c.lines[i];
    line->Reset();
    line->Bind(1, c.id).Bind(2, static_cast<int64_t>(i + 1)).Bind(3, l.line_no).Bind(4, l.sku);
    line->Bind(5, l.quantity).Bind(6, l.unit_price_amount).Bind(7, l.warehouse);
    line->Bind(8, l.exchange_sku);
    ORDO_RETURN_IF_ERROR(line->Run());
  }
  return InsertHistory(conn, c, 0);
}

Status UpdateAfterSalesRows(Connection& conn, const AfterSales& c) {
  {
    ORDO_PREPARE(stmt, conn,
                 "UPDATE after_sales_cases SET status = ?, reject_reason = ?, close_reason = ?, "
                 "return_carrier = ?, return_tracking_no = ?, received_at = ?, "
                 "inspection_passed = ?, inspection_note = ?, tags_intact = ?, "
                 "packaging_intact = ?, disposition = ?, inspected_at = ?, reason_confirmed = ?, "
                 "refund_id = ?, refund_amount = ?, replacement_order_no = ?, "
                 "price_difference_amount = ?, updated_at = ?, updated_by = ? WHERE id = ?");
    BindMutable(*stmt, c);
    stmt->Bind(20, c.id);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    if (conn.Changes() != 1) {
      return Status::NotFound("no after-sales case " + std::to_string(c.id));
    }
  }
  int64_t stored = 0;
  {
    ORDO_PREPARE(count, conn, "SELECT COUNT(*) FROM after_sales_history WHERE case_id = ?");
    count->Bind(1, c.id);
    Status status;
    if (count->Step(&status)) {
      stored = count->Int(0);
    }
    ORDO_RETURN_IF_ERROR(status);
  }
  return InsertHistory(conn, c, static_cast<size_t>(stored));
}

Result<std::optional<AfterSales>> SelectAfterSales(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<AfterSales> cases, ReadCases(conn, *stmt));
  if (cases.empty()) {
    return std::optional<AfterSales>();
  }
  return std::optional<AfterSales>(std::move(cases.front()));
}

Result<std::vector<AfterSales>> SelectOrderAfterSales(Connection& conn,
                                                      const std::string& order_no) {
  ORDO_PREPARE(stmt, conn, std::string(kColumns) + "WHERE order_no = ? ORDER BY id");
  stmt->Bind(1, order_no);
  return ReadCases(conn, *stmt);
}

Result<std::vector<AfterSales>> SelectAfterSalesPage(Connection& conn,
                                                     const AfterSalesFilter& filter) {
  std::string sql = kColumns;
  sql += "WHERE 1 = 1";
  std::vector<std::string> texts;
  if (!filter.order_no.empty()) {
    sql += " AND order_no = ?";
    texts.push_back(filter.order_no);
  }
  if (filter.status) {
    sql += " AND status = ?";
    texts.emplace_back(AfterSalesStatusName(*filter.status));
  }
  if (filter.type) {
    sql += " AND type = ?";
    texts.emplace_back(AfterSalesTypeName(*filter.type));
  }
  ORDO_ASSIGN_OR_RETURN(auto stmt,
                        PrepareNewestPage(conn, std::move(sql), texts, filter.before_id,
                                          filter.limit));
  return ReadCases(conn, *stmt);
}

Result<std::vector<AfterSalesCase>> SelectConfirmedAfterSales(Connection& conn, Timestamp from,
                                                              Timestamp to) {
  ORDO_PREPARE(stmt, conn,
               "SELECT id, order_no, reason, inspected_at FROM after_sales_cases "
               "WHERE reason_confirmed = 1 AND inspected_at >= ? AND inspected_at < ? "
               "ORDER BY id");
  stmt->Bind(1, from.unix_ms).Bind(2, to.unix_ms);
  return ReadAll<AfterSalesCase>(*stmt, [](const Statement& row) {
    return AfterSalesCase{std::to_string(row.Int(0)), row.Text(1), row.Text(2), true,
                          Timestamp{row.Int(3)}};
  });
}

AuditEntry AfterSalesAudit(const AfterSales& c, std::optional<AfterSalesStatus> before,
                           std::string_view action) {
  std::string before_json = "null";
  if (before) {
    JsonWriter writer;
    writer.BeginObject().Field("status", AfterSalesStatusName(*before)).EndObject();
    before_json = writer.Take();
  }
  JsonWriter after;
  after.BeginObject()
      .Field("order_no", c.order_no)
      .Field("type", AfterSalesTypeName(c.type))
      .Field("reason", AfterSalesReasonName(c.reason))
      .Field("status", AfterSalesStatusName(c.status))
      .Field("freight_payer", FreightPayerName(c.freight_payer))
      .Field("requested_amount", c.requested_amount)
      .Field("refund_id", c.refund_id)
      .Field("refund_amount", c.refund_amount)
      .Field("replacement_order_no", c.replacement_order_no)
      .Field("disposition", c.inspection ? c.inspection->disposition : std::string())
      .Field("reason_confirmed", c.reason_confirmed)
      .EndObject();
  return AuditEntry{0,
                    c.updated_at,
                    c.updated_by,
                    "after_sales",
                    std::to_string(c.id),
                    std::string(action),
                    before_json,
                    after.Take()};
}

}  // namespace ordo::sqlite
