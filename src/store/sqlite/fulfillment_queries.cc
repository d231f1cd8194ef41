#include "store/sqlite/fulfillment_queries.h"

#include <boost/json.hpp>

#include "base/json_writer.h"
#include "store/codec.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace json = boost::json;
namespace {

constexpr const char* kCaseColumns =
    "SELECT id, order_no, type, subject, severity, blocking, explanation, details, status, "
    "assignee, resolution, root_cause, improvement, opened_at, opened_by, updated_at, "
    "updated_by, closed_at, closed_by FROM anomalies ";

constexpr const char* kShipmentColumns =
    "SELECT id, order_no, warehouse, wave_id, wave_position, status, carrier, carrier_reason, "
    "tracking_no, lines, packed_weight_g, verified, delayed, created_at, packed_at, shipped_at, "
    "delivered_at, returned_at, last_event_at, last_location, inspection, inspection_note, "
    "boxes FROM shipments ";

template <typename T, typename Read>
Result<std::optional<T>> ReadOne(Statement& stmt, Read read) {
  Status status;
  if (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(T row, read(stmt));
    return std::optional<T>(std::move(row));
  }
  ORDO_RETURN_IF_ERROR(status);
  return std::optional<T>();
}


Result<AbnormalCase> ReadCase(const Statement& row) {
  AbnormalCase abnormal;
  abnormal.id = row.Int(0);
  const std::string where = "abnormal case " + std::to_string(abnormal.id);
  abnormal.order_no = row.Text(1);
  abnormal.type = row.Text(2);
  abnormal.subject = row.Text(3);
  ORDO_ASSIGN_OR_RETURN(abnormal.severity,
                        DecodeStoredEnum<CaseSeverity>(where + " severity", row.TextView(4)));
  abnormal.blocking = row.Int(5) != 0;
  abnormal.explanation = row.Text(6);
  abnormal.details = DecodeDetails(row.TextView(7));
  ORDO_ASSIGN_OR_RETURN(abnormal.status,
                        DecodeStoredEnum<CaseStatus>(where + " status", row.TextView(8)));
  abnormal.assignee = row.Text(9);
  abnormal.resolution = row.Text(10);
  abnormal.root_cause = row.Text(11);
  abnormal.improvement = row.Text(12);
  abnormal.opened_at = Timestamp{row.Int(13)};
  abnormal.opened_by = row.Text(14);
  abnormal.updated_at = Timestamp{row.Int(15)};
  abnormal.updated_by = row.Text(16);
  abnormal.closed_at = OptionalTime(row, 17);
  abnormal.closed_by = row.Text(18);
  return abnormal;
}

std::string EncodeLines(const std::vector<ShipmentLine>& lines) {
  JsonWriter out;
  out.BeginArray();
  for (const ShipmentLine& line : lines) {
    out.BeginObject()
        .Field("sku", line.sku)
        .Field("name", line.name)
        .Field("spec", line.spec)
        .Field("q", line.quantity)
        .Field("w", line.unit_weight_g)
        .EndObject();
  }
  return out.EndArray().Take();
}

std::vector<ShipmentLine> DecodeLines(std::string_view text) {
  std::vector<ShipmentLine> lines;
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_array()) {
    return lines;
  }
  for (const json::value& item : parsed.get_array()) {
    if (!item.is_object()) {
      continue;
    }
    const json::object& o = item.get_object();
    auto text_of = [&](const char* key) {
      const json::value* v = o.if_contains(key);
      return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    auto int_of = [&](const char* key) {
      const json::value* v = o.if_contains(key);
      return v && v->is_number() ? v->to_number<int64_t>() : int64_t{0};
    };
    lines.push_back({text_of("sku"), text_of("name"), text_of("spec"), int_of("q"), int_of("w")});
  }
  return lines;
}

std::string EncodeBoxes(const std::vector<ParcelBox>& boxes) {
  JsonWriter out;
  out.BeginArray();
  for (const ParcelBox& box : boxes) {
    out.BeginObject()
        .Field("no", box.no)
        .Field("tracking_no", box.tracking_no)
        .Field("box", box.box_type)
        .Field("packaging_g", box.packaging_g)
        .Field("weight_g", box.weight_g)
        .EndObject();
  }
  return out.EndArray().Take();
}

std::vector<ParcelBox> DecodeBoxes(std::string_view text) {
  std::vector<ParcelBox> boxes;
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_array()) {
    return boxes;
  }
  for (const json::value& item : parsed.get_array()) {
    const json::object* o = item.if_object();
    if (o == nullptr) {
      continue;
    }
    auto text_of = [&](const char* key) {
      const json::value* v = o->if_contains(key);
      return v && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    auto int_of = [&](const char* key) {
      const json::value* v = o->if_contains(key);
      return v && v->is_number() ? v->to_number<int64_t>() : int64_t{0};
    };
    boxes.push_back({static_cast<int>(int_of("no")), text_of("tracking_no"), text_of("box"),
                     int_of("packaging_g"), int_of("weight_g")});
  }
  return boxes;
}

Result<Shipment> ReadShipment(const Statement& row) {
  Shipment shipment;
  shipment.id = row.Int(0);
  shipment.order_no = row.Text(1);
  shipment.warehouse = row.Text(2);
  shipment.wave_id = row.IsNull(3) ? 0 : row.Int(3);
  shipment.wave_position = static_cast<int>(row.Int(4));
  ORDO_ASSIGN_OR_RETURN(shipment.status,
                        DecodeStoredEnum<ShipmentStatus>(
                            "shipment " + std::to_string(shipment.id) + " status", row.TextView(5)));
  shipment.carrier = row.Text(6);
  shipment.carrier_reason = row.Text(7);
  shipment.tracking_no = row.Text(8);
  shipment.lines = DecodeLines(row.TextView(9));
  shipment.packed_weight_g = row.Int(10);
  shipment.verified = row.Int(11) != 0;
  shipment.delayed = row.Int(12) != 0;
  shipment.created_at = Timestamp{row.Int(13)};
  shipment.packed_at = OptionalTime(row, 14);
  shipment.shipped_at = OptionalTime(row, 15);
  shipment.delivered_at = OptionalTime(row, 16);
  shipment.returned_at = OptionalTime(row, 17);
  shipment.last_event_at = OptionalTime(row, 18);
  shipment.last_location = row.Text(19);
  shipment.inspection = row.Text(20);
  shipment.inspection_note = row.Text(21);
  shipment.boxes = DecodeBoxes(row.TextView(22));
  return shipment;
}

// Binds the changeable columns of a shipment as ?1..?23 (see the two statements below).
void BindShipment(Statement& stmt, const Shipment& shipment) {
  stmt.Bind(1, shipment.order_no).Bind(2, shipment.warehouse);
  if (shipment.wave_id > 0) {
    stmt.Bind(3, shipment.wave_id);
  } else {
    stmt.BindNull(3);
  }
  stmt.Bind(4, shipment.wave_position).Bind(5, ShipmentStatusName(shipment.status));
  stmt.Bind(6, shipment.carrier).Bind(7, shipment.carrier_reason).Bind(8, shipment.tracking_no);
  stmt.Bind(9, EncodeLines(shipment.lines)).Bind(10, shipment.packed_weight_g);
  stmt.Bind(11, shipment.verified ? 1 : 0).Bind(12, shipment.delayed ? 1 : 0);
  stmt.Bind(13, shipment.created_at.unix_ms);
  BindOptionalTime(stmt, 14, shipment.packed_at);
  BindOptionalTime(stmt, 15, shipment.shipped_at);
  BindOptionalTime(stmt, 16, shipment.delivered_at);
  BindOptionalTime(stmt, 17, shipment.returned_at);
  BindOptionalTime(stmt, 18, shipment.last_event_at);
  stmt.Bind(19, shipment.last_location).Bind(20, shipment.inspection);
  stmt.Bind(21, shipment.inspection_note).Bind(22, EncodeBoxes(shipment.boxes));
  stmt.Bind(23, shipment.waybills_missing());
}

Status TrackingTaken(const Shipment& shipment) {
  return Status(Kind::kConflict, Code::kAlreadyExists,
                "tracking number " + shipment.tracking_no + " of " + shipment.carrier +
                    " is already used by another parcel");
}

// Is the tracking number of `shipment` used by another parcel? One look-up in the partial
// index shipments_by_tracking: the query states the index's condition (tracking_no <> ''), or
// the planner may not use it and reads every parcel.
Result<bool> TrackingUsedElsewhere(Connection& conn, const Shipment& shipment) {
  if (shipment.tracking_no.empty()) {
    return false;
  }
  ORDO_PREPARE(stmt, conn,
               "SELECT id FROM shipments WHERE carrier = ? AND tracking_no = ? "
               "AND tracking_no <> '' AND id <> ?");
  stmt->Bind(1, shipment.carrier).Bind(2, shipment.tracking_no).Bind(3, shipment.id);
  Status status;
  const bool found = stmt->Step(&status);
  ORDO_RETURN_IF_ERROR(status);
  return found;
}

std::string Object(std::initializer_list<std::pair<const char*, std::string>> texts,
                   std::initializer_list<std::pair<const char*, int64_t>> numbers = {}) {
  JsonWriter out;
  out.BeginObject();
  for (const auto& [key, value] : texts) {
    out.Field(key, value);
  }
  for (const auto& [key, value] : numbers) {
    out.Field(key, value);
  }
  return out.EndObject().Take();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Audit entries.

AuditEntry SettingAudit(const SettingChange& change) {
  return AuditEntry{0,          change.at, change.actor,  "setting",
                    change.key, "change",  change.before, change.after};
}

AuditEntry CaseAudit(const AbnormalCase& abnormal, std::optional<CaseStatus> before,
                     std::string_view action) {
  const std::string before_json =
      before ? Object({{"status", std::string(CaseStatusName(*before))}}) : "null";
  JsonWriter after;
  after.BeginObject()
      .Field("order_no", abnormal.order_no)
      .Field("type", abnormal.type)
      .Field("subject", abnormal.subject)
      .Field("severity", CaseSeverityName(abnormal.severity))
      .Field("blocking", abnormal.blocking)
      .Field("status", CaseStatusName(abnormal.status))
      .Field("assignee", abnormal.assignee)
      .Field("resolution", abnormal.resolution)
      .Field("root_cause", abnormal.root_cause)
      .Field("improvement", abnormal.improvement)
      .EndObject();
  return AuditEntry{0,
                    abnormal.updated_at,
                    abnormal.updated_by,
                    "anomaly",
                    std::to_string(abnormal.id),
                    std::string(action),
                    before_json,
                    after.Take()};
}

AuditEntry ShipmentAudit(const Shipment& shipment, std::optional<ShipmentStatus> before,
                         std::string_view action, const std::string& actor, Timestamp at) {
  const std::string before_json =
      before ? Object({{"status", std::string(ShipmentStatusName(*before))}}) : "null";
  const std::string after =
      Object({{"order_no", shipment.order_no},
              {"warehouse", shipment.warehouse},
              {"status", std::string(ShipmentStatusName(shipment.status))},
              {"carrier", shipment.carrier},
              {"tracking_no", shipment.tracking_no},
              {"inspection", shipment.inspection}},
             {{"wave_id", shipment.wave_id}, {"packed_weight_g", shipment.packed_weight_g}});
  return AuditEntry{
      0,           at,   actor, "shipment", std::to_string(shipment.id), std::string(action),
      before_json, after};
}

AuditEntry WaveAudit(const Wave& wave) {
  return AuditEntry{0,
                    wave.created_at,
                    wave.created_by,
                    "wave",
                    std::to_string(wave.id),
                    "create",
                    "null",
                    Object({{"warehouse", wave.warehouse}, {"carrier", wave.carrier}},
                           {{"max_orders", wave.max_orders}})};
}

AuditEntry WaveLeftOutAudit(const Wave& wave) {
  return AuditEntry{
      0,
      wave.created_at,
      wave.created_by,
      "wave",
      std::to_string(wave.id),
      "left_out",
      "null",
      Object({{"warehouse", wave.warehouse}}, {{"left_out_count", wave.left_out_count}})};
}

AuditEntry TrackingAudit(const TrackingEvent& event) {
  return AuditEntry{0,
                    event.received_at,
                    "carrier:" + event.carrier,
                    "tracking",
                    event.carrier + ":" + event.event_id,
                    "receive",
                    "null",
                    Object({{"tracking_no", event.tracking_no},
                            {"status", std::string(TrackingStatusName(event.status))},
                            {"at", FormatRfc3339(event.at)},
                            {"applied", event.applied ? "true" : "false"}},
                           {{"shipment_id", event.shipment_id}})};
}

AuditEntry NotificationAudit(const Notification& notification) {
  return AuditEntry{0,
                    notification.at,
                    notification.created_by,
                    "notification",
                    std::to_string(notification.id),
                    "create",
                    "null",
                    Object({{"order_no", notification.order_no},
                            {"template", notification.template_key},
                            {"language", notification.language}},
                           {{"shipment_id", notification.shipment_id}})};
}

AuditEntry LocationAudit(const StorageLocation& location, const std::string& before) {
  return AuditEntry{0,
                    location.updated_at,
                    location.updated_by,
                    "location",
                    location.sku + "@" + location.warehouse,
                    "set",
                    before.empty() ? "null" : Object({{"location", before}}),
                    Object({{"location", location.location}})};
}

// ---------------------------------------------------------------------------------------------
// Settings.

Result<std::map<std::string, std::string>> SelectSettingValues(Connection& conn) {
  ORDO_PREPARE(stmt, conn, "SELECT key, value FROM settings");
  std::map<std::string, std::string> values;
  Status status;
  while (stmt->Step(&status)) {
    values.emplace(stmt->Text(0), stmt->Text(1));
  }
  ORDO_RETURN_IF_ERROR(status);
  return values;
}

Status UpsertSetting(Connection& conn, const SettingChange& change) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
               "updated_at = excluded.updated_at, updated_by = excluded.updated_by");
  stmt->Bind(1, change.key).Bind(2, change.after).Bind(3, change.at.unix_ms);
  stmt->Bind(4, change.actor);
  return stmt->Run();
}

