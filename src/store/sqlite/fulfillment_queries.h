// The SQL of fulfilment (store/fulfillment_store.h): settings, abnormal cases, waves, shipments,
// tracking events, notifications and storage locations, plus the audit entries of their
// changes. Each function runs on the connection it is given and never opens a transaction
// itself. No function here reads or writes personal data: orders are read through a few plain
// fields of their document (json_extract), never decrypted.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// --- Audit entries ---
AuditEntry SettingAudit(const SettingChange& change);
// "anomaly", id, action ("open", "assign", "resolve", "dismiss"); before: null or the status and
// assignee before.
AuditEntry CaseAudit(const AbnormalCase& abnormal, std::optional<CaseStatus> before,
                     std::string_view action);
// "shipment", id, action ("plan", "pack", "ship", "tracking_lost", "inspect", …).
AuditEntry ShipmentAudit(const Shipment& shipment, std::optional<ShipmentStatus> before,
                         std::string_view action, const std::string& actor, Timestamp at);
AuditEntry WaveAudit(const Wave& wave);
// "wave", id, "left_out": how many orders the wave left out.
AuditEntry WaveLeftOutAudit(const Wave& wave);
AuditEntry TrackingAudit(const TrackingEvent& event);
AuditEntry NotificationAudit(const Notification& notification);
AuditEntry LocationAudit(const StorageLocation& location, const std::string& before);

// --- Settings ---
Result<std::map<std::string, std::string>> SelectSettingValues(Connection& conn);
Status UpsertSetting(Connection& conn, const SettingChange& change);

// --- Abnormal cases ---
// kAlreadyExists when a live case of the same order, type and subject exists.
Status InsertCaseRow(Connection& conn, AbnormalCase& abnormal);
Status UpdateCaseRow(Connection& conn, const AbnormalCase& abnormal);
Result<std::optional<AbnormalCase>> SelectCase(Connection& conn, int64_t id);
Result<std::vector<AbnormalCase>> SelectLiveCases(Connection& conn, const std::string& order_no);
Result<std::optional<AbnormalCase>> SelectLiveCase(Connection& conn, const std::string& order_no,
                                                   const std::string& type,
                                                   const std::string& subject);
Result<std::vector<AbnormalCase>> SelectCases(Connection& conn, const CaseFilter& filter);

// --- Shipments and waves ---
Status InsertShipmentRow(Connection& conn, Shipment& shipment);
Status UpdateShipmentRow(Connection& conn, const Shipment& shipment);
Result<std::optional<Shipment>> SelectShipment(Connection& conn, int64_t id);
Result<std::optional<Shipment>> SelectShipmentByTracking(Connection& conn,
                                                         const std::string& carrier,
                                                         const std::string& tracking_no);
Result<std::vector<Shipment>> SelectOrderShipments(Connection& conn, const std::string& order_no);
Result<std::vector<Shipment>> SelectWaveShipments(Connection& conn, int64_t wave_id);
Result<std::vector<Shipment>> SelectShipmentsAwaitingWaybill(Connection& conn,
                                                             const std::string& carrier, int limit);
Result<std::vector<WaveCandidate>> SelectWaveCandidates(Connection& conn,
                                                        const std::string& warehouse,
                                                        const std::optional<WaveCandidate>& after,
                                                        int limit);
Status InsertWaveRow(Connection& conn, Wave& wave);
// Stores the orders the wave left out (left_out, left_out_count).
Status UpdateWaveLeftOutRow(Connection& conn, const Wave& wave);
Result<std::optional<Wave>> SelectWave(Connection& conn, int64_t id);
// Waves matching `filter`, newest first, with their parcel counts.
Result<std::vector<WaveSummary>> SelectWaves(Connection& conn, const WaveFilter& filter);

// --- Tracking, notifications, locations ---
// False (nothing written) when the carrier's event id is already recorded.
Result<bool> InsertTrackingEventRow(Connection& conn, TrackingEvent& event);
Result<std::vector<TrackingEvent>> SelectTrackingEvents(Connection& conn, int64_t shipment_id);
Status InsertNotificationRow(Connection& conn, Notification& notification);
Result<std::vector<Notification>> SelectNotifications(Connection& conn,
                                                      const std::string& order_no);
// The location stored before ("" when none), then the new one saved.
Result<std::string> UpsertLocation(Connection& conn, const StorageLocation& location);
Result<std::map<std::string, std::string>> SelectLocations(Connection& conn,
                                                           const std::string& warehouse);

// --- Scans of orders for the time-limit watch and automatic confirmation ---
Result<std::vector<WaitingOrder>> SelectWaitingOrders(Connection& conn, int64_t after_id,
                                                      int limit);
Result<std::vector<UndeliveredOrder>> SelectUndeliveredOrders(Connection& conn,
                                                              Timestamp shipped_before,
                                                              int64_t after_id, int limit);
Result<std::vector<std::pair<int64_t, std::string>>> SelectOrdersToConfirm(Connection& conn,
                                                                           Timestamp shipped_before,
                                                                           int64_t after_id,
                                                                           int limit);

}  // namespace ordo::sqlite
