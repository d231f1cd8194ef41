// The persistence fulfilment needs (domain.md §4, §5, §8): settings, abnormal cases, waves,
// shipments with their tracking events, customer notifications and storage locations. Part of
// the store interface (store.h): WriteTx::fulfillment() inside the writer's transaction,
// ReadView::fulfillment() for reads. The same contracts hold: writes are audited by the store in
// the same transaction (who, when, before → after, never personal data), reads see committed
// data only and are thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/anomaly/case.h"
#include "domain/fulfillment/shipment.h"
#include "domain/fulfillment/time_limit.h"
#include "domain/fulfillment/tracking.h"
#include "domain/fulfillment/wave.h"
#include "domain/fulfillment/waybill.h"

namespace ordo {

// One setting changed: its key and its JSON value before (the default's when never stored) and
// after. Audited as entity "setting", id the key, action "change".
struct SettingChange {
  std::string key;
  std::string before;
  std::string after;
  std::string actor;
  Timestamp at;
};

struct CaseFilter {
  std::optional<CaseStatus> status;
  std::string type;      // empty: every type
  std::string order_no;  // empty: every order
  std::string assignee;  // empty: anyone's or no one's
  int limit = 50;
  int64_t before_id = 0;  // cursor: cases with id < before_id when non-zero (newest first)
};

// A shipped order not delivered yet, as the delivery watch sees it.
struct UndeliveredOrder {
  int64_t id = 0;
  std::string order_no;
  std::string shipping_service;
  Timestamp shipped_at;
};

// A message to the customer about an order (CS-3), queued for the messaging channel. It names
// a template and a language, never the customer's name, phone or address.
struct Notification {
  int64_t id = 0;
  std::string order_no;
  int64_t shipment_id = 0;   // 0: about the whole order
  std::string template_key;  // "order_shipped", "shipment_delayed", …
  std::string language = "zh-CN";
  Timestamp at;
  std::string created_by;
};

// Where a SKU is stored in a warehouse, e.g. "A-03-02-01" (aisle, rack, level, bin).
struct StorageLocation {
  std::string warehouse;
  std::string sku;
  std::string location;
  Timestamp updated_at;
  std::string updated_by;
};

// An order still waiting for review or the warehouse, with what its ship-by deadline is
// computed from, whether a ship_time_limit_breached case was ever opened for it, and the
// warehouses holding its stock.
struct WaitingOrder {
  int64_t order_id = 0;
  ShipClock clock;
  bool breach_recorded = false;
  std::vector<std::string> warehouses;  // by code
};

struct WaveFilter {
  std::string warehouse;          // empty: every warehouse
  std::optional<bool> open;       // open (a parcel waits to be packed or shipped) or closed
  std::optional<Timestamp> from;  // created_at >= from
  std::optional<Timestamp> to;    // created_at < to
  int limit = 50;
  int64_t before_id = 0;  // cursor: waves with id < before_id when non-zero (newest first)
};

// A wave as a list shows it.
struct WaveSummary {
  Wave wave;          // left_out not loaded
  int orders = 0;     // parcels in it
  int waiting = 0;    // of them planned or packed
  int cancelled = 0;  // of them cancelled
};

// A waybill number handed to a parcel (box `box_no`, 1 for the first): from a range (range_id),
// from the carrier's own system ("carrier") or named by staff ("staff").
struct IssuedWaybill {
  std::string carrier;
  std::string tracking_no;
  int64_t shipment_id = 0;
  int box_no = 1;
  std::string source = "range";  // range | carrier | staff
  int64_t range_id = 0;          // 0 unless from a range
  Timestamp issued_at;
  std::string issued_by;
};

class FulfillmentWriteTx {
 public:
  virtual ~FulfillmentWriteTx() = default;

  // Stored setting values, key → JSON text (keys never changed are absent).
  virtual Result<std::map<std::string, std::string>> LoadSettingValues() = 0;
  virtual Status SaveSetting(const SettingChange& change) = 0;

