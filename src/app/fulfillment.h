// Fulfilment and logistics use cases (domain.md FUL-1…5, LOG-1…4): waves, storage locations,
// scan verification, packing with the weighing check, shipping with carrier selection, tracking
// events from carriers, inspection of returned parcels, the ship-by watch and automatic
// confirmation of receipt.
//
// Parcels (domain/fulfillment/shipment.h) are per order and warehouse. The order moves with its
// least advanced parcel: packing the last parcel packs the order (Pack), shipping the last one
// ships it (Ship), the last delivery delivers it (Deliver). Earlier parcels leave "parcel_packed"
// / "parcel_shipped" in the order's history. Every write happens in the one transaction of the
// command, with the stock ledger and the audit trail.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "app/order_commands.h"
#include "domain/fulfillment/carrier.h"
#include "domain/fulfillment/shipment.h"
#include "domain/fulfillment/time_limit.h"
#include "domain/fulfillment/tracking.h"
#include "domain/fulfillment/verification.h"
#include "domain/fulfillment/wave.h"
#include "domain/settings/settings.h"

namespace ordo::app {

// --- Waves and storage locations ---

struct WaveInput {
  std::string warehouse;
  int max_orders = 0;   // 1..500
  std::string carrier;  // optional: every parcel goes with it (it must have a rule)
};

struct WaveOutcome {
  Wave wave;
  std::vector<Shipment> parcels;  // in wave order, with their carriers and waybill numbers
};

// Builds a wave of at most `max_orders` orders waiting for `warehouse` (paid or cash on
// delivery, approved, not held, nothing backordered, not yet in a wave there), by priority then
// age. Each order starts picking (if it had not) and gets a planned parcel of that warehouse
// with a carrier (the wave's, else the rules' choice for the expected weight) and a waybill
// number, so labels can be printed at once. 422 for a bad warehouse, carrier or max_orders;
// 409 nothing_to_wave when no order qualifies.
WriteFn CreateWave(WaveInput input, CommandContext context, std::shared_ptr<WaveOutcome> out);

// Records where `sku` is stored in `warehouse` (1-32 characters). 422 unknown_sku or
// unknown_warehouse when either does not exist.
WriteFn SetStorageLocation(StorageLocation location, CommandContext context,
                           std::shared_ptr<StorageLocation> out);

// --- Verification, packing, shipping (packing and shipping run inside TransitionOrder) ---

struct VerifyInput {
  std::string warehouse;  // may be left empty unless the order is split
  std::vector<ScanLine> scans;
};

struct VerifyOutcome {
  Order order;
  Shipment shipment;
  std::vector<ScanDifference> differences;  // empty: verified
  int64_t case_id = 0;                      // the verification_mismatch case, when one
};

// Compares the scans of a picking order's parcel with its contents. A match marks the parcel
// verified ("verified" in the order's history). A mismatch is recorded, not refused here: the
// order's history gets "verification_mismatch" with the differences and a
// verification_mismatch case is opened (one live case per parcel); the caller answers 409 with
// the differences. 404 unknown order; 409 illegal_transition unless the order is picking and
// the parcel not yet packed; 422 for a warehouse the order does not ship from.
WriteFn VerifyParcel(std::string order_no, VerifyInput input, CommandContext context,
                     std::shared_ptr<VerifyOutcome> out);

// The pack transition of one parcel (PackInput.warehouse, implied for a one-warehouse order):
// refused unless the order is picking and not held, and the parcel not packed yet; with
// require_verification set, unless the parcel passed verification (409 not_verified). The
// parcel's weight is checked against its SKUs' (weight_tolerance_percent): outside it, the pack
// is still recorded, and a blocking weight_mismatch case holds the order.
Result<Events> PackOrderParcel(WriteTx& tx, Order& order, const PackInput& input,
                               const Actor& actor);

// The ship transition of one parcel: refused unless the order is packed and not held and the
// parcel packed. The carrier is the one named, else the one chosen for the parcel's wave, else
// the rules' choice for its packed weight (409 no_eligible_carrier); the reason is recorded with
// the parcel and in the order's history. The parcel's reserved stock is consumed and the
// customer notified ("order_shipped").
Result<Events> ShipOrderParcel(WriteTx& tx, Order& order, const ShipInput& input,
                               const Actor& actor);

// Brings the order's parcels in line with it after a transition: a delivered order's parcels
// with the carrier become delivered; a cancelled or closed order's unshipped parcels cancelled.
Status SettleShipments(WriteTx& tx, const Order& order, const Actor& actor);

// --- Tracking and returns ---

struct TrackingInput {
  std::string carrier;
  std::string tracking_no;
  std::string event_id;
  TrackingStatus status = TrackingStatus::kInTransit;
  Timestamp at;
  std::string location;
};

struct TrackingOutcome {
  bool duplicate = false;  // the event id was recorded before: nothing changed
  TrackingEvent event;
  Shipment shipment;
  std::optional<OrderStatus> order_status;
};

// Records a carrier's tracking event and applies it (domain/fulfillment/tracking.h): the
// parcel's status, a logistics_* case and a customer notification for an exception, and the
// order's delivery once every parcel is delivered. 404 when no parcel of the carrier has that
// tracking number.
WriteFn RecordTrackingEvent(TrackingInput input, CommandContext context,
                            std::shared_ptr<TrackingOutcome> out);

struct InspectInput {
  bool passed = false;
  std::string note;
};

struct InspectOutcome {
  Shipment shipment;
  std::vector<LedgerEntry> entries;  // the "return" movements, when it passed
};

// Inspects a parcel returned to the sender: passed, its units go back on hand in its warehouse
// (ledger "return"); failed, they are written off. 404 unknown parcel; 409 illegal_transition
// unless the parcel is returned and not yet inspected.
WriteFn InspectReturn(int64_t shipment_id, InspectInput input, CommandContext context,
                      std::shared_ptr<InspectOutcome> out);

// Puts returned units back on hand in `warehouse` (one ledger "return" entry per line, with
// `reason`, appended to `entries`), then lets them serve the orders waiting for them. Shared by
// the inspection of parcels returned to the sender and of after-sales returns (app/aftersales.h).
Status ReturnUnitsToStock(WriteTx& tx, const std::string& warehouse, const std::string& order_no,
                          const std::vector<ShipmentLine>& lines, const std::string& reason,
                          const Actor& actor, std::vector<LedgerEntry>& entries);

// --- Time limits and confirmation of receipt ---

struct ShipDeadline {
  ShipClock clock;
  Timestamp started_at;
  Timestamp deadline;
  Responsibility responsible;  // stage and department; the person only for breaches
};

// Orders waiting for review or the warehouse whose ship-by deadline (per order class, on the
// business calendar) falls within `within_ms` of `now` or has passed, most urgent first, at
// most `limit`. Reads only.
Result<std::vector<ShipDeadline>> ListAtRiskOrders(ReadView& reads, const Settings& settings,
                                                   Timestamp now, int64_t within_ms, size_t limit);

// Orders past their deadline with no ship_time_limit_breached case yet, with the person who
// answers for the late stage read from their history. Reads only.
Result<std::vector<ShipDeadline>> FindShipLimitBreaches(ReadView& reads, const Settings& settings,
                                                        Timestamp now);

// Opens a (non-blocking) ship_time_limit_breached case for each breach whose order still waits,
// naming the stage, department and person. `opened` counts the cases opened.
WriteFn RecordShipLimitBreaches(std::vector<ShipDeadline> breaches, CommandContext context,
                                std::shared_ptr<int> opened);

// Opens a delivery_too_long case (EXC-1 "delivery too long") for each of `orders` still shipped
// and not delivered past the promise of its shipping service (settings deliver_within_hours).
// `opened` counts the cases opened.
WriteFn RecordLateDeliveries(std::vector<UndeliveredOrder> orders, CommandContext context,
                             std::shared_ptr<int> opened);

// Confirms receipt (LOG-4) of the named orders shipped at least `auto_confirm_days` ago:
// delivered (if the carrier has not said so) and completed; one refunded in full is closed
// instead. Paused, as the platforms do, while people must settle something: an order on hold,
// a parcel lost, damaged, refused, undeliverable or returned, an open logistics case (one the
// carrier reported), or an after-sales case under way. A cash-on-delivery order is
// confirmed only once its delivery was reported (its cash is collected on a real delivery).
// `confirmed` counts them.
WriteFn ConfirmReceipts(std::vector<std::string> order_nos, int64_t auto_confirm_days,
                        CommandContext context, std::shared_ptr<int> confirmed);

}  // namespace ordo::app
