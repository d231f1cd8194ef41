#include "domain/inventory/allocation.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace ordo {
namespace {

// One warehouse holding a level of at least one SKU of the order. The planner runs on the
// store's writer for every order, so it works on small vectors indexed by position rather than
// on maps keyed by strings.
struct Site {
  const std::string* code = nullptr;
  int rank = kFarRank;
  int priority = 0;
  bool used = false;  // this order already takes units from it
};

// The order's SKUs (distinct) and the units available of each in each site, sku-major.
struct Board {
  std::vector<const std::string*> skus;
  std::vector<size_t> line_sku;  // per line, its index in `skus`
  std::vector<Site> sites;
  std::vector<Quantity> available;  // available[s * sites.size() + w]

  Quantity& At(size_t sku, size_t site) { return available[sku * sites.size() + site]; }
};

// True when `a` is preferred to `b` by nearness, then priority (the rest is the caller's).
bool Nearer(const Site& a, const Site& b) {
  if (a.rank != b.rank) {
    return a.rank < b.rank;
  }
  return a.priority > b.priority;
}

Board BuildBoard(const std::vector<AllocationRequest>& lines,
                 const std::map<std::string, std::vector<StockLevel>>& stock,
                 const AllocationRules& rules, const Destination& destination) {
  Board board;
  std::vector<const std::vector<StockLevel>*> levels_of;
  for (const AllocationRequest& line : lines) {
    auto known = std::find_if(board.skus.begin(), board.skus.end(),
                              [&](const std::string* sku) { return *sku == line.sku; });
    board.line_sku.push_back(static_cast<size_t>(known - board.skus.begin()));
    if (known != board.skus.end()) {
      continue;
    }
    board.skus.push_back(&line.sku);
    auto it = stock.find(line.sku);
    levels_of.push_back(it == stock.end() ? nullptr : &it->second);
    if (it == stock.end()) {
      continue;
    }
    for (const StockLevel& level : it->second) {
      const bool seen = std::any_of(board.sites.begin(), board.sites.end(),
                                    [&](const Site& s) { return *s.code == level.warehouse(); });
      if (!seen) {
        const WarehouseRule* rule = rules.Find(level.warehouse());
        board.sites.push_back(Site{&level.warehouse(), DistanceRank(rule, destination),
                                   rule == nullptr ? 0 : rule->priority, false});
      }
    }
  }
  // Sites in code order, so that every remaining tie goes to the first code.
  std::sort(board.sites.begin(), board.sites.end(),
            [](const Site& a, const Site& b) { return *a.code < *b.code; });
  board.available.assign(board.skus.size() * board.sites.size(), 0);
  for (size_t s = 0; s < board.skus.size(); ++s) {
    if (levels_of[s] == nullptr) {
      continue;
    }
    for (const StockLevel& level : *levels_of[s]) {
      for (size_t w = 0; w < board.sites.size(); ++w) {
        if (*board.sites[w].code == level.warehouse()) {
          board.At(s, w) = std::max<Quantity>(level.available(), 0);
          break;
        }
      }
    }
  }
  return board;
}

// The site that can fill every line on its own, or sites.size() when none can.
size_t SingleSite(const std::vector<AllocationRequest>& lines, Board& board) {
  std::vector<Quantity> need(board.skus.size(), 0);
  for (size_t i = 0; i < lines.size(); ++i) {
    need[board.line_sku[i]] += lines[i].quantity;
  }
  size_t best = board.sites.size();
  Quantity best_units = -1;
  for (size_t w = 0; w < board.sites.size(); ++w) {
    Quantity units = 0;
    bool fills = true;
    for (size_t s = 0; s < need.size() && fills; ++s) {
      fills = board.At(s, w) >= need[s];
      units += board.At(s, w);
    }
    if (!fills) {
      continue;
    }
    const bool better = best == board.sites.size() || Nearer(board.sites[w], board.sites[best]) ||
                        (!Nearer(board.sites[best], board.sites[w]) && units > best_units);
    if (better) {
      best = w;
      best_units = units;
    }
  }
  return best;
}

// Fills one line from the sites in preference order, splitting it when needed.
void FillLine(Board& board, size_t sku, Quantity quantity, LinePlan& plan) {
  std::vector<size_t> order(board.sites.size());
  for (size_t w = 0; w < order.size(); ++w) {
    order[w] = w;
  }
  auto key = [&](size_t w) {
    const Site& site = board.sites[w];
    const bool finishes_in_used = site.used && board.At(sku, w) >= quantity;
    return std::make_tuple(!finishes_in_used, site.rank, -site.priority, -board.At(sku, w));
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key(a) < key(b); });
  Quantity remaining = quantity;
  for (size_t w : order) {
    if (remaining == 0) {
      break;
    }
    const Quantity take = std::min(remaining, board.At(sku, w));
    if (take <= 0) {
      continue;
    }
    board.At(sku, w) -= take;
    board.sites[w].used = true;
    remaining -= take;
    plan.allocations.push_back({*board.sites[w].code, take});
  }
  plan.backordered = remaining;
}