// ---------------------------------------------------------------------------------------------
// Abnormal cases.

Status InsertCaseRow(Connection& conn, AbnormalCase& abnormal) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO anomalies (order_no, type, subject, severity, blocking, explanation, "
               "details, status, assignee, resolution, root_cause, improvement, opened_at, "
               "opened_by, updated_at, updated_by) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, abnormal.order_no).Bind(2, abnormal.type).Bind(3, abnormal.subject);
  stmt->Bind(4, CaseSeverityName(abnormal.severity)).Bind(5, abnormal.blocking ? 1 : 0);
  stmt->Bind(6, abnormal.explanation).Bind(7, EncodeDetails(abnormal.details));
  stmt->Bind(8, CaseStatusName(abnormal.status)).Bind(9, abnormal.assignee);
  stmt->Bind(10, abnormal.resolution).Bind(11, abnormal.root_cause);
  stmt->Bind(12, abnormal.improvement).Bind(13, abnormal.opened_at.unix_ms);
  stmt->Bind(14, abnormal.opened_by).Bind(15, abnormal.updated_at.unix_ms);
  stmt->Bind(16, abnormal.updated_by);
  Status status = stmt->Run();
  if (status.code() == Code::kAlreadyExists) {
    return Status(Kind::kConflict, Code::kAlreadyExists,
                  "order " + abnormal.order_no + " already has an open " + abnormal.type + " case" +
                      (abnormal.subject.empty() ? "" : " for " + abnormal.subject));
  }
  ORDO_RETURN_IF_ERROR(status);
  abnormal.id = conn.LastInsertId();
  return Status::Ok();
}

