#include "domain/inventory/allocation.h"

#include <algorithm>

namespace ordo {
namespace {

using Availability = std::map<std::string, std::map<std::string, Quantity>>;  // sku → wh → q

Availability AvailabilityOf(const std::map<std::string, std::vector<StockLevel>>& stock) {
  Availability result;
  for (const auto& [sku, levels] : stock) {
    for (const StockLevel& level : levels) {
      result[sku][level.warehouse()] = level.available();
    }
  }
  return result;
}

// The warehouse that can fill every line on its own, or "" when none can.
std::string SingleWarehouse(const std::vector<AllocationRequest>& lines,
                            const Availability& available) {
  std::map<std::string, Quantity> total_need;
  for (const AllocationRequest& line : lines) {
    total_need[line.sku] += line.quantity;
  }
  std::string best;
  Quantity best_units = -1;
  std::map<std::string, bool> candidates;
  for (const auto& [sku, per_warehouse] : available) {
    for (const auto& [warehouse, quantity] : per_warehouse) {
      candidates.emplace(warehouse, true);
    }
  }
  for (const auto& [warehouse, unused] : candidates) {
    Quantity units = 0;
    bool fills = true;
    for (const auto& [sku, quantity] : total_need) {
      auto sku_it = available.find(sku);
      Quantity have = 0;
      if (sku_it != available.end()) {
        auto wh_it = sku_it->second.find(warehouse);
        have = wh_it == sku_it->second.end() ? 0 : wh_it->second;
      }
      if (have < quantity) {
        fills = false;
        break;
      }
      units += have;
    }
    if (fills && units > best_units) {
      best = warehouse;
      best_units = units;
    }
  }
  return best;
}

}  // namespace

std::vector<LinePlan> PlanAllocation(const std::vector<AllocationRequest>& lines,
                                     const std::map<std::string, std::vector<StockLevel>>& stock) {
  Availability available = AvailabilityOf(stock);
  std::vector<LinePlan> plans(lines.size());
  const std::string single = SingleWarehouse(lines, available);
  for (size_t i = 0; i < lines.size(); ++i) {
    Quantity remaining = lines[i].quantity;
    auto& per_warehouse = available[lines[i].sku];
    if (!single.empty()) {
      per_warehouse[single] -= remaining;
      plans[i].allocations.push_back({single, remaining});
      continue;
    }
    std::vector<std::pair<std::string, Quantity>> order(per_warehouse.begin(),
                                                        per_warehouse.end());
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [warehouse, quantity] : order) {
      if (remaining == 0) {
        break;
      }
      const Quantity take = std::min(remaining, quantity);
      if (take <= 0) {
        continue;
      }
      per_warehouse[warehouse] -= take;
      remaining -= take;
      plans[i].allocations.push_back({warehouse, take});
    }
    plans[i].backordered = remaining;
  }
  return plans;
}

}  // namespace ordo
