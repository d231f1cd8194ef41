#include "store/sqlite/payment_queries.h"

#include <utility>

#include "base/json_writer.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace {

constexpr char kRefundColumns[] =
    "SELECT id, order_no, amount, reason, status, lines, created_at, created_by, due_at, "
    "executed_at, executed_by, provider_ref, note, approval, decision, decided_by, decided_at, "
    "decision_note, failure_reason, after_sales_id FROM refunds ";

// The refund's status as the domain sees it: the stored payout status, unless an approval is
// awaited or was refused (store columns status and decision).
constexpr char kRefundState[] =
    "(CASE decision WHEN 'awaiting' THEN 'awaiting_approval' WHEN 'rejected' THEN 'rejected' "
    "ELSE status END)";

// The stored columns (status, decision) of a domain status.
std::pair<std::string_view, std::string_view> StoredState(const Refund& refund) {
  const std::string_view decided = refund.approval == RefundApproval::kNone ? "" : "approved";
  switch (refund.status) {
    case RefundStatus::kAwaitingApproval:
      return {"pending", "awaiting"};
    case RefundStatus::kRejected:
      return {"pending", "rejected"};
    case RefundStatus::kPending:
      return {"pending", decided};
    case RefundStatus::kSucceeded:
      return {"succeeded", decided};
    case RefundStatus::kFailed:
      return {"failed", decided};
  }
  return {"pending", ""};
}

Result<Refund> ReadRefund(const Statement& row) {
  Refund refund;
  refund.id = row.Int(0);
  refund.order_no = row.Text(1);
  refund.amount = row.Int(2);
  const std::string where = "refund " + std::to_string(refund.id);
  ORDO_ASSIGN_OR_RETURN(refund.cause,
                        DecodeStoredEnum<RefundCause>(where + " cause", row.TextView(3)));
  const std::string_view decision = row.TextView(14);
  if (decision == "awaiting") {
    refund.status = RefundStatus::kAwaitingApproval;
  } else if (decision == "rejected") {
    refund.status = RefundStatus::kRejected;
  } else {
    ORDO_ASSIGN_OR_RETURN(refund.status,
                          DecodeStoredEnum<RefundStatus>(where + " status", row.TextView(4)));
  }
  ORDO_ASSIGN_OR_RETURN(refund.approval,
                        DecodeStoredEnum<RefundApproval>(where + " approval", row.TextView(13)));
  refund.lines = row.Text(5);
  refund.created_at = Timestamp{row.Int(6)};
  refund.created_by = row.Text(7);
  refund.due_at = OptionalTime(row, 8);
  refund.executed_at = OptionalTime(row, 9);
  refund.executed_by = row.Text(10);
  refund.provider_ref = row.Text(11);
  refund.note = row.Text(12);
  refund.decided_by = row.Text(15);
  refund.decided_at = OptionalTime(row, 16);
  refund.decision_note = row.Text(17);
  refund.failure_reason = row.Text(18);
  refund.after_sales_id = row.Int(19);
  return refund;
}

Result<std::vector<Refund>> ReadRefunds(Statement& stmt) {
  std::vector<Refund> refunds;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(Refund refund, ReadRefund(stmt));
    refunds.push_back(std::move(refund));
  }
  if (!status.ok()) {
    return status;
  }
  return refunds;
}

Status RefundRefused(const Status& status, const Refund& refund) {
  if (status.message().find("refund_exceeds_payment") != std::string::npos) {
    return Status::Conflict(Code::kRefundExceedsPayment, "the refunds of order " + refund.order_no +
                                                             " would exceed what was paid");
  }
  return status;
}

std::string RefundAfter(const Refund& refund) {
  JsonWriter after;
  after.BeginObject()
      .Field("order_no", refund.order_no)
      .Field("amount", refund.amount)
      .Field("reason", RefundCauseName(refund.cause))
      .Field("status", RefundStatusName(refund.status))
      .Field("approval", RefundApprovalName(refund.approval))
      .Field("decided_by", refund.decided_by)
      .Field("lines", refund.lines)
      .Field("provider_ref", refund.provider_ref)
      .EndObject();
  return after.Take();
}

}  // namespace

