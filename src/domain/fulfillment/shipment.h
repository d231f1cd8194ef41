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
#include "base/enum_names.h"
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

inline constexpr EnumName<ShipmentStatus> kShipmentStatusNames[] = {
    {ShipmentStatus::kPlanned, "planned"},
    {ShipmentStatus::kPacked, "packed"},
    {ShipmentStatus::kShipped, "shipped"},
    {ShipmentStatus::kInTransit, "in_transit"},
    {ShipmentStatus::kOutForDelivery, "out_for_delivery"},
    {ShipmentStatus::kDelivered, "delivered"},
    {ShipmentStatus::kLost, "lost"},
    {ShipmentStatus::kDamaged, "damaged"},
    {ShipmentStatus::kRefused, "refused"},
    {ShipmentStatus::kUndeliverable, "undeliverable"},
    {ShipmentStatus::kReturned, "returned"},
    {ShipmentStatus::kInspected, "inspected"},
    {ShipmentStatus::kCancelled, "cancelled"},
};
constexpr std::span<const EnumName<ShipmentStatus>> EnumNames(ShipmentStatus) {
  return kShipmentStatusNames;
}
static_assert(IsNameTable(kShipmentStatusNames));

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

// One box of a parcel. A heavy or bulky parcel goes out in several boxes, each with its own
// label, waybill number and weight; box 1 carries the parcel's own number (母单号), the others
// their own (子单号).
struct ParcelBox {
  int no = 1;               // 1..boxes
  std::string tracking_no;  // empty until drawn
  std::string box_type;     // the packaging chosen at packing; empty: the default packaging
  int64_t packaging_g = 0;  // the packaging's weight
  int64_t weight_g = 0;     // as weighed; 0 until packed
};

// A parcel goes out in at most this many boxes.
constexpr int kMaxParcelBoxes = 20;

// A kind of packaging the warehouse packs in (settings box_types), chosen at packing.
struct BoxType {
  std::string code;  // "S1", "BAG", …
  std::string name;  // "小号纸箱"
  int64_t weight_g = 0;
};

// The cartons and bags of a typical e-commerce warehouse.
std::vector<BoxType> DefaultBoxTypes();

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
  // The boxes it goes out in, box 1 first (tracking_no is box 1's number). Empty for a parcel
  // planned without a carrier and never packed: one box.
  std::vector<ParcelBox> boxes;
  int64_t packed_weight_g = 0;  // the boxes' weights together
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

  // The goods' weight from the SKUs (packaging not included).
  int64_t expected_weight_g() const;
  // The boxes, or one box carrying tracking_no when none were planned.
  std::vector<ParcelBox> box_list() const;
  // The packaging of every box together.
  int64_t packaging_g() const;
  // How many of its boxes wait for their waybill number (0 without a carrier: nothing to ask).
  int waybills_missing() const;
};

// The warehouses holding stock for `order` (allocations above zero), in code order.
std::vector<std::string> WarehousesOf(const Order& order);

// What the parcel of `warehouse` holds: per line, the units allocated there (lines without any
// are left out), with names and unit weights from the order.
std::vector<ShipmentLine> ParcelLines(const Order& order, const std::string& warehouse);

// A new planned parcel of `order` from `warehouse`, created at `at`.
Shipment PlanShipment(const Order& order, const std::string& warehouse, Timestamp at);

// What the courier collects for the parcel of a cash-on-delivery order (代收货款): the price of
// the units it carries. 0 for an order paid online.
int64_t CodAmountOfParcel(const Order& order, const Shipment& parcel);

// Moves the parcel's units from reserved to shipped on the order's lines (a parcel that ships
// before the others of a split order; the last parcel ships through Ship() in order.h).
void MarkParcelShipped(Order& order, const Shipment& shipment);

// The weighing check (FUL-5): the parcel is expected to weigh its goods (the SKUs' weights) plus
// its packaging, and may differ from that by the larger of `tolerance_percent` of it and
// `tolerance_g` grams, bounds included (a small parcel's carton outweighs any percentage). With
// no goods' weight (SKUs without a weight) nothing can be judged: within.
struct WeightTolerance {
  int64_t percent = 10;
  int64_t grams = 0;
};

struct WeightCheck {
  bool within = true;
  int64_t goods_g = 0;
  int64_t packaging_g = 0;
  int64_t expected_g = 0;  // goods and packaging
  int64_t measured_g = 0;
  int64_t lower_g = 0;  // smallest whole-gram weight accepted
  int64_t upper_g = 0;  // largest whole-gram weight accepted
  int64_t tolerance_percent = 0;
  int64_t tolerance_g = 0;
  std::string explanation;  // observed against expected and the bounds
};

WeightCheck CheckWeight(int64_t goods_g, int64_t packaging_g, int64_t measured_g,
                        const WeightTolerance& tolerance);

}  // namespace ordo