Status UpdateCaseRow(Connection& conn, const AbnormalCase& abnormal) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE anomalies SET status = ?, assignee = ?, resolution = ?, root_cause = ?, "
               "improvement = ?, updated_at = ?, updated_by = ?, closed_at = ?, closed_by = ? "
               "WHERE id = ?");
  stmt->Bind(1, CaseStatusName(abnormal.status)).Bind(2, abnormal.assignee);
  stmt->Bind(3, abnormal.resolution).Bind(4, abnormal.root_cause);
  stmt->Bind(5, abnormal.improvement).Bind(6, abnormal.updated_at.unix_ms);
  stmt->Bind(7, abnormal.updated_by);
  BindOptionalTime(*stmt, 8, abnormal.closed_at);
  stmt->Bind(9, abnormal.closed_by).Bind(10, abnormal.id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() != 1) {
    return Status::NotFound("no abnormal case " + std::to_string(abnormal.id));
  }
  return Status::Ok();
}

Result<std::optional<AbnormalCase>> SelectCase(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kCaseColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  return ReadOne<AbnormalCase>(*stmt, ReadCase);
}

Result<std::vector<AbnormalCase>> SelectLiveCases(Connection& conn, const std::string& order_no) {
  // Through anomalies_one_live (order_no, type, subject), a partial index of the live cases.
  ORDO_PREPARE(stmt, conn,
               std::string(kCaseColumns) +
                   "INDEXED BY anomalies_one_live WHERE order_no = ? "
                   "AND status IN ('open', 'assigned') ORDER BY id");
  stmt->Bind(1, order_no);
  return ReadAll<AbnormalCase>(*stmt, ReadCase);
}