  // Assigns abnormal.id; kAlreadyExists when its order already has a live (open or assigned)
  // case of the same type and subject. Audited as entity "anomaly", action "open".
  virtual Status InsertCase(AbnormalCase& abnormal) = 0;
  virtual Result<std::optional<AbnormalCase>> FindCase(int64_t id) = 0;
  // The live (open or assigned) cases of `order_no`, by id.
  virtual Result<std::vector<AbnormalCase>> FindLiveCases(const std::string& order_no) = 0;
  virtual Result<std::optional<AbnormalCase>> FindLiveCase(const std::string& order_no,
                                                           const std::string& type,
                                                           const std::string& subject) = 0;
  // Saves the case; `action` ("assign", "resolve", "dismiss") names the change in the audit
  // trail, with the status before it.
  virtual Status UpdateCase(const AbnormalCase& abnormal, CaseStatus before,
                            std::string_view action) = 0;

  // The parcels of an order, by id.
  virtual Result<std::vector<Shipment>> FindShipments(const std::string& order_no) = 0;
  virtual Result<std::optional<Shipment>> FindShipment(int64_t id) = 0;
  virtual Result<std::optional<Shipment>> FindShipmentByTracking(
      const std::string& carrier, const std::string& tracking_no) = 0;
  // Assigns shipment.id; kAlreadyExists when the order already has a parcel of that warehouse
  // or the carrier's tracking number is taken. Audited as entity "shipment", action "plan".
  virtual Status InsertShipment(Shipment& shipment, const std::string& actor) = 0;
  // Saves the parcel; kAlreadyExists when its tracking number is taken. `action` ("pack",
  // "ship", "tracking_delivered", "inspect", …) names the change in the audit trail, with the
  // status before it.
  virtual Status UpdateShipment(const Shipment& shipment, ShipmentStatus before,
                                std::string_view action, const std::string& actor,
                                Timestamp at) = 0;

  // Orders a wave of `warehouse` looks at, best first (priority, then age, then id), after
  // `after` when given, at most `limit`: awaiting fulfilment or picking, holding stock there,
  // with no parcel of that warehouse yet. Held, backordered and unconfirmed cash-on-delivery
  // orders are among them: the wave leaves them out and says why.
  virtual Result<std::vector<WaveCandidate>> FindWaveCandidates(
      const std::string& warehouse, const std::optional<WaveCandidate>& after, int limit) = 0;
  virtual Status InsertWave(Wave& wave) = 0;  // assigns wave.id; audited ("wave", "create")
  // Stores the orders the wave left out; audited ("wave", "left_out") when there were any.
  virtual Status UpdateWaveLeftOut(const Wave& wave) = 0;

  // Records the event (assigning event.id) unless the carrier's event_id was recorded before:
  // then returns false and writes nothing (a repeat). Audited ("tracking", "receive").
  virtual Result<bool> InsertTrackingEvent(TrackingEvent& event) = 0;

  virtual Status InsertNotification(Notification& notification) = 0;  // audited

  // Sets (or replaces) the location of a SKU in a warehouse. Audited ("location", "SKU@WH").
  virtual Status SaveLocation(const StorageLocation& location) = 0;

