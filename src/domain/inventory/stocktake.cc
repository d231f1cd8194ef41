#include "domain/inventory/stocktake.h"

#include <algorithm>
#include <set>

namespace ordo {
namespace {

constexpr size_t kMaxSkus = 5000;

Status AlreadyDecided(const Stocktake& stocktake) {
  return Status::Conflict(Code::kAlreadyDecided,
                          "stocktake " + std::to_string(stocktake.id) + " is " +
                              std::string(StocktakeStatusName(stocktake.status)));
}

const StockLevel* LevelOf(const std::vector<StockLevel>& levels, const std::string& sku) {
  auto it = std::find_if(levels.begin(), levels.end(),
                         [&](const StockLevel& level) { return level.sku() == sku; });
  return it == levels.end() ? nullptr : &*it;
}

StocktakeLine* LineOf(Stocktake& stocktake, const std::string& sku) {
  auto it = std::lower_bound(
      stocktake.lines.begin(), stocktake.lines.end(), sku,
      [](const StocktakeLine& line, const std::string& wanted) { return line.sku < wanted; });
  return it != stocktake.lines.end() && it->sku == sku ? &*it : nullptr;
}

}  // namespace

std::string_view StocktakeStatusName(StocktakeStatus status) {
  return Name(status);
}

std::optional<StocktakeStatus> ParseStocktakeStatus(std::string_view text) {
  return ParseEnum<StocktakeStatus>(text);
}

Result<Stocktake> OpenStocktake(std::string warehouse, std::vector<std::string> skus,
                                bool whole_warehouse, std::string reason, Timestamp at,
                                std::string actor) {
  std::vector<FieldError> errors;
  if (reason.empty()) {
    errors.push_back({"reason", Code::kRequired, "a stocktake needs a reason"});
  } else if (reason.size() > 500) {
    errors.push_back({"reason", Code::kInvalidValue, "reason must be at most 500 bytes"});
  }
  if (!whole_warehouse && skus.empty()) {
    errors.push_back({"skus", Code::kRequired, "name at least one SKU, or leave skus out"});
  }
  if (skus.size() > kMaxSkus) {
    errors.push_back({"skus", Code::kInvalidValue, "at most 5000 SKUs per stocktake"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  std::sort(skus.begin(), skus.end());
  skus.erase(std::unique(skus.begin(), skus.end()), skus.end());
  Stocktake stocktake;
  stocktake.warehouse = std::move(warehouse);
  stocktake.whole_warehouse = whole_warehouse;
  stocktake.reason = std::move(reason);
  stocktake.created_at = at;
  stocktake.created_by = std::move(actor);
  for (std::string& sku : skus) {
    StocktakeLine line;
    line.sku = std::move(sku);
    stocktake.lines.push_back(std::move(line));
  }
  return stocktake;
}

Status RecordCounts(Stocktake& stocktake, const std::vector<Count>& counts,
                    const std::vector<StockLevel>& levels, const std::string& actor, Timestamp at) {
  if (stocktake.status != StocktakeStatus::kOpen) {
    return AlreadyDecided(stocktake);
  }
  std::vector<FieldError> errors;
  if (counts.empty()) {
    errors.push_back({"counts", Code::kRequired, "at least one count"});
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < counts.size(); ++i) {
    const std::string path = "counts[" + std::to_string(i) + "]";
    const bool listed = LineOf(stocktake, counts[i].sku) != nullptr;
    if (!listed && !stocktake.whole_warehouse) {
      errors.push_back(
          {path + ".sku", Code::kNotInStocktake,
           counts[i].sku + " is not part of stocktake " + std::to_string(stocktake.id)});
    } else if (!seen.insert(counts[i].sku).second) {
      errors.push_back({path + ".sku", Code::kDuplicateLine, counts[i].sku + " counted twice"});
    }
    if (counts[i].counted < 0 || counts[i].counted > 1'000'000'000'000) {
      errors.push_back(
          {path + ".counted", Code::kInvalidValue, "counted must be between 0 and 10^12"});
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  for (const Count& count : counts) {
    StocktakeLine* line = LineOf(stocktake, count.sku);
    if (line == nullptr) {  // found in a whole-warehouse count: joins the list
      StocktakeLine added;
      added.sku = count.sku;
      auto at_pos = std::lower_bound(
          stocktake.lines.begin(), stocktake.lines.end(), count.sku,
          [](const StocktakeLine& l, const std::string& wanted) { return l.sku < wanted; });
      line = &*stocktake.lines.insert(at_pos, std::move(added));
    }
    const StockLevel* level = LevelOf(levels, count.sku);
    line->counted = count.counted;
    line->book_on_hand = level == nullptr ? 0 : level->on_hand();
    line->book_reserved = level == nullptr ? 0 : level->reserved();
    line->counted_by = actor;
    line->counted_at = at;
  }
  if (std::find(stocktake.counters.begin(), stocktake.counters.end(), actor) ==
      stocktake.counters.end()) {
    stocktake.counters.push_back(actor);
  }
  return Status::Ok();
}

Result<std::vector<Variance>> PlanApproval(const Stocktake& stocktake, const std::string& approver,
                                           const std::vector<StockLevel>& levels) {
  if (stocktake.status != StocktakeStatus::kOpen) {
    return AlreadyDecided(stocktake);
  }
  std::vector<std::string> uncounted;
  for (const StocktakeLine& line : stocktake.lines) {
    if (!line.counted) {
      uncounted.push_back(line.sku);
    }
  }
  if (stocktake.lines.empty() || !uncounted.empty()) {
    std::string names;
    for (size_t i = 0; i < uncounted.size() && i < 10; ++i) {
      names += (i == 0 ? "" : ", ") + uncounted[i];
    }
    return Status::Conflict(Code::kStocktakeIncomplete,
                            "stocktake " + std::to_string(stocktake.id) +
                                (names.empty() ? " has nothing counted"
                                               : " is not fully counted: " + names +
                                                     (uncounted.size() > 10 ? ", …" : "")));
  }
  for (const StocktakeLine& line : stocktake.lines) {
    if (line.counted_by == approver) {
      return Status(Kind::kForbidden, Code::kSelfApproval,
                    approver + " counted " + line.sku + " in stocktake " +
                        std::to_string(stocktake.id) + ": a count is approved by someone else");
    }
  }
  if (std::find(stocktake.counters.begin(), stocktake.counters.end(), approver) !=
      stocktake.counters.end()) {
    return Status(Kind::kForbidden, Code::kSelfApproval,
                  approver + " counted in stocktake " + std::to_string(stocktake.id) +
                      " (a count since recounted by someone else): a count is approved by "
                      "someone else");
  }
  std::vector<Variance> variances;
  for (const StocktakeLine& line : stocktake.lines) {
    if (line.variance() == 0) {
      continue;
    }
    const StockLevel* level = LevelOf(levels, line.sku);
    const Quantity on_hand = level == nullptr ? 0 : level->on_hand();
    const Quantity reserved = level == nullptr ? 0 : level->reserved();
    if (on_hand + line.variance() < reserved) {
      return Status::Conflict(Code::kStocktakeBelowReserved,
                              "SKU " + line.sku + " in " + stocktake.warehouse + ": variance " +
                                  std::to_string(line.variance()) + " would leave " +
                                  std::to_string(on_hand + line.variance()) +
                                  " on hand below the " + std::to_string(reserved) +
                                  " reserved for orders; recount or release them first");
    }
    variances.push_back({line.sku, line.variance()});
  }
  return variances;
}

void MarkApproved(Stocktake& stocktake, const std::vector<Variance>& applied,
                  const std::string& actor, Timestamp at) {
  ORDO_ASSERT(stocktake.status == StocktakeStatus::kOpen);
  for (const Variance& variance : applied) {
    StocktakeLine* line = LineOf(stocktake, variance.sku);
    ORDO_ASSERT(line != nullptr);
    line->applied = variance.variance;
  }
  stocktake.status = StocktakeStatus::kApproved;
  stocktake.decided_by = actor;
  stocktake.decided_at = at;
}

Status CancelStocktake(Stocktake& stocktake, const std::string& actor, Timestamp at) {
  if (stocktake.status != StocktakeStatus::kOpen) {
    return AlreadyDecided(stocktake);
  }
  stocktake.status = StocktakeStatus::kCancelled;
  stocktake.decided_by = actor;
  stocktake.decided_at = at;
  return Status::Ok();
}

}  // namespace ordo
