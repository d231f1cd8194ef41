#include "store/sqlite/queries.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <variant>

#include "domain/order/intake.h"
#include "store/codec.h"
#include "store/sqlite/pending_search_keys.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace {

constexpr const char* kSkuColumns =
    "id, code, name, spec, price_amount, currency, weight_g, step_quantity, min_quantity, "
    "sellable, category, low_stock_threshold, created_at, lead_time_days";

Sku ReadSku(const Statement& row) {
  Sku sku;
  sku.id = SkuId{row.Int(0)};
  sku.code = row.Text(1);
  sku.name = row.Text(2);
  sku.spec = row.Text(3);
  sku.price_amount = row.Int(4);
  const std::string currency = row.Text(5);
  if (Currency::IsValid(currency)) {
    sku.currency = Currency::Of(currency);
  }
  sku.weight_g = row.Int(6);
  sku.step_quantity = row.Int(7);
  sku.min_quantity = row.Int(8);
  sku.sellable = row.Int(9) != 0;
  sku.category = row.Text(10);
  sku.low_stock_threshold = row.Int(11);
  sku.created_at = Timestamp{row.Int(12)};
  sku.lead_time_days = row.Int(13);
  return sku;
}

Warehouse ReadWarehouse(const Statement& row) {
  Warehouse warehouse;
  warehouse.id = WarehouseId{row.Int(0)};
  warehouse.code = row.Text(1);
  warehouse.name = row.Text(2);
  warehouse.address = {row.Text(3), row.Text(4), row.Text(5), row.Text(6), row.Text(7)};
  warehouse.created_at = Timestamp{row.Int(8)};
  warehouse.phone = row.Text(9);
  return warehouse;
}

Result<Order> ReadOrder(const Statement& row, const PiiCipher& cipher) {
  ORDO_ASSIGN_OR_RETURN(Order order, DecodeOrderDoc(row.TextView(2), cipher));
  order.id = OrderId{row.Int(0)};
  order.order_no = row.Text(1);
  return order;
}

// Separates the keys of one pending row (U+001F, never part of a key).
const std::string kSeparator = "\x1f";

bool PhoneMatches(const std::string& phone, const PhoneQuery& query) {
  if (query.last_four) {
    std::string digits;
    for (char c : phone) {
      if (c >= '0' && c <= '9') {
        digits.push_back(c);
      }
    }
    return digits.size() >= 4 && digits.ends_with(query.value);
  }
  return phone == query.value;
}

bool MatchesSearch(const Order& order, const OrderFilter& filter) {
  if (!filter.phone.empty()) {
    const PhoneQuery query = ParsePhoneQuery(filter.phone);
    if (!PhoneMatches(order.customer.phone, query) && !PhoneMatches(order.consignee.phone, query)) {
      return false;
    }
  }
  if (!filter.member_id.empty() && order.customer.member_id != filter.member_id) {
    return false;
  }
  const std::string& name = order.consignee.name;
  if (!filter.consignee.empty() && name != filter.consignee &&
      !(filter.consignee.size() < name.size() &&
        (name.starts_with(filter.consignee) || name.ends_with(filter.consignee)))) {
    return false;
  }
  return filter.q.empty() || order.order_no == filter.q || order.external_id == filter.q;
}

// Runs a statement expected to return at most one order.
Result<std::optional<Order>> OneOrder(Statement& stmt, const PiiCipher& cipher) {
  Status status;
  if (!stmt.Step(&status)) {
    if (!status.ok()) {
      return status;
    }
    return std::optional<Order>();
  }
  ORDO_ASSIGN_OR_RETURN(Order order, ReadOrder(stmt, cipher));
  return std::optional<Order>(std::move(order));
}

}  // namespace

Result<std::optional<Sku>> SelectSku(Connection& conn, const std::string& code) {
  ORDO_PREPARE(stmt, conn, std::string("SELECT ") + kSkuColumns + " FROM skus WHERE code = ?");
  stmt->Bind(1, code);
  Status status;
  if (stmt->Step(&status)) {
    return std::optional<Sku>(ReadSku(*stmt));
  }
  if (!status.ok()) {
    return status;
  }
  return std::optional<Sku>();
}

Result<std::map<std::string, Sku>> SelectSkus(Connection& conn,
                                              const std::vector<std::string>& codes) {
  std::map<std::string, Sku> result;
  for (const std::string& code : codes) {
    if (result.count(code)) {
      continue;
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Sku> sku, SelectSku(conn, code));
    if (sku) {
      result.emplace(code, std::move(*sku));
    }
  }
  return result;
}

Result<std::vector<Sku>> SelectSkuPage(Connection& conn, const std::string& after_code, int limit) {
  ORDO_PREPARE(
      stmt, conn,
      std::string("SELECT ") + kSkuColumns + " FROM skus WHERE code > ? ORDER BY code LIMIT ?");
  stmt->Bind(1, after_code).Bind(2, limit);
  std::vector<Sku> skus;
  Status status;
  while (stmt->Step(&status)) {
    skus.push_back(ReadSku(*stmt));
  }
  if (!status.ok()) {
    return status;
  }
  return skus;
}

