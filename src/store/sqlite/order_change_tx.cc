#include "store/sqlite/order_change_tx.h"

#include <boost/json.hpp>

#include "base/json_writer.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace json = boost::json;
namespace {

constexpr const char* kColumns =
    "SELECT id, order_no, status, consignee, lines, buyer_note, reason, consignee_fields, "
    "lines_summary, requested_by, requested_at, decided_by, decided_at, decision_reason, kind "
    "FROM order_changes ";

std::string Str(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return (value && value->is_string()) ? std::string(value->get_string()) : std::string();
}

// The requested consignee as one sealed JSON text; "" when the change leaves it alone.
std::string SealConsignee(const std::optional<Consignee>& consignee, const PiiCipher& cipher) {
  if (!consignee) {
    return "";
  }
  const Address& address = consignee->address;
  JsonWriter out;
  out.BeginObject()
      .Field("name", consignee->name)
      .Field("phone", consignee->phone)
      .Field("province", address.province)
      .Field("city", address.city)
      .Field("district", address.district)
      .Field("detail", address.detail)
      .Field("division_code", address.division_code)
      .EndObject();
  return cipher.Seal(out.Take());
}

Result<std::optional<Consignee>> OpenConsignee(std::string_view sealed, const PiiCipher& cipher) {
  if (sealed.empty()) {
    return std::optional<Consignee>();
  }
  ORDO_ASSIGN_OR_RETURN(std::string text, cipher.Open(sealed));
  boost::system::error_code error;
  json::value parsed = json::parse(text, error);
  if (error || !parsed.is_object()) {
    return Status::Internal("a stored change request's consignee is malformed");
  }
  const json::object& o = parsed.get_object();
  Consignee consignee{Str(o, "name"), Str(o, "phone"),
                      Address{Str(o, "province"), Str(o, "city"), Str(o, "district"),
                              Str(o, "detail"), Str(o, "division_code")}};
  return std::optional<Consignee>(std::move(consignee));
}

std::string EncodeLines(const std::vector<NewOrderLine>& lines) {
  JsonWriter out;
  out.BeginArray();
  for (const NewOrderLine& line : lines) {
    out.BeginObject().Field("sku", line.sku).Field("quantity", line.quantity);
    if (line.unit_price_amount) {
      out.Field("unit_price_amount", *line.unit_price_amount);
    }
    if (!line.price_override_reason.empty()) {
      out.Field("price_override_reason", line.price_override_reason);
    }
    out.EndObject();
  }
  return out.EndArray().Take();
}

std::optional<std::vector<NewOrderLine>> DecodeLines(const Statement& row, int column) {
  if (row.IsNull(column)) {
    return std::nullopt;
  }
  std::vector<NewOrderLine> lines;
  boost::system::error_code error;
  json::value parsed = json::parse(row.TextView(column), error);
  if (error || !parsed.is_array()) {
    return lines;
  }
  for (const json::value& item : parsed.get_array()) {
    if (!item.is_object()) {
      continue;
    }
    const json::object& o = item.get_object();
    NewOrderLine line;
    line.sku = Str(o, "sku");
    if (const json::value* q = o.if_contains("quantity"); q && q->is_int64()) {
      line.quantity = q->get_int64();
    }
    if (const json::value* p = o.if_contains("unit_price_amount"); p && p->is_int64()) {
      line.unit_price_amount = p->get_int64();
    }
    line.price_override_reason = Str(o, "price_override_reason");
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string text;
  for (const std::string& field : fields) {
    text += (text.empty() ? "" : ",") + field;
  }
  return text;
}

std::vector<std::string> SplitFields(std::string_view text) {
  std::vector<std::string> fields;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    fields.emplace_back(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return fields;
}

Result<ChangeRequest> ReadRequest(const Statement& row, const PiiCipher& cipher) {
  ChangeRequest request;
  request.id = row.Int(0);
  request.order_no = row.Text(1);
  ORDO_ASSIGN_OR_RETURN(request.status,
                        DecodeStoredEnum<ChangeRequestStatus>(
                            "change request " + std::to_string(request.id) + " status",
                            row.TextView(2)));
  ORDO_ASSIGN_OR_RETURN(request.change.consignee, OpenConsignee(row.TextView(3), cipher));
  request.change.lines = DecodeLines(row, 4);
  if (!row.IsNull(5)) {
    request.change.buyer_note = row.Text(5);
  }
  request.change.reason = row.Text(6);
  request.consignee_fields = SplitFields(row.TextView(7));
  request.lines_summary = row.Text(8);
  request.requested_by = row.Text(9);
  request.requested_at = Timestamp{row.Int(10)};
  request.decided_by = row.Text(11);
  request.decided_at = OptionalTime(row, 12);
  request.decision_reason = row.Text(13);
  request.cancel = row.TextView(14) == "cancel";
  return request;
}

Result<std::vector<ChangeRequest>> ReadRequests(Statement& stmt, const PiiCipher& cipher) {
  std::vector<ChangeRequest> requests;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(ChangeRequest request, ReadRequest(stmt, cipher));
    requests.push_back(std::move(request));
  }
  ORDO_RETURN_IF_ERROR(status);
  return requests;
}

// The audit entry of a request: its status and the non-personal facts of the change.
AuditEntry RequestAudit(const ChangeRequest& request, std::string_view before,
                        std::string_view action, const std::string& actor, Timestamp at) {
  JsonWriter after;
  after.BeginObject()
      .Field("order_no", request.order_no)
      .Field("kind", request.cancel ? "cancel" : "change")
      .Field("status", ChangeRequestStatusName(request.status))
      .Field("consignee_changed", JoinFields(request.consignee_fields))
      .Field("lines", request.lines_summary)
      .Field("buyer_note_changed", request.change.buyer_note.has_value())
      .EndObject();
  std::string before_json = "null";
  if (!before.empty()) {
    JsonWriter out;
    before_json = out.BeginObject().Field("status", before).EndObject().Take();
  }
  return AuditEntry{0,
                    at,
                    actor,
                    "order_change",
                    std::to_string(request.id),
                    std::string(action),
                    before_json,
                    after.Take()};
}

}  // namespace

Status OrderChangeWriter::InsertChangeRequest(ChangeRequest& request) {
  ORDO_PREPARE(stmt, conn_,
               "INSERT INTO order_changes (order_no, status, consignee, lines, buyer_note, "
               "reason, consignee_fields, lines_summary, requested_by, requested_at, kind) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, request.order_no).Bind(2, ChangeRequestStatusName(request.status));
  stmt->Bind(3, SealConsignee(request.change.consignee, cipher_));
  if (request.change.lines) {
    stmt->Bind(4, EncodeLines(*request.change.lines));
  } else {
    stmt->BindNull(4);
  }
  if (request.change.buyer_note) {
    stmt->Bind(5, *request.change.buyer_note);
  } else {
    stmt->BindNull(5);
  }
  stmt->Bind(6, request.change.reason).Bind(7, JoinFields(request.consignee_fields));
  stmt->Bind(8, request.lines_summary).Bind(9, request.requested_by);
  stmt->Bind(10, request.requested_at.unix_ms).Bind(11, request.cancel ? "cancel" : "change");
  Status status = stmt->Run();
  if (status.code() == Code::kAlreadyExists) {
    return Status(Kind::kConflict, Code::kAlreadyExists,
                  "order " + request.order_no +
                      " already has a change waiting for the warehouse; confirm or decline it "
                      "first");
  }
  ORDO_RETURN_IF_ERROR(status);
  request.id = conn_.LastInsertId();
  audit_.Add(RequestAudit(request, "", "request", request.requested_by, request.requested_at));
  return Status::Ok();
}

Result<std::optional<ChangeRequest>> OrderChangeWriter::FindChangeRequest(int64_t id) {
  ORDO_PREPARE(stmt, conn_, std::string(kColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<ChangeRequest> found, ReadRequests(*stmt, cipher_));
  if (found.empty()) {
    return std::optional<ChangeRequest>();
  }
  return std::optional<ChangeRequest>(std::move(found.front()));
}

Result<std::optional<ChangeRequest>> OrderChangeWriter::FindPendingChangeRequest(
    const std::string& order_no) {
  ORDO_PREPARE(stmt, conn_,
               std::string(kColumns) + "WHERE order_no = ? AND status = 'pending' LIMIT 1");
  stmt->Bind(1, order_no);
  ORDO_ASSIGN_OR_RETURN(std::vector<ChangeRequest> found, ReadRequests(*stmt, cipher_));
  if (found.empty()) {
    return std::optional<ChangeRequest>();
  }
  return std::optional<ChangeRequest>(std::move(found.front()));
}

Status OrderChangeWriter::SaveChangeDecision(const ChangeRequest& request,
                                             std::string_view action) {
  ORDO_PREPARE(stmt, conn_,
               "UPDATE order_changes SET status = ?1, decided_by = ?2, decided_at = ?3, "
               "decision_reason = ?4 WHERE id = ?5 AND status = 'pending'");
  stmt->Bind(1, ChangeRequestStatusName(request.status)).Bind(2, request.decided_by);
  BindOptionalTime(*stmt, 3, request.decided_at);
  stmt->Bind(4, request.decision_reason).Bind(5, request.id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn_.Changes() != 1) {
    return Status::Conflict(Code::kAlreadyDecided,
                            "change " + std::to_string(request.id) + " was already decided");
  }
  audit_.Add(RequestAudit(request, "pending", action, request.decided_by,
                          request.decided_at.value_or(request.requested_at)));
  return Status::Ok();
}

Result<std::vector<ChangeRequest>> OrderChangeReader::ListChangeRequests(
    const std::string& order_no) {
  std::vector<ChangeRequest> requests;
  ORDO_RETURN_IF_ERROR(with_([&](Connection& conn) -> Status {
    ORDO_PREPARE(stmt, conn, std::string(kColumns) + "WHERE order_no = ? ORDER BY id");
    stmt->Bind(1, order_no);
    ORDO_ASSIGN_OR_RETURN(requests, ReadRequests(*stmt, cipher_));
    return Status::Ok();
  }));
  return requests;
}

}  // namespace ordo::sqlite
