#include "store/sqlite/inventory_queries.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/json_writer.h"
#include "store/inventory_codec.h"
#include "store/sqlite/queries.h"
#include "store/sqlite/sqlite_store.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace {

template <typename T, typename Read>
Result<std::optional<T>> One(Statement& stmt, Read read) {
  Status status;
  if (stmt.Step(&status)) {
    if constexpr (kIsResult<decltype(read(stmt))>) {
      ORDO_ASSIGN_OR_RETURN(T row, read(stmt));
      return std::optional<T>(std::move(row));
    } else {
      return std::optional<T>(read(stmt));
    }
  }
  if (!status.ok()) {
    return status;
  }
  return std::optional<T>();
}

std::string RuleJson(const WarehouseRule& rule) {
  JsonWriter out;
  out.BeginObject().Field("priority", rule.priority).Key("regions").BeginArray();
  for (const auto& [province, rank] : rule.regions) {
    out.BeginObject().Field("province", province).Field("rank", rank).EndObject();
  }
  return out.EndArray().EndObject().Take();
}

std::string SkuSettingsJson(const Sku& sku) {
  JsonWriter out;
  return out.BeginObject()
      .Field("low_stock_threshold", sku.low_stock_threshold)
      .Field("lead_time_days", sku.lead_time_days)
      .EndObject()
      .Take();
}

// --- Waiting lines ---

constexpr const char* kWaitingColumns =
    "order_id, order_no, channel, line_no, sku, warehouse, quantity, priority, "
    "order_created_at, any_warehouse, reason, expected_at";

WaitingLine ReadWaiting(const Statement& row) {
  WaitingLine line;
  line.order_id = row.Int(0);
  line.order_no = row.Text(1);
  line.channel = row.Text(2);
  line.line_no = static_cast<int>(row.Int(3));
  line.sku = row.Text(4);
  line.warehouse = row.Text(5);
  line.quantity = row.Int(6);
  line.priority = static_cast<int>(row.Int(7));
  line.order_created_at = Timestamp{row.Int(8)};
  line.any_warehouse = row.Int(9) != 0;
  line.reason = row.Text(10);
  line.expected_restock_at = OptionalTime(row, 11);
  return line;
}

// --- Replenishment requests ---

constexpr const char* kRequestColumns =
    "id, sku, warehouse, quantity, status, expected_at, note, created_at, created_by, "
    "updated_at, updated_by, closed_at, closed_by";

Result<ReplenishmentRequest> ReadRequest(const Statement& row) {
  ReplenishmentRequest request;
  request.id = row.Int(0);
  request.sku = row.Text(1);
  request.warehouse = row.Text(2);
  request.quantity = row.Int(3);
  ORDO_ASSIGN_OR_RETURN(request.status,
                        DecodeStoredEnum<ReplenishmentStatus>(
                            "replenishment request " + std::to_string(request.id) + " status",
                            row.TextView(4)));
  request.expected_at = OptionalTime(row, 5);
  request.note = row.Text(6);
  request.created_at = Timestamp{row.Int(7)};
  request.created_by = row.Text(8);
  request.updated_at = Timestamp{row.Int(9)};
  request.updated_by = row.Text(10);
  request.closed_at = OptionalTime(row, 11);
  request.closed_by = row.Text(12);
  return request;
}

// The request columns plus the units waiting for it (column 13).
constexpr const char* kRequestViewSql =
    "SELECT r.id, r.sku, r.warehouse, r.quantity, r.status, r.expected_at, r.note, "
    "r.created_at, r.created_by, r.updated_at, r.updated_by, r.closed_at, r.closed_by, "
    "(SELECT COALESCE(SUM(b.quantity), 0) FROM backorders b WHERE b.sku = r.sku AND "
    "b.warehouse = r.warehouse) FROM replenishment_requests r ";

Result<ReplenishmentView> ReadRequestView(const Statement& row) {
  ORDO_ASSIGN_OR_RETURN(ReplenishmentRequest request, ReadRequest(row));
  return ReplenishmentView{std::move(request), row.Int(13)};
}

// --- Ledger ---

