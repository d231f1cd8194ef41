#include "store/sqlite/supervision_queries.h"

#include <boost/json.hpp>

#include "store/codec.h"
#include "store/sqlite/queries.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace json = boost::json;
namespace {

constexpr const char* kViolationColumns =
    "SELECT id, type, severity, actor, department, entity, entity_id, occurrence, at, "
    "explanation, details, detected_at, detected_by FROM violations ";

constexpr const char* kSanctionColumns =
    "SELECT id, category, kind, person, department, violation_id, period, reason, points, "
    "amount, state, proposed_by, proposed_at, decided_by, decided_at, decision_reason "
    "FROM sanctions ";

// The statuses of an order still waiting for review or for the warehouse.
constexpr const char* kWaitingStatuses =
    "('pending_review', 'awaiting_fulfillment', 'picking', 'packed')";



Result<Violation> ReadViolation(const Statement& row) {
  Violation violation;
  violation.id = row.Int(0);
  // Types are written from the enum; an unknown name would mean a newer build (or damage)
  // wrote it: the violation is not read as some other type.
  const std::string where = "violation " + std::to_string(violation.id);
  ORDO_ASSIGN_OR_RETURN(violation.type,
                        DecodeStoredEnum<ViolationType>(where + " type", row.TextView(1)));
  ORDO_ASSIGN_OR_RETURN(violation.severity,
                        DecodeStoredEnum<Severity>(where + " severity", row.TextView(2)));
  violation.actor = row.Text(3);
  violation.department = row.Text(4);
  violation.entity = row.Text(5);
  violation.entity_id = row.Text(6);
  violation.occurrence = row.Text(7);
  violation.at = Timestamp{row.Int(8)};
  violation.explanation = row.Text(9);
  violation.details = DecodeDetails(row.TextView(10));
  violation.detected_at = Timestamp{row.Int(11)};
  violation.detected_by = row.Text(12);
  return violation;
}

Result<Sanction> ReadSanction(const Statement& row) {
  Sanction sanction;
  sanction.id = row.Int(0);
  const std::string where = "sanction " + std::to_string(sanction.id);
  ORDO_ASSIGN_OR_RETURN(sanction.category,
                        DecodeStoredEnum<SanctionCategory>(where + " category", row.TextView(1)));
  sanction.kind = row.Text(2);
  sanction.person = row.Text(3);
  sanction.department = row.Text(4);
  sanction.violation_id = row.IsNull(5) ? 0 : row.Int(5);
  sanction.period = row.Text(6);
  sanction.reason = row.Text(7);
  sanction.points = row.Int(8);
  sanction.amount = row.Int(9);
  ORDO_ASSIGN_OR_RETURN(sanction.state,
                        DecodeStoredEnum<ProposalState>(where + " state", row.TextView(10)));
  sanction.proposed_by = row.Text(11);
  sanction.proposed_at = Timestamp{row.Int(12)};
  sanction.decided_by = row.Text(13);
  if (!row.IsNull(14)) {
    sanction.decided_at = Timestamp{row.Int(14)};
  }
  sanction.decision_reason = row.Text(15);
  return sanction;
}

Status InsertHistory(Connection& conn, int64_t sanction_id, ProposalState state,
                     const std::string& actor, Timestamp at, const std::string& reason) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO sanction_history (sanction_id, state, actor, at, reason) "
               "VALUES (?, ?, ?, ?, ?)");
  stmt->Bind(1, sanction_id).Bind(2, ProposalStateName(state)).Bind(3, actor);
  stmt->Bind(4, at.unix_ms).Bind(5, reason);
  return stmt->Run();
}

std::string Text(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->get_string()) : "";
}

json::object ParseObject(std::string_view text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  return !ec && value.is_object() ? std::move(value.as_object()) : json::object();
}

Attempt ReadAttempt(const Statement& row) {
  const json::object before = ParseObject(row.TextView(6));
  const json::object after = ParseObject(row.TextView(7));
  Attempt attempt;
  attempt.seq = row.Int(0);
  attempt.at = Timestamp{row.Int(1)};
  attempt.actor = row.Text(2);
  attempt.action = row.Text(5);
  attempt.order_status = Text(before, "status");
  attempt.role = Text(after, "role");
  attempt.method = Text(after, "method");
  attempt.target = Text(after, "target");
  attempt.order_no = Text(after, "order_no");
  attempt.code = Text(after, "code");
  attempt.permission = Text(after, "permission");
  return attempt;
}

}  // namespace