Status InsertSkuRow(Connection& conn, Sku& sku) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO skus (code, name, spec, price_amount, currency, weight_g, "
               "step_quantity, min_quantity, sellable, category, low_stock_threshold, created_at, "
               "lead_time_days) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, sku.code).Bind(2, sku.name).Bind(3, sku.spec).Bind(4, sku.price_amount);
  stmt->Bind(5, sku.currency.view()).Bind(6, sku.weight_g).Bind(7, sku.step_quantity);
  stmt->Bind(8, sku.min_quantity).Bind(9, sku.sellable ? 1 : 0).Bind(10, sku.category);
  stmt->Bind(11, sku.low_stock_threshold).Bind(12, sku.created_at.unix_ms);
  stmt->Bind(13, sku.lead_time_days);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  sku.id = SkuId{conn.LastInsertId()};
  return Status::Ok();
}

Result<std::optional<Warehouse>> SelectWarehouse(Connection& conn, const std::string& code) {
  ORDO_PREPARE(stmt, conn,
               "SELECT id, code, name, province, city, district, detail, division_code, "
               "created_at, phone FROM warehouses WHERE code = ?");
  stmt->Bind(1, code);
  Status status;
  if (stmt->Step(&status)) {
    return std::optional<Warehouse>(ReadWarehouse(*stmt));
  }
  if (!status.ok()) {
    return status;
  }
  return std::optional<Warehouse>();
}

Result<std::vector<Warehouse>> SelectWarehouses(Connection& conn) {
  ORDO_PREPARE(stmt, conn,
               "SELECT id, code, name, province, city, district, detail, division_code, "
               "created_at, phone FROM warehouses ORDER BY code");
  std::vector<Warehouse> warehouses;
  Status status;
  while (stmt->Step(&status)) {
    warehouses.push_back(ReadWarehouse(*stmt));
  }
  if (!status.ok()) {
    return status;
  }
  return warehouses;
}

Status InsertWarehouseRow(Connection& conn, Warehouse& warehouse) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO warehouses (code, name, province, city, district, detail, "
               "division_code, created_at, phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const Address& a = warehouse.address;
  stmt->Bind(1, warehouse.code).Bind(2, warehouse.name).Bind(3, a.province).Bind(4, a.city);
  stmt->Bind(5, a.district).Bind(6, a.detail).Bind(7, a.division_code);
  stmt->Bind(8, warehouse.created_at.unix_ms).Bind(9, warehouse.phone);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  warehouse.id = WarehouseId{conn.LastInsertId()};
  return Status::Ok();
}

Result<std::map<std::string, std::vector<StockLevel>>> SelectStock(
    Connection& conn, const std::vector<std::string>& skus) {
  std::map<std::string, std::vector<StockLevel>> result;
  ORDO_PREPARE(stmt, conn,
               "SELECT warehouse, on_hand, reserved FROM stock WHERE sku = ? ORDER BY warehouse");
  for (const std::string& sku : skus) {
    if (result.count(sku)) {
      continue;
    }
    auto& levels = result[sku];
    stmt->Bind(1, sku);
    Status status;
    while (stmt->Step(&status)) {
      levels.emplace_back(stmt->Text(0), sku, stmt->Int(1), stmt->Int(2));
    }
    if (!status.ok()) {
      return status;
    }
    stmt->Reset();
  }
  return result;
}

Status WriteStockLevel(Connection& conn, const StockLevel& level, Timestamp updated_at) {
  // Invariants checked again at the edge of the store (and by the table's CHECK constraints).
  ORDO_ASSERT(level.reserved() >= 0 && level.reserved() <= level.on_hand());
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO stock (sku, warehouse, on_hand, reserved, updated_at) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sku, warehouse) DO UPDATE SET "
               "on_hand = excluded.on_hand, reserved = excluded.reserved, "
               "updated_at = excluded.updated_at");
  stmt->Bind(1, level.sku()).Bind(2, level.warehouse()).Bind(3, level.on_hand());
  stmt->Bind(4, level.reserved()).Bind(5, updated_at.unix_ms);
  return stmt->Run();
}

