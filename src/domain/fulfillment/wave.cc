#include "domain/fulfillment/wave.h"

#include <algorithm>

#include "domain/order/cod.h"

namespace ordo {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// -1, 0 or 1 comparing the digit runs at the start of `a` and `b` by value.
int CompareNumbers(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') {
    a.remove_prefix(1);
  }
  while (b.size() > 1 && b.front() == '0') {
    b.remove_prefix(1);
  }
  if (a.size() != b.size()) {
    return a.size() < b.size() ? -1 : 1;
  }
  return a < b ? -1 : (a == b ? 0 : 1);
}

}  // namespace

std::string Wave::wave_no() const {
  std::string digits = std::to_string(id);
  if (digits.size() < 6) {
    digits.insert(0, 6 - digits.size(), '0');
  }
  return "W" + digits;
}

Status CheckPickable(const Order& order) {
  if (order.on_hold()) {
    return Status::Conflict(Code::kOrderOnHold,
                            "order " + order.order_no + " is on hold until its abnormal case " +
                                std::to_string(order.holds.front()) + " is closed");
  }
  if (order.has_backorder()) {
    return Status::Conflict(Code::kBackordered,
                            "order " + order.order_no + " has lines waiting for stock");
  }
  return CheckCodConfirmed(order);
}

std::vector<WaveCandidate> SelectWaveOrders(std::vector<WaveCandidate> candidates,
                                            size_t max_orders) {
  std::sort(candidates.begin(), candidates.end(),
            [](const WaveCandidate& a, const WaveCandidate& b) {
              if (a.priority != b.priority) {
                return a.priority > b.priority;
              }
              if (a.created_at != b.created_at) {
                return a.created_at < b.created_at;
              }
              return a.order_id < b.order_id;
            });
  if (candidates.size() > max_orders) {
    candidates.resize(max_orders);
  }
  return candidates;
}

bool LocationBefore(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) {
    return !a.empty() && b.empty();
  }
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      size_t i_end = i;
      size_t j_end = j;
      while (i_end < a.size() && IsDigit(a[i_end])) {
        ++i_end;
      }
      while (j_end < b.size() && IsDigit(b[j_end])) {
        ++j_end;
      }
      const int order = CompareNumbers(a.substr(i, i_end - i), b.substr(j, j_end - j));
      if (order != 0) {
        return order < 0;
      }
      i = i_end;
      j = j_end;
      continue;
    }
    if (a[i] != b[j]) {
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    }
    ++i;
    ++j;
  }
  if (i < a.size() || j < b.size()) {
    return j < b.size();  // the shorter one comes first
  }
  return a < b;  // equal by value ("A-02" vs "A-2"): by bytes, so the order is strict
}

std::vector<PickLine> BuildPickLines(const std::vector<Shipment>& parcels,
                                     const std::map<std::string, std::string>& locations) {
  std::vector<PickLine> lines;
  for (const Shipment& parcel : parcels) {
    if (parcel.status == ShipmentStatus::kCancelled) {
      continue;  // its order was cancelled or changed: nothing of it is picked
    }
    for (const ShipmentLine& item : parcel.lines) {
      auto line = std::find_if(lines.begin(), lines.end(),
                               [&](const PickLine& l) { return l.sku == item.sku; });
      if (line == lines.end()) {
        auto location = locations.find(item.sku);
        lines.push_back({location == locations.end() ? "" : location->second,
                         item.sku,
                         item.name,
                         item.spec,
                         0,
                         {}});
        line = lines.end() - 1;
      }
      line->quantity += item.quantity;
      line->orders.emplace_back(parcel.order_no, item.quantity);
    }
  }
  std::stable_sort(lines.begin(), lines.end(), [](const PickLine& a, const PickLine& b) {
    if (a.location != b.location) {
      return LocationBefore(a.location, b.location);
    }
    return a.sku < b.sku;
  });
  return lines;
}

}  // namespace ordo
