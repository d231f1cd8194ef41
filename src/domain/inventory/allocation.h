// Deciding which warehouse serves which order line. Pure: the caller loads the stock levels and
// the warehouses' rules, applies the plan with StockLevel::Reserve and persists the result.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ids.h"
#include "domain/inventory/stock.h"

namespace ordo {

struct AllocationRequest {
  std::string sku;
  Quantity quantity = 0;
};

struct PlannedAllocation {
  std::string warehouse;
  Quantity quantity = 0;
};

struct LinePlan {
  std::vector<PlannedAllocation> allocations;  // Sum is what gets reserved.
  Quantity backordered = 0;                    // What no warehouse can cover now.
  // Where the backordered units wait (and are replenished): the warehouse holding the rest of
  // the order when that is one warehouse, else the nearest one. Empty when nothing is
  // backordered, or when there is no warehouse at all.
  std::string backorder_warehouse;
};

// Where an order goes: the consignee's province and city, as written on the address.
struct Destination {
  std::string province;
  std::string city;
};

// A warehouse as allocation sees it: where it stands, how strongly it is preferred among
// equally near warehouses, and which other provinces it serves as a neighbour.
struct WarehouseRule {
  std::string code;
  std::string province;
  std::string city;
  int priority = 0;  // Higher is preferred (e.g. the central warehouse over a satellite).
  // Provinces it serves beyond its own, each with a rank: 1 next door, 2 further, …
  std::vector<std::pair<std::string, int>> regions;
};

// The rules of every warehouse, sorted by code. Empty: no preference at all, every warehouse
// counts as equally near (what the planner did before warehouses had rules).
struct AllocationRules {
  std::vector<WarehouseRule> warehouses;

  // The rule of `code`, or nullptr. Requires `warehouses` sorted by code.
  const WarehouseRule* Find(std::string_view code) const;
};

// The rank of a province or warehouse nobody configured: after every configured one.
constexpr int kFarRank = 1000;
// The largest rank a region entry may carry (so that 10 + rank stays below kFarRank).
constexpr int kMaxRegionRank = 99;

// How near `warehouse` is to `destination`, smaller is nearer: 0 same city, 1 same province,
// 10 + rank for a province on its region list, kFarRank otherwise (also for nullptr).
int DistanceRank(const WarehouseRule* warehouse, const Destination& destination);

// Plans the reservation of `lines` against `stock` (every level of every SKU named, keyed by
// SKU code), for an order going to `destination`:
// - One warehouse that can fill the whole order is preferred (fewest parcels); among several,
//   the nearest (DistanceRank), then the one with the higher priority, then the one with the
//   most available units of the order's SKUs, then the first code.
// - Otherwise each line, in order, is filled from a warehouse this order already uses when that
//   one can cover the rest of the line, else from the nearest warehouses first (then priority,
//   then most available units, then code), splitting the line when needed.
// What remains is backordered (with the warehouse where it waits), so nothing is ever planned
// beyond what is available. Lines naming the same SKU share its availability. Warehouses
// without a rule are ranked kFarRank with priority 0.
std::vector<LinePlan> PlanAllocation(const std::vector<AllocationRequest>& lines,
                                     const std::map<std::string, std::vector<StockLevel>>& stock,
                                     const AllocationRules& rules, const Destination& destination);

// The same without rules or destination: every warehouse equally near.
std::vector<LinePlan> PlanAllocation(const std::vector<AllocationRequest>& lines,
                                     const std::map<std::string, std::vector<StockLevel>>& stock);

// Checks rules submitted for one warehouse: regions name a province once each, with ranks
// 1..kMaxRegionRank. Field names are the API's ("regions[1].rank").
Status ValidateWarehouseRule(const WarehouseRule& rule);

}  // namespace ordo