Status InsertLedgerEntry(Connection& conn, LedgerEntry& entry) {
  ORDO_ASSERT(entry.reserved_after >= 0 && entry.reserved_after <= entry.on_hand_after);
  ORDO_PREPARE(
      stmt, conn,
      "INSERT INTO stock_ledger (sku, warehouse, type, quantity, on_hand_after, "
      "reserved_after, reason, actor, order_no, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  // The entry outlives the statement's run: its text is bound without a copy.
  stmt->BindStatic(1, entry.sku).BindStatic(2, entry.warehouse);
  stmt->BindStatic(3, MovementTypeName(entry.type));
  stmt->Bind(4, entry.quantity).Bind(5, entry.on_hand_after).Bind(6, entry.reserved_after);
  stmt->BindStatic(7, entry.reason).BindStatic(8, entry.actor).BindStatic(9, entry.order_no);
  stmt->Bind(10, entry.at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  entry.id = conn.LastInsertId();
  return Status::Ok();
}

Result<LedgerEntry> ReadLedgerEntry(const Statement& row) {
  LedgerEntry entry;
  entry.id = row.Int(0);
  entry.sku = row.Text(1);
  entry.warehouse = row.Text(2);
  // Types are written from the enum; an unknown name would mean a newer build (or damage)
  // wrote it: the entry is not read as some other type.
  ORDO_ASSIGN_OR_RETURN(entry.type,
                        DecodeStoredEnum<MovementType>(
                            "stock ledger entry " + std::to_string(entry.id) + " type",
                            row.TextView(3)));
  entry.quantity = row.Int(4);
  entry.on_hand_after = row.Int(5);
  entry.reserved_after = row.Int(6);
  entry.reason = row.Text(7);
  entry.actor = row.Text(8);
  entry.order_no = row.Text(9);
  entry.at = Timestamp{row.Int(10)};
  return entry;
}

Result<std::vector<LedgerEntry>> SelectLedger(Connection& conn, const std::string& sku,
                                              int64_t after_id, int limit) {
  ORDO_PREPARE(stmt, conn,
               std::string(kLedgerColumns) + "WHERE sku = ? AND id > ? ORDER BY id LIMIT ?");
  stmt->Bind(1, sku).Bind(2, after_id).Bind(3, limit);
  return ReadAll<LedgerEntry>(*stmt, ReadLedgerEntry);
}

Result<std::optional<Order>> SelectOrder(Connection& conn, const PiiCipher& cipher,
                                         const std::string& order_no) {
  ORDO_PREPARE(stmt, conn, "SELECT id, order_no, doc FROM orders WHERE order_no = ?");
  stmt->Bind(1, order_no);
  return OneOrder(*stmt, cipher);
}

Result<std::optional<Order>> SelectOrderByExternalId(Connection& conn, const PiiCipher& cipher,
                                                     const std::string& channel,
                                                     const std::string& external_id) {
  ORDO_PREPARE(stmt, conn,
               "SELECT id, order_no, doc FROM orders WHERE channel = ? AND external_id = ?");
  stmt->Bind(1, channel).Bind(2, external_id);
  return OneOrder(*stmt, cipher);
}

namespace {

// The WHERE clause of an order filter and its arguments, in order: shared by the list and the
// counts, so a tab's count and its list can never disagree about what matches.
struct OrderWhere {
  std::string sql;
  std::vector<std::variant<std::string, int64_t>> args;

  void Text(const char* clause, std::string value) {
    sql += clause;
    args.emplace_back(std::move(value));
  }
  void Int(const char* clause, int64_t value) {
    sql += clause;
    args.emplace_back(value);
  }
  // Binds the arguments from position 1; returns the next free position.
  int Bind(Statement& stmt) const {
    int position = 1;
    for (const auto& arg : args) {
      if (const auto* text = std::get_if<std::string>(&arg)) {
        stmt.Bind(position++, *text);
      } else {
        stmt.Bind(position++, std::get<int64_t>(arg));
      }
    }
    return position;
  }
};

constexpr const char* kByKey =
    " AND id IN (SELECT order_id FROM order_search WHERE key = ? UNION ALL "
    "SELECT order_id FROM order_search_pending WHERE instr(keys, ?) > 0)";

void AddKey(OrderWhere& where, const char* clause, const std::string& key) {
  where.sql += clause;
  where.args.emplace_back(key);
  where.args.emplace_back(kSeparator + key + kSeparator);
}

// Everything of `filter` but its status, cursor and limit.
OrderWhere OrderFilterWhere(const PiiCipher& cipher, const OrderFilter& filter) {
  OrderWhere where;
  if (!filter.q.empty()) {
    where.Text(" AND (order_no = ?", filter.q);
    AddKey(where,
           " OR id IN (SELECT order_id FROM order_search WHERE key = ? UNION ALL "
           "SELECT order_id FROM order_search_pending WHERE instr(keys, ?) > 0))",
           SearchKey('x', filter.q));
  }
  if (!filter.phone.empty()) {
    const PhoneQuery phone = ParsePhoneQuery(filter.phone);
    AddKey(where, kByKey, BlindSearchKey(cipher, phone.last_four ? 't' : 'p', phone.value));
  }
  if (!filter.member_id.empty()) {
    AddKey(where, kByKey, SearchKey('m', filter.member_id));
  }
  if (!filter.consignee.empty()) {
    AddKey(where, kByKey, BlindSearchKey(cipher, 'n', filter.consignee));
  }
  if (!filter.channel.empty()) {
    where.Text(" AND channel = ?", filter.channel);
  }
  if (filter.created_from) {
    where.Int(" AND created_at >= ?", filter.created_from->unix_ms);
  }
  if (filter.created_to) {
    where.Int(" AND created_at < ?", filter.created_to->unix_ms);
  }
  // The console's further filters read plain fields of the document: they narrow what the
  // indexed conditions above (or the newest-first walk) produce.
  if (filter.priority) {
    where.Int(" AND priority = ?", *filter.priority);
  }
  if (!filter.payment_method.empty()) {
    where.Text(" AND json_extract(doc, '$.payment_method') = ?", filter.payment_method);
  }
  if (filter.on_hold) {
    where.sql += *filter.on_hold ? " AND json_type(doc, '$.holds') IS NOT NULL"
                                 : " AND json_type(doc, '$.holds') IS NULL";
  }
  if (!filter.warehouse.empty()) {
    where.Text(
        " AND EXISTS (SELECT 1 FROM json_each(doc, '$.lines') AS line, "
        "json_each(line.value, '$.alloc') AS alloc WHERE json_extract(alloc.value, '$.w') = ?)",
        filter.warehouse);
  }
  return where;
}

bool HasSearchKey(const OrderFilter& filter) {
  return !filter.q.empty() || !filter.phone.empty() || !filter.member_id.empty() ||
         !filter.consignee.empty();
}

}  // namespace

Result<OrderPage> SelectOrders(Connection& conn, const PiiCipher& cipher,
                               const OrderFilter& filter) {
  OrderWhere where = OrderFilterWhere(cipher, filter);
  if (filter.status) {
    where.Text(" AND status = ?", std::string(StatusName(*filter.status)));
  }
  if (filter.after_id > 0) {
    where.Int(" AND id < ?", filter.after_id);
  }
  ORDO_PREPARE(
      stmt, conn,
      "SELECT id, order_no, doc FROM orders WHERE 1 = 1" + where.sql + " ORDER BY id DESC LIMIT ?");
  const int position = where.Bind(*stmt);
  stmt->Bind(position, filter.limit + 1);
  OrderPage page;
  Status status;
  int rows = 0;
  int64_t last_id = 0;
  while (stmt->Step(&status)) {
    if (++rows > filter.limit) {
      page.next_after_id = last_id;
      break;
    }
    ORDO_ASSIGN_OR_RETURN(Order order, ReadOrder(*stmt, cipher));
    last_id = order.id.value;
    // A key may be stale after the order changed; keep only orders that still match.
    if (MatchesSearch(order, filter)) {
      page.orders.push_back(std::move(order));
    }
  }
  if (!status.ok()) {
    return status;
  }
  return page;
}

Result<OrderDaySummary> SelectOrderDaySummary(Connection& conn, Timestamp from, Timestamp to,
                                              int64_t zone_offset_ms) {
  ORDO_PREPARE(stmt, conn,
               "SELECT created_at, channel, total_amount FROM orders INDEXED BY orders_by_created "
               "WHERE created_at >= ? AND created_at < ?");
  stmt->Bind(1, from.unix_ms).Bind(2, to.unix_ms);
  constexpr int64_t kDayMs = 24 * 3600 * 1000;
  constexpr int64_t kHourMs = 3600 * 1000;
  OrderDaySummary summary;
  std::map<std::string, OrderDaySummary::Channel> channels;
  Status status;
  while (stmt->Step(&status)) {
    const int64_t local_ms = stmt->Int(0) + zone_offset_ms;
    const int64_t hour = ((local_ms % kDayMs) + kDayMs) % kDayMs / kHourMs;
    const int64_t amount = stmt->Int(2);
    ++summary.orders;
    summary.amount += amount;
    ++summary.by_hour[static_cast<size_t>(hour)];
    OrderDaySummary::Channel& channel = channels[stmt->Text(1)];
    ++channel.orders;
    channel.amount += amount;
  }
  ORDO_RETURN_IF_ERROR(status);
  for (auto& [name, channel] : channels) {
    channel.channel = name;
    summary.by_channel.push_back(std::move(channel));
  }
  return summary;
}

Result<int64_t> SelectLiveCaseCount(Connection& conn) {
  ORDO_PREPARE(stmt, conn,
               "SELECT COUNT(*) FROM anomalies INDEXED BY anomalies_by_status "
               "WHERE status IN ('open', 'assigned')");
  Status status;
  int64_t count = 0;
  if (stmt->Step(&status)) {
    count = stmt->Int(0);
  }
  ORDO_RETURN_IF_ERROR(status);
  return count;
}

Result<std::vector<std::pair<OrderStatus, int64_t>>> CountOrdersByStatus(
    Connection& conn, const PiiCipher& cipher, const OrderFilter& filter) {
  const OrderWhere where = OrderFilterWhere(cipher, filter);
  std::map<OrderStatus, int64_t> counts;
  if (HasSearchKey(filter)) {
    // A search finds few orders, but a key may be stale: each is re-checked like the list does.
    ORDO_PREPARE(stmt, conn, "SELECT id, order_no, doc FROM orders WHERE 1 = 1" + where.sql);
    where.Bind(*stmt);
    Status status;
    while (stmt->Step(&status)) {
      ORDO_ASSIGN_OR_RETURN(Order order, ReadOrder(*stmt, cipher));
      if (MatchesSearch(order, filter)) {
        ++counts[order.status];
      }
    }
    ORDO_RETURN_IF_ERROR(status);
  } else {
    // Without conditions this reads the orders_by_status index alone.
    ORDO_PREPARE(
        stmt, conn,
        "SELECT status, COUNT(*) FROM orders WHERE 1 = 1" + where.sql + " GROUP BY status");
    where.Bind(*stmt);
    Status status;
    while (stmt->Step(&status)) {
      std::optional<OrderStatus> parsed = ParseStatus(stmt->Text(0));
      if (!parsed) {
        return Status::Internal("unknown order status in the store: " + stmt->Text(0));
      }
      counts[*parsed] = stmt->Int(1);
    }
    ORDO_RETURN_IF_ERROR(status);
  }
  return std::vector<std::pair<OrderStatus, int64_t>>(counts.begin(), counts.end());
}

namespace {

// Binds without copying: `doc` (the encoded document) and the order outlive the statement's run.
void BindOrderColumns(Statement& stmt, const Order& order, const std::string& doc) {
  stmt.BindStatic(1, StatusName(order.status));
  stmt.BindStatic(2, PaymentStatusName(order.payment_status));
  stmt.Bind(3, order.priority);
  stmt.Bind(4, order.total_amount);
  stmt.Bind(5, order.paid_amount);
  stmt.Bind(6, order.version);
  stmt.Bind(7, order.updated_at.unix_ms);
  stmt.BindStatic(8, doc);
}

}  // namespace

Status InsertOrderRow(Connection& conn, const PiiCipher& cipher, Order& order) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO orders (status, payment_status, priority, total_amount, paid_amount, "
               "version, updated_at, doc, order_no, channel, external_id, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const std::string doc = EncodeOrderDoc(order, cipher);
  BindOrderColumns(*stmt, order, doc);
  stmt->BindStatic(9, order.order_no).BindStatic(10, order.channel);
  stmt->BindStatic(11, order.external_id);
  stmt->Bind(12, order.created_at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  order.id = OrderId{conn.LastInsertId()};
  return Status::Ok();
}

Status UpdateOrderRow(Connection& conn, const PiiCipher& cipher, const Order& order,
                      int64_t expected_version) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE orders SET status = ?, payment_status = ?, priority = ?, total_amount = ?, "
               "paid_amount = ?, version = ?, updated_at = ?, doc = ? "
               "WHERE id = ? AND version = ?");
  const std::string doc = EncodeOrderDoc(order, cipher);
  BindOrderColumns(*stmt, order, doc);
  stmt->Bind(9, order.id.value).Bind(10, expected_version);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() != 1) {
    return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                  "order " + order.order_no + " changed meanwhile");
  }
  return Status::Ok();
}

