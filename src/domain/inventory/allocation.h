// Deciding which warehouse serves which order line. Pure: the caller loads the stock levels,
// applies the plan with StockLevel::Reserve and persists the result.
#pragma once

#include <map>
#include <string>
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
};

// Plans the reservation of `lines` against `stock` (every level of every SKU named, keyed by
// SKU code). Prefers one warehouse that can fill the whole order (fewest parcels; ties go to the
// warehouse with the most available units, then its code); otherwise fills each line from the
// warehouses with the most available units first, splitting a line when needed. What remains
// is backordered, so nothing is ever planned beyond what is available. Lines naming the same
// SKU share its availability.
std::vector<LinePlan> PlanAllocation(const std::vector<AllocationRequest>& lines,
                                     const std::map<std::string, std::vector<StockLevel>>& stock);

}  // namespace ordo