Result<std::vector<StockLevel>> SelectAllLevels(Connection& conn) {
  ORDO_PREPARE(stmt, conn,
               "SELECT warehouse, sku, on_hand, reserved FROM stock ORDER BY sku, warehouse");
  std::vector<StockLevel> levels;
  Status status;
  while (stmt->Step(&status)) {
    // Read without the domain's assertions: a level out of bounds is a finding, not a crash.
    const Quantity on_hand = stmt->Int(2);
    const Quantity reserved = stmt->Int(3);
    if (reserved < 0 || reserved > on_hand) {
      levels.emplace_back(stmt->Text(0), stmt->Text(1), std::max<Quantity>(on_hand, 0), 0);
      continue;
    }
    levels.emplace_back(stmt->Text(0), stmt->Text(1), on_hand, reserved);
  }
  if (!status.ok()) {
    return status;
  }
  return levels;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Allocation rules

Result<AllocationRules> SelectAllocationRules(Connection& conn) {
  AllocationRules rules;
  {
    ORDO_PREPARE(stmt, conn, "SELECT code, province, city, priority FROM warehouses ORDER BY code");
    ORDO_ASSIGN_OR_RETURN(rules.warehouses, ReadAll<WarehouseRule>(*stmt, [](const Statement& row) {
                            WarehouseRule rule;
                            rule.code = row.Text(0);
                            rule.province = row.Text(1);
                            rule.city = row.Text(2);
                            rule.priority = static_cast<int>(row.Int(3));
                            return rule;
                          }));
  }
  ORDO_PREPARE(stmt, conn,
               "SELECT warehouse, province, rank FROM warehouse_regions "
               "ORDER BY warehouse, rank, province");
  Status status;
  while (stmt->Step(&status)) {
    const std::string code = stmt->Text(0);
    auto it = std::lower_bound(
        rules.warehouses.begin(), rules.warehouses.end(), code,
        [](const WarehouseRule& rule, const std::string& wanted) { return rule.code < wanted; });
    if (it != rules.warehouses.end() && it->code == code) {
      it->regions.emplace_back(stmt->Text(1), static_cast<int>(stmt->Int(2)));
    }
  }
  if (!status.ok()) {
    return status;
  }
  return rules;
}

Status WriteWarehouseRule(Connection& conn, const WarehouseRule& rule) {
  {
    ORDO_PREPARE(stmt, conn, "UPDATE warehouses SET priority = ? WHERE code = ?");
    stmt->Bind(1, rule.priority).Bind(2, rule.code);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    if (conn.Changes() == 0) {
      return Status::NotFound("no warehouse " + rule.code);
    }
  }
  {
    ORDO_PREPARE(stmt, conn, "DELETE FROM warehouse_regions WHERE warehouse = ?");
    stmt->Bind(1, rule.code);
    ORDO_RETURN_IF_ERROR(stmt->Run());
  }
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO warehouse_regions (warehouse, province, rank) VALUES (?, ?, ?)");
  for (const auto& [province, rank] : rule.regions) {
    stmt->Bind(1, rule.code).Bind(2, province).Bind(3, rank);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    stmt->Reset();
  }
  return Status::Ok();
}

Status WriteSkuStockSettings(Connection& conn, const Sku& sku) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE skus SET low_stock_threshold = ?, lead_time_days = ? WHERE code = ?");
  stmt->Bind(1, sku.low_stock_threshold).Bind(2, sku.lead_time_days).Bind(3, sku.code);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  return conn.Changes() == 0 ? Status::NotFound("no SKU " + sku.code) : Status::Ok();
}

AuditEntry WarehouseRuleAudit(const WarehouseRule& before, const WarehouseRule& after,
                              const std::string& actor, Timestamp at) {
  return AuditEntry{
      0, at, actor, "warehouse", after.code, "allocation_rules", RuleJson(before), RuleJson(after)};
}

AuditEntry SkuStockSettingsAudit(const Sku& before, const Sku& after, const std::string& actor,
                                 Timestamp at) {
  return AuditEntry{0,
                    at,
                    actor,
                    "sku",
                    after.code,
                    "stock_settings",
                    SkuSettingsJson(before),
                    SkuSettingsJson(after)};
}

// ---------------------------------------------------------------------------------------------
// The backorder queue