std::string SearchKey(char kind, std::string_view value) {
  std::string key;
  key.reserve(value.size() + 2);
  key.push_back(kind);
  key.push_back(':');
  key.append(value);
  return key;
}

std::string BlindSearchKey(const PiiCipher& cipher, char kind, std::string_view value) {
  return SearchKey(kind, cipher.BlindIndex(value));
}

PhoneQuery ParsePhoneQuery(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  if (text.size() == 4 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return PhoneQuery{std::string(text), true};
  }
  // "158-4285-0688", "+86 158 4285 0688": the canonical form mobiles are stored in.
  std::optional<std::string> mobile = NormalizeMobile(text);
  return PhoneQuery{mobile ? *mobile : std::string(text), false};
}

std::vector<std::string_view> NameParts(std::string_view name) {
  // Character boundaries of UTF-8: a byte that is not a continuation byte (10xxxxxx).
  std::vector<size_t> starts;
  for (size_t i = 0; i < name.size(); ++i) {
    if ((static_cast<unsigned char>(name[i]) & 0xc0) != 0x80) {
      starts.push_back(i);
    }
  }
  std::vector<std::string_view> parts;
  if (starts.size() < 2 || starts.size() > 6) {
    return parts;  // one character, or a long (romanised) name: the whole name only
  }
  parts.push_back(name.substr(0, starts[1]));  // the surname
  parts.push_back(name.substr(starts[1]));     // the given name
  if (starts.size() >= 3) {
    parts.push_back(name.substr(0, starts[2]));  // a compound surname (欧阳, 司马)
    parts.push_back(name.substr(starts[2]));     // and the given name after it
  }
  return parts;
}

