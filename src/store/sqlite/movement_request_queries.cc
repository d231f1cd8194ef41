#include "store/sqlite/movement_request_queries.h"

#include "base/json_writer.h"
#include "store/sqlite/queries.h"

namespace ordo::sqlite {
namespace {

constexpr const char* kColumns =
    "SELECT id, type, warehouse, sku, quantity, reason, status, requested_at, requested_by, "
    "decided_at, decided_by, decision_reason, ledger_id FROM stock_movement_requests ";

Result<MovementRequest> ReadRequest(const Statement& row) {
  MovementRequest request;
  request.id = row.Int(0);
  request.type = row.Text(1);
  request.warehouse = row.Text(2);
  request.sku = row.Text(3);
  request.quantity = row.Int(4);
  request.reason = row.Text(5);
  std::optional<MovementRequestStatus> status = ParseMovementRequestStatus(row.TextView(6));
  if (!status) {
    return Status::Internal("stock movement request " + std::to_string(request.id) +
                            " has an unknown status");
  }
  request.status = *status;
  request.requested_at = Timestamp{row.Int(7)};
  request.requested_by = row.Text(8);
  request.decided_at = OptionalTime(row, 9);
  request.decided_by = row.Text(10);
  request.decision_reason = row.Text(11);
  request.ledger_id = row.Int(12);
  return request;
}

Result<std::vector<MovementRequest>> ReadRequests(Statement& stmt) {
  std::vector<MovementRequest> requests;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(MovementRequest request, ReadRequest(stmt));
    requests.push_back(std::move(request));
  }
  if (!status.ok()) {
    return status;
  }
  return requests;
}

}  // namespace

Status InsertMovementRequestRow(Connection& conn, MovementRequest& request) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO stock_movement_requests (type, warehouse, sku, quantity, reason, "
               "status, requested_at, requested_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, request.type).Bind(2, request.warehouse).Bind(3, request.sku);
  stmt->Bind(4, request.quantity).Bind(5, request.reason);
  stmt->Bind(6, MovementRequestStatusName(request.status));
  stmt->Bind(7, request.requested_at.unix_ms).Bind(8, request.requested_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  request.id = conn.LastInsertId();
  return Status::Ok();
}

Status UpdateMovementRequestRow(Connection& conn, const MovementRequest& request) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE stock_movement_requests SET status = ?, decided_at = ?, decided_by = ?, "
               "decision_reason = ?, ledger_id = ? WHERE id = ?");
  stmt->Bind(1, MovementRequestStatusName(request.status));
  BindOptionalTime(*stmt, 2, request.decided_at);
  stmt->Bind(3, request.decided_by).Bind(4, request.decision_reason).Bind(5, request.ledger_id);
  stmt->Bind(6, request.id);
  Status status = stmt->Run();
  if (!status.ok() && status.message().find("self_approval") != std::string::npos) {
    return Status(Kind::kForbidden, Code::kSelfApproval,
                  "stock movement request " + std::to_string(request.id) +
                      " is decided by someone other than who asked for it");
  }
  return status;
}

Result<std::optional<MovementRequest>> SelectMovementRequest(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<MovementRequest> found, ReadRequests(*stmt));
  if (found.empty()) {
    return std::optional<MovementRequest>();
  }
  return std::optional<MovementRequest>(std::move(found.front()));
}

Result<std::vector<MovementRequest>> SelectMovementRequests(Connection& conn,
                                                            const MovementRequestFilter& filter) {
  const int64_t before = filter.before_id > 0 ? filter.before_id : INT64_MAX;
  if (filter.status) {
    // stock_movement_requests_by_status (status, id): a range of the index, newest first.
    ORDO_PREPARE(stmt, conn,
                 std::string(kColumns) + "WHERE status = ? AND id < ? ORDER BY id DESC LIMIT ?");
    stmt->Bind(1, MovementRequestStatusName(*filter.status)).Bind(2, before);
    stmt->Bind(3, filter.limit);
    return ReadRequests(*stmt);
  }
  ORDO_PREPARE(stmt, conn, std::string(kColumns) + "WHERE id < ? ORDER BY id DESC LIMIT ?");
  stmt->Bind(1, before).Bind(2, filter.limit);
  return ReadRequests(*stmt);
}

AuditEntry MovementRequestAudit(const MovementRequest& request, std::string_view action,
                                const std::string& actor, Timestamp at) {
  JsonWriter after;
  after.BeginObject()
      .Field("type", request.type)
      .Field("warehouse", request.warehouse)
      .Field("sku", request.sku)
      .Field("quantity", request.quantity)
      .Field("reason", request.reason)
      .Field("status", MovementRequestStatusName(request.status))
      .Field("requested_by", request.requested_by);
  if (!request.decision_reason.empty()) {
    after.Field("decision_reason", request.decision_reason);
  }
  if (request.ledger_id != 0) {
    after.Field("ledger_id", request.ledger_id);
  }
  after.EndObject();
  return AuditEntry{
      0,      at,          actor, "stock_request", std::to_string(request.id), std::string(action),
      "null", after.Take()};
}

}  // namespace ordo::sqlite
