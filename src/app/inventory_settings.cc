// Inventory settings and purchasing's answers: warehouse allocation rules, SKU thresholds and
// lead times, replenishment requests acknowledged or closed.
#include <algorithm>

#include "app/inventory.h"

namespace ordo::app {
namespace {

// The waiting lines of `request` take its expected date; each order records the change.
Status PropagateExpectedDate(WriteTx& tx, const ReplenishmentRequest& request,
                             const CommandContext& context) {
  ORDO_ASSIGN_OR_RETURN(std::vector<WaitingLine> waiting,
                        tx.inventory().FindWaitingLines(request.sku));
  std::vector<std::string> orders;
  for (const WaitingLine& line : waiting) {
    if (line.warehouse == request.warehouse &&
        std::find(orders.begin(), orders.end(), line.order_no) == orders.end()) {
      orders.push_back(line.order_no);
    }
  }
  const Actor actor = context.Now();
  for (const std::string& order_no : orders) {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
    ORDO_ASSERT(loaded.has_value());
    Order& order = *loaded;
    const int64_t loaded_version = order.version;
    for (OrderLine& line : order.lines) {
      if (line.sku == request.sku && line.backorder_warehouse == request.warehouse &&
          line.quantity_backordered > 0) {
        line.expected_restock_at = request.expected_at;
      }
    }
    order.version += 1;
    order.updated_at = actor.at;
    OrderEvent event;
    event.type = "restock_expected";
    event.at = actor.at;
    event.actor = actor.name;
    event.details = {{"sku", request.sku},
                     {"warehouse", request.warehouse},
                     {"expected_at", FormatRfc3339(*request.expected_at)},
                     {"replenishment_request", std::to_string(request.id)}};
    ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, loaded_version));
    ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, {event}));
  }
  return Status::Ok();
}

}  // namespace

WriteFn SetWarehouseRule(WarehouseRule rule, CommandContext context,
                         std::shared_ptr<WarehouseRule> out) {
  return [rule = std::move(rule), context, out](WriteTx& tx) mutable -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, tx.FindWarehouse(rule.code));
    if (!warehouse) {
      return Status::NotFound("no warehouse " + rule.code);
    }
    rule.province = warehouse->address.province;
    rule.city = warehouse->address.city;
    ORDO_RETURN_IF_ERROR(ValidateWarehouseRule(rule));
    std::sort(rule.regions.begin(), rule.regions.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    ORDO_RETURN_IF_ERROR(
        tx.inventory().SaveWarehouseRule(rule, context.actor, context.clock->Now()));
    *out = rule;
    return Status::Ok();
  };
}

WriteFn SetSkuStockSettings(SkuStockSettingsInput input, CommandContext context,
                            std::shared_ptr<Sku> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, tx.FindSku(input.sku));
    if (!sku) {
      return Status::NotFound("no SKU " + input.sku);
    }
    Sku changed = *sku;
    changed.low_stock_threshold = input.low_stock_threshold.value_or(sku->low_stock_threshold);
    changed.lead_time_days = input.lead_time_days.value_or(sku->lead_time_days);
    ORDO_RETURN_IF_ERROR(ValidateSku(changed));
    ORDO_RETURN_IF_ERROR(
        tx.inventory().SaveSkuStockSettings(*sku, changed, context.actor, context.clock->Now()));
    *out = changed;
    return Status::Ok();
  };
}

WriteFn DecideReplenishment(RequestDecision decision, CommandContext context,
                            std::shared_ptr<ReplenishmentRequest> out) {
  return [decision = std::move(decision), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<ReplenishmentRequest> request,
                          tx.inventory().FindRequest(decision.id));
    if (!request) {
      return Status::NotFound("no replenishment request " + std::to_string(decision.id));
    }
    const Timestamp now = context.clock->Now();
    if (decision.close) {
      ORDO_RETURN_IF_ERROR(CloseRequest(*request, decision.note, now, context.actor));
      ORDO_RETURN_IF_ERROR(tx.inventory().SaveRequest(*request, "close"));
    } else {
      ORDO_RETURN_IF_ERROR(
          Acknowledge(*request, decision.expected_at, decision.note, now, context.actor));
      ORDO_RETURN_IF_ERROR(tx.inventory().SaveRequest(*request, "acknowledge"));
      ORDO_RETURN_IF_ERROR(PropagateExpectedDate(tx, *request, context));
    }
    *out = std::move(*request);
    return Status::Ok();
  };
}

Result<std::vector<StockAlert>> ListStockAlerts(ReadView& reads, const std::string& warehouse) {
  ORDO_ASSIGN_OR_RETURN(std::vector<SkuStock> skus, reads.inventory().ListSkuStock());
  std::vector<StockAlert> alerts = StockAlerts(skus);
  if (!warehouse.empty()) {
    std::erase_if(alerts, [&](const StockAlert& alert) { return alert.warehouse != warehouse; });
  }
  return alerts;
}

}  // namespace ordo::app