Result<std::optional<AbnormalCase>> SelectLiveCase(Connection& conn, const std::string& order_no,
                                                   const std::string& type,
                                                   const std::string& subject) {
  ORDO_PREPARE(stmt, conn,
               std::string(kCaseColumns) +
                   "WHERE order_no = ? AND type = ? AND subject = ? "
                   "AND status IN ('open', 'assigned')");
  stmt->Bind(1, order_no).Bind(2, type).Bind(3, subject);
  return ReadOne<AbnormalCase>(*stmt, ReadCase);
}

Result<std::vector<AbnormalCase>> SelectCases(Connection& conn, const CaseFilter& filter) {
  std::string sql = kCaseColumns;
  sql += "WHERE 1 = 1";
  std::vector<std::string> texts;
  if (filter.status) {
    sql += " AND status = ?";
    texts.emplace_back(CaseStatusName(*filter.status));
  }
  if (!filter.type.empty()) {
    sql += " AND type = ?";
    texts.push_back(filter.type);
  }
  if (!filter.order_no.empty()) {
    sql += " AND order_no = ?";
    texts.push_back(filter.order_no);
  }
  if (!filter.assignee.empty()) {
    sql += " AND assignee = ? AND assignee <> ''";  // the condition of anomalies_by_assignee
    texts.push_back(filter.assignee);
  }
  ORDO_ASSIGN_OR_RETURN(
      auto stmt, PrepareNewestPage(conn, std::move(sql), texts, filter.before_id, filter.limit));
  return ReadAll<AbnormalCase>(*stmt, ReadCase);
}

// ---------------------------------------------------------------------------------------------
// Shipments and waves.

Status InsertShipmentRow(Connection& conn, Shipment& shipment) {
  ORDO_ASSIGN_OR_RETURN(bool taken, TrackingUsedElsewhere(conn, shipment));
  if (taken) {
    return TrackingTaken(shipment);
  }
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO shipments (order_no, warehouse, wave_id, wave_position, status, "
               "carrier, carrier_reason, tracking_no, lines, packed_weight_g, verified, delayed, "
               "created_at, packed_at, shipped_at, delivered_at, returned_at, last_event_at, "
               "last_location, inspection, inspection_note, boxes, waybills_missing) VALUES (?1, "
               "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
               "?20, ?21, ?22, ?23)");
  BindShipment(*stmt, shipment);
  Status status = stmt->Run();
  if (status.code() == Code::kAlreadyExists) {
    return Status(
        Kind::kConflict, Code::kAlreadyExists,
        "order " + shipment.order_no + " already has a parcel from " + shipment.warehouse);
  }
  ORDO_RETURN_IF_ERROR(status);
  shipment.id = conn.LastInsertId();
  return Status::Ok();
}

