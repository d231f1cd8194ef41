// Shortages at intake and priority fills as stock arrives (domain.md INV-3, INV-4).
#include <algorithm>
#include <map>

#include "app/inventory.h"

namespace ordo::app {
namespace {

// The line's missing quantity is in `plan`: something planned means some stock existed.
std::string_view ReasonOf(const LinePlan& plan) {
  return plan.allocations.empty() ? kReasonOutOfStock : kReasonInsufficientStock;
}

// Adds `quantity` to the live request of (sku, warehouse), opening one when none is live.
// Returns the request's expected date, if purchasing gave one.
Result<std::optional<Timestamp>> RequestReplenishment(WriteTx& tx, const std::string& sku,
                                                      const std::string& warehouse,
                                                      Quantity quantity,
                                                      const CommandContext& context,
                                                      Timestamp now) {
  ORDO_ASSIGN_OR_RETURN(std::optional<ReplenishmentRequest> live,
                        tx.inventory().FindLiveRequest(sku, warehouse));
  if (live) {
    AddShortage(*live, quantity, now, context.actor);
    ORDO_RETURN_IF_ERROR(tx.inventory().SaveRequest(*live, "add"));
    return live->expected_at;
  }
  ReplenishmentRequest request =
      NewReplenishmentRequest(sku, warehouse, quantity, now, context.actor);
  ORDO_RETURN_IF_ERROR(tx.inventory().SaveRequest(request, "open"));
  return std::optional<Timestamp>();
}

// Reserves `fills` (all of one order) at `level` and records them on the order.
Status ApplyFills(WriteTx& tx, const std::string& order_no, const std::vector<Fill>& fills,
                  StockLevel& level, const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
  ORDO_ASSERT(loaded.has_value());  // the queue is kept with the orders, in this transaction
  Order& order = *loaded;
  const int64_t loaded_version = order.version;
  const MovementContext movement{actor.name, "backorder filled", order.order_no, actor.at};
  OrderEvent event;
  event.type = "backorder_filled";
  event.at = actor.at;
  event.actor = actor.name;
  event.details.emplace_back("warehouse", level.warehouse());
  for (const Fill& fill : fills) {
    auto line = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const OrderLine& l) { return l.line_no == fill.line_no; });
    ORDO_ASSERT(line != order.lines.end() && line->sku == level.sku());
    const Quantity quantity = std::min(fill.quantity, line->quantity_backordered);
    if (quantity <= 0) {
      continue;
    }
    ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, level.Reserve(quantity, movement));
    ORDO_RETURN_IF_ERROR(tx.ApplyMovement(level, entry));
    ApplyFill(*line, level.warehouse(), quantity);
    event.details.emplace_back("line_" + std::to_string(line->line_no),
                               line->sku + " x" + std::to_string(quantity));
  }
  order.version += 1;
  order.updated_at = actor.at;
  ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, loaded_version));
  return tx.AppendOrderEvents(order, {event});
}

}  // namespace

Destination DestinationOf(const Order& order) {
  return Destination{order.consignee.address.province, order.consignee.address.city};
}

Status RecordShortages(WriteTx& tx, Order& order, const std::vector<LinePlan>& plans,
                       const CommandContext& context) {
  const Timestamp now = context.clock->Now();
  for (size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& line = order.lines[i];
    if (plans[i].backordered <= 0) {
      continue;
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, tx.FindSku(line.sku));
    const int64_t lead_time_days = sku ? sku->lead_time_days : 7;
    const std::string& warehouse = plans[i].backorder_warehouse;
    ORDO_ASSIGN_OR_RETURN(
        std::optional<Timestamp> expected,
        RequestReplenishment(tx, line.sku, warehouse, plans[i].backordered, context, now));
    NoteShortage(line, ReasonOf(plans[i]), warehouse,
                 ExpectedRestock(now, lead_time_days, expected));
  }
  return Status::Ok();
}

Status FillBackorders(WriteTx& tx, const std::string& sku, const std::string& warehouse,
                      const CommandContext& context) {
  return FillBackorders(tx, sku, warehouse, context.Now());
}

Status FillBackorders(WriteTx& tx, const std::string& sku, const std::string& warehouse,
                      const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(std::vector<WaitingLine> waiting, tx.inventory().FindWaitingLines(sku));
  if (waiting.empty()) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock({sku}));
  std::vector<StockLevel>& levels = stock[sku];
  auto level = std::find_if(levels.begin(), levels.end(),
                            [&](const StockLevel& l) { return l.warehouse() == warehouse; });
  if (level == levels.end() || level->available() <= 0) {
    return Status::Ok();
  }
  const std::vector<Fill> fills = PlanFills(std::move(waiting), sku, warehouse, level->available());
  // One update per order, in the order of service (the first fill of each order decides).
  std::vector<std::string> orders;
  std::map<std::string, std::vector<Fill>> by_order;
  for (const Fill& fill : fills) {
    if (by_order.count(fill.order_no) == 0) {
      orders.push_back(fill.order_no);
    }
    by_order[fill.order_no].push_back(fill);
  }
  for (const std::string& order_no : orders) {
    ORDO_RETURN_IF_ERROR(ApplyFills(tx, order_no, by_order[order_no], *level, actor));
  }
  return Status::Ok();
}

Status FillFromAnyWarehouse(WriteTx& tx, const std::string& sku, const CommandContext& context) {
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock({sku}));
  for (const StockLevel& level : stock[sku]) {
    if (level.available() > 0) {
      ORDO_RETURN_IF_ERROR(FillBackorders(tx, sku, level.warehouse(), context));
    }
  }
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> HeldStock(const Order& order) {
  std::vector<std::pair<std::string, std::string>> held;
  for (const OrderLine& line : order.lines) {
    if (line.quantity_reserved <= 0) {
      continue;
    }
    for (const Allocation& allocation : line.allocations) {
      std::pair<std::string, std::string> key{line.sku, allocation.warehouse};
      if (allocation.quantity > 0 && std::find(held.begin(), held.end(), key) == held.end()) {
        held.push_back(std::move(key));
      }
    }
  }
  return held;
}

Status FillReleased(WriteTx& tx, const std::vector<std::pair<std::string, std::string>>& held,
                    const CommandContext& context) {
  for (const auto& [sku, warehouse] : held) {
    ORDO_RETURN_IF_ERROR(FillBackorders(tx, sku, warehouse, context));
  }
  return Status::Ok();
}

}  // namespace ordo::app
