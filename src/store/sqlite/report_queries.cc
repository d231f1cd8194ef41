#include "store/sqlite/report_queries.h"

#include <algorithm>
#include <cstdio>

#include "base/clock.h"

namespace ordo::sqlite {
namespace {

// Each statement reads the period's rows through the primary key (day first) and groups them;
// the text is fixed per dimension so that each is prepared, cached and plan-checked once.
const char* SalesSql(SalesDimension by) {
  switch (by) {
    case SalesDimension::kDay:
      return "SELECT day, SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY day ORDER BY day";
    case SalesDimension::kHour:
      return "SELECT printf('%02d', hour), SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY hour ORDER BY hour";
    case SalesDimension::kChannel:
      return "SELECT channel, SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY channel ORDER BY channel";
    case SalesDimension::kProvince:
      return "SELECT province, SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY province ORDER BY province";
    case SalesDimension::kSku:
      return "SELECT sku, SUM(orders), SUM(amount), 0, 0, SUM(quantity) FROM report_sales_sku "
             "WHERE day BETWEEN ?1 AND ?2 GROUP BY sku ORDER BY sku";
  }
  return "";
}

// ?1 < orders.id <= ?2
constexpr char kFoldPlaced[] =
    "INSERT INTO report_sales (day, hour, channel, province, orders, amount) "
    "SELECT strftime('%Y-%m-%d', (o.created_at + 28800000) / 1000, 'unixepoch') AS d, "
    "(o.created_at + 28800000) / 3600000 % 24 AS h, o.channel AS c, "
    "ifnull(json_extract(o.doc, '$.consignee.province'), '') AS p, COUNT(*), "
    "SUM(o.total_amount) FROM orders AS o WHERE o.id > ?1 AND o.id <= ?2 GROUP BY d, h, c, p "
    "ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, "
    "amount = amount + excluded.amount";
constexpr char kFoldLines[] =
    "INSERT INTO report_sales_sku (day, sku, channel, orders, quantity, amount) "
    "SELECT strftime('%Y-%m-%d', (o.created_at + 28800000) / 1000, 'unixepoch') AS d, "
    "json_extract(line.value, '$.sku') AS s, o.channel AS c, COUNT(*), "
    "SUM(json_extract(line.value, '$.qty')), "
    "SUM(json_extract(line.value, '$.qty') * json_extract(line.value, '$.price')) "
    "FROM orders AS o, json_each(o.doc, '$.lines') AS line WHERE o.id > ?1 AND o.id <= ?2 "
    "GROUP BY d, s, c "
    "ON CONFLICT DO UPDATE SET orders = orders + excluded.orders, "
    "quantity = quantity + excluded.quantity, amount = amount + excluded.amount";
// ?1 < order_events.id <= ?2: the orders that ended (cancelled or closed), on their order's day.
constexpr char kFoldEnded[] =
    "INSERT INTO report_sales (day, hour, channel, province, cancelled_orders, cancelled_amount) "
    "SELECT strftime('%Y-%m-%d', (o.created_at + 28800000) / 1000, 'unixepoch') AS d, "
    "(o.created_at + 28800000) / 3600000 % 24 AS h, o.channel AS c, "
    "ifnull(json_extract(o.doc, '$.consignee.province'), '') AS p, COUNT(*), "
    "SUM(o.total_amount) FROM order_events AS e JOIN orders AS o ON o.id = e.order_id "
    "WHERE e.id > ?1 AND e.id <= ?2 AND e.to_status IN ('cancelled', 'closed') "
    "AND e.from_status NOT IN ('', 'cancelled', 'closed') GROUP BY d, h, c, p "
    "ON CONFLICT DO UPDATE SET cancelled_orders = cancelled_orders + excluded.cancelled_orders, "
    "cancelled_amount = cancelled_amount + excluded.cancelled_amount";
// The time in review: from the latest event that put the order in review to the one that took
// it out.
constexpr char kFoldReviewed[] =
    "INSERT INTO report_counts (metric, day, dimension, count, amount) "
    "SELECT 'review_time', d, CASE WHEN minutes <= 30 THEN 'within_30m' "
    "WHEN minutes <= 120 THEN 'within_2h' WHEN minutes <= 1440 THEN 'within_24h' "
    "ELSE 'over_24h' END AS band, COUNT(*), SUM(minutes) FROM ("
    "SELECT strftime('%Y-%m-%d', (e.at + 28800000) / 1000, 'unixepoch') AS d, "
    "MAX(0, (e.at - ifnull((SELECT p.at FROM order_events AS p WHERE p.order_id = e.order_id "
    "AND p.id < e.id AND p.to_status = 'pending_review' ORDER BY p.id DESC LIMIT 1), e.at)) "
    "/ 60000) AS minutes FROM order_events AS e WHERE e.id > ?1 AND e.id <= ?2 "
    "AND e.from_status = 'pending_review' AND e.to_status NOT IN ('', 'pending_review')) "
    "WHERE true GROUP BY d, band "
    "ON CONFLICT DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount";
// Each parcel shipped ("ship" for the order's last, "parcel_shipped" for the others): the time
// since payment, or since acceptance for cash on delivery.
constexpr char kFoldShipped[] =
    "INSERT INTO report_counts (metric, day, dimension, count, amount) "
    "SELECT 'ship_time', d, CASE WHEN minutes <= 1440 THEN 'within_24h' "
    "WHEN minutes <= 2880 THEN 'within_48h' WHEN minutes <= 4320 THEN 'within_72h' "
    "ELSE 'over_72h' END AS band, COUNT(*), SUM(minutes) FROM ("
    "SELECT strftime('%Y-%m-%d', (e.at + 28800000) / 1000, 'unixepoch') AS d, "
    "MAX(0, (e.at - ifnull(json_extract(o.doc, '$.paid_at'), o.created_at)) / 60000) AS minutes "
    "FROM order_events AS e JOIN orders AS o ON o.id = e.order_id "
    "WHERE e.id > ?1 AND e.id <= ?2 AND e.type IN ('ship', 'parcel_shipped')) "
    "WHERE true GROUP BY d, band "
    "ON CONFLICT DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount";

Status RunRange(Connection& conn, const char* sql, int64_t after, int64_t last) {
  ORDO_PREPARE(stmt, conn, std::string(sql));
  stmt->Bind(1, after).Bind(2, last);
  return stmt->Run();
}

// "20261122" as "2026-11-22", the day format of the summary rows.
std::string DayText(int32_t date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
  return text;
}

}  // namespace

void PlacedOrdersTally::Add(const Order& order) {
  if (!base_) {
    return;  // not counting: the next fold reads the orders
  }
  PlacedOrder placed{order.id.value,
                     ChinaDate(order.created_at),
                     static_cast<int32_t>((order.created_at.unix_ms + 28800000) / 3600000 % 24),
                     order.channel,
                     order.consignee.address.province,
                     order.total_amount,
                     {}};
  placed.lines.reserve(order.lines.size());
  for (const OrderLine& line : order.lines) {
    placed.lines.push_back({line.sku, line.quantity, line.quantity * line.unit_price_amount});
  }
  placed_.push_back(std::move(placed));
}

void PlacedOrdersTally::Restart(int64_t last_id) {
  Forget();
  base_ = last_id;
  last_id_ = last_id;
}

void PlacedOrdersTally::Settle() {
  for (PlacedOrder& placed : placed_) {
    for (PlacedLine& line : placed.lines) {
      Sum& sum = lines_[{placed.date, std::move(line.sku), placed.channel}];
      sum.count += 1;
      sum.quantity += line.quantity;
      sum.amount += line.amount;
    }
    Sum& sale = sales_[{placed.date, placed.hour, std::move(placed.channel),
                        std::move(placed.province)}];
    sale.count += 1;
    sale.amount += placed.amount;
    last_id_ = std::max(last_id_, placed.id);
  }
  placed_.clear();
}

bool PlacedOrdersTally::Covers(int64_t from, int64_t to) {
  if (!base_ || *base_ != from) {
    return false;
  }
  Settle();
  return last_id_ == to;
}

Status PlacedOrdersTally::Write(Connection& conn) {
  Settle();
  if (!sales_.empty()) {
    ORDO_PREPARE(stmt, conn,
                 "INSERT INTO report_sales (day, hour, channel, province, orders, amount) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET "
                 "orders = orders + excluded.orders, amount = amount + excluded.amount");
    for (const auto& [key, sum] : sales_) {
      const auto& [date, hour, channel, province] = key;
      stmt->Bind(1, DayText(date)).Bind(2, int64_t{hour}).Bind(3, channel).Bind(4, province);
      stmt->Bind(5, sum.count).Bind(6, sum.amount);
      ORDO_RETURN_IF_ERROR(stmt->Run());
      stmt->Reset();
    }
  }
  if (!lines_.empty()) {
    ORDO_PREPARE(stmt, conn,
                 "INSERT INTO report_sales_sku (day, sku, channel, orders, quantity, amount) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET "
                 "orders = orders + excluded.orders, quantity = quantity + excluded.quantity, "
                 "amount = amount + excluded.amount");
    for (const auto& [key, sum] : lines_) {
      const auto& [date, sku, channel] = key;
      stmt->Bind(1, DayText(date)).Bind(2, sku).Bind(3, channel);
      stmt->Bind(4, sum.count).Bind(5, sum.quantity).Bind(6, sum.amount);
      ORDO_RETURN_IF_ERROR(stmt->Run());
      stmt->Reset();
    }
  }
  return Status::Ok();
}

Result<int64_t> FoldReports(Connection& conn, PlacedOrdersTally* tally) {
  ORDO_PREPARE(marks, conn,
               "SELECT (SELECT last_id FROM report_marks WHERE name = 'orders'), "
               "(SELECT ifnull(max(id), 0) FROM orders), "
               "(SELECT last_id FROM report_marks WHERE name = 'order_events'), "
               "(SELECT ifnull(max(id), 0) FROM order_events)");
  Status status;
  if (!marks->Step(&status)) {
    return status.ok() ? Status::Internal("no report marks") : status;
  }
  const int64_t orders_from = marks->Int(0);
  const int64_t orders_to = marks->Int(1);
  const int64_t events_from = marks->Int(2);
  const int64_t events_to = marks->Int(3);
  marks.reset();
  if (tally != nullptr && tally->Covers(orders_from, orders_to)) {
    ORDO_RETURN_IF_ERROR(tally->Write(conn));
  } else if (orders_to > orders_from) {
    ORDO_RETURN_IF_ERROR(RunRange(conn, kFoldPlaced, orders_from, orders_to));
    ORDO_RETURN_IF_ERROR(RunRange(conn, kFoldLines, orders_from, orders_to));
  }
  if (events_to > events_from) {
    ORDO_RETURN_IF_ERROR(RunRange(conn, kFoldEnded, events_from, events_to));
    ORDO_RETURN_IF_ERROR(RunRange(conn, kFoldReviewed, events_from, events_to));
    ORDO_RETURN_IF_ERROR(RunRange(conn, kFoldShipped, events_from, events_to));
  }
  if (orders_to > orders_from || events_to > events_from) {
    ORDO_PREPARE(move, conn,
                 "UPDATE report_marks SET last_id = CASE name WHEN 'orders' THEN ?1 ELSE ?2 END "
                 "WHERE name IN ('orders', 'order_events')");
    move->Bind(1, orders_to).Bind(2, events_to);
    ORDO_RETURN_IF_ERROR(move->Run());
  }
  if (tally != nullptr) {
    tally->Restart(orders_to);
  }
  return (orders_to - orders_from) + (events_to - events_from);
}

Result<std::vector<SalesFigures>> ReportReader::Sales(SalesDimension by,
                                                      const ReportPeriod& period) {
  return ReadWith<std::vector<SalesFigures>>(
      with_, [&](Connection& conn) -> Result<std::vector<SalesFigures>> {
        ORDO_PREPARE(stmt, conn, std::string(SalesSql(by)));
        stmt->Bind(1, period.from_day).Bind(2, period.to_day);
        return ReadAll<SalesFigures>(*stmt, [](const Statement& row) {
          return SalesFigures{row.Text(0), row.Int(1), row.Int(2),
                              row.Int(3),  row.Int(4), row.Int(5)};
        });
      });
}

Result<std::vector<CountFigures>> ReportReader::Counts(std::string_view metric, bool by_day,
                                                       const ReportPeriod& period) {
  return ReadWith<std::vector<CountFigures>>(
      with_, [&](Connection& conn) -> Result<std::vector<CountFigures>> {
        ORDO_PREPARE(
            stmt, conn,
            std::string(by_day ? "SELECT day, SUM(count), SUM(amount) FROM report_counts "
                                 "WHERE metric = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day "
                                 "ORDER BY day"
                               : "SELECT dimension, SUM(count), SUM(amount) FROM report_counts "
                                 "WHERE metric = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY dimension "
                                 "ORDER BY dimension"));
        stmt->Bind(1, metric).Bind(2, period.from_day).Bind(3, period.to_day);
        return ReadAll<CountFigures>(*stmt, [](const Statement& row) {
          return CountFigures{row.Text(0), row.Int(1), row.Int(2)};
        });
      });
}

}  // namespace ordo::sqlite