// Where backordered units of this order wait: the one warehouse the order uses, else the
// nearest warehouse known (by rule, else by stock), else none.
std::string HomeWarehouse(const Board& board, const AllocationRules& rules,
                          const Destination& destination) {
  const Site* only = nullptr;
  int used = 0;
  for (const Site& site : board.sites) {
    if (site.used) {
      only = &site;
      ++used;
    }
  }
  if (used == 1) {
    return *only->code;
  }
  const WarehouseRule* nearest = nullptr;
  Site nearest_site;
  for (const WarehouseRule& rule : rules.warehouses) {
    Site site{&rule.code, DistanceRank(&rule, destination), rule.priority, false};
    if (nearest == nullptr || Nearer(site, nearest_site)) {
      nearest = &rule;
      nearest_site = site;
    }
  }
  if (nearest != nullptr) {
    return nearest->code;
  }
  const Site* best = nullptr;
  for (const Site& site : board.sites) {
    if (best == nullptr || Nearer(site, *best)) {
      best = &site;
    }
  }
  return best == nullptr ? std::string() : *best->code;
}

}  // namespace

const WarehouseRule* AllocationRules::Find(std::string_view code) const {
  auto it = std::lower_bound(
      warehouses.begin(), warehouses.end(), code,
      [](const WarehouseRule& rule, std::string_view wanted) { return rule.code < wanted; });
  return it != warehouses.end() && it->code == code ? &*it : nullptr;
}

int DistanceRank(const WarehouseRule* warehouse, const Destination& destination) {
  if (warehouse == nullptr || destination.province.empty()) {
    return kFarRank;
  }
  if (warehouse->province == destination.province) {
    const bool same_city = !destination.city.empty() && warehouse->city == destination.city;
    return same_city ? 0 : 1;
  }
  for (const auto& [province, rank] : warehouse->regions) {
    if (province == destination.province) {
      return 10 + rank;
    }
  }
  return kFarRank;
}

std::vector<LinePlan> PlanAllocation(const std::vector<AllocationRequest>& lines,
                                     const std::map<std::string, std::vector<StockLevel>>& stock,
                                     const AllocationRules& rules, const Destination& destination) {
  Board board = BuildBoard(lines, stock, rules, destination);
  std::vector<LinePlan> plans(lines.size());
  const size_t single = SingleSite(lines, board);
  bool any_backorder = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t sku = board.line_sku[i];
    if (single != board.sites.size()) {
      board.At(sku, single) -= lines[i].quantity;
      board.sites[single].used = true;
      plans[i].allocations.push_back({*board.sites[single].code, lines[i].quantity});
      continue;
    }
    FillLine(board, sku, lines[i].quantity, plans[i]);
    any_backorder = any_backorder || plans[i].backordered > 0;
  }
  if (any_backorder) {
    const std::string home = HomeWarehouse(board, rules, destination);
    for (LinePlan& plan : plans) {
      if (plan.backordered > 0) {
        plan.backorder_warehouse = home;
      }
    }
  }
  return plans;
}

std::vector<LinePlan> PlanAllocation(const std::vector<AllocationRequest>& lines,
                                     const std::map<std::string, std::vector<StockLevel>>& stock) {
  static const AllocationRules kNoRules;
  return PlanAllocation(lines, stock, kNoRules, Destination{});
}

Status ValidateWarehouseRule(const WarehouseRule& rule) {
  std::vector<FieldError> errors;
  if (rule.priority < -1000 || rule.priority > 1000) {
    errors.push_back({"priority", Code::kInvalidValue, "priority must be between -1000 and 1000"});
  }
  if (rule.regions.size() > 64) {
    errors.push_back({"regions", Code::kInvalidValue, "at most 64 regions"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < rule.regions.size(); ++i) {
    const auto& [province, rank] = rule.regions[i];
    const std::string path = "regions[" + std::to_string(i) + "]";
    if (province.empty() || province.size() > 64) {
      errors.push_back({path + ".province", Code::kInvalidValue,
                        "province must be 1-64 bytes, as written on addresses"});
    } else if (province == rule.province) {
      errors.push_back({path + ".province", Code::kInvalidValue,
                        "the warehouse's own province is always nearest; do not list it"});
    } else if (!seen.insert(province).second) {
      errors.push_back({path + ".province", Code::kDuplicateLine, "province listed twice"});
    }
    if (rank < 1 || rank > kMaxRegionRank) {
      errors.push_back({path + ".rank", Code::kInvalidValue,
                        "rank must be between 1 and " + std::to_string(kMaxRegionRank)});
    }
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

}  // namespace ordo