Status InsertRefundRow(Connection& conn, Refund& refund) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO refunds (order_no, amount, reason, status, lines, created_at, "
               "created_by, due_at, note, approval, decision, after_sales_id) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const auto [status_column, decision] = StoredState(refund);
  stmt->Bind(1, refund.order_no).Bind(2, refund.amount);
  stmt->Bind(3, std::string(RefundCauseName(refund.cause)));
  stmt->Bind(4, std::string(status_column)).Bind(5, refund.lines);
  stmt->Bind(6, refund.created_at.unix_ms).Bind(7, refund.created_by);
  BindOptionalTime(*stmt, 8, refund.due_at);
  stmt->Bind(9, refund.note).Bind(10, std::string(RefundApprovalName(refund.approval)));
  stmt->Bind(11, std::string(decision)).Bind(12, refund.after_sales_id);
  if (Status status = stmt->Run(); !status.ok()) {
    return RefundRefused(status, refund);
  }
  refund.id = conn.LastInsertId();
  return Status::Ok();
}

AuditEntry RefundAudit(const Refund& refund) {
  return AuditEntry{0,        refund.created_at,         refund.created_by,
                    "refund", std::to_string(refund.id), "create",
                    "null",   RefundAfter(refund)};
}

Result<std::optional<Refund>> SelectRefund(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kRefundColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<Refund> rows, ReadRefunds(*stmt));
  if (rows.empty()) {
    return std::optional<Refund>();
  }
  return std::optional<Refund>(std::move(rows.front()));
}

Result<std::vector<Refund>> SelectOrderRefunds(Connection& conn, const std::string& order_no) {
  ORDO_PREPARE(stmt, conn, std::string(kRefundColumns) + "WHERE order_no = ? ORDER BY id");
  stmt->Bind(1, order_no);
  return ReadRefunds(*stmt);
}

Result<std::vector<Refund>> SelectRefundPage(Connection& conn, const RefundFilter& filter) {
  // Every filter is optional: a NULL parameter leaves its condition out.
  ORDO_PREPARE(stmt, conn,
               std::string(kRefundColumns) + "WHERE id > ?1 AND (?2 IS NULL OR " + kRefundState +
                   " = ?2) AND (?3 IS NULL OR order_no = ?3) AND (?4 IS NULL OR created_at >= ?4) "
                   "AND (?5 IS NULL OR created_at < ?5) AND (?6 IS NULL OR executed_at >= ?6) "
                   "AND (?7 IS NULL OR executed_at < ?7) ORDER BY id LIMIT ?8");
  stmt->Bind(1, filter.after_id);
  filter.status ? stmt->Bind(2, std::string(RefundStatusName(*filter.status))) : stmt->BindNull(2);
  filter.order_no.empty() ? stmt->BindNull(3) : stmt->Bind(3, filter.order_no);
  BindOptionalTime(*stmt, 4, filter.from);
  BindOptionalTime(*stmt, 5, filter.to);
  BindOptionalTime(*stmt, 6, filter.executed_from);
  BindOptionalTime(*stmt, 7, filter.executed_to);
  stmt->Bind(8, filter.limit);
  return ReadRefunds(*stmt);
}

Result<std::vector<Refund>> SelectPendingRefunds(Connection& conn, int64_t after_id, int limit) {
  ORDO_PREPARE(stmt, conn,
               std::string(kRefundColumns) +
                   "WHERE status = 'pending' AND decision IN ('', 'approved') AND id > ? "
                   "ORDER BY id LIMIT ?");
  stmt->Bind(1, after_id).Bind(2, limit);
  return ReadRefunds(*stmt);
}

Status UpdateRefundRow(Connection& conn, const Refund& refund, RefundStatus expected_status) {
  ORDO_PREPARE(stmt, conn,
               std::string("UPDATE refunds SET status = ?, decision = ?, due_at = ?, "
                           "executed_at = ?, executed_by = ?, provider_ref = ?, decided_by = ?, "
                           "decided_at = ?, decision_note = ?, failure_reason = ? "
                           "WHERE id = ? AND ") +
                   kRefundState + " = ?");
  const auto [status_column, decision] = StoredState(refund);
  stmt->Bind(1, std::string(status_column)).Bind(2, std::string(decision));
  BindOptionalTime(*stmt, 3, refund.due_at);
  BindOptionalTime(*stmt, 4, refund.executed_at);
  stmt->Bind(5, refund.executed_by).Bind(6, refund.provider_ref).Bind(7, refund.decided_by);
  BindOptionalTime(*stmt, 8, refund.decided_at);
  stmt->Bind(9, refund.decision_note).Bind(10, refund.failure_reason).Bind(11, refund.id);
  stmt->Bind(12, std::string(RefundStatusName(expected_status)));
  if (Status status = stmt->Run(); !status.ok()) {
    return RefundRefused(status, refund);
  }
  if (conn.Changes() != 1) {
    return Status::Conflict(Code::kIllegalTransition,
                            "refund " + std::to_string(refund.id) + " is no longer " +
                                std::string(RefundStatusName(expected_status)));
  }
  return Status::Ok();
}

