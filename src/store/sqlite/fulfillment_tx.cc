#include "store/sqlite/fulfillment_tx.h"

#include "store/sqlite/fulfillment_queries.h"
#include "store/sqlite/waybill_queries.h"

namespace ordo::sqlite {

// --- The writer ---

Result<std::map<std::string, std::string>> FulfillmentWriter::LoadSettingValues() {
  return SelectSettingValues(conn_);
}

Status FulfillmentWriter::SaveSetting(const SettingChange& change) {
  ORDO_RETURN_IF_ERROR(UpsertSetting(conn_, change));
  audit_.Add(SettingAudit(change));
  return Status::Ok();
}

Status FulfillmentWriter::InsertCase(AbnormalCase& abnormal) {
  ORDO_RETURN_IF_ERROR(InsertCaseRow(conn_, abnormal));
  audit_.Add(CaseAudit(abnormal, std::nullopt, "open"));
  return Status::Ok();
}

Result<std::optional<AbnormalCase>> FulfillmentWriter::FindCase(int64_t id) {
  return SelectCase(conn_, id);
}

Result<std::vector<AbnormalCase>> FulfillmentWriter::FindLiveCases(const std::string& order_no) {
  return SelectLiveCases(conn_, order_no);
}

Result<std::optional<AbnormalCase>> FulfillmentWriter::FindLiveCase(const std::string& order_no,
                                                                    const std::string& type,
                                                                    const std::string& subject) {
  return SelectLiveCase(conn_, order_no, type, subject);
}

Status FulfillmentWriter::UpdateCase(const AbnormalCase& abnormal, CaseStatus before,
                                     std::string_view action) {
  ORDO_RETURN_IF_ERROR(UpdateCaseRow(conn_, abnormal));
  audit_.Add(CaseAudit(abnormal, before, action));
  return Status::Ok();
}

Result<std::vector<Shipment>> FulfillmentWriter::FindShipments(const std::string& order_no) {
  return SelectOrderShipments(conn_, order_no);
}

Result<std::optional<Shipment>> FulfillmentWriter::FindShipment(int64_t id) {
  return SelectShipment(conn_, id);
}

Result<std::optional<Shipment>> FulfillmentWriter::FindShipmentByTracking(
    const std::string& carrier, const std::string& tracking_no) {
  return SelectShipmentByTracking(conn_, carrier, tracking_no);
}

Status FulfillmentWriter::InsertShipment(Shipment& shipment, const std::string& actor) {
  ORDO_RETURN_IF_ERROR(InsertShipmentRow(conn_, shipment));
  audit_.Add(ShipmentAudit(shipment, std::nullopt, "plan", actor, shipment.created_at));
  return Status::Ok();
}

Status FulfillmentWriter::UpdateShipment(const Shipment& shipment, ShipmentStatus before,
                                         std::string_view action, const std::string& actor,
                                         Timestamp at) {
  ORDO_RETURN_IF_ERROR(UpdateShipmentRow(conn_, shipment));
  audit_.Add(ShipmentAudit(shipment, before, action, actor, at));
  return Status::Ok();
}

Result<std::vector<WaveCandidate>> FulfillmentWriter::FindWaveCandidates(
    const std::string& warehouse, const std::optional<WaveCandidate>& after, int limit) {
  return SelectWaveCandidates(conn_, warehouse, after, limit);
}

Status FulfillmentWriter::InsertWave(Wave& wave) {
  ORDO_RETURN_IF_ERROR(InsertWaveRow(conn_, wave));
  audit_.Add(WaveAudit(wave));
  return Status::Ok();
}

Status FulfillmentWriter::UpdateWaveLeftOut(const Wave& wave) {
  ORDO_RETURN_IF_ERROR(UpdateWaveLeftOutRow(conn_, wave));
  if (wave.left_out_count > 0) {
    audit_.Add(WaveLeftOutAudit(wave));
  }
  return Status::Ok();
}

Result<bool> FulfillmentWriter::InsertTrackingEvent(TrackingEvent& event) {
  ORDO_ASSIGN_OR_RETURN(bool inserted, InsertTrackingEventRow(conn_, event));
  if (inserted) {
    audit_.Add(TrackingAudit(event));
  }
  return inserted;
}

Status FulfillmentWriter::InsertNotification(Notification& notification) {
  ORDO_RETURN_IF_ERROR(InsertNotificationRow(conn_, notification));
  audit_.Add(NotificationAudit(notification));
  return Status::Ok();
}

Status FulfillmentWriter::SaveLocation(const StorageLocation& location) {
  ORDO_ASSIGN_OR_RETURN(std::string before, UpsertLocation(conn_, location));
  audit_.Add(LocationAudit(location, before));
  return Status::Ok();
}

Result<std::vector<WaybillRange>> FulfillmentWriter::FindWaybillRanges(const std::string& carrier,
                                                                       bool with_numbers_only) {
  return SelectWaybillRanges(conn_, carrier, with_numbers_only);
}

Status FulfillmentWriter::InsertWaybillRange(WaybillRange& range) {
  ORDO_RETURN_IF_ERROR(InsertWaybillRangeRow(conn_, range));
  audit_.Add(WaybillRangeAudit(range));
  return Status::Ok();
}

Status FulfillmentWriter::AdvanceWaybillRange(int64_t range_id, int64_t next_no) {
  return AdvanceWaybillRangeRow(conn_, range_id, next_no);
}

Result<bool> FulfillmentWriter::InsertIssuedWaybill(const IssuedWaybill& waybill) {
  return InsertIssuedWaybillRow(conn_, waybill);
}

Status FulfillmentWriter::VoidWaybills(int64_t shipment_id, int from_box_no, Timestamp at,
                                       const std::string& reason) {
  return VoidWaybillRows(conn_, shipment_id, from_box_no, at, reason);
}

Result<int64_t> FulfillmentWriter::FindWaybillShipment(const std::string& carrier,
                                                       const std::string& tracking_no) {
  return SelectWaybillShipment(conn_, carrier, tracking_no);
}

Status FulfillmentWriter::RecordWaybillsLow(const WaybillStock& stock, const std::string& actor,
                                            Timestamp at) {
  audit_.Add(WaybillsLowAudit(stock, actor, at));
  return Status::Ok();
}

// --- The readers ---

template <typename T, typename Query>
Result<T> FulfillmentReader::Read(Query query) {
  return ReadWith<T>(with_, std::move(query));
}

Result<std::map<std::string, std::string>> FulfillmentReader::LoadSettingValues() {
  return Read<std::map<std::string, std::string>>(
      [](Connection& c) { return SelectSettingValues(c); });
}

Result<std::vector<AbnormalCase>> FulfillmentReader::ListCases(const CaseFilter& filter) {
  return Read<std::vector<AbnormalCase>>([&](Connection& c) { return SelectCases(c, filter); });
}

Result<std::optional<AbnormalCase>> FulfillmentReader::GetCase(int64_t id) {
  return Read<std::optional<AbnormalCase>>([&](Connection& c) { return SelectCase(c, id); });
}

Result<std::optional<Wave>> FulfillmentReader::GetWave(int64_t id) {
  return Read<std::optional<Wave>>([&](Connection& c) { return SelectWave(c, id); });
}

Result<std::vector<WaveSummary>> FulfillmentReader::ListWaves(const WaveFilter& filter) {
  return Read<std::vector<WaveSummary>>([&](Connection& c) { return SelectWaves(c, filter); });
}

Result<std::vector<Shipment>> FulfillmentReader::ListWaveShipments(int64_t wave_id) {
  return Read<std::vector<Shipment>>(
      [&](Connection& c) { return SelectWaveShipments(c, wave_id); });
}

Result<std::vector<Shipment>> FulfillmentReader::GetShipments(const std::string& order_no) {
  return Read<std::vector<Shipment>>(
      [&](Connection& c) { return SelectOrderShipments(c, order_no); });
}

Result<std::optional<Shipment>> FulfillmentReader::GetShipment(int64_t id) {
  return Read<std::optional<Shipment>>([&](Connection& c) { return SelectShipment(c, id); });
}

Result<std::vector<TrackingEvent>> FulfillmentReader::ListTrackingEvents(int64_t shipment_id) {
  return Read<std::vector<TrackingEvent>>(
      [&](Connection& c) { return SelectTrackingEvents(c, shipment_id); });
}

Result<std::vector<Notification>> FulfillmentReader::ListNotifications(
    const std::string& order_no) {
  return Read<std::vector<Notification>>(
      [&](Connection& c) { return SelectNotifications(c, order_no); });
}

Result<std::map<std::string, std::string>> FulfillmentReader::ListLocations(
    const std::string& warehouse) {
  return Read<std::map<std::string, std::string>>(
      [&](Connection& c) { return SelectLocations(c, warehouse); });
}

Result<std::vector<WaybillRange>> FulfillmentReader::ListWaybillRanges(const std::string& carrier) {
  return Read<std::vector<WaybillRange>>(
      [&](Connection& c) { return SelectWaybillRanges(c, carrier, false); });
}

Result<std::vector<Shipment>> FulfillmentReader::ListShipmentsAwaitingWaybill(
    const std::string& carrier, int limit) {
  return Read<std::vector<Shipment>>(
      [&](Connection& c) { return SelectShipmentsAwaitingWaybill(c, carrier, limit); });
}

Result<std::vector<WaitingOrder>> FulfillmentReader::ListWaitingOrders(int64_t after_id,
                                                                       int limit) {
  return Read<std::vector<WaitingOrder>>(
      [&](Connection& c) { return SelectWaitingOrders(c, after_id, limit); });
}

Result<std::vector<UndeliveredOrder>> FulfillmentReader::ListUndeliveredOrders(
    Timestamp shipped_before, int64_t after_id, int limit) {
  return Read<std::vector<UndeliveredOrder>>(
      [&](Connection& c) { return SelectUndeliveredOrders(c, shipped_before, after_id, limit); });
}

Result<std::vector<std::pair<int64_t, std::string>>> FulfillmentReader::ListOrdersToConfirm(
    Timestamp shipped_before, int64_t after_id, int limit) {
  return Read<std::vector<std::pair<int64_t, std::string>>>(
      [&](Connection& c) { return SelectOrdersToConfirm(c, shipped_before, after_id, limit); });
}

}  // namespace ordo::sqlite
