#include "store/sqlite/payment_queries.h"

#include "store/json_writer.h"

namespace ordo::sqlite {
namespace {

constexpr char kRefundColumns[] =
    "SELECT id, order_no, amount, reason, status, lines, created_at, created_by, due_at, "
    "executed_at, executed_by, provider_ref FROM refunds ";

Refund ReadRefund(const Statement& row) {
  Refund refund;
  refund.id = row.Int(0);
  refund.order_no = row.Text(1);
  refund.amount = row.Int(2);
  refund.reason = row.Text(3);
  refund.status = row.Text(4);
  refund.lines = row.Text(5);
  refund.created_at = Timestamp{row.Int(6)};
  refund.created_by = row.Text(7);
  refund.due_at = OptionalTime(row, 8);
  refund.executed_at = OptionalTime(row, 9);
  refund.executed_by = row.Text(10);
  refund.provider_ref = row.Text(11);
  return refund;
}

}  // namespace

Result<std::optional<Refund>> SelectRefund(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kRefundColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<Refund> rows, ReadAll<Refund>(*stmt, &ReadRefund));
  if (rows.empty()) {
    return std::optional<Refund>();
  }
  return std::optional<Refund>(std::move(rows.front()));
}

Result<std::vector<Refund>> SelectOrderRefunds(Connection& conn, const std::string& order_no) {
  ORDO_PREPARE(stmt, conn, std::string(kRefundColumns) + "WHERE order_no = ? ORDER BY id");
  stmt->Bind(1, order_no);
  return ReadAll<Refund>(*stmt, &ReadRefund);
}

Result<std::vector<Refund>> SelectRefundPage(Connection& conn, const RefundFilter& filter) {
  // Every filter is optional: a NULL parameter leaves its condition out.
  ORDO_PREPARE(stmt, conn,
               std::string(kRefundColumns) +
                   "WHERE id > ?1 AND (?2 IS NULL OR status = ?2) "
                   "AND (?3 IS NULL OR order_no = ?3) AND (?4 IS NULL OR created_at >= ?4) "
                   "AND (?5 IS NULL OR created_at < ?5) ORDER BY id LIMIT ?6");
  stmt->Bind(1, filter.after_id);
  filter.status.empty() ? stmt->BindNull(2) : stmt->Bind(2, filter.status);
  filter.order_no.empty() ? stmt->BindNull(3) : stmt->Bind(3, filter.order_no);
  BindOptionalTime(*stmt, 4, filter.from);
  BindOptionalTime(*stmt, 5, filter.to);
  stmt->Bind(6, filter.limit);
  return ReadAll<Refund>(*stmt, &ReadRefund);
}

Result<std::vector<Refund>> SelectPendingRefunds(Connection& conn, int64_t after_id, int limit) {
  ORDO_PREPARE(
      stmt, conn,
      std::string(kRefundColumns) + "WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?");
  stmt->Bind(1, after_id).Bind(2, limit);
  return ReadAll<Refund>(*stmt, &ReadRefund);
}

Status UpdateRefundExecution(Connection& conn, const Refund& refund,
                             const std::string& expected_status) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE refunds SET status = ?, due_at = ?, executed_at = ?, executed_by = ?, "
               "provider_ref = ? WHERE id = ? AND status = ?");
  stmt->Bind(1, refund.status);
  BindOptionalTime(*stmt, 2, refund.due_at);
  BindOptionalTime(*stmt, 3, refund.executed_at);
  stmt->Bind(4, refund.executed_by).Bind(5, refund.provider_ref).Bind(6, refund.id);
  stmt->Bind(7, expected_status);
  Status status = stmt->Run();
  if (!status.ok()) {
    if (status.message().find("refund_exceeds_payment") != std::string::npos) {
      return Status::Conflict(
          Code::kRefundExceedsPayment,
          "the refunds of order " + refund.order_no + " would exceed what was paid");
    }
    return status;
  }
  if (conn.Changes() != 1) {
    return Status::Conflict(Code::kIllegalTransition, "refund " + std::to_string(refund.id) +
                                                          " is no longer " + expected_status);
  }
  return Status::Ok();
}

AuditEntry RefundExecutionAudit(const Refund& refund, const std::string& before_status) {
  JsonWriter before;
  before.BeginObject().Field("status", before_status).EndObject();
  JsonWriter after;
  after.BeginObject()
      .Field("order_no", refund.order_no)
      .Field("amount", refund.amount)
      .Field("status", refund.status)
      .Field("provider_ref", refund.provider_ref)
      .EndObject();
  const Timestamp at = refund.executed_at.value_or(refund.created_at);
  return AuditEntry{0,
                    at,
                    refund.executed_by,
                    "refund",
                    std::to_string(refund.id),
                    "execute",
                    before.Take(),
                    after.Take()};
}

Result<bool> InsertPaymentReminder(Connection& conn, const std::string& order_no, Timestamp at) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO payment_reminders (order_no, sent_at) VALUES (?, ?) "
               "ON CONFLICT (order_no) DO NOTHING");
  stmt->Bind(1, order_no).Bind(2, at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  return conn.Changes() == 1;
}

Result<std::vector<UnpaidOrder>> SelectUnpaidOrders(Connection& conn, Timestamp created_before,
                                                    bool unreminded, bool not_held,
                                                    UnpaidCursor cursor, int limit) {
  // orders_unpaid_by_created holds the unpaid orders only: the scan never reads paid ones.
  ORDO_PREPARE(stmt, conn,
               "SELECT o.id, o.order_no, o.created_at FROM orders o "
               "INDEXED BY orders_unpaid_by_created "
               "WHERE o.status = 'pending_payment' AND o.created_at <= ?1 "
               "AND (o.created_at, o.id) > (?2, ?3) "
               "AND (?4 = 0 OR NOT EXISTS (SELECT 1 FROM payment_reminders r "
               "WHERE r.order_no = o.order_no)) "
               "AND (?5 = 0 OR json_extract(o.doc, '$.holds') IS NULL) "
               "ORDER BY o.created_at, o.id LIMIT ?6");
  stmt->Bind(1, created_before.unix_ms).Bind(2, cursor.created_at.unix_ms).Bind(3, cursor.id);
  stmt->Bind(4, unreminded ? 1 : 0).Bind(5, not_held ? 1 : 0).Bind(6, limit);
  return ReadAll<UnpaidOrder>(*stmt, [](const Statement& row) {
    return UnpaidOrder{row.Int(0), row.Text(1), Timestamp{row.Int(2)}};
  });
}

}  // namespace ordo::sqlite
