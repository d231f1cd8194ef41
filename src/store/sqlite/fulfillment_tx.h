// The embedded engine's side of store/fulfillment_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections).
#pragma once

#include <functional>

#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// Owned by the writer's transaction object; runs on the writer thread only.
class FulfillmentWriter final : public FulfillmentWriteTx {
 public:
  FulfillmentWriter(Connection& conn, AuditChain& audit) : conn_(conn), audit_(audit) {}

  Result<std::map<std::string, std::string>> LoadSettingValues() override;
  Status SaveSetting(const SettingChange& change) override;
  Status InsertCase(AbnormalCase& abnormal) override;
  Result<std::optional<AbnormalCase>> FindCase(int64_t id) override;
  Result<std::vector<AbnormalCase>> FindLiveCases(const std::string& order_no) override;
  Result<std::optional<AbnormalCase>> FindLiveCase(const std::string& order_no,
                                                   const std::string& type,
                                                   const std::string& subject) override;
  Status UpdateCase(const AbnormalCase& abnormal, CaseStatus before,
                    std::string_view action) override;
  Result<std::vector<Shipment>> FindShipments(const std::string& order_no) override;
  Result<std::optional<Shipment>> FindShipment(int64_t id) override;
  Result<std::optional<Shipment>> FindShipmentByTracking(const std::string& carrier,
                                                         const std::string& tracking_no) override;
  Status InsertShipment(Shipment& shipment, const std::string& actor) override;
  Status UpdateShipment(const Shipment& shipment, ShipmentStatus before, std::string_view action,
                        const std::string& actor, Timestamp at) override;
  Result<std::vector<WaveCandidate>> FindWaveCandidates(const std::string& warehouse,
                                                        const std::optional<WaveCandidate>& after,
                                                        int limit) override;
  Status InsertWave(Wave& wave) override;
  Status UpdateWaveLeftOut(const Wave& wave) override;
  Result<bool> InsertTrackingEvent(TrackingEvent& event) override;
  Status InsertNotification(Notification& notification) override;
  Status SaveLocation(const StorageLocation& location) override;
  Result<std::vector<WaybillRange>> FindWaybillRanges(const std::string& carrier,
                                                      bool with_numbers_only) override;
  Status InsertWaybillRange(WaybillRange& range) override;
  Status AdvanceWaybillRange(int64_t range_id, int64_t next_no) override;
  Result<bool> InsertIssuedWaybill(const IssuedWaybill& waybill) override;
  Status VoidWaybills(int64_t shipment_id, int from_box_no, Timestamp at,
                      const std::string& reason) override;
  Result<int64_t> FindWaybillShipment(const std::string& carrier,
                                      const std::string& tracking_no) override;
  Status RecordWaybillsLow(const WaybillStock& stock, const std::string& actor,
                           Timestamp at) override;

 private:
  Connection& conn_;
  AuditChain& audit_;
};

// Runs a read on one of the pool's connections (PooledReadView::With).
using WithConnection = std::function<Status(const std::function<Status(Connection&)>&)>;

class FulfillmentReader final : public FulfillmentReadView {
 public:
  explicit FulfillmentReader(WithConnection with) : with_(std::move(with)) {}

  Result<std::map<std::string, std::string>> LoadSettingValues() override;
  Result<std::vector<AbnormalCase>> ListCases(const CaseFilter& filter) override;
  Result<std::optional<AbnormalCase>> GetCase(int64_t id) override;
  Result<std::optional<Wave>> GetWave(int64_t id) override;
  Result<std::vector<WaveSummary>> ListWaves(const WaveFilter& filter) override;
  Result<std::vector<Shipment>> ListWaveShipments(int64_t wave_id) override;
  Result<std::vector<Shipment>> GetShipments(const std::string& order_no) override;
  Result<std::optional<Shipment>> GetShipment(int64_t id) override;
  Result<std::vector<TrackingEvent>> ListTrackingEvents(int64_t shipment_id) override;
  Result<std::vector<Notification>> ListNotifications(const std::string& order_no) override;
  Result<std::map<std::string, std::string>> ListLocations(const std::string& warehouse) override;
  Result<std::vector<WaybillRange>> ListWaybillRanges(const std::string& carrier) override;
  Result<std::vector<Shipment>> ListShipmentsAwaitingWaybill(const std::string& carrier,
                                                             int limit) override;
  Result<std::vector<WaitingOrder>> ListWaitingOrders(int64_t after_id, int limit) override;
  Result<std::vector<std::pair<int64_t, std::string>>> ListOrdersToConfirm(Timestamp shipped_before,
                                                                           int64_t after_id,
                                                                           int limit) override;
  Result<std::vector<UndeliveredOrder>> ListUndeliveredOrders(Timestamp shipped_before,
                                                              int64_t after_id, int limit) override;

 private:
  // Runs `query` (Connection& → Result<T>) on a pooled connection.
  template <typename T, typename Query>
  Result<T> Read(Query query);

  WithConnection with_;
};

}  // namespace ordo::sqlite