AuditEntry AttemptAudit(const Attempt& attempt) {
  const std::string before = attempt.order_status.empty()
                                 ? "null"
                                 : json::serialize(json::object{{"status", attempt.order_status}});
  json::object after{{"code", attempt.code},
                     {"method", attempt.method},
                     {"target", attempt.target},
                     {"role", attempt.role},
                     {"order_no", attempt.order_no}};
  if (!attempt.permission.empty()) {
    after["permission"] = attempt.permission;
  }
  if (std::optional<ViolationType> type = ClassifyAttempt(attempt)) {
    after["violation"] = ViolationTypeName(*type);
  }
  return AuditEntry{0,
                    attempt.at,
                    attempt.actor,
                    "attempt",
                    attempt.order_no.empty() ? attempt.target : attempt.order_no,
                    attempt.action,
                    before,
                    json::serialize(after)};
}

AuditEntry ViolationAudit(const Violation& violation) {
  const json::object after{{"type", ViolationTypeName(violation.type)},
                           {"severity", SeverityName(violation.severity)},
                           {"actor", violation.actor},
                           {"department", violation.department},
                           {"entity", violation.entity},
                           {"entity_id", violation.entity_id},
                           {"occurrence", violation.occurrence},
                           {"at", FormatRfc3339(violation.at)}};
  return AuditEntry{0,           violation.detected_at,        violation.detected_by,
                    "violation", std::to_string(violation.id), "detect",
                    "null",      json::serialize(after)};
}

AuditEntry SanctionAudit(const Sanction& sanction, std::optional<ProposalState> before) {
  json::object after{{"state", ProposalStateName(sanction.state)},
                     {"kind", sanction.kind},
                     {"person", sanction.person},
                     {"violation_id", sanction.violation_id},
                     {"points", sanction.points},
                     {"amount", sanction.amount},
                     {"reason", sanction.reason}};
  if (!sanction.period.empty()) {
    after["period"] = sanction.period;
  }
  const bool decided = before.has_value();
  if (decided) {
    after["decision_reason"] = sanction.decision_reason;
  }
  return AuditEntry{
      0,
      decided ? *sanction.decided_at : sanction.proposed_at,
      decided ? sanction.decided_by : sanction.proposed_by,
      std::string(SanctionCategoryName(sanction.category)),
      std::to_string(sanction.id),
      decided ? (sanction.state == ProposalState::kApproved ? "approve" : "reject") : "propose",
      decided ? json::serialize(json::object{{"state", ProposalStateName(*before)}}) : "null",
      json::serialize(after)};
}

Result<bool> InsertViolationRow(Connection& conn, Violation& violation) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO violations (type, severity, actor, department, entity, entity_id, "
               "occurrence, at, explanation, details, detected_at, detected_by) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (type, entity, entity_id, actor, occurrence) DO NOTHING");
  stmt->Bind(1, ViolationTypeName(violation.type)).Bind(2, SeverityName(violation.severity));
  stmt->Bind(3, violation.actor).Bind(4, violation.department).Bind(5, violation.entity);
  stmt->Bind(6, violation.entity_id).Bind(7, violation.occurrence);
  stmt->Bind(8, violation.at.unix_ms).Bind(9, violation.explanation);
  stmt->Bind(10, EncodeDetails(violation.details)).Bind(11, violation.detected_at.unix_ms);
  stmt->Bind(12, violation.detected_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() == 0) {
    violation.id = 0;
    return false;
  }
  violation.id = conn.LastInsertId();
  return true;
}

Result<std::optional<Violation>> SelectViolation(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kViolationColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<Violation> rows, ReadAll<Violation>(*stmt, &ReadViolation));
  return rows.empty() ? std::optional<Violation>() : std::optional<Violation>(rows.front());
}

Result<std::vector<Violation>> SelectViolations(Connection& conn, const ViolationFilter& filter) {
  std::string sql = std::string(kViolationColumns) + "WHERE 1 = 1";
  sql += filter.before_id > 0 ? " AND id < ?" : "";
  sql += filter.actor.empty() ? "" : " AND actor = ?";
  sql += filter.department.empty() ? "" : " AND department = ?";
  sql += filter.type ? " AND type = ?" : "";
  sql += filter.from ? " AND at >= ?" : "";
  sql += filter.to ? " AND at < ?" : "";
  sql += " ORDER BY id DESC LIMIT ?";
  ORDO_PREPARE(stmt, conn, sql);
  int index = 1;
  if (filter.before_id > 0) {
    stmt->Bind(index++, filter.before_id);
  }
  if (!filter.actor.empty()) {
    stmt->Bind(index++, filter.actor);
  }
  if (!filter.department.empty()) {
    stmt->Bind(index++, filter.department);
  }
  if (filter.type) {
    stmt->Bind(index++, ViolationTypeName(*filter.type));
  }
  if (filter.from) {
    stmt->Bind(index++, filter.from->unix_ms);
  }
  if (filter.to) {
    stmt->Bind(index++, filter.to->unix_ms);
  }
  stmt->Bind(index, filter.limit);
  return ReadAll<Violation>(*stmt, &ReadViolation);
}

