// Shipments (parcels): what one warehouse sends for one order (domain.md §12 "one or more
// shipments per order"). An order whose stock sits in one warehouse has one parcel; a split order
// has one per warehouse, each verified, packed, weighed, shipped and tracked on its own.
//
// A parcel is planned when a wave takes its order (or when it is first verified or packed
// without a wave), packed with its measured weight, shipped with a carrier and tracking number,
// then follows the carrier's tracking events (domain/fulfillment/tracking.h). The order's own
// status is that of its least advanced parcel: it is packed when every parcel is packed, shipped
// when every parcel is shipped, delivered when every parcel is delivered.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "domain/order/order.h"

namespace ordo {

enum class ShipmentStatus {
  kPlanned,         // In a wave (or being verified): not packed yet.
  kPacked,          // Packed and weighed.
  kShipped,         // Handed to the carrier; its stock consumed.
  kInTransit,       // The carrier reports it moving.
  kOutForDelivery,  // With the courier for delivery.
  kDelivered,       // Signed for.
  kLost,            // The carrier reports it lost.
  kDamaged,         // The carrier reports it damaged.
  kRefused,         // The consignee refused it.
  kUndeliverable,   // The carrier could not deliver it (address, unreachable consignee).
  kReturned,        // Back at the sender: waits for inspection.
  kInspected,       // Returned and inspected: back in stock (passed) or written off.
  kCancelled,       // Its order was cancelled before it shipped.
};

std::string_view ShipmentStatusName(ShipmentStatus status);
std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view text);
// Shipped and not yet back or cancelled: the carrier has it (or had it and delivered it).
bool IsWithCarrier(ShipmentStatus status);
// Refused, undeliverable, returned or inspected: the parcel is on its way back to the sender or
// back there; its units never reached the customer.
bool CameBack(ShipmentStatus status);

struct ShipmentLine {
  std::string sku;
  std::string name;
  std::string spec;
  Quantity quantity = 0;
  int64_t unit_weight_g = 0;
};

struct Shipment {
  int64_t id = 0;  // assigned by the store
  std::string order_no;
  std::string warehouse;
  int64_t wave_id = 0;  // 0: not in a wave
  int wave_position = 0;
  ShipmentStatus status = ShipmentStatus::kPlanned;
  std::string carrier;
  std::string carrier_reason;  // why this carrier (rules, a wave's choice, or named by staff)
  std::string tracking_no;
  std::vector<ShipmentLine> lines;
  int64_t packed_weight_g = 0;
  bool verified = false;  // the scan verification matched
  bool delayed = false;   // the carrier reported a delay
  Timestamp created_at;
  std::optional<Timestamp> packed_at;
  std::optional<Timestamp> shipped_at;
  std::optional<Timestamp> delivered_at;
  std::optional<Timestamp> returned_at;
  std::optional<Timestamp> last_event_at;  // time of the newest tracking event applied
  std::string last_location;
  std::string inspection;  // "", "passed" or "failed"
  std::string inspection_note;

  int64_t expected_weight_g() const;
};

// The warehouses holding stock for `order` (allocations above zero), in code order.
std::vector<std::string> WarehousesOf(const Order& order);

// What the parcel of `warehouse` holds: per line, the units allocated there (lines without any
// are left out), with names and unit weights from the order.
std::vector<ShipmentLine> ParcelLines(const Order& order, const std::string& warehouse);

// A new planned parcel of `order` from `warehouse`, created at `at`.
Shipment PlanShipment(const Order& order, const std::string& warehouse, Timestamp at);

// Moves the parcel's units from reserved to shipped on the order's lines (a parcel that ships
// before the others of a split order; the last parcel ships through Ship() in order.h).
void MarkParcelShipped(Order& order, const Shipment& shipment);

// The weighing check (FUL-5): the measured weight may differ from the expected one (the sum of
// the SKUs' weights) by at most `tolerance_percent` of the expected weight, bounds included.
// With no expected weight (SKUs without a weight) nothing can be judged: within.
struct WeightCheck {
  bool within = true;
  int64_t expected_g = 0;
  int64_t measured_g = 0;
  int64_t lower_g = 0;  // smallest whole-gram weight accepted
  int64_t upper_g = 0;  // largest whole-gram weight accepted
  int64_t tolerance_percent = 0;
  std::string explanation;  // observed against expected and the bounds
};

WeightCheck CheckWeight(int64_t expected_g, int64_t measured_g, int64_t tolerance_percent);

}  // namespace ordo