std::vector<std::string> SearchKeys(const Order& order, const PiiCipher& cipher) {
  std::vector<std::string> keys;
  auto add = [&keys](std::string_view value, std::string key) {
    if (!value.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(std::move(key));
    }
  };
  add(order.external_id, SearchKey('x', order.external_id));
  add(order.customer.member_id, SearchKey('m', order.customer.member_id));
  for (const std::string* phone : {&order.customer.phone, &order.consignee.phone}) {
    if (phone == &order.consignee.phone && *phone == order.customer.phone) {
      break;
    }
    add(*phone, BlindSearchKey(cipher, 'p', *phone));
    const std::string digits = [&] {
      std::string out;
      std::copy_if(phone->begin(), phone->end(), std::back_inserter(out),
                   [](char c) { return c >= '0' && c <= '9'; });
      return out;
    }();
    if (digits.size() >= 4) {
      const std::string last_four = digits.substr(digits.size() - 4);
      add(last_four, BlindSearchKey(cipher, 't', last_four));
    }
  }
  add(order.consignee.name, BlindSearchKey(cipher, 'n', order.consignee.name));
  for (std::string_view part : NameParts(order.consignee.name)) {
    add(part, BlindSearchKey(cipher, 'n', part));
  }
  return keys;
}

std::string SearchKeyInputs(const Order& order) {
  std::string inputs;
  for (const std::string* value : {&order.external_id, &order.customer.member_id,
                                   &order.customer.phone, &order.consignee.phone,
                                   &order.consignee.name}) {
    inputs += std::to_string(value->size());
    inputs += ':';
    inputs += *value;
  }
  return inputs;
}