Status InsertSanctionRow(Connection& conn, Sanction& sanction) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO sanctions (category, kind, person, department, violation_id, period, "
               "reason, points, amount, state, proposed_by, proposed_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, SanctionCategoryName(sanction.category)).Bind(2, sanction.kind);
  stmt->Bind(3, sanction.person).Bind(4, sanction.department);
  if (sanction.violation_id > 0) {
    stmt->Bind(5, sanction.violation_id);
  } else {
    stmt->BindNull(5);
  }
  stmt->Bind(6, sanction.period).Bind(7, sanction.reason).Bind(8, sanction.points);
  stmt->Bind(9, sanction.amount).Bind(10, ProposalStateName(sanction.state));
  stmt->Bind(11, sanction.proposed_by).Bind(12, sanction.proposed_at.unix_ms);
  Status inserted = stmt->Run();
  if (inserted.code() == Code::kAlreadyExists &&
      inserted.message().find("UNIQUE") != std::string::npos) {
    return Status::Conflict(
        Code::kAlreadyExists,
        sanction.category == SanctionCategory::kPenalty
            ? "violation " + std::to_string(sanction.violation_id) +
                  " already has a penalty that is proposed or approved"
            : sanction.person + " already has a reward proposal for " + sanction.period);
  }
  ORDO_RETURN_IF_ERROR(inserted);
  sanction.id = conn.LastInsertId();
  return InsertHistory(conn, sanction.id, sanction.state, sanction.proposed_by,
                       sanction.proposed_at, sanction.reason);
}

Result<std::optional<Sanction>> SelectSanction(Connection& conn, SanctionCategory category,
                                               int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kSanctionColumns) + "WHERE id = ? AND category = ?");
  stmt->Bind(1, id).Bind(2, SanctionCategoryName(category));
  ORDO_ASSIGN_OR_RETURN(std::vector<Sanction> rows, ReadAll<Sanction>(*stmt, &ReadSanction));
  return rows.empty() ? std::optional<Sanction>() : std::optional<Sanction>(rows.front());
}

Status UpdateSanctionDecisionRow(Connection& conn, const Sanction& sanction) {
  ORDO_ASSERT(sanction.state != ProposalState::kProposed && sanction.decided_at.has_value());
  ORDO_PREPARE(stmt, conn,
               "UPDATE sanctions SET state = ?, decided_by = ?, decided_at = ?, "
               "decision_reason = ? WHERE id = ? AND state = 'proposed'");
  stmt->Bind(1, ProposalStateName(sanction.state)).Bind(2, sanction.decided_by);
  stmt->Bind(3, sanction.decided_at->unix_ms).Bind(4, sanction.decision_reason);
  stmt->Bind(5, sanction.id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() != 1) {
    return Status::Conflict(Code::kAlreadyDecided,
                            std::string(SanctionCategoryName(sanction.category)) + " " +
                                std::to_string(sanction.id) + " is no longer proposed");
  }
  return InsertHistory(conn, sanction.id, sanction.state, sanction.decided_by, *sanction.decided_at,
                       sanction.decision_reason);
}

Result<std::vector<Sanction>> SelectSanctions(Connection& conn, const SanctionFilter& filter) {
  std::string sql = std::string(kSanctionColumns) + "WHERE category = ?";
  sql += filter.before_id > 0 ? " AND id < ?" : "";
  sql += filter.person.empty() ? "" : " AND person = ?";
  sql += filter.state ? " AND state = ?" : "";
  sql += " ORDER BY id DESC LIMIT ?";
  ORDO_PREPARE(stmt, conn, sql);
  int index = 1;
  stmt->Bind(index++, SanctionCategoryName(filter.category));
  if (filter.before_id > 0) {
    stmt->Bind(index++, filter.before_id);
  }
  if (!filter.person.empty()) {
    stmt->Bind(index++, filter.person);
  }
  if (filter.state) {
    stmt->Bind(index++, ProposalStateName(*filter.state));
  }
  stmt->Bind(index, filter.limit);
  return ReadAll<Sanction>(*stmt, &ReadSanction);
}

