#include "store/sqlite/audit.h"

#include <sodium.h>

#include <cstdio>
#include <filesystem>

#include "store/json_writer.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::sqlite {
namespace {

// Statement texts are the keys of the connection's statement cache: built once, not per batch.
const std::string kHeadSql = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";

// An INSERT of `rows` entries.
std::string InsertSql(size_t rows) {
  std::string sql =
      "INSERT INTO audit_log (seq, at, actor, entity, entity_id, action, before, after, "
      "prev_hash, hash) VALUES ";
  for (size_t i = 0; i < rows; ++i) {
    sql += i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  }
  return sql;
}

constexpr const char* kColumns = "SELECT seq, at, actor, entity, entity_id, action, before, after";

// An entry's before/after object, built by appending members (see store/json_writer.h).
class JsonObject {
 public:
  JsonObject() { out_.BeginObject(); }
  JsonObject& Text(std::string_view key, std::string_view value) {
    out_.Field(key, value);
    return *this;
  }
  JsonObject& Int(std::string_view key, int64_t value) {
    out_.Field(key, value);
    return *this;
  }
  JsonObject& Bool(std::string_view key, bool value) {
    out_.Field(key, value);
    return *this;
  }
  std::string Done() { return out_.EndObject().Take(); }

 private:
  JsonWriter out_;
};

// The canonical serialisation of audit.h: numbers as 8 bytes little-endian, texts preceded by
// their length. Built in one buffer, so that an entry is hashed in one call.
void PutNumber(std::string& out, uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    out += static_cast<char>(value & 0xff);
    value >>= 8;
  }
}

void PutText(std::string& out, std::string_view text) {
  PutNumber(out, text.size());
  out.append(text);
}

// The stock level before a movement, derived from the movement itself (see MovementType) so
// that the writer does not read the level again for every entry.
std::pair<Quantity, Quantity> LevelBefore(const LedgerEntry& entry) {
  Quantity on_hand = entry.on_hand_after;
  Quantity reserved = entry.reserved_after;
  switch (entry.type) {
    case MovementType::kReservation:
    case MovementType::kRelease:
      reserved -= entry.quantity;
      break;
    case MovementType::kConsumption:
      on_hand -= entry.quantity;
      reserved -= entry.quantity;
      break;
    case MovementType::kReceipt:
    case MovementType::kReturn:
    case MovementType::kAdjustment:
    case MovementType::kStocktake:
      on_hand -= entry.quantity;
      break;
  }
  return {on_hand, reserved};
}

AuditEntry Created(std::string entity, std::string entity_id, Timestamp at, std::string actor,
                   std::string after) {
  return AuditEntry{0,        at,     std::move(actor), std::move(entity), std::move(entity_id),
                    "create", "null", std::move(after)};
}

AuditEntry ReadEntry(const Statement& row) {
  return AuditEntry{row.Int(0),  Timestamp{row.Int(1)}, row.Text(2), row.Text(3),
                    row.Text(4), row.Text(5),           row.Text(6), row.Text(7)};
}

}  // namespace

std::string AuditHash(std::string_view prev_hash, const AuditEntry& entry) {
  // Reused: the writer hashes every entry, and most fit in the buffer's first allocation.
  thread_local std::string canonical;
  canonical.clear();
  PutText(canonical, prev_hash);
  PutNumber(canonical, static_cast<uint64_t>(entry.seq));
  PutNumber(canonical, static_cast<uint64_t>(entry.at.unix_ms));
  for (const std::string* text : {&entry.actor, &entry.entity, &entry.entity_id, &entry.action,
                                  &entry.before, &entry.after}) {
    PutText(canonical, *text);
  }
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof(digest),
                     reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(),
                     nullptr, 0);
  char hex[2 * crypto_generichash_BYTES + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex, 2 * crypto_generichash_BYTES);
}

Status AuditChain::Flush() {
  Status status = pending_.empty() ? Status::Ok() : Write();
  pending_.clear();
  hashes_.clear();
  return status;
}