Status ReplaceWaitingLines(Connection& conn, int64_t order_id,
                           const std::vector<WaitingLine>& lines) {
  {
    ORDO_PREPARE(stmt, conn, "DELETE FROM backorders WHERE order_id = ?");
    stmt->Bind(1, order_id);
    ORDO_RETURN_IF_ERROR(stmt->Run());
  }
  if (lines.empty()) {
    return Status::Ok();
  }
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO backorders (order_id, order_no, channel, line_no, sku, warehouse, "
               "quantity, priority, order_created_at, any_warehouse, reason, expected_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const WaitingLine& line : lines) {
    ORDO_ASSERT(line.order_id == order_id && line.quantity > 0);
    stmt->Bind(1, order_id).Bind(2, line.order_no).Bind(3, line.channel).Bind(4, line.line_no);
    stmt->Bind(5, line.sku).Bind(6, line.warehouse).Bind(7, line.quantity);
    stmt->Bind(8, line.priority).Bind(9, line.order_created_at.unix_ms);
    stmt->Bind(10, line.any_warehouse ? 1 : 0).Bind(11, line.reason);
    BindOptionalTime(*stmt, 12, line.expected_restock_at);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    stmt->Reset();
  }
  return Status::Ok();
}

Result<std::vector<WaitingLine>> SelectWaitingLines(Connection& conn, const std::string& sku) {
  ORDO_PREPARE(stmt, conn,
               std::string("SELECT ") + kWaitingColumns +
                   " FROM backorders WHERE sku = ? "
                   "ORDER BY priority DESC, order_created_at, order_no, line_no");
  stmt->Bind(1, sku);
  return ReadAll<WaitingLine>(*stmt, ReadWaiting);
}

Result<std::vector<WaitingLine>> SelectBackorders(Connection& conn, const BackorderFilter& filter) {
  BackorderPosition after;
  const bool paged = !filter.after_key.empty();
  if (paged && !ParseBackorderKey(filter.after_key, after)) {
    return Status::Invalid("cursor", Code::kInvalidValue, "cursor is not one this server issued");
  }
  // Row values compare in the queue's order: priority descending, so it is negated.
  ORDO_PREPARE(stmt, conn,
               std::string("SELECT ") + kWaitingColumns +
                   " FROM backorders WHERE (? = '' OR sku = ?) AND (? = '' OR warehouse = ?) "
                   "AND (? = '' OR channel = ?) AND (? = 0 OR (-priority, order_created_at, "
                   "order_no, line_no) > (?, ?, ?, ?)) "
                   "ORDER BY priority DESC, order_created_at, order_no, line_no LIMIT ?");
  stmt->Bind(1, filter.sku).Bind(2, filter.sku).Bind(3, filter.warehouse);
  stmt->Bind(4, filter.warehouse).Bind(5, filter.channel).Bind(6, filter.channel);
  stmt->Bind(7, paged ? 1 : 0).Bind(8, -static_cast<int64_t>(after.priority));
  stmt->Bind(9, after.order_created_at_ms).Bind(10, after.order_no).Bind(11, after.line_no);
  stmt->Bind(12, filter.limit);
  return ReadAll<WaitingLine>(*stmt, ReadWaiting);
}

// ---------------------------------------------------------------------------------------------
// Replenishment requests

Result<std::optional<ReplenishmentRequest>> SelectLiveRequest(Connection& conn,
                                                              const std::string& sku,
                                                              const std::string& warehouse) {
  ORDO_PREPARE(stmt, conn,
               std::string("SELECT ") + kRequestColumns +
                   " FROM replenishment_requests WHERE sku = ? AND warehouse = ? "
                   "AND status <> 'closed'");
  stmt->Bind(1, sku).Bind(2, warehouse);
  return One<ReplenishmentRequest>(*stmt, ReadRequest);
}

Result<std::optional<ReplenishmentRequest>> SelectRequest(Connection& conn, int64_t id) {
  ORDO_PREPARE(
      stmt, conn,
      std::string("SELECT ") + kRequestColumns + " FROM replenishment_requests WHERE id = ?");
  stmt->Bind(1, id);
  return One<ReplenishmentRequest>(*stmt, ReadRequest);
}