Status UpdateShipmentRow(Connection& conn, const Shipment& shipment) {
  ORDO_ASSIGN_OR_RETURN(bool taken, TrackingUsedElsewhere(conn, shipment));
  if (taken) {
    return TrackingTaken(shipment);
  }
  ORDO_PREPARE(stmt, conn,
               "UPDATE shipments SET order_no = ?1, warehouse = ?2, wave_id = ?3, "
               "wave_position = ?4, status = ?5, carrier = ?6, carrier_reason = ?7, "
               "tracking_no = ?8, lines = ?9, packed_weight_g = ?10, verified = ?11, "
               "delayed = ?12, created_at = ?13, packed_at = ?14, shipped_at = ?15, "
               "delivered_at = ?16, returned_at = ?17, last_event_at = ?18, "
               "last_location = ?19, inspection = ?20, inspection_note = ?21, boxes = ?22, "
               "waybills_missing = ?23 WHERE id = ?24");
  BindShipment(*stmt, shipment);
  stmt->Bind(24, shipment.id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() != 1) {
    return Status::NotFound("no shipment " + std::to_string(shipment.id));
  }
  return Status::Ok();
}

Result<std::optional<Shipment>> SelectShipment(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kShipmentColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  return ReadOne<Shipment>(*stmt, ReadShipment);
}

Result<std::optional<Shipment>> SelectShipmentByTracking(Connection& conn,
                                                         const std::string& carrier,
                                                         const std::string& tracking_no) {
  if (tracking_no.empty()) {
    return std::optional<Shipment>();  // a parcel without a tracking number cannot be named
  }
  // The partial index shipments_by_tracking's condition, stated so that the planner uses it.
  ORDO_PREPARE(stmt, conn,
               std::string(kShipmentColumns) +
                   "WHERE carrier = ? AND tracking_no = ? AND tracking_no <> ''");
  stmt->Bind(1, carrier).Bind(2, tracking_no);
  return ReadOne<Shipment>(*stmt, ReadShipment);
}

Result<std::vector<Shipment>> SelectOrderShipments(Connection& conn, const std::string& order_no) {
  ORDO_PREPARE(stmt, conn, std::string(kShipmentColumns) + "WHERE order_no = ? ORDER BY id");
  stmt->Bind(1, order_no);
  return ReadAll<Shipment>(*stmt, ReadShipment);
}

Result<std::vector<Shipment>> SelectWaveShipments(Connection& conn, int64_t wave_id) {
  ORDO_PREPARE(stmt, conn,
               std::string(kShipmentColumns) + "WHERE wave_id = ? ORDER BY wave_position, id");
  stmt->Bind(1, wave_id);
  return ReadAll<Shipment>(*stmt, ReadShipment);
}

Result<std::vector<Shipment>> SelectShipmentsAwaitingWaybill(Connection& conn,
                                                             const std::string& carrier,
                                                             int limit) {
  // Through the partial index shipments_awaiting_waybill, whose condition this repeats.
  ORDO_PREPARE(stmt, conn,
               std::string(kShipmentColumns) +
                   "WHERE carrier = ? AND waybills_missing > 0 "
                   "AND status IN ('planned', 'packed') ORDER BY id LIMIT ?");
  stmt->Bind(1, carrier).Bind(2, limit);
  return ReadAll<Shipment>(*stmt, ReadShipment);
}

Result<std::vector<WaveCandidate>> SelectWaveCandidates(Connection& conn,
                                                        const std::string& warehouse,
                                                        const std::optional<WaveCandidate>& after,
                                                        int limit) {
  // The stock of a line sits in "alloc" as {"w": warehouse, "q": units} (store/codec.cc). Held
  // and backordered orders are candidates too: the wave says why it leaves them out. The cursor
  // continues after (priority, created_at, id) in the same order.
  ORDO_PREPARE(stmt, conn,
               "SELECT o.id, o.order_no, o.priority, o.created_at FROM orders o "
               "WHERE o.status IN ('awaiting_fulfillment', 'picking') "
               "AND EXISTS (SELECT 1 FROM json_each(o.doc, '$.lines') l, "
               "  json_each(l.value, '$.alloc') a "
               "  WHERE json_extract(a.value, '$.w') = ?1 AND json_extract(a.value, '$.q') > 0) "
               "AND NOT EXISTS (SELECT 1 FROM shipments s "
               "  WHERE s.order_no = o.order_no AND s.warehouse = ?1) "
               "AND (?3 = 0 OR o.priority < ?4 OR (o.priority = ?4 AND (o.created_at > ?5 "
               "  OR (o.created_at = ?5 AND o.id > ?6)))) "
               "ORDER BY o.priority DESC, o.created_at, o.id LIMIT ?2");
  stmt->Bind(1, warehouse).Bind(2, limit).Bind(3, after ? 1 : 0);
  stmt->Bind(4, after ? after->priority : 0);
  stmt->Bind(5, after ? after->created_at.unix_ms : 0).Bind(6, after ? after->order_id : 0);
  return ReadAll<WaveCandidate>(*stmt, [](const Statement& row) {
    return WaveCandidate{row.Text(1), row.Int(0), static_cast<int>(row.Int(2)),
                         Timestamp{row.Int(3)}};
  });
}