Status AuditChain::Write() {
  int64_t seq = 0;
  hashes_.clear();
  hashes_.reserve(pending_.size() + 1);  // never reallocated: the statements point into it
  {
    ORDO_PREPARE(head, conn_, kHeadSql);
    Status status;
    const bool found = head->Step(&status);
    ORDO_RETURN_IF_ERROR(status);
    seq = found ? head->Int(0) : 0;
    hashes_.push_back(found ? head->Text(1) : std::string());
  }
  static const std::string kInsertMany = InsertSql(kFlushRows);
  static const std::string kInsertOne = InsertSql(1);
  for (size_t i = 0; i < pending_.size();) {
    const size_t rows = pending_.size() - i >= kFlushRows ? kFlushRows : 1;
    ORDO_PREPARE(stmt, conn_, rows == kFlushRows ? kInsertMany : kInsertOne);
    for (int base = 0; base < static_cast<int>(rows) * 10; base += 10, ++i) {
      AuditEntry& entry = pending_[i];
      entry.seq = ++seq;
      hashes_.push_back(AuditHash(hashes_.back(), entry));
      stmt->Bind(base + 1, entry.seq).Bind(base + 2, entry.at.unix_ms);
      stmt->BindStatic(base + 3, entry.actor).BindStatic(base + 4, entry.entity);
      stmt->BindStatic(base + 5, entry.entity_id).BindStatic(base + 6, entry.action);
      stmt->BindStatic(base + 7, entry.before).BindStatic(base + 8, entry.after);
      stmt->BindStatic(base + 9, hashes_[hashes_.size() - 2]);
      stmt->BindStatic(base + 10, hashes_.back());
    }
    ORDO_RETURN_IF_ERROR(stmt->Run());
  }
  return Status::Ok();
}

AuditEntry OrderEventAudit(const Order& order, const OrderEvent& event) {
  // Event details are order facts (channel, amounts, carrier, reasons), never the parties'
  // names, phones or addresses: keep it so, they are copied here verbatim.
  std::string before = "null";
  if (!event.from_status.empty()) {
    before = JsonObject().Text("status", event.from_status).Done();
  }
  JsonObject after;
  if (!event.to_status.empty()) {
    after.Text("status", event.to_status);
  }
  for (const auto& [key, value] : event.details) {
    after.Text(key, value);
  }
  return AuditEntry{0,          event.at,          event.actor, "order", order.order_no,
                    event.type, std::move(before), after.Done()};
}

AuditEntry MovementAudit(const LedgerEntry& entry) {
  const auto [on_hand, reserved] = LevelBefore(entry);
  std::string before = JsonObject().Int("on_hand", on_hand).Int("reserved", reserved).Done();
  std::string after = JsonObject()
                          .Int("on_hand", entry.on_hand_after)
                          .Int("reserved", entry.reserved_after)
                          .Int("quantity", entry.quantity)
                          .Text("reason", entry.reason)
                          .Text("order_no", entry.order_no)
                          .Done();
  return AuditEntry{0,
                    entry.at,
                    entry.actor,
                    "stock",
                    entry.sku + "@" + entry.warehouse,
                    std::string(MovementTypeName(entry.type)),
                    std::move(before),
                    std::move(after)};
}

AuditEntry SkuAudit(const Sku& sku) {
  std::string after = JsonObject()
                          .Text("sku", sku.code)
                          .Text("name", sku.name)
                          .Text("spec", sku.spec)
                          .Int("price_amount", sku.price_amount)
                          .Text("currency", sku.currency.view())
                          .Int("weight_g", sku.weight_g)
                          .Int("step_quantity", sku.step_quantity)
                          .Int("min_quantity", sku.min_quantity)
                          .Bool("sellable", sku.sellable)
                          .Text("category", sku.category)
                          .Int("low_stock_threshold", sku.low_stock_threshold)
                          .Done();
  return Created("sku", sku.code, sku.created_at, sku.created_by, std::move(after));
}

AuditEntry WarehouseAudit(const Warehouse& warehouse) {
  // The region only: the street detail adds nothing to an audit of who created what.
  std::string after = JsonObject()
                          .Text("code", warehouse.code)
                          .Text("name", warehouse.name)
                          .Text("province", warehouse.address.province)
                          .Text("city", warehouse.address.city)
                          .Text("district", warehouse.address.district)
                          .Done();
  return Created("warehouse", warehouse.code, warehouse.created_at, warehouse.created_by,
                 std::move(after));
}