Status WriteRequest(Connection& conn, ReplenishmentRequest& request) {
  const bool insert = request.id == 0;
  ORDO_PREPARE(stmt, conn,
               insert
                   ? std::string("INSERT INTO replenishment_requests (sku, warehouse, quantity, "
                                 "status, expected_at, note, created_at, created_by, updated_at, "
                                 "updated_by, closed_at, closed_by) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                   : std::string("UPDATE replenishment_requests SET sku = ?, warehouse = ?, "
                                 "quantity = ?, status = ?, expected_at = ?, note = ?, "
                                 "created_at = ?, created_by = ?, updated_at = ?, updated_by = ?, "
                                 "closed_at = ?, closed_by = ? WHERE id = ?"));
  stmt->Bind(1, request.sku).Bind(2, request.warehouse).Bind(3, request.quantity);
  stmt->Bind(4, ReplenishmentStatusName(request.status));
  BindOptionalTime(*stmt, 5, request.expected_at);
  stmt->Bind(6, request.note).Bind(7, request.created_at.unix_ms).Bind(8, request.created_by);
  stmt->Bind(9, request.updated_at.unix_ms).Bind(10, request.updated_by);
  BindOptionalTime(*stmt, 11, request.closed_at);
  stmt->Bind(12, request.closed_by);
  if (!insert) {
    stmt->Bind(13, request.id);
  }
  Status status = stmt->Run();
  if (!status.ok()) {
    if (status.message().find("UNIQUE") != std::string::npos) {
      return Status::Conflict(Code::kAlreadyExists, "a live replenishment request of " +
                                                        request.sku + " in " + request.warehouse +
                                                        " exists");
    }
    return status;
  }
  if (insert) {
    request.id = conn.LastInsertId();
  }
  return Status::Ok();
}

AuditEntry RequestAudit(const ReplenishmentRequest& request, std::string_view action) {
  JsonWriter after;
  after.BeginObject()
      .Field("sku", request.sku)
      .Field("warehouse", request.warehouse)
      .Field("quantity", request.quantity)
      .Field("status", ReplenishmentStatusName(request.status))
      .Key("expected_at");
  request.expected_at ? after.String(FormatRfc3339(*request.expected_at)) : after.Null();
  after.Field("note", request.note).EndObject();
  return AuditEntry{0,
                    request.updated_at,
                    request.updated_by,
                    "replenishment",
                    std::to_string(request.id),
                    std::string(action),
                    "null",
                    after.Take()};
}

Result<std::vector<ReplenishmentView>> SelectRequests(Connection& conn,
                                                      const ReplenishmentFilter& filter) {
  ORDO_PREPARE(stmt, conn,
               std::string(kRequestViewSql) +
                   "WHERE (? = '' OR r.status = ?) AND (? = '' OR r.sku = ?) AND "
                   "(? = '' OR r.warehouse = ?) AND (? = 0 OR r.id < ?) ORDER BY r.id DESC "
                   "LIMIT ?");
  const std::string status =
      filter.status ? std::string(ReplenishmentStatusName(*filter.status)) : std::string();
  stmt->Bind(1, status).Bind(2, status).Bind(3, filter.sku).Bind(4, filter.sku);
  stmt->Bind(5, filter.warehouse).Bind(6, filter.warehouse).Bind(7, filter.before_id);
  stmt->Bind(8, filter.before_id).Bind(9, filter.limit);
  return ReadAll<ReplenishmentView>(*stmt, ReadRequestView);
}

Result<std::optional<ReplenishmentView>> SelectRequestView(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kRequestViewSql) + "WHERE r.id = ?");
  stmt->Bind(1, id);
  return One<ReplenishmentView>(*stmt, ReadRequestView);
}

// ---------------------------------------------------------------------------------------------
// Stocktakes