Status AppendSearchKeys(Connection& conn, int64_t order_id, const std::vector<std::string>& keys) {
  std::string joined = kSeparator;
  for (const std::string& key : keys) {
    joined += key;
    joined += kSeparator;
  }
  ORDO_PREPARE(stmt, conn, "INSERT INTO order_search_pending (order_id, keys) VALUES (?, ?)");
  stmt->Bind(1, order_id).Bind(2, joined);
  return stmt->Run();
}

Result<int64_t> CountPendingSearchRows(Connection& conn) {
  ORDO_PREPARE(stmt, conn, "SELECT count(*) FROM order_search_pending");
  Status status;
  if (!stmt->Step(&status)) {
    return status.ok() ? Status::Internal("count returned no row") : status;
  }
  return stmt->Int(0);
}

namespace {

// Calls `fn(key, order_id)` for every key of every pending row.
template <typename Fn>
Status ForEachPendingKey(Connection& conn, Fn fn) {
  ORDO_PREPARE(pending, conn, "SELECT order_id, keys FROM order_search_pending");
  Status status;
  while (pending->Step(&status)) {
    const int64_t order_id = pending->Int(0);
    std::string_view keys = pending->TextView(1);
    size_t start = 1;
    for (size_t end; (end = keys.find(kSeparator, start)) != std::string_view::npos;
         start = end + 1) {
      if (end > start) {
        fn(keys.substr(start, end - start), order_id);
      }
    }
  }
  return status;
}

}  // namespace

Result<std::vector<int64_t>> SelectPendingIdsWithKey(Connection& conn, const std::string& key) {
  ORDO_PREPARE(stmt, conn, "SELECT order_id FROM order_search_pending WHERE instr(keys, ?) > 0");
  stmt->Bind(1, kSeparator + key + kSeparator);
  return ReadAll<int64_t>(*stmt, [](const Statement& row) { return row.Int(0); });
}

Status PendingSearchKeys::Load(Connection& conn) {
  ids_.clear();
  ORDO_RETURN_IF_ERROR(ForEachPendingKey(conn, [this](std::string_view key, int64_t order_id) {
    ids_[std::string(key)].push_back(order_id);
  }));
  loaded_ = true;
  return Status::Ok();
}

Result<std::vector<int64_t>> PendingSearchKeys::Find(Connection& conn, const std::string& key) {
  if (!loaded_) {
    ORDO_RETURN_IF_ERROR(Load(conn));
  }
  auto found = ids_.find(key);
  return found == ids_.end() ? std::vector<int64_t>() : found->second;
}