std::string EncodeLeftOut(const std::vector<WaveLeftOut>& left_out) {
  JsonWriter out;
  out.BeginArray();
  for (const WaveLeftOut& entry : left_out) {
    out.BeginObject()
        .Field("order_no", entry.order_no)
        .Field("code", CodeName(entry.code))
        .Field("message", entry.message)
        .EndObject();
  }
  return out.EndArray().Take();
}

Result<std::vector<WaveLeftOut>> DecodeLeftOut(std::string_view text) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_array()) {
    return Status::Internal("a wave's left_out is not a JSON array");
  }
  std::vector<WaveLeftOut> left_out;
  for (const json::value& item : parsed.get_array()) {
    const json::object* o = item.if_object();
    const json::value* code_text = o ? o->if_contains("code") : nullptr;
    std::optional<Code> code =
        code_text && code_text->is_string() ? ParseCodeName(code_text->get_string()) : std::nullopt;
    if (!code || !o->contains("order_no") || !o->contains("message")) {
      return Status::Internal("a wave's left_out entry does not read back");
    }
    left_out.push_back({std::string(o->at("order_no").as_string()), *code,
                        std::string(o->at("message").as_string())});
  }
  return left_out;
}

Status InsertWaveRow(Connection& conn, Wave& wave) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO waves (warehouse, carrier, max_orders, created_at, created_by) "
               "VALUES (?, ?, ?, ?, ?)");
  stmt->Bind(1, wave.warehouse).Bind(2, wave.carrier).Bind(3, wave.max_orders);
  stmt->Bind(4, wave.created_at.unix_ms).Bind(5, wave.created_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  wave.id = conn.LastInsertId();
  return Status::Ok();
}

Status UpdateWaveLeftOutRow(Connection& conn, const Wave& wave) {
  ORDO_PREPARE(stmt, conn, "UPDATE waves SET left_out = ?, left_out_count = ? WHERE id = ?");
  stmt->Bind(1, EncodeLeftOut(wave.left_out)).Bind(2, wave.left_out_count).Bind(3, wave.id);
  return stmt->Run();
}

Result<std::optional<Wave>> SelectWave(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn,
               "SELECT id, warehouse, carrier, max_orders, created_at, created_by, left_out, "
               "left_out_count FROM waves WHERE id = ?");
  stmt->Bind(1, id);
  Status status;
  if (!stmt->Step(&status)) {
    ORDO_RETURN_IF_ERROR(status);
    return std::optional<Wave>();
  }
  Wave wave{stmt->Int(0),
            stmt->Text(1),
            stmt->Text(2),
            static_cast<int>(stmt->Int(3)),
            Timestamp{stmt->Int(4)},
            stmt->Text(5),
            {},
            0};
  ORDO_ASSIGN_OR_RETURN(wave.left_out, DecodeLeftOut(stmt->TextView(6)));
  wave.left_out_count = static_cast<int>(stmt->Int(7));
  return std::optional<Wave>(std::move(wave));
}

Result<std::vector<WaveSummary>> SelectWaves(Connection& conn, const WaveFilter& filter) {
  // Newest first: a warehouse's through waves_by_warehouse, the open ones from their open parcels
  // (shipments_open_by_wave, the backlog), the closed ones walking back from the newest (most
  // waves are closed, so LIMIT comes soon); the parcel counts go through shipments_by_wave.
  std::string sql =
      "SELECT id, warehouse, carrier, max_orders, created_at, created_by, left_out_count, "
      "(SELECT count(*) FROM shipments s WHERE s.wave_id = w.id), "
      "(SELECT count(*) FROM shipments s WHERE s.wave_id = w.id "
      "  AND s.status IN ('planned', 'packed')), "
      "(SELECT count(*) FROM shipments s WHERE s.wave_id = w.id AND s.status = 'cancelled') "
      "FROM waves w WHERE 1 = 1";
  std::vector<std::string> texts;
  if (!filter.warehouse.empty()) {
    sql += " AND warehouse = ?";
    texts.push_back(filter.warehouse);
  }
  if (filter.from) {
    sql += " AND created_at >= CAST(? AS INTEGER)";
    texts.push_back(std::to_string(filter.from->unix_ms));
  }
  if (filter.to) {
    sql += " AND created_at < CAST(? AS INTEGER)";
    texts.push_back(std::to_string(filter.to->unix_ms));
  }
  if (filter.open) {
    sql += std::string(" AND w.id ") + (*filter.open ? "" : "NOT ") +
           "IN (SELECT wave_id FROM shipments WHERE status IN ('planned', 'packed') "
           "AND wave_id IS NOT NULL)";
  }
  ORDO_ASSIGN_OR_RETURN(
      auto stmt, PrepareNewestPage(conn, std::move(sql), texts, filter.before_id, filter.limit));
  return ReadAll<WaveSummary>(*stmt, [](const Statement& row) {
    WaveSummary summary;
    summary.wave = Wave{row.Int(0),
                        row.Text(1),
                        row.Text(2),
                        static_cast<int>(row.Int(3)),
                        Timestamp{row.Int(4)},
                        row.Text(5),
                        {},
                        static_cast<int>(row.Int(6))};
    summary.orders = static_cast<int>(row.Int(7));
    summary.waiting = static_cast<int>(row.Int(8));
    summary.cancelled = static_cast<int>(row.Int(9));
    return summary;
  });
}