namespace {

Status WriteStocktakeLines(Connection& conn, const Stocktake& stocktake) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO stocktake_lines (stocktake_id, sku, counted, book_on_hand, "
               "book_reserved, counted_by, counted_at, applied) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (stocktake_id, sku) DO UPDATE SET counted = excluded.counted, "
               "book_on_hand = excluded.book_on_hand, book_reserved = excluded.book_reserved, "
               "counted_by = excluded.counted_by, counted_at = excluded.counted_at, "
               "applied = excluded.applied");
  for (const StocktakeLine& line : stocktake.lines) {
    stmt->Bind(1, stocktake.id).Bind(2, line.sku);
    if (line.counted) {
      stmt->Bind(3, *line.counted);
    } else {
      stmt->BindNull(3);
    }
    stmt->Bind(4, line.book_on_hand).Bind(5, line.book_reserved).Bind(6, line.counted_by);
    BindOptionalTime(*stmt, 7, line.counted_at);
    stmt->Bind(8, line.applied);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    stmt->Reset();
  }
  ORDO_PREPARE(counter, conn,
               "INSERT OR IGNORE INTO stocktake_counters (stocktake_id, actor) VALUES (?, ?)");
  for (const std::string& actor : stocktake.counters) {
    counter->Bind(1, stocktake.id).Bind(2, actor);
    ORDO_RETURN_IF_ERROR(counter->Run());
    counter->Reset();
  }
  return Status::Ok();
}

}  // namespace

Status InsertStocktakeRows(Connection& conn, Stocktake& stocktake) {
  {
    ORDO_PREPARE(stmt, conn,
                 "INSERT INTO stocktakes (warehouse, whole_warehouse, reason, status, "
                 "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)");
    stmt->Bind(1, stocktake.warehouse).Bind(2, stocktake.whole_warehouse ? 1 : 0);
    stmt->Bind(3, stocktake.reason).Bind(4, StocktakeStatusName(stocktake.status));
    stmt->Bind(5, stocktake.created_at.unix_ms).Bind(6, stocktake.created_by);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    stocktake.id = conn.LastInsertId();
  }
  return WriteStocktakeLines(conn, stocktake);
}

Status UpdateStocktakeRows(Connection& conn, const Stocktake& stocktake) {
  ORDO_RETURN_IF_ERROR(WriteStocktakeLines(conn, stocktake));
  ORDO_PREPARE(stmt, conn,
               "UPDATE stocktakes SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?");
  stmt->Bind(1, StocktakeStatusName(stocktake.status));
  BindOptionalTime(*stmt, 2, stocktake.decided_at);
  stmt->Bind(3, stocktake.decided_by).Bind(4, stocktake.id);
  Status status = stmt->Run();
  if (!status.ok() && status.message().find("self_approval") != std::string::npos) {
    return Status(Kind::kForbidden, Code::kSelfApproval,
                  "a counter may not approve stocktake " + std::to_string(stocktake.id));
  }
  return status;
}

Result<std::optional<Stocktake>> SelectStocktake(Connection& conn, int64_t id) {
  std::optional<Stocktake> found;
  {
    ORDO_PREPARE(stmt, conn,
                 "SELECT id, warehouse, whole_warehouse, reason, status, created_at, "
                 "created_by, decided_at, decided_by FROM stocktakes WHERE id = ?");
    stmt->Bind(1, id);
    ORDO_ASSIGN_OR_RETURN(
        found, One<Stocktake>(*stmt, [](const Statement& row) -> Result<Stocktake> {
          Stocktake s;
          s.id = row.Int(0);
          s.warehouse = row.Text(1);
          s.whole_warehouse = row.Int(2) != 0;
          s.reason = row.Text(3);
          ORDO_ASSIGN_OR_RETURN(s.status, DecodeStoredEnum<StocktakeStatus>(
                                              "stocktake " + std::to_string(s.id) + " status",
                                              row.TextView(4)));
          s.created_at = Timestamp{row.Int(5)};
          s.created_by = row.Text(6);
          s.decided_at = OptionalTime(row, 7);
          s.decided_by = row.Text(8);
          return s;
        }));
  }
  if (!found) {
    return found;
  }
  ORDO_PREPARE(stmt, conn,
               "SELECT sku, counted, book_on_hand, book_reserved, counted_by, counted_at, "
               "applied FROM stocktake_lines WHERE stocktake_id = ? ORDER BY sku");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(found->lines, ReadAll<StocktakeLine>(*stmt, [](const Statement& row) {
                          StocktakeLine line;
                          line.sku = row.Text(0);
                          if (!row.IsNull(1)) {
                            line.counted = row.Int(1);
                          }
                          line.book_on_hand = row.Int(2);
                          line.book_reserved = row.Int(3);
                          line.counted_by = row.Text(4);
                          line.counted_at = OptionalTime(row, 5);
                          line.applied = row.Int(6);
                          return line;
                        }));
  ORDO_PREPARE(counters, conn,
               "SELECT actor FROM stocktake_counters WHERE stocktake_id = ? ORDER BY actor");
  counters->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(found->counters, ReadAll<std::string>(*counters, [](const Statement& row) {
                          return row.Text(0);
                        }));
  return found;
}

