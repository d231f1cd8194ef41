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
#include "domain/fulfillment/waybill.h"
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
  // The carriers this wave took to (or below) the waybill_low_threshold: load their next range.
  std::vector<WaybillStock> waybills_low;
};

// Builds a wave of at most `max_orders` orders waiting for `warehouse` (paid or cash on
// delivery, approved, not yet in a wave there), by priority then age. Each order starts picking
// (if it had not) and gets a planned parcel of that warehouse with a carrier (the wave's, else
// the rules' choice for the expected weight) and a waybill number from its carrier
// (app/waybills.h), so labels can be printed at once. An order that cannot be picked yet (on
// hold, backordered, cash on delivery not re-confirmed), that no carrier takes, or whose carrier
// has no waybill numbers left is left out with its reason in wave.left_out, and the wave goes on
// with the next. 422 for a bad warehouse, carrier or max_orders; 409 nothing_to_wave when no
// order could join (out->wave.left_out says why, though nothing is stored).
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
// require_verification set (the default), unless the parcel passed verification (409
// not_verified). The parcel is packed in one box or several, each with its packaging (its box
// type's weight, or packaging_weight_g) and weight, each numbered from the carrier (app/
// waybills.h; 422 naming boxes[i] for a bad box). Their weight together is checked against the
// goods' plus the packaging (CheckWeight: weight_tolerance_percent or weight_tolerance_g): outside
// it, the pack is still recorded, and a blocking weight_mismatch case holds the order until the
// parcel is weighed again (ReweighParcel) or the case is closed.
Result<Events> PackOrderParcel(WriteTx& tx, Order& order, const PackInput& input,
                               const CommandContext& context);

// The ship transition of one parcel: refused unless the order is picking or packed and not held
// and the parcel packed; each warehouse ships its own parcel as soon as it is packed, and the
// order is shipped with its last. The carrier is the one named (one the carrier rules configure,
// matched without regard to case: 422 carrier unknown_carrier otherwise), else the one chosen for
// the parcel's wave, else the rules' choice for its packed weight (409 no_eligible_carrier); the
// reason is recorded with the parcel and in the order's history. The waybill number is the one
// named (a carrier's printed waybill, registered: 409 already_exists when issued to another
// parcel), else the parcel's, else one drawn from the carrier (app/waybills.h: 409
// no_waybill_numbers, or 409 waybill_pending while the carrier's system has not answered). The
// parcel's reserved stock is consumed and the customer notified ("order_shipped").
Result<Events> ShipOrderParcel(WriteTx& tx, Order& order, const ShipInput& input,
                               const CommandContext& context);

struct ReweighInput {
  std::string warehouse;        // may be left empty unless the order is split
  std::vector<BoxInput> boxes;  // as weighed again (one or more)
};

struct ReweighOutcome {
  Order order;
  Shipment shipment;
  WeightCheck check;
  bool case_resolved = false;  // its weight_mismatch case closed itself
};

// Weighs a packed parcel again (FUL-5), by the warehouse: the boxes and weights replace those
// recorded (what ships is what was weighed last). Within the tolerance, the parcel's live
// weight_mismatch case is resolved by the re-weighing and its hold lifted; outside it, the case
// stays open (or is opened). 404 unknown order; 409 illegal_transition unless the parcel is
// packed and has not left; 422 for bad boxes or a warehouse the order does not ship from.
WriteFn ReweighParcel(std::string order_no, ReweighInput input, CommandContext context,
                      std::shared_ptr<ReweighOutcome> out);

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
// order's delivery once every parcel is delivered. The number may be any box's of the parcel.
// 404 when no parcel of the carrier has that tracking number.
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
  std::vector<std::string> warehouses;  // holding its stock, by code
};

struct AtRiskQuery {
  int64_t within_ms = 0;
  std::string warehouse;  // empty: every warehouse; else orders holding stock there
  std::string after;      // the cursor: the key of the last entry of the previous page
  size_t limit = 50;
};

struct AtRiskPage {
  std::vector<ShipDeadline> deadlines;
  std::string next;  // the cursor of the next page; empty on the last
};

// The key a page of at-risk orders continues after: the deadline, then the order number.
std::string AtRiskKey(const ShipDeadline& deadline);

// Orders waiting for review or the warehouse whose ship-by deadline (per order class, on the
// business calendar) falls within `query.within_ms` of `now` or has passed, most urgent first
// (deadline, then order number), page by page: at most `query.limit` after `query.after`, and
// only those holding stock in `query.warehouse` when it is named. Reads only.
Result<AtRiskPage> ListAtRiskOrders(ReadView& reads, const Settings& settings, Timestamp now,
                                    const AtRiskQuery& query);

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