// ---------------------------------------------------------------------------------------------
// Tracking, notifications, locations.

Result<bool> InsertTrackingEventRow(Connection& conn, TrackingEvent& event) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO tracking_events (carrier, event_id, shipment_id, status, at, "
               "location, received_at, applied, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (carrier, event_id) DO NOTHING");
  stmt->Bind(1, event.carrier).Bind(2, event.event_id).Bind(3, event.shipment_id);
  stmt->Bind(4, TrackingStatusName(event.status)).Bind(5, event.at.unix_ms);
  stmt->Bind(6, event.location).Bind(7, event.received_at.unix_ms);
  stmt->Bind(8, event.applied ? 1 : 0).Bind(9, event.note);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() == 0) {
    return false;
  }
  event.id = conn.LastInsertId();
  return true;
}

Result<std::vector<TrackingEvent>> SelectTrackingEvents(Connection& conn, int64_t shipment_id) {
  ORDO_PREPARE(stmt, conn,
               "SELECT t.id, t.carrier, t.event_id, s.tracking_no, t.shipment_id, t.status, "
               "t.at, t.location, t.received_at, t.applied, t.note FROM tracking_events t "
               "JOIN shipments s ON s.id = t.shipment_id WHERE t.shipment_id = ? "
               "ORDER BY t.at, t.id");
  stmt->Bind(1, shipment_id);
  return ReadAll<TrackingEvent>(*stmt, [](const Statement& row) -> Result<TrackingEvent> {
    TrackingEvent event;
    event.id = row.Int(0);
    event.carrier = row.Text(1);
    event.event_id = row.Text(2);
    event.tracking_no = row.Text(3);
    event.shipment_id = row.Int(4);
    ORDO_ASSIGN_OR_RETURN(event.status, DecodeStoredEnum<TrackingStatus>(
                                            "tracking event " + std::to_string(event.id) + " status",
                                            row.TextView(5)));
    event.at = Timestamp{row.Int(6)};
    event.location = row.Text(7);
    event.received_at = Timestamp{row.Int(8)};
    event.applied = row.Int(9) != 0;
    event.note = row.Text(10);
    return event;
  });
}