Result<std::vector<std::string>> SelectSkusStockedIn(Connection& conn,
                                                     const std::string& warehouse) {
  ORDO_PREPARE(stmt, conn, "SELECT sku FROM stock WHERE warehouse = ? ORDER BY sku");
  stmt->Bind(1, warehouse);
  return ReadAll<std::string>(*stmt, [](const Statement& row) { return row.Text(0); });
}

AuditEntry StocktakeAudit(const Stocktake& stocktake, std::string_view action,
                          const std::string& actor, Timestamp at) {
  JsonWriter after;
  after.BeginObject()
      .Field("warehouse", stocktake.warehouse)
      .Field("whole_warehouse", stocktake.whole_warehouse)
      .Field("reason", stocktake.reason)
      .Field("status", StocktakeStatusName(stocktake.status))
      .Key("lines")
      .BeginArray();
  for (const StocktakeLine& line : stocktake.lines) {
    after.BeginObject().Field("sku", line.sku);
    if (line.counted) {
      after.Field("counted", *line.counted).Field("book_on_hand", line.book_on_hand);
    }
    if (line.applied != 0) {
      after.Field("applied", line.applied);
    }
    after.EndObject();
  }
  after.EndArray().EndObject();
  return AuditEntry{
      0,      at,          actor, "stocktake", std::to_string(stocktake.id), std::string(action),
      "null", after.Take()};
}

// ---------------------------------------------------------------------------------------------
// Reads

Result<std::vector<LedgerEntry>> SelectLedgerFiltered(Connection& conn,
                                                      const LedgerFilter& filter) {
  ORDO_PREPARE(stmt, conn,
               std::string(kLedgerColumns) +
                   "WHERE sku = ? AND id > ? "
                   "AND (? = '' OR warehouse = ?) AND (? = '' OR type = ?) "
                   "AND (? = 0 OR at >= ?) AND (? = 0 OR at < ?) ORDER BY id LIMIT ?");
  const std::string type =
      filter.type ? std::string(MovementTypeName(*filter.type)) : std::string();
  stmt->Bind(1, filter.sku).Bind(2, filter.after_id).Bind(3, filter.warehouse);
  stmt->Bind(4, filter.warehouse).Bind(5, type).Bind(6, type);
  stmt->Bind(7, filter.from ? 1 : 0).Bind(8, filter.from ? filter.from->unix_ms : 0);
  stmt->Bind(9, filter.to ? 1 : 0).Bind(10, filter.to ? filter.to->unix_ms : 0);
  stmt->Bind(11, filter.limit);
  return ReadAll<LedgerEntry>(*stmt, ReadLedgerEntry);
}

