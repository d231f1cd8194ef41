#include "store/sqlite/waybill_queries.h"

#include "base/json_writer.h"

namespace ordo::sqlite {

AuditEntry WaybillRangeAudit(const WaybillRange& range) {
  JsonWriter after;
  after.BeginObject()
      .Field("carrier", range.carrier)
      .Field("prefix", range.prefix)
      .Field("first_no", range.first_no)
      .Field("last_no", range.last_no)
      .Field("digits", static_cast<int64_t>(range.digits))
      .Field("note", range.note)
      .EndObject();
  return AuditEntry{
      0,      range.loaded_at, range.loaded_by, "waybill_range", std::to_string(range.id),
      "load", "null",          after.Take()};
}

AuditEntry WaybillsLowAudit(const WaybillStock& stock, const std::string& actor, Timestamp at) {
  JsonWriter after;
  after.BeginObject()
      .Field("remaining", stock.remaining)
      .Field("threshold", stock.threshold)
      .EndObject();
  return AuditEntry{0, at, actor, "waybill_stock", stock.carrier, "low", "null", after.Take()};
}

Result<std::vector<WaybillRange>> SelectWaybillRanges(Connection& conn, const std::string& carrier,
                                                      bool with_numbers_only) {
  // By carrier through waybill_ranges_by_carrier; a carrier has a handful of ranges.
  ORDO_PREPARE(stmt, conn,
               "SELECT id, carrier, prefix, first_no, last_no, next_no, digits, loaded_at, "
               "loaded_by, note FROM waybill_ranges WHERE (?1 = '' OR carrier = ?1) "
               "AND (?2 = 0 OR next_no <= last_no) ORDER BY id");
  stmt->Bind(1, carrier).Bind(2, with_numbers_only ? 1 : 0);
  return ReadAll<WaybillRange>(*stmt, [](const Statement& row) {
    WaybillRange range;
    range.id = row.Int(0);
    range.carrier = row.Text(1);
    range.prefix = row.Text(2);
    range.first_no = row.Int(3);
    range.last_no = row.Int(4);
    range.next_no = row.Int(5);
    range.digits = static_cast<int>(row.Int(6));
    range.loaded_at = Timestamp{row.Int(7)};
    range.loaded_by = row.Text(8);
    range.note = row.Text(9);
    return range;
  });
}

Status InsertWaybillRangeRow(Connection& conn, WaybillRange& range) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO waybill_ranges (carrier, prefix, first_no, last_no, next_no, digits, "
               "loaded_at, loaded_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, range.carrier).Bind(2, range.prefix).Bind(3, range.first_no);
  stmt->Bind(4, range.last_no).Bind(5, range.next_no).Bind(6, range.digits);
  stmt->Bind(7, range.loaded_at.unix_ms).Bind(8, range.loaded_by).Bind(9, range.note);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  range.id = conn.LastInsertId();
  return Status::Ok();
}

Status AdvanceWaybillRangeRow(Connection& conn, int64_t range_id, int64_t next_no) {
  ORDO_PREPARE(stmt, conn, "UPDATE waybill_ranges SET next_no = ?2 WHERE id = ?1 AND next_no < ?2");
  stmt->Bind(1, range_id).Bind(2, next_no);
  return stmt->Run();
}

Result<bool> InsertIssuedWaybillRow(Connection& conn, const IssuedWaybill& waybill) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO waybills (carrier, tracking_no, shipment_id, box_no, source, range_id, "
               "issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (carrier, tracking_no) DO NOTHING");
  stmt->Bind(1, waybill.carrier).Bind(2, waybill.tracking_no).Bind(3, waybill.shipment_id);
  stmt->Bind(4, waybill.box_no).Bind(5, waybill.source);
  if (waybill.range_id > 0) {
    stmt->Bind(6, waybill.range_id);
  } else {
    stmt->BindNull(6);
  }
  stmt->Bind(7, waybill.issued_at.unix_ms).Bind(8, waybill.issued_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  return conn.Changes() == 1;
}

Status VoidWaybillRows(Connection& conn, int64_t shipment_id, int from_box_no, Timestamp at,
                       const std::string& reason) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE waybills SET voided_at = ?, void_reason = ? "
               "WHERE shipment_id = ? AND box_no >= ? AND voided_at IS NULL");
  stmt->Bind(1, at.unix_ms).Bind(2, reason).Bind(3, shipment_id).Bind(4, from_box_no);
  return stmt->Run();
}

Result<int64_t> SelectWaybillShipment(Connection& conn, const std::string& carrier,
                                      const std::string& tracking_no) {
  ORDO_PREPARE(stmt, conn,
               "SELECT shipment_id FROM waybills WHERE carrier = ? AND tracking_no = ? "
               "AND voided_at IS NULL");
  stmt->Bind(1, carrier).Bind(2, tracking_no);
  Status status;
  if (stmt->Step(&status)) {
    return stmt->Int(0);
  }
  ORDO_RETURN_IF_ERROR(status);
  return int64_t{0};
}

}  // namespace ordo::sqlite
