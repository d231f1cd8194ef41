#include "domain/fulfillment/shipment.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <limits>

#include "base/money.h"

namespace ordo {
namespace {

// "+12.5%" of `delta` against `base` (base > 0), to one decimal; "far off" when the ratio does
// not fit.
std::string Percent(int64_t delta, int64_t base) {
  int64_t scaled = 0;
  if (delta == std::numeric_limits<int64_t>::min() ||
      !CheckedMultiply(std::llabs(delta), 1000, &scaled) ||
      !CheckedAdd(scaled, base / 2, &scaled)) {
    return "far off";
  }
  const int64_t tenths = scaled / base;
  return std::string(delta < 0 ? "-" : "+") + std::to_string(tenths / 10) + "." +
         std::to_string(tenths % 10) + "%";
}

}  // namespace

std::string_view ShipmentStatusName(ShipmentStatus status) {
  return Name(status);
}

std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view text) {
  return ParseEnum<ShipmentStatus>(text);
}

bool CameBack(ShipmentStatus status) {
  return status == ShipmentStatus::kRefused || status == ShipmentStatus::kUndeliverable ||
         status == ShipmentStatus::kReturned || status == ShipmentStatus::kInspected;
}

bool IsWithCarrier(ShipmentStatus status) {
  switch (status) {
    case ShipmentStatus::kShipped:
    case ShipmentStatus::kInTransit:
    case ShipmentStatus::kOutForDelivery:
    case ShipmentStatus::kDelivered:
    case ShipmentStatus::kLost:
    case ShipmentStatus::kDamaged:
    case ShipmentStatus::kRefused:
    case ShipmentStatus::kUndeliverable:
      return true;
    default:
      return false;
  }
}

int64_t Shipment::expected_weight_g() const {
  int64_t total = 0;
  for (const ShipmentLine& line : lines) {
    total += line.unit_weight_g * line.quantity;
  }
  return total;
}

std::vector<BoxType> DefaultBoxTypes() {
  return {{"BAG", "快递袋", 15},
          {"S1", "小号纸箱", 60},
          {"M3", "中号纸箱", 150},
          {"L5", "大号纸箱", 350},
          {"XL", "特大纸箱", 800}};
}

std::vector<ParcelBox> Shipment::box_list() const {
  if (!boxes.empty()) {
    return boxes;
  }
  return {ParcelBox{1, tracking_no, "", 0, packed_weight_g}};
}

int64_t Shipment::packaging_g() const {
  int64_t total = 0;
  for (const ParcelBox& box : boxes) {
    total += box.packaging_g;
  }
  return total;
}

int Shipment::waybills_missing() const {
  if (carrier.empty()) {
    return 0;
  }
  int missing = 0;
  for (const ParcelBox& box : box_list()) {
    missing += box.tracking_no.empty() ? 1 : 0;
  }
  return missing;
}

std::vector<std::string> WarehousesOf(const Order& order) {
  std::vector<std::string> warehouses;
  for (const OrderLine& line : order.lines) {
    for (const Allocation& allocation : line.allocations) {
      if (allocation.quantity > 0 && std::find(warehouses.begin(), warehouses.end(),
                                               allocation.warehouse) == warehouses.end()) {
        warehouses.push_back(allocation.warehouse);
      }
    }
  }
  std::sort(warehouses.begin(), warehouses.end());
  return warehouses;
}

std::vector<ShipmentLine> ParcelLines(const Order& order, const std::string& warehouse) {
  std::vector<ShipmentLine> lines;
  for (const OrderLine& line : order.lines) {
    Quantity quantity = 0;
    for (const Allocation& allocation : line.allocations) {
      if (allocation.warehouse == warehouse) {
        quantity += allocation.quantity;
      }
    }
    if (quantity > 0) {
      lines.push_back({line.sku, line.name, line.spec, quantity, line.weight_g});
    }
  }
  return lines;
}

Shipment PlanShipment(const Order& order, const std::string& warehouse, Timestamp at) {
  Shipment shipment;
  shipment.order_no = order.order_no;
  shipment.warehouse = warehouse;
  shipment.lines = ParcelLines(order, warehouse);
  shipment.created_at = at;
  return shipment;
}

int64_t CodAmountOfParcel(const Order& order, const Shipment& parcel) {
  if (order.payment_method != PaymentMethod::kCod) {
    return 0;
  }
  int64_t amount = 0;
  for (const ShipmentLine& item : parcel.lines) {
    auto line = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const OrderLine& l) { return l.sku == item.sku; });
    if (line != order.lines.end()) {
      amount += line->unit_price_amount * item.quantity;
    }
  }
  return std::min(amount, order.total_amount);
}

void MarkParcelShipped(Order& order, const Shipment& shipment) {
  for (const ShipmentLine& parcel_line : shipment.lines) {
    Quantity left = parcel_line.quantity;
    for (OrderLine& line : order.lines) {
      if (line.sku != parcel_line.sku || left == 0) {
        continue;
      }
      const Quantity moved = std::min(left, line.quantity_reserved);
      line.quantity_reserved -= moved;
      line.quantity_shipped += moved;
      left -= moved;
    }
    ORDO_ASSERT(left == 0);
  }
}

WeightCheck CheckWeight(int64_t goods_g, int64_t packaging_g, int64_t measured_g,
                        const WeightTolerance& tolerance) {
  WeightCheck check;
  check.goods_g = goods_g;
  check.packaging_g = packaging_g;
  check.expected_g = goods_g + packaging_g;
  check.measured_g = measured_g;
  check.tolerance_percent = tolerance.percent;
  check.tolerance_g = tolerance.grams;
  if (goods_g <= 0) {
    check.explanation = "measured " + std::to_string(measured_g) +
                        " g; the SKUs carry no weight, so nothing was compared";
    return check;
  }
  const int64_t expected = check.expected_g;
  // The allowance: the larger of the percentage (rounded down to whole grams) and the grams.
  // Every step is checked: a weight so far off that a step overflows is outside any tolerance,
  // and the bounds saturate.
  constexpr int64_t kMost = std::numeric_limits<int64_t>::max();
  int64_t scaled = 0;
  const int64_t by_percent =
      CheckedMultiply(expected, tolerance.percent, &scaled) ? scaled / 100 : kMost;
  const int64_t allowance = std::max(by_percent, tolerance.grams);
  check.lower_g = expected > allowance ? expected - allowance : 0;
  int64_t upper = 0;
  check.upper_g = CheckedAdd(expected, allowance, &upper) ? upper : kMost;
  int64_t delta = 0;
  const bool fits = CheckedAdd(measured_g, -expected, &delta) &&
                    delta != std::numeric_limits<int64_t>::min();
  check.within = fits && std::llabs(delta) <= allowance;
  check.explanation =
      "measured " + std::to_string(measured_g) + " g, expected " + std::to_string(expected) +
      " g (" + std::to_string(goods_g) + " g from the SKUs + " + std::to_string(packaging_g) +
      " g packaging; " +
      (fits ? (delta >= 0 ? "+" : "") + std::to_string(delta) + " g, " + Percent(delta, expected)
            : std::string("far off")) +
      "); a tolerance of " + std::to_string(tolerance.percent) + "% or " +
      std::to_string(tolerance.grams) + " g accepts " + std::to_string(check.lower_g) + "–" +
      std::to_string(check.upper_g) + " g";
  return check;
}

}  // namespace ordo