Status InsertNotificationRow(Connection& conn, Notification& notification) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO notifications (order_no, shipment_id, template, language, at, "
               "created_by) VALUES (?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, notification.order_no);
  if (notification.shipment_id > 0) {
    stmt->Bind(2, notification.shipment_id);
  } else {
    stmt->BindNull(2);
  }
  stmt->Bind(3, notification.template_key).Bind(4, notification.language);
  stmt->Bind(5, notification.at.unix_ms).Bind(6, notification.created_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  notification.id = conn.LastInsertId();
  return Status::Ok();
}

Result<std::vector<Notification>> SelectNotifications(Connection& conn,
                                                      const std::string& order_no) {
  ORDO_PREPARE(stmt, conn,
               "SELECT id, order_no, shipment_id, template, language, at, created_by "
               "FROM notifications WHERE order_no = ? ORDER BY id");
  stmt->Bind(1, order_no);
  return ReadAll<Notification>(*stmt, [](const Statement& row) {
    return Notification{row.Int(0),  row.Text(1), row.IsNull(2) ? 0 : row.Int(2),
                        row.Text(3), row.Text(4), Timestamp{row.Int(5)},
                        row.Text(6)};
  });
}

Result<std::string> UpsertLocation(Connection& conn, const StorageLocation& location) {
  std::string before;
  {
    ORDO_PREPARE(select, conn,
                 "SELECT location FROM storage_locations WHERE warehouse = ? AND sku = ?");
    select->Bind(1, location.warehouse).Bind(2, location.sku);
    Status status;
    if (select->Step(&status)) {
      before = select->Text(0);
    }
    ORDO_RETURN_IF_ERROR(status);
  }
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO storage_locations (warehouse, sku, location, updated_at, updated_by) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (warehouse, sku) DO UPDATE SET "
               "location = excluded.location, updated_at = excluded.updated_at, "
               "updated_by = excluded.updated_by");
  stmt->Bind(1, location.warehouse).Bind(2, location.sku).Bind(3, location.location);
  stmt->Bind(4, location.updated_at.unix_ms).Bind(5, location.updated_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  return before;
}

Result<std::map<std::string, std::string>> SelectLocations(Connection& conn,
                                                           const std::string& warehouse) {
  ORDO_PREPARE(stmt, conn, "SELECT sku, location FROM storage_locations WHERE warehouse = ?");
  stmt->Bind(1, warehouse);
  std::map<std::string, std::string> locations;
  Status status;
  while (stmt->Step(&status)) {
    locations.emplace(stmt->Text(0), stmt->Text(1));
  }
  ORDO_RETURN_IF_ERROR(status);
  return locations;
}

// ---------------------------------------------------------------------------------------------
// Scans of orders.

Result<std::vector<WaitingOrder>> SelectWaitingOrders(Connection& conn, int64_t after_id,
                                                      int limit) {
  ORDO_PREPARE(stmt, conn,
               "SELECT o.id, o.order_no, o.status, o.priority, json_extract(o.doc, '$.class'), "
               "json_extract(o.doc, '$.payment_method'), o.created_at, "
               "json_extract(o.doc, '$.paid_at'), EXISTS (SELECT 1 FROM anomalies a "
               "  WHERE a.order_no = o.order_no AND a.type = 'ship_time_limit_breached'), "
               "(SELECT group_concat(w, ',') FROM (SELECT DISTINCT json_extract(a.value, '$.w') "
               "  AS w FROM json_each(o.doc, '$.lines') l, json_each(l.value, '$.alloc') a "
               "  WHERE json_extract(a.value, '$.q') > 0 ORDER BY w)) "
               "FROM orders o WHERE o.status IN ('pending_review', 'awaiting_fulfillment', "
               "'picking', 'packed') AND o.id > ? ORDER BY o.id LIMIT ?");
  stmt->Bind(1, after_id).Bind(2, limit);
  return ReadAll<WaitingOrder>(*stmt, [](const Statement& row) -> Result<WaitingOrder> {
    WaitingOrder waiting;
    waiting.order_id = row.Int(0);
    ShipClock& clock = waiting.clock;
    clock.order_no = row.Text(1);
    ORDO_ASSIGN_OR_RETURN(clock.status, DecodeStoredEnum<OrderStatus>(
                                            "order " + clock.order_no + " status", row.TextView(2)));
    clock.priority = static_cast<int>(row.Int(3));
    clock.order_class = row.Text(4);
    ORDO_ASSIGN_OR_RETURN(clock.payment_method,
                          DecodeStoredEnum<PaymentMethod>("order " + clock.order_no +
                                                              " payment_method",
                                                          row.TextView(5)));
    clock.created_at = Timestamp{row.Int(6)};
    clock.paid_at = OptionalTime(row, 7);
    waiting.breach_recorded = row.Int(8) != 0;
    for (std::string_view codes = row.TextView(9); !codes.empty();) {
      const size_t comma = codes.find(',');
      waiting.warehouses.emplace_back(codes.substr(0, comma));
      codes = comma == std::string_view::npos ? std::string_view() : codes.substr(comma + 1);
    }
    return waiting;
  });
}

Result<std::vector<UndeliveredOrder>> SelectUndeliveredOrders(Connection& conn,
                                                              Timestamp shipped_before,
                                                              int64_t after_id, int limit) {
  // Through orders_to_confirm, like SelectOrdersToConfirm; an order that had its case once is
  // looked up in anomalies_by_order and left out, so each late order is reported once.
  ORDO_PREPARE(stmt, conn,
               "SELECT o.id, o.order_no, json_extract(o.doc, '$.service'), "
               "json_extract(o.doc, '$.shipped_at') FROM orders o INDEXED BY orders_to_confirm "
               "WHERE o.status IN ('shipped', 'delivered') AND o.status = 'shipped' "
               "AND json_extract(o.doc, '$.shipped_at') <= ? AND o.id > ? "
               "AND NOT EXISTS (SELECT 1 FROM anomalies a WHERE a.order_no = o.order_no "
               "AND a.type = 'delivery_too_long') ORDER BY o.id LIMIT ?");
  stmt->Bind(1, shipped_before.unix_ms).Bind(2, after_id).Bind(3, limit);
  return ReadAll<UndeliveredOrder>(*stmt, [](const Statement& row) {
    return UndeliveredOrder{row.Int(0), row.Text(1), row.Text(2), Timestamp{row.Int(3)}};
  });
}

Result<std::vector<std::pair<int64_t, std::string>>> SelectOrdersToConfirm(Connection& conn,
                                                                           Timestamp shipped_before,
                                                                           int64_t after_id,
                                                                           int limit) {
  // Through the partial index orders_to_confirm (migration 5), whose condition this repeats word
  // for word: only the orders already due are read. The planner, which cannot tell how few are
  // due, would otherwise walk every order in transit by status.
  ORDO_PREPARE(stmt, conn,
               "SELECT id, order_no FROM orders INDEXED BY orders_to_confirm "
               "WHERE status IN ('shipped', 'delivered') "
               "AND json_extract(doc, '$.shipped_at') <= ? AND id > ? ORDER BY id LIMIT ?");
  stmt->Bind(1, shipped_before.unix_ms).Bind(2, after_id).Bind(3, limit);
  return ReadAll<std::pair<int64_t, std::string>>(
      *stmt, [](const Statement& row) { return std::make_pair(row.Int(0), row.Text(1)); });
}

}  // namespace ordo::sqlite