Result<std::vector<Order>> SelectNewestOrdersWithKey(Connection& conn, const PiiCipher& cipher,
                                                     const std::string& key,
                                                     std::vector<int64_t> pending_ids, int limit,
                                                     const std::function<bool(const Order&)>& keep) {
  // Two newest-first streams of candidate ids, merged: the pending ones (few, in memory) and
  // the index's entries for the key, read backwards a page at a time.
  std::sort(pending_ids.begin(), pending_ids.end(), std::greater<>());
  pending_ids.erase(std::unique(pending_ids.begin(), pending_ids.end()), pending_ids.end());
  ORDO_PREPARE(page_stmt, conn,
               "SELECT order_id FROM order_search WHERE key = ? AND order_id < ? "
               "ORDER BY order_id DESC LIMIT ?");
  ORDO_PREPARE(order_stmt, conn, "SELECT id, order_no, doc FROM orders WHERE id = ?");
  const int page_size = limit + 1;
  std::vector<int64_t> indexed;
  size_t next_indexed = 0;
  bool indexed_done = false;
  int64_t indexed_before = std::numeric_limits<int64_t>::max();
  size_t next_pending = 0;
  int64_t last_taken = std::numeric_limits<int64_t>::max();
  std::vector<Order> orders;
  while (orders.size() < static_cast<size_t>(limit)) {
    if (next_indexed == indexed.size() && !indexed_done) {
      indexed.clear();
      next_indexed = 0;
      page_stmt->Reset();
      page_stmt->Bind(1, key).Bind(2, indexed_before).Bind(3, page_size);
      Status status;
      while (page_stmt->Step(&status)) {
        indexed.push_back(page_stmt->Int(0));
      }
      ORDO_RETURN_IF_ERROR(status);
      indexed_done = indexed.size() < static_cast<size_t>(page_size);
      if (!indexed.empty()) {
        indexed_before = indexed.back();
      }
    }
    const bool has_indexed = next_indexed < indexed.size();
    const bool has_pending = next_pending < pending_ids.size();
    if (!has_indexed && !has_pending) {
      break;
    }
    int64_t id;
    if (has_pending && (!has_indexed || pending_ids[next_pending] > indexed[next_indexed])) {
      id = pending_ids[next_pending++];
    } else {
      id = indexed[next_indexed++];
    }
    if (id >= last_taken) {
      continue;  // in both streams (re-appended after a change, not yet merged)
    }
    last_taken = id;
    order_stmt->Reset();
    order_stmt->Bind(1, id);
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, OneOrder(*order_stmt, cipher));
    if (order && keep(*order)) {
      orders.push_back(std::move(*order));
    }
  }
  return orders;
}

Status MergeSearchKeys(Connection& conn) {
  std::vector<std::pair<std::string, int64_t>> entries;
  ORDO_RETURN_IF_ERROR(ForEachPendingKey(conn, [&entries](std::string_view key, int64_t order_id) {
    entries.emplace_back(std::string(key), order_id);
  }));
  // Sorted, so the insert walks the index's pages once, left to right.
  std::sort(entries.begin(), entries.end());
  {
    ORDO_PREPARE(insert, conn, "INSERT OR IGNORE INTO order_search (key, order_id) VALUES (?, ?)");
    for (const auto& [key, order_id] : entries) {
      insert->Bind(1, key).Bind(2, order_id);
      ORDO_RETURN_IF_ERROR(insert->Run());
      insert->Reset();
    }
  }
  ORDO_PREPARE(clear, conn, "DELETE FROM order_search_pending");
  return clear->Run();
}

Status InsertOrderEvents(Connection& conn, const Order& order,
                         const std::vector<OrderEvent>& events) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO order_events (order_id, type, at, actor, from_status, to_status, "
               "details) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const OrderEvent& event : events) {
    const std::string details = EncodeDetails(event.details);
    stmt->Bind(1, order.id.value).BindStatic(2, event.type).Bind(3, event.at.unix_ms);
    stmt->BindStatic(4, event.actor).BindStatic(5, event.from_status);
    stmt->BindStatic(6, event.to_status).BindStatic(7, details);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    stmt->Reset();
  }
  return Status::Ok();
}

Result<std::vector<OrderEvent>> SelectOrderEvents(Connection& conn, const std::string& order_no) {
  ORDO_PREPARE(stmt, conn,
               "SELECT e.type, e.at, e.actor, e.from_status, e.to_status, e.details "
               "FROM order_events e JOIN orders o ON o.id = e.order_id "
               "WHERE o.order_no = ? ORDER BY e.id");
  stmt->Bind(1, order_no);
  std::vector<OrderEvent> events;
  Status status;
  while (stmt->Step(&status)) {
    OrderEvent event;
    event.type = stmt->Text(0);
    event.at = Timestamp{stmt->Int(1)};
    event.actor = stmt->Text(2);
    event.from_status = stmt->Text(3);
    event.to_status = stmt->Text(4);
    event.details = DecodeDetails(stmt->TextView(5));
    events.push_back(std::move(event));
  }
  if (!status.ok()) {
    return status;
  }
  return events;
}

Result<std::string> SelectMaxOrderNo(Connection& conn, const std::string& prefix) {
  ORDO_PREPARE(stmt, conn,
               "SELECT order_no FROM orders WHERE order_no >= ? AND order_no < ? "
               "ORDER BY length(order_no) DESC, order_no DESC LIMIT 1");
  stmt->Bind(1, prefix).Bind(2, prefix + "~");
  Status status;
  if (stmt->Step(&status)) {
    return stmt->Text(0);
  }
  if (!status.ok()) {
    return status;
  }
  return std::string();
}