Result<StockCheckReport> SelectStockCheck(Connection& conn) {
  ORDO_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, SelectAllLevels(conn));
  std::vector<LedgerTotals> totals;
  {
    ORDO_PREPARE(stmt, conn,
                 "SELECT t.sku, t.warehouse, t.entries, t.on_hand_sum, t.reserved_sum, "
                 "m.on_hand_after, m.reserved_after, t.out_of_bounds FROM (SELECT sku, warehouse, "
                 "COUNT(*) AS entries, "
                 "SUM(CASE WHEN type IN ('receipt', 'return', 'adjustment', 'stocktake', "
                 "'consumption') THEN quantity ELSE 0 END) AS on_hand_sum, "
                 "SUM(CASE WHEN type IN ('reservation', 'release', 'consumption') THEN quantity "
                 "ELSE 0 END) AS reserved_sum, MAX(id) AS last_id, "
                 "MAX(on_hand_after < 0 OR reserved_after < 0 OR reserved_after > on_hand_after) "
                 "AS out_of_bounds FROM stock_ledger GROUP BY sku, warehouse) t "
                 "JOIN stock_ledger m ON m.id = t.last_id ORDER BY t.sku, t.warehouse");
    ORDO_ASSIGN_OR_RETURN(totals, ReadAll<LedgerTotals>(*stmt, [](const Statement& row) {
                            LedgerTotals t;
                            t.sku = row.Text(0);
                            t.warehouse = row.Text(1);
                            t.entries = row.Int(2);
                            t.on_hand_sum = row.Int(3);
                            t.reserved_sum = row.Int(4);
                            t.last_on_hand_after = row.Int(5);
                            t.last_reserved_after = row.Int(6);
                            t.any_entry_out_of_bounds = row.Int(7) != 0;
                            return t;
                          }));
  }
  ORDO_PREPARE(stmt, conn,
               "SELECT h.order_no, COALESCE(o.status, ''), h.sku, h.warehouse, h.held FROM "
               "(SELECT order_no, sku, warehouse, SUM(quantity) AS held FROM stock_ledger "
               "WHERE order_no <> '' AND type IN ('reservation', 'release', 'consumption') "
               "GROUP BY order_no, sku, warehouse) h "
               "LEFT JOIN orders o ON o.order_no = h.order_no ORDER BY h.order_no, h.sku");
  ORDO_ASSIGN_OR_RETURN(
      std::vector<OrderHold> holds, ReadAll<OrderHold>(*stmt, [](const Statement& row) {
        return OrderHold{row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4)};
      }));
  return CheckStockBooks(levels, totals, holds);
}

Result<std::vector<SkuStock>> SelectSkuStock(Connection& conn) {
  std::vector<SkuStock> skus;
  {
    ORDO_PREPARE(stmt, conn,
                 "SELECT code, name, step_quantity, min_quantity, low_stock_threshold, "
                 "lead_time_days FROM skus WHERE sellable = 1 ORDER BY code");
    ORDO_ASSIGN_OR_RETURN(skus, ReadAll<SkuStock>(*stmt, [](const Statement& row) {
                            SkuStock s;
                            s.sku.code = row.Text(0);
                            s.sku.name = row.Text(1);
                            s.sku.step_quantity = row.Int(2);
                            s.sku.min_quantity = row.Int(3);
                            s.sku.low_stock_threshold = row.Int(4);
                            s.sku.lead_time_days = row.Int(5);
                            s.sku.sellable = true;
                            return s;
                          }));
  }
  std::map<std::string, SkuStock*> by_code;
  for (SkuStock& s : skus) {
    by_code[s.sku.code] = &s;
  }
  {
    ORDO_ASSIGN_OR_RETURN(std::vector<StockLevel> levels, SelectAllLevels(conn));
    for (StockLevel& level : levels) {
      auto it = by_code.find(level.sku());
      if (it != by_code.end()) {
        it->second->levels.push_back(std::move(level));
      }
    }
  }
  ORDO_PREPARE(stmt, conn,
               "SELECT sku, warehouse, any_warehouse, SUM(quantity) FROM backorders "
               "GROUP BY sku, warehouse, any_warehouse");
  Status status;
  while (stmt->Step(&status)) {
    auto it = by_code.find(stmt->Text(0));
    if (it == by_code.end()) {
      continue;
    }
    WaitingLine line;
    line.sku = stmt->Text(0);
    line.warehouse = stmt->Text(1);
    line.any_warehouse = stmt->Int(2) != 0;
    line.quantity = stmt->Int(3);
    it->second->waiting.push_back(std::move(line));
  }
  if (!status.ok()) {
    return status;
  }
  return skus;
}

Result<StockCheckReport> VerifyStockBooks(const std::string& data_dir) {
  const std::string path = DatabasePath(data_dir);
  if (!std::filesystem::exists(path)) {
    return Status::NotFound("no database at " + path);
  }
  ORDO_ASSIGN_OR_RETURN(auto conn, Connection::Open(path, Connection::Mode::kReadOnly));
  // One snapshot for the three reads, so a writer beside us cannot make them disagree.
  ORDO_RETURN_IF_ERROR(conn->Exec("BEGIN"));
  Result<StockCheckReport> report = SelectStockCheck(*conn);
  (void)conn->Exec("COMMIT");
  return report;
}

}  // namespace ordo::sqlite
