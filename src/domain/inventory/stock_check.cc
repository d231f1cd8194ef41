#include "domain/inventory/stock_check.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "domain/inventory/allocation.h"

namespace ordo {
namespace {

using Key = std::pair<std::string, std::string>;  // (sku, warehouse)

bool Finished(const std::string& status) {
  return status == "shipped" || status == "delivered" || status == "completed" ||
         status == "cancelled" || status == "closed";
}

void Add(StockCheckReport& report, const std::string& sku, const std::string& warehouse,
         std::string check, Quantity expected, Quantity actual, std::string order_no = "") {
  report.differences.push_back(
      {sku, warehouse, std::move(order_no), std::move(check), expected, actual});
}

void CompareLevel(StockCheckReport& report, const StockLevel& level, const LedgerTotals& t) {
  if (level.on_hand() != t.on_hand_sum) {
    Add(report, level.sku(), level.warehouse(), "on_hand_vs_ledger", t.on_hand_sum,
        level.on_hand());
  }
  if (level.reserved() != t.reserved_sum) {
    Add(report, level.sku(), level.warehouse(), "reserved_vs_ledger", t.reserved_sum,
        level.reserved());
  }
  if (level.on_hand() != t.last_on_hand_after || level.reserved() != t.last_reserved_after) {
    Add(report, level.sku(), level.warehouse(), "level_vs_last_entry", t.last_on_hand_after,
        level.on_hand());
  }
  if (t.any_entry_out_of_bounds) {
    Add(report, level.sku(), level.warehouse(), "entry_out_of_bounds", 0, 0);
  }
}

Quantity Available(const std::vector<StockLevel>& levels) {
  Quantity available = 0;
  for (const StockLevel& level : levels) {
    available += level.available();
  }
  return available;
}

StockAlert AlertOf(const SkuStock& stock, std::string kind) {
  StockAlert alert;
  alert.sku = stock.sku.code;
  alert.kind = std::move(kind);
  for (const StockLevel& level : stock.levels) {
    alert.on_hand += level.on_hand();
    alert.reserved += level.reserved();
  }
  alert.available = alert.on_hand - alert.reserved;
  alert.threshold = stock.sku.low_stock_threshold;
  for (const WaitingLine& line : stock.waiting) {
    alert.waiting += line.quantity;
  }
  return alert;
}

// The low and zero alerts of each warehouse holding the SKU, when more than one does (with one,
// the SKU's own alerts say it): a warehouse runs out while the others still hold stock.
void PerWarehouse(const SkuStock& stock, std::vector<StockAlert>& alerts) {
  if (stock.levels.size() < 2) {
    return;
  }
  for (const StockLevel& level : stock.levels) {
    const Quantity available = level.available();
    const bool low =
        stock.sku.low_stock_threshold > 0 && available <= stock.sku.low_stock_threshold;
    for (const char* kind : {"low_stock", "zero_stock"}) {
      if (kind[0] == 'l' ? !low : available > 0) {
        continue;
      }
      StockAlert alert;
      alert.sku = stock.sku.code;
      alert.kind = kind;
      alert.warehouse = level.warehouse();
      alert.on_hand = level.on_hand();
      alert.reserved = level.reserved();
      alert.available = available;
      alert.threshold = stock.sku.low_stock_threshold;
      alert.detail = std::to_string(available) + " available in " + level.warehouse();
      alerts.push_back(std::move(alert));
    }
  }
}

// Units free in a warehouse while lines it may serve wait for them.
void WaitingWithStock(const SkuStock& stock, std::vector<StockAlert>& alerts) {
  for (const StockLevel& level : stock.levels) {
    if (level.available() <= 0) {
      continue;
    }
    Quantity waiting = 0;
    for (const WaitingLine& line : stock.waiting) {
      if (line.any_warehouse || line.warehouse == level.warehouse()) {
        waiting += line.quantity;
      }
    }
    if (waiting > 0) {
      StockAlert alert = AlertOf(stock, "waiting_with_stock");
      alert.warehouse = level.warehouse();
      alert.detail = std::to_string(level.available()) + " free in " + level.warehouse() +
                     " while " + std::to_string(waiting) + " units wait for it";
      alerts.push_back(std::move(alert));
    }
  }
}

}  // namespace

StockCheckReport CheckStockBooks(const std::vector<StockLevel>& levels,
                                 const std::vector<LedgerTotals>& totals,
                                 const std::vector<OrderHold>& holds) {
  StockCheckReport report;
  std::map<Key, const LedgerTotals*> by_key;
  for (const LedgerTotals& t : totals) {
    by_key[{t.sku, t.warehouse}] = &t;
    report.ledger_entries += t.entries;
  }
  std::map<Key, bool> seen;
  for (const StockLevel& level : levels) {
    report.levels += 1;
    const Key key{level.sku(), level.warehouse()};
    seen[key] = true;
    if (level.reserved() < 0 || level.reserved() > level.on_hand()) {
      Add(report, level.sku(), level.warehouse(), "level_out_of_bounds", level.on_hand(),
          level.reserved());
    }
    auto it = by_key.find(key);
    if (it == by_key.end()) {
      if (level.on_hand() != 0 || level.reserved() != 0) {
        Add(report, level.sku(), level.warehouse(), "level_without_ledger", 0, level.on_hand());
      }
      continue;
    }
    CompareLevel(report, level, *it->second);
  }
  for (const LedgerTotals& t : totals) {
    if (seen.count({t.sku, t.warehouse}) == 0) {
      Add(report, t.sku, t.warehouse, "ledger_without_level", t.on_hand_sum, 0);
    }
  }
  for (const OrderHold& hold : holds) {
    if (hold.held != 0) {
      report.orders_holding += 1;
    }
    if (hold.held < 0) {
      Add(report, hold.sku, hold.warehouse, "negative_order_hold", 0, hold.held, hold.order_no);
    } else if (hold.held > 0 && Finished(hold.status)) {
      Add(report, hold.sku, hold.warehouse, "finished_order_holds_stock", 0, hold.held,
          hold.order_no);
    }
  }
  return report;
}

Quantity SmallestOrder(const Sku& sku) {
  const Quantity step = std::max<Quantity>(sku.step_quantity, 1);
  const Quantity minimum = std::max<Quantity>(sku.min_quantity, 1);
  return (minimum + step - 1) / step * step;
}

std::vector<StockAlert> StockAlerts(const std::vector<SkuStock>& skus) {
  std::vector<StockAlert> alerts;
  for (const SkuStock& stock : skus) {
    if (!stock.sku.sellable) {
      continue;
    }
    PerWarehouse(stock, alerts);
    const Quantity available = Available(stock.levels);
    if (stock.sku.low_stock_threshold > 0 && available <= stock.sku.low_stock_threshold) {
      alerts.push_back(AlertOf(stock, "low_stock"));
    }
    if (available <= 0) {
      alerts.push_back(AlertOf(stock, "zero_stock"));
      continue;
    }
    const Quantity smallest = SmallestOrder(stock.sku);
    const std::vector<LinePlan> plan =
        PlanAllocation({{stock.sku.code, smallest}}, {{stock.sku.code, stock.levels}});
    if (plan.front().backordered > 0) {
      StockAlert alert = AlertOf(stock, "below_minimum_order");
      alert.detail = std::to_string(available) + " available, but the smallest order is " +
                     std::to_string(smallest) + ": it would be backordered";
      alerts.push_back(std::move(alert));
    }
    WaitingWithStock(stock, alerts);
  }
  return alerts;
}

}  // namespace ordo