Result<std::vector<SanctionChange>> SelectSanctionHistory(Connection& conn, int64_t sanction_id) {
  ORDO_PREPARE(stmt, conn,
               "SELECT state, actor, at, reason FROM sanction_history WHERE sanction_id = ? "
               "ORDER BY id");
  stmt->Bind(1, sanction_id);
  return ReadAll<SanctionChange>(*stmt, [](const Statement& row) -> Result<SanctionChange> {
    ORDO_ASSIGN_OR_RETURN(
        ProposalState state,
        DecodeStoredEnum<ProposalState>("sanction history state", row.TextView(0)));
    return SanctionChange{state, row.Text(1), Timestamp{row.Int(2)}, row.Text(3)};
  });
}

Result<std::vector<OrderHistory>> SelectOrderHistories(Connection& conn, Timestamp from,
                                                       Timestamp to, int64_t after_id, int limit) {
  // The document's plain fields are read in SQL, so personal data is never opened here.
  ORDO_PREPARE(orders, conn,
               std::string("SELECT id, order_no, status, payment_status, priority, created_at, "
                           "json_extract(doc, '$.class'), json_extract(doc, '$.service'), "
                           "json_extract(doc, '$.payment_method') FROM orders "
                           "WHERE id > ? AND created_at < ? AND (updated_at >= ? OR status IN ") +
                   kWaitingStatuses + ") ORDER BY id LIMIT ?");
  orders->Bind(1, after_id).Bind(2, to.unix_ms).Bind(3, from.unix_ms).Bind(4, limit);
  ORDO_ASSIGN_OR_RETURN(
      std::vector<OrderHistory> histories,
      ReadAll<OrderHistory>(*orders, [](const Statement& row) -> Result<OrderHistory> {
        OrderHistory order;
        order.order_id = row.Int(0);
        order.order_no = row.Text(1);
        const std::string where = "order " + order.order_no;
        ORDO_ASSIGN_OR_RETURN(order.status,
                              DecodeStoredEnum<OrderStatus>(where + " status", row.TextView(2)));
        ORDO_ASSIGN_OR_RETURN(order.payment_status,
                              DecodeStoredEnum<PaymentStatus>(where + " payment_status",
                                                              row.TextView(3)));
        order.priority = static_cast<int>(row.Int(4));
        order.created_at = Timestamp{row.Int(5)};
        order.order_class = row.Text(6);
        order.shipping_service = row.Text(7);
        ORDO_ASSIGN_OR_RETURN(order.payment_method,
                              DecodeStoredEnum<PaymentMethod>(where + " payment_method",
                                                              row.TextView(8)));
        return order;
      }));
  ORDO_PREPARE(events, conn,
               "SELECT type, at, actor, from_status, to_status FROM order_events "
               "WHERE order_id = ? ORDER BY id");
  for (OrderHistory& order : histories) {
    events->Bind(1, order.order_id);
    ORDO_ASSIGN_OR_RETURN(order.events, ReadAll<OrderEvent>(*events, [](const Statement& row) {
                            OrderEvent event;
                            event.type = row.Text(0);
                            event.at = Timestamp{row.Int(1)};
                            event.actor = row.Text(2);
                            event.from_status = row.Text(3);
                            event.to_status = row.Text(4);
                            return event;
                          }));
    events->Reset();
  }
  return histories;
}

Result<std::vector<LedgerEntry>> SelectManualEntries(Connection& conn, Timestamp from,
                                                     Timestamp to) {
  // The WHERE repeats the partial index's condition word for word, so the index serves it.
  ORDO_PREPARE(stmt, conn,
               std::string(kLedgerColumns) +
                   "WHERE type IN ('receipt', 'return', 'adjustment', 'stocktake') "
                   "AND at >= ? AND at < ? ORDER BY id");
  stmt->Bind(1, from.unix_ms).Bind(2, to.unix_ms);
  return ReadAll<LedgerEntry>(*stmt, ReadLedgerEntry);
}

Result<std::vector<Attempt>> SelectAttempts(Connection& conn, Timestamp from, Timestamp to) {
  ORDO_PREPARE(stmt, conn,
               "SELECT seq, at, actor, entity, entity_id, action, before, after FROM audit_log "
               "WHERE entity = 'attempt' AND at >= ? AND at < ? ORDER BY seq");
  stmt->Bind(1, from.unix_ms).Bind(2, to.unix_ms);
  return ReadAll<Attempt>(*stmt, &ReadAttempt);
}

}  // namespace ordo::sqlite