AuditEntry RefundChangeAudit(const Refund& refund, RefundStatus before_status,
                             std::string_view action, const std::string& actor, Timestamp at) {
  JsonWriter before;
  before.BeginObject().Field("status", RefundStatusName(before_status)).EndObject();
  return AuditEntry{0,
                    at,
                    actor,
                    "refund",
                    std::to_string(refund.id),
                    std::string(action),
                    before.Take(),
                    RefundAfter(refund)};
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

Status InsertPaymentRows(Connection& conn, const Order& order, size_t from_seq) {
  if (from_seq >= order.payments.size()) {
    return Status::Ok();
  }
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO payments (order_no, seq, provider, transaction_id, amount, outcome, "
               "duplicate, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (order_no, seq) DO NOTHING");
  for (size_t seq = from_seq; seq < order.payments.size(); ++seq) {
    const Payment& payment = order.payments[seq];
    stmt->Reset();
    stmt->Bind(1, order.order_no).Bind(2, static_cast<int64_t>(seq)).Bind(3, payment.provider);
    stmt->Bind(4, payment.transaction_id).Bind(5, payment.amount).Bind(6, Name(payment.outcome));
    stmt->Bind(7, payment.duplicate ? 1 : 0).Bind(8, payment.at.unix_ms);
    ORDO_RETURN_IF_ERROR(stmt->Run());
  }
  return Status::Ok();
}

Result<std::vector<PaymentRecord>> SelectPaymentPage(Connection& conn,
                                                     const PaymentFilter& filter) {
  // Every filter is optional: a NULL parameter leaves its condition out.
  ORDO_PREPARE(stmt, conn,
               "SELECT id, order_no, provider, transaction_id, amount, outcome, duplicate, "
               "received_at FROM payments WHERE id > ?1 AND (?2 IS NULL OR order_no = ?2) "
               "AND (?3 IS NULL OR provider = ?3) AND (?4 IS NULL OR transaction_id = ?4) "
               "AND (?5 IS NULL OR outcome = ?5) AND (?6 IS NULL OR duplicate = ?6) "
               "AND (?7 IS NULL OR received_at >= ?7) AND (?8 IS NULL OR received_at < ?8) "
               "ORDER BY id LIMIT ?9");
  stmt->Bind(1, filter.after_id);
  filter.order_no.empty() ? stmt->BindNull(2) : stmt->Bind(2, filter.order_no);
  filter.provider.empty() ? stmt->BindNull(3) : stmt->Bind(3, filter.provider);
  filter.transaction_id.empty() ? stmt->BindNull(4) : stmt->Bind(4, filter.transaction_id);
  filter.outcome.empty() ? stmt->BindNull(5) : stmt->Bind(5, filter.outcome);
  filter.duplicate ? stmt->Bind(6, int64_t{*filter.duplicate ? 1 : 0}) : stmt->BindNull(6);
  BindOptionalTime(*stmt, 7, filter.from);
  BindOptionalTime(*stmt, 8, filter.to);
  stmt->Bind(9, filter.limit);
  return ReadAll<PaymentRecord>(*stmt, [](const Statement& row) -> Result<PaymentRecord> {
    PaymentRecord record;
    record.id = row.Int(0);
    record.order_no = row.Text(1);
    ORDO_ASSIGN_OR_RETURN(PaymentOutcome outcome,
                          DecodeStoredEnum<PaymentOutcome>(
                              "payment " + std::to_string(record.id) + " outcome", row.TextView(5)));
    record.payment = Payment{row.Text(2),           row.Text(3),     row.Int(4),
                             Timestamp{row.Int(7)}, row.Int(6) != 0, outcome};
    return record;
  });
}

}  // namespace ordo::sqlite