  // --- Waybill numbers (domain/fulfillment/waybill.h) ---
  // The carrier's ranges, oldest first; with `with_numbers_only`, those with numbers left.
  virtual Result<std::vector<WaybillRange>> FindWaybillRanges(const std::string& carrier,
                                                              bool with_numbers_only) = 0;
  // Assigns range.id. Audited ("waybill_range", id, "load").
  virtual Status InsertWaybillRange(WaybillRange& range) = 0;
  // Moves the range's next number on (only forward; numbers are never handed out twice).
  virtual Status AdvanceWaybillRange(int64_t range_id, int64_t next_no) = 0;
  // Records `waybill` as issued: false, writing nothing, when the carrier's number was issued
  // before (to any parcel, even if voided since).
  virtual Result<bool> InsertIssuedWaybill(const IssuedWaybill& waybill) = 0;
  // Marks the numbers of the parcel's boxes from `from_box_no` on void (a new label replaces them,
  // or the box is no longer sent); they stay issued, never reused.
  virtual Status VoidWaybills(int64_t shipment_id, int from_box_no, Timestamp at,
                              const std::string& reason) = 0;
  // The parcel a number (any box's) was issued to, or 0.
  virtual Result<int64_t> FindWaybillShipment(const std::string& carrier,
                                              const std::string& tracking_no) = 0;
  // Records in the audit trail that `carrier` is running low on numbers (entity
  // "waybill_stock", id the carrier, action "low").
  virtual Status RecordWaybillsLow(const WaybillStock& stock, const std::string& actor,
                                   Timestamp at) = 0;
};

class FulfillmentReadView {
 public:
  virtual ~FulfillmentReadView() = default;

  virtual Result<std::map<std::string, std::string>> LoadSettingValues() = 0;

  // Cases matching `filter`, newest first, at most filter.limit.
  virtual Result<std::vector<AbnormalCase>> ListCases(const CaseFilter& filter) = 0;
  virtual Result<std::optional<AbnormalCase>> GetCase(int64_t id) = 0;

  virtual Result<std::optional<Wave>> GetWave(int64_t id) = 0;
  // Waves matching `filter`, newest first, at most filter.limit.
  virtual Result<std::vector<WaveSummary>> ListWaves(const WaveFilter& filter) = 0;
  // The wave's parcels in wave order.
  virtual Result<std::vector<Shipment>> ListWaveShipments(int64_t wave_id) = 0;
  virtual Result<std::vector<Shipment>> GetShipments(const std::string& order_no) = 0;
  virtual Result<std::optional<Shipment>> GetShipment(int64_t id) = 0;
  // The parcel's tracking events, by time, then arrival.
  virtual Result<std::vector<TrackingEvent>> ListTrackingEvents(int64_t shipment_id) = 0;
  virtual Result<std::vector<Notification>> ListNotifications(const std::string& order_no) = 0;
  // SKU → location in `warehouse`.
  virtual Result<std::map<std::string, std::string>> ListLocations(
      const std::string& warehouse) = 0;

  // Every waybill range of `carrier` (all carriers when empty), oldest first.
  virtual Result<std::vector<WaybillRange>> ListWaybillRanges(const std::string& carrier) = 0;
  // Unshipped parcels (planned or packed) of `carrier` with a box without a waybill number, by
  // id, at most `limit`.
  virtual Result<std::vector<Shipment>> ListShipmentsAwaitingWaybill(const std::string& carrier,
                                                                     int limit) = 0;

  // Orders in pending_review, awaiting_fulfillment, picking or packed, by id after `after_id`,
  // at most `limit`. Reads a few fields of each order, never its personal data.
  virtual Result<std::vector<WaitingOrder>> ListWaitingOrders(int64_t after_id, int limit) = 0;
  // (id, number) of the shipped or delivered orders shipped at or before `shipped_before`, by
  // id after `after_id`, at most `limit`.
  virtual Result<std::vector<std::pair<int64_t, std::string>>> ListOrdersToConfirm(
      Timestamp shipped_before, int64_t after_id, int limit) = 0;
  // The orders shipped at or before `shipped_before` and still not delivered that never had a
  // delivery_too_long case, by id after `after_id`, at most `limit`: the candidates of the
  // delivery watch, read through orders_to_confirm.
  virtual Result<std::vector<UndeliveredOrder>> ListUndeliveredOrders(Timestamp shipped_before,
                                                                      int64_t after_id,
                                                                      int limit) = 0;
};

}  // namespace ordo
