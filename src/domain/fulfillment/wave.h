// Waves (波次): a batch of orders picked together in one warehouse (domain.md FUL-4, EVT-2).
// A wave takes the orders waiting for that warehouse by priority, then age; each order's parcel
// of that warehouse belongs to at most one wave. Its pick list walks the warehouse in storage
// location order and sums each SKU over the wave's orders.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/ids.h"
#include "domain/fulfillment/shipment.h"

namespace ordo {

struct Wave {
  int64_t id = 0;  // assigned by the store
  std::string warehouse;
  std::string carrier;  // named when the wave was built; empty: chosen per parcel by the rules
  int max_orders = 0;
  Timestamp created_at;
  std::string created_by;

  // "W000042": printed on the pick list and its barcode.
  std::string wave_no() const;
};

// An order that may join a wave.
struct WaveCandidate {
  std::string order_no;
  int64_t order_id = 0;
  int priority = 0;
  Timestamp created_at;
};

// The first `max_orders` of `candidates` by priority (highest first), then age (oldest first),
// then order id.
std::vector<WaveCandidate> SelectWaveOrders(std::vector<WaveCandidate> candidates,
                                            size_t max_orders);

// Compares storage locations as warehouse staff read them: runs of digits by value ("A-2"
// before "A-10"), other characters byte by byte; an empty (unassigned) location comes last.
bool LocationBefore(std::string_view a, std::string_view b);

struct PickLine {
  std::string location;  // empty: no location recorded for the SKU in this warehouse
  std::string sku;
  std::string name;
  std::string spec;
  Quantity quantity = 0;
  std::vector<std::pair<std::string, Quantity>> orders;  // order number → units, wave order
};

// The pick list of `parcels` (in wave order): one line per SKU with its location from
// `locations` (SKU → location), sorted by location then SKU. Cancelled parcels (their order
// was cancelled, or changed so that nothing is left to pick there) are left out.
std::vector<PickLine> BuildPickLines(const std::vector<Shipment>& parcels,
                                     const std::map<std::string, std::string>& locations);

}  // namespace ordo