AuditEntry TokenAudit(const ApiToken& token) {
  JsonObject after;
  after.Text("name", token.name).Text("role", token.role);
  if (token.expires_at) {
    after.Int("expires_at", token.expires_at->unix_ms);
  }
  if (token.user_id != 0) {
    after.Int("user_id", token.user_id);
  }
  return Created("token", std::to_string(token.id), token.created_at, token.created_by,
                 after.Done());
}

AuditEntry TokenRevokedAudit(const ApiToken& token) {
  return AuditEntry{0,
                    token.revoked_at.value_or(Timestamp{}),
                    token.revoked_by,
                    "token",
                    std::to_string(token.id),
                    "revoke",
                    JsonObject().Text("name", token.name).Bool("revoked", false).Done(),
                    JsonObject().Text("name", token.name).Bool("revoked", true).Done()};
}

Result<std::vector<AuditEntry>> SelectAudit(Connection& conn, const std::string& entity,
                                            const std::string& entity_id, int64_t after_seq,
                                            int limit) {
  std::string sql = std::string(kColumns) + " FROM audit_log WHERE seq > ?";
  if (!entity.empty()) {
    sql += " AND entity = ?";
  }
  if (!entity.empty() && !entity_id.empty()) {
    sql += " AND entity_id = ?";
  }
  sql += " ORDER BY seq LIMIT ?";
  ORDO_PREPARE(stmt, conn, sql);
  int index = 1;
  stmt->Bind(index++, after_seq);
  if (!entity.empty()) {
    stmt->Bind(index++, entity);
  }
  if (!entity.empty() && !entity_id.empty()) {
    stmt->Bind(index++, entity_id);
  }
  stmt->Bind(index, limit);
  std::vector<AuditEntry> entries;
  Status status;
  while (stmt->Step(&status)) {
    entries.push_back(ReadEntry(*stmt));
  }
  ORDO_RETURN_IF_ERROR(status);
  return entries;
}

std::string_view AuditFaultName(AuditFault fault) {
  switch (fault) {
    case AuditFault::kAltered:
      return "altered";
    case AuditFault::kMissing:
      return "missing";
    case AuditFault::kBrokenLink:
      return "broken_link";
  }
  return "altered";
}

Result<AuditReport> VerifyAuditChain(Connection& conn) {
  ORDO_PREPARE(stmt, conn, std::string(kColumns) + ", prev_hash, hash FROM audit_log ORDER BY seq");
  AuditReport report;
  Status status;
  while (stmt->Step(&status)) {
    const AuditEntry entry = ReadEntry(*stmt);
    const std::string_view prev_hash = stmt->TextView(8);
    const std::string_view hash = stmt->TextView(9);
    ++report.entries;
    auto fail = [&](AuditFault fault, std::string detail) {
      report.problem = AuditProblem{entry.seq, fault, std::move(detail)};
    };
    // Checked in this order so that the first fault names its cause: a removed entry leaves a
    // gap before the next one, an inserted or removed one breaks the link, an edit the hash.
    if (entry.seq != report.last_seq + 1) {
      fail(AuditFault::kMissing, "expected seq " + std::to_string(report.last_seq + 1));
    } else if (prev_hash != report.head_hash) {
      fail(AuditFault::kBrokenLink, "prev_hash does not match the previous entry's hash");
    } else if (hash != AuditHash(prev_hash, entry)) {
      fail(AuditFault::kAltered, "the stored hash does not match the entry");
    }
    if (report.problem) {
      return report;
    }
    report.last_seq = entry.seq;
    report.head_hash = std::string(hash);
  }
  ORDO_RETURN_IF_ERROR(status);
  return report;
}

Result<AuditReport> VerifyAuditLog(const std::string& data_dir) {
  const std::string path = DatabasePath(data_dir);
  if (!std::filesystem::exists(path)) {
    return Status::NotFound("no database at " + path);
  }
  ORDO_ASSIGN_OR_RETURN(auto conn, Connection::Open(path, Connection::Mode::kReadOnly));
  return VerifyAuditChain(*conn);
}

}  // namespace ordo::sqlite