Result<std::optional<IdempotencyRecord>> SelectIdempotency(Connection& conn,
                                                           const PiiCipher& cipher,
                                                           const std::string& scope,
                                                           const std::string& key) {
  ORDO_PREPARE(stmt, conn,
               "SELECT request_hash, status, body, headers, at FROM idempotency "
               "WHERE scope = ? AND key = ?");
  stmt->Bind(1, scope).Bind(2, key);
  Status status;
  if (!stmt->Step(&status)) {
    if (!status.ok()) {
      return status;
    }
    return std::optional<IdempotencyRecord>();
  }
  IdempotencyRecord record;
  record.scope = scope;
  record.key = key;
  record.request_hash = stmt->Text(0);
  record.status = static_cast<int>(stmt->Int(1));
  ORDO_ASSIGN_OR_RETURN(record.body, cipher.Open(stmt->TextView(2)));
  record.headers = stmt->Text(3);
  record.at = Timestamp{stmt->Int(4)};
  return std::optional<IdempotencyRecord>(std::move(record));
}

Status InsertIdempotency(Connection& conn, const PiiCipher& cipher,
                         const IdempotencyRecord& record) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO idempotency (scope, key, request_hash, status, body, headers, at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, record.scope).Bind(2, record.key).Bind(3, record.request_hash);
  stmt->Bind(4, record.status).Bind(5, cipher.Seal(record.body)).Bind(6, record.headers);
  stmt->Bind(7, record.at.unix_ms);
  return stmt->Run();
}

Status InsertTokenRow(Connection& conn, ApiToken& token) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO api_tokens (name, role, token_hash, created_at, expires_at, user_id) "
               "VALUES (?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, token.name).Bind(2, token.role).Bind(3, token.token_hash);
  stmt->Bind(4, token.created_at.unix_ms);
  BindOptionalTime(*stmt, 5, token.expires_at);
  if (token.user_id != 0) {
    stmt->Bind(6, token.user_id);
  } else {
    stmt->BindNull(6);
  }
  ORDO_RETURN_IF_ERROR(stmt->Run());
  token.id = conn.LastInsertId();
  return Status::Ok();
}

namespace {

constexpr const char* kTokenColumns =
    "SELECT id, name, role, token_hash, created_at, revoked, expires_at, user_id, revoked_at, "
    "revoked_by FROM api_tokens ";

ApiToken ReadToken(const Statement& row) {
  ApiToken token;
  token.id = row.Int(0);
  token.name = row.Text(1);
  token.role = row.Text(2);
  token.token_hash = row.Text(3);
  token.created_at = Timestamp{row.Int(4)};
  token.revoked = row.Int(5) != 0;
  token.expires_at = OptionalTime(row, 6);
  token.user_id = row.IsNull(7) ? 0 : row.Int(7);
  token.revoked_at = OptionalTime(row, 8);
  token.revoked_by = row.Text(9);
  return token;
}

Result<std::optional<ApiToken>> OneToken(Statement& stmt) {
  ORDO_ASSIGN_OR_RETURN(std::vector<ApiToken> found, ReadAll<ApiToken>(stmt, ReadToken));
  if (found.empty()) {
    return std::optional<ApiToken>();
  }
  return std::optional<ApiToken>(std::move(found.front()));
}

}  // namespace

Result<std::optional<ApiToken>> SelectTokenByHash(Connection& conn, const std::string& hash) {
  ORDO_PREPARE(stmt, conn, std::string(kTokenColumns) + "WHERE token_hash = ?");
  stmt->Bind(1, hash);
  return OneToken(*stmt);
}

Result<std::optional<ApiToken>> SelectTokenById(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kTokenColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  return OneToken(*stmt);
}

Result<std::vector<ApiToken>> SelectTokens(Connection& conn) {
  ORDO_PREPARE(stmt, conn, std::string(kTokenColumns) + "ORDER BY id DESC");
  ORDO_ASSIGN_OR_RETURN(std::vector<ApiToken> tokens, ReadAll<ApiToken>(*stmt, ReadToken));
  for (ApiToken& token : tokens) {
    token.token_hash.clear();
  }
  return tokens;
}

Result<std::vector<ApiToken>> SelectLiveUserTokens(Connection& conn, int64_t user_id) {
  // api_tokens_by_user (user_id).
  ORDO_PREPARE(stmt, conn, std::string(kTokenColumns) + "WHERE user_id = ? AND revoked = 0");
  stmt->Bind(1, user_id);
  return ReadAll<ApiToken>(*stmt, ReadToken);
}

Status RevokeTokenRow(Connection& conn, const ApiToken& token) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE api_tokens SET revoked = 1, revoked_at = ?, revoked_by = ? WHERE id = ?");
  BindOptionalTime(*stmt, 1, token.revoked_at);
  stmt->Bind(2, token.revoked_by).Bind(3, token.id);
  return stmt->Run();
}

}  // namespace ordo::sqlite
