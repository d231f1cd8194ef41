// Stocktakes (库存核实, domain.md INV-5): open, count, approve by a second person or cancel.
#include <algorithm>

#include "app/inventory.h"

namespace ordo::app {
namespace {

// The levels of `skus` in `warehouse`, as the writer sees them now.
Result<std::vector<StockLevel>> LevelsIn(WriteTx& tx, const std::string& warehouse,
                                         const std::vector<std::string>& skus) {
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock(skus));
  std::vector<StockLevel> found;
  for (const std::string& sku : skus) {
    for (const StockLevel& level : stock[sku]) {
      if (level.warehouse() == warehouse) {
        found.push_back(level);
      }
    }
  }
  return found;
}

Result<Stocktake> LoadOpenable(WriteTx& tx, int64_t id) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Stocktake> stocktake, tx.inventory().FindStocktake(id));
  if (!stocktake) {
    return Status::NotFound("no stocktake " + std::to_string(id));
  }
  return std::move(*stocktake);
}

// Applies the approved variances, then serves waiting orders where stock went up.
Status ApplyVariances(WriteTx& tx, const Stocktake& stocktake,
                      const std::vector<Variance>& variances, const CommandContext& context) {
  std::vector<std::string> skus;
  for (const Variance& variance : variances) {
    skus.push_back(variance.sku);
  }
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock(skus));
  const Timestamp now = context.clock->Now();
  const MovementContext movement{
      context.actor, "stocktake " + std::to_string(stocktake.id) + ": " + stocktake.reason, "",
      now};
  for (const Variance& variance : variances) {
    std::vector<StockLevel>& levels = stock[variance.sku];
    auto level = std::find_if(levels.begin(), levels.end(), [&](const StockLevel& l) {
      return l.warehouse() == stocktake.warehouse;
    });
    if (level == levels.end()) {  // goods found where the books had none
      levels.emplace_back(stocktake.warehouse, variance.sku, 0, 0);
      level = levels.end() - 1;
    }
    ORDO_ASSIGN_OR_RETURN(LedgerEntry entry,
                          level->ApplyStocktakeVariance(variance.variance, movement));
    ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*level, entry));
  }
  for (const Variance& variance : variances) {
    if (variance.variance > 0) {
      ORDO_RETURN_IF_ERROR(FillBackorders(tx, variance.sku, stocktake.warehouse, context));
    }
  }
  return Status::Ok();
}

}  // namespace

WriteFn OpenStocktakeCommand(StocktakeInput input, CommandContext context,
                             std::shared_ptr<Stocktake> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    std::vector<FieldError> errors;
    ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, tx.FindWarehouse(input.warehouse));
    if (!warehouse) {
      errors.push_back({"warehouse", Code::kUnknownWarehouse, "no warehouse " + input.warehouse});
    }
    std::vector<std::string> skus;
    if (input.skus) {
      skus = *input.skus;
      ORDO_ASSIGN_OR_RETURN(auto known, tx.FindSkus(skus));
      for (size_t i = 0; i < skus.size(); ++i) {
        if (known.count(skus[i]) == 0) {
          errors.push_back(
              {"skus[" + std::to_string(i) + "]", Code::kUnknownSku, "no SKU " + skus[i]});
        }
      }
    } else if (warehouse) {
      ORDO_ASSIGN_OR_RETURN(skus, tx.inventory().SkusStockedIn(input.warehouse));
    }
    if (!errors.empty()) {
      return Status::Invalid(std::move(errors));
    }
    ORDO_ASSIGN_OR_RETURN(Stocktake stocktake,
                          OpenStocktake(input.warehouse, std::move(skus), !input.skus.has_value(),
                                        input.reason, context.clock->Now(), context.actor));
    ORDO_RETURN_IF_ERROR(tx.inventory().InsertStocktake(stocktake));
    *out = std::move(stocktake);
    return Status::Ok();
  };
}

WriteFn RecordStocktakeCounts(int64_t id, std::vector<Count> counts, CommandContext context,
                              std::shared_ptr<Stocktake> out) {
  return [id, counts = std::move(counts), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Stocktake stocktake, LoadOpenable(tx, id));
    std::vector<std::string> skus;
    std::vector<FieldError> errors;
    for (const Count& count : counts) {
      skus.push_back(count.sku);
    }
    ORDO_ASSIGN_OR_RETURN(auto known, tx.FindSkus(skus));
    for (size_t i = 0; i < counts.size(); ++i) {
      if (known.count(counts[i].sku) == 0) {
        errors.push_back({"counts[" + std::to_string(i) + "].sku", Code::kUnknownSku,
                          "no SKU " + counts[i].sku});
      }
    }
    if (!errors.empty()) {
      return Status::Invalid(std::move(errors));
    }
    ORDO_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, LevelsIn(tx, stocktake.warehouse, skus));
    const Timestamp now = context.clock->Now();
    ORDO_RETURN_IF_ERROR(RecordCounts(stocktake, counts, levels, context.actor, now));
    ORDO_RETURN_IF_ERROR(tx.inventory().UpdateStocktake(stocktake, "count", context.actor, now));
    *out = std::move(stocktake);
    return Status::Ok();
  };
}

WriteFn DecideStocktake(int64_t id, bool approve, CommandContext context,
                        std::shared_ptr<Stocktake> out) {
  return [id, approve, context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Stocktake stocktake, LoadOpenable(tx, id));
    const Timestamp now = context.clock->Now();
    if (!approve) {
      ORDO_RETURN_IF_ERROR(CancelStocktake(stocktake, context.actor, now));
      ORDO_RETURN_IF_ERROR(tx.inventory().UpdateStocktake(stocktake, "cancel", context.actor, now));
      *out = std::move(stocktake);
      return Status::Ok();
    }
    std::vector<std::string> skus;
    for (const StocktakeLine& line : stocktake.lines) {
      skus.push_back(line.sku);
    }
    ORDO_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, LevelsIn(tx, stocktake.warehouse, skus));
    ORDO_ASSIGN_OR_RETURN(std::vector<Variance> variances,
                          PlanApproval(stocktake, context.actor, levels));
    MarkApproved(stocktake, variances, context.actor, now);
    ORDO_RETURN_IF_ERROR(tx.inventory().UpdateStocktake(stocktake, "approve", context.actor, now));
    ORDO_RETURN_IF_ERROR(ApplyVariances(tx, stocktake, variances, context));
    *out = std::move(stocktake);
    return Status::Ok();
  };
}

}  // namespace ordo::app
