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
#include "base/status.h"
#include "domain/fulfillment/shipment.h"

namespace ordo {

// An order waiting for a warehouse that a wave did not take, and why: it cannot be picked yet.
// `code` is the stable code of the reason (order_on_hold, backordered, cod_not_confirmed,
// no_eligible_carrier, no_waybill_numbers), `message` says it in words.
struct WaveLeftOut {
  std::string order_no;
  Code code = Code::kOk;
  std::string message;
};

struct Wave {
  int64_t id = 0;  // assigned by the store
  std::string warehouse;
  std::string carrier;  // named when the wave was built; empty: chosen per parcel by the rules
  int max_orders = 0;
  Timestamp created_at;
  std::string created_by;
  // The orders the wave looked at and left out (at most kMaxWaveLeftOutListed of them), in the
  // order it looked at them.
  std::vector<WaveLeftOut> left_out;
  int left_out_count = 0;  // all the orders it left out, listed or not

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

// A wave lists at most this many of the orders it left out (it counts them all).
constexpr size_t kMaxWaveLeftOutListed = 100;

// Why `order` cannot be picked yet, or Ok: held by a blocking abnormal case (order_on_hold), a
// line waiting for stock (backordered), cash on delivery not yet re-confirmed with the customer
// (cod_not_confirmed, REV-2). All kConflict.
Status CheckPickable(const Order& order);

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
