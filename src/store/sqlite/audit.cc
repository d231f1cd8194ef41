#include "store/sqlite/audit.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "base/json_writer.h"
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

// A keyed hash at rest: its 32 digest bytes (a BLOB), where entries written before this form
// hold the text "k1:" + hex, and the link to the previous entry ('') is not stored, since the
// hash covers it (audit.h). Read back, both forms give the same text.
std::string StoredHash(const Statement& row, int column) {
  if (!row.IsBlob(column)) {
    return row.Text(column);
  }
  const std::string_view bytes = row.BlobView(column);
  std::string hash(kKeyedHashPrefix);
  const size_t prefix = hash.size();
  hash.resize(prefix + 2 * bytes.size() + 1);
  sodium_bin2hex(hash.data() + prefix, hash.size() - prefix,
                 reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  hash.pop_back();  // the encoder's terminating NUL
  return hash;
}

// The digest bytes of a keyed hash's text ("k1:" + hex), for StoredHash to read back.
std::string HashBytes(std::string_view keyed_hash) {
  const std::string_view hex = keyed_hash.substr(kKeyedHashPrefix.size());
  std::string bytes(hex.size() / 2, '\0');
  size_t length = 0;
  sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                 hex.size(), nullptr, &length, nullptr);
  bytes.resize(length);
  return bytes;
}

// An entry's before/after object, built by appending members (see base/json_writer.h).
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

// The serialisation an entry's hash covers (see audit.h), in a buffer reused by the thread: the
// writer hashes every entry, and most fit in the buffer's first allocation.
const std::string& Canonical(std::string_view prev_hash, const AuditEntry& entry) {
  thread_local std::string canonical;
  canonical.clear();
  PutText(canonical, prev_hash);
  PutNumber(canonical, static_cast<uint64_t>(entry.seq));
  PutNumber(canonical, static_cast<uint64_t>(entry.at.unix_ms));
  for (const std::string* text : {&entry.actor, &entry.entity, &entry.entity_id, &entry.action,
                                  &entry.before, &entry.after}) {
    PutText(canonical, *text);
  }
  return canonical;
}

}  // namespace

std::string KeyedAuditHash(const PiiCipher& keys, std::string_view prev_hash,
                           const AuditEntry& entry) {
  std::string hash(kKeyedHashPrefix);
  hash += keys.AuditChainDigest(Canonical(prev_hash, entry));
  return hash;
}

std::string AuditHash(std::string_view prev_hash, const AuditEntry& entry) {
  const std::string& canonical = Canonical(prev_hash, entry);
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
    hashes_.push_back(found ? StoredHash(*head, 1) : std::string());
  }
  static const std::string kInsertMany = InsertSql(kFlushRows);
  static const std::string kInsertOne = InsertSql(1);
  for (size_t i = 0; i < pending_.size();) {
    const size_t rows = pending_.size() - i >= kFlushRows ? kFlushRows : 1;
    ORDO_PREPARE(stmt, conn_, rows == kFlushRows ? kInsertMany : kInsertOne);
    for (int base = 0; base < static_cast<int>(rows) * 10; base += 10, ++i) {
      AuditEntry& entry = pending_[i];
      entry.seq = ++seq;
      hashes_.push_back(KeyedAuditHash(keys_, hashes_.back(), entry));
      stmt->Bind(base + 1, entry.seq).Bind(base + 2, entry.at.unix_ms);
      stmt->BindStatic(base + 3, entry.actor).BindStatic(base + 4, entry.entity);
      stmt->BindStatic(base + 5, entry.entity_id).BindStatic(base + 6, entry.action);
      stmt->BindStatic(base + 7, entry.before).BindStatic(base + 8, entry.after);
      stmt->BindStatic(base + 9, "");  // no stored link (StoredHash)
      stmt->BindBlob(base + 10, HashBytes(hashes_.back()));
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
  return Name(fault);
}

namespace {

// keyed_from (audit_anchor), or 0 when the database predates the keyed chain.
Result<int64_t> KeyedFrom(Connection& conn) {
  ORDO_PREPARE(exists, conn,
               "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_anchor'");
  Status status;
  if (!exists->Step(&status)) {
    ORDO_RETURN_IF_ERROR(status);
    return int64_t{0};
  }
  ORDO_PREPARE(stmt, conn, "SELECT keyed_from FROM audit_anchor WHERE id = 1");
  if (!stmt->Step(&status)) {
    ORDO_RETURN_IF_ERROR(status);
    return Status::Internal("audit_anchor has no keyed_from");
  }
  return stmt->Int(0);
}

// The fault of one entry read in order after `report`'s last, if any.
std::optional<AuditProblem> CheckEntry(const PiiCipher& keys, const AuditReport& report,
                                       const AuditEntry& entry, std::string_view prev_hash,
                                       std::string_view hash) {
  const auto fault = [&](AuditFault kind, std::string detail) {
    return AuditProblem{entry.seq, kind, std::move(detail)};
  };
  // Checked in this order so that the first fault names its cause: a removed entry leaves a
  // gap before the next one, an inserted or removed one breaks the link, an edit the hash.
  if (entry.seq != report.last_seq + 1) {
    return fault(AuditFault::kMissing, "expected seq " + std::to_string(report.last_seq + 1));
  }
  // Entries in the compact form store no link (''): their hash covers the previous entry's.
  if (!prev_hash.empty() && prev_hash != report.head_hash) {
    return fault(AuditFault::kBrokenLink, "prev_hash does not match the previous entry's hash");
  }
  const bool keyed = report.keyed_from > 0 && entry.seq >= report.keyed_from;
  if (keyed && !hash.starts_with(kKeyedHashPrefix)) {
    return fault(AuditFault::kAltered,
                 "the entry is not hashed with the audit key (keyed from "
                 "seq " +
                     std::to_string(report.keyed_from) + ")");
  }
  const std::string_view link = report.head_hash;
  if (hash != (keyed ? KeyedAuditHash(keys, link, entry) : AuditHash(link, entry))) {
    return fault(AuditFault::kAltered, "the stored hash does not match the entry");
  }
  return std::nullopt;
}

// The faults of the checkpoints themselves: started again, or not agreeing with the database.
std::optional<AuditProblem> CheckAnchor(const AuditReport& report,
                                        const std::optional<std::vector<AuditCheckpoint>>& file) {
  if (report.keyed_from == 0) {
    return std::nullopt;  // a chain never opened since it was keyed: nothing anchors it yet
  }
  if (!file || file->empty()) {
    return AuditProblem{0, AuditFault::kAnchor,
                        "the audit checkpoints file is missing: nothing vouches for the head"};
  }
  const AuditCheckpoint& first = file->front();
  if (first.keyed_from != report.keyed_from) {
    return AuditProblem{0, AuditFault::kAnchor,
                        "the checkpoints say the chain is keyed from seq " +
                            std::to_string(first.keyed_from) + ", the database from " +
                            std::to_string(report.keyed_from)};
  }
  if (first.restarted) {
    return AuditProblem{first.seq, AuditFault::kAnchor,
                        "the checkpoints file was lost and started again at seq " +
                            std::to_string(first.seq) + ": entries before it are not anchored"};
  }
  return std::nullopt;
}

}  // namespace

Result<AuditReport> VerifyAuditChain(Connection& conn, const PiiCipher& keys,
                                     const std::optional<std::vector<AuditCheckpoint>>& file) {
  AuditReport report;
  ORDO_ASSIGN_OR_RETURN(report.keyed_from, KeyedFrom(conn));
  // Checkpoints by seq, the newest last (appends keep them in seq order).
  const std::vector<AuditCheckpoint> none;
  const std::vector<AuditCheckpoint>& checkpoints = file ? *file : none;
  report.checkpoints = static_cast<int64_t>(checkpoints.size());
  size_t next = 0;  // the first checkpoint not yet passed
  ORDO_PREPARE(stmt, conn, std::string(kColumns) + ", prev_hash, hash FROM audit_log ORDER BY seq");
  Status status;
  while (stmt->Step(&status)) {
    const AuditEntry entry = ReadEntry(*stmt);
    const std::string hash = StoredHash(*stmt, 9);
    ++report.entries;
    report.problem = CheckEntry(keys, report, entry, stmt->TextView(8), hash);
    while (!report.problem && next < checkpoints.size() && checkpoints[next].seq <= entry.seq) {
      const AuditCheckpoint& checkpoint = checkpoints[next++];
      if (checkpoint.seq == entry.seq && checkpoint.hash != hash) {
        report.problem = AuditProblem{
            entry.seq, AuditFault::kRewritten,
            "the hash differs from the checkpoint's of " + FormatRfc3339(checkpoint.at)};
      } else if (checkpoint.seq > 0) {
        report.anchored_seq = checkpoint.seq;
      }
    }
    if (report.problem) {
      return report;
    }
    report.last_seq = entry.seq;
    report.head_hash = hash;
  }
  ORDO_RETURN_IF_ERROR(status);
  if (next < checkpoints.size() && checkpoints.back().seq > report.last_seq) {
    const AuditCheckpoint& newest = checkpoints.back();
    report.problem =
        AuditProblem{report.last_seq + 1, AuditFault::kTruncated,
                     "the chain ends at seq " + std::to_string(report.last_seq) +
                         " but a checkpoint of " + FormatRfc3339(newest.at) + " vouches for seq " +
                         std::to_string(newest.seq) + ": the newest entries were removed"};
    return report;
  }
  report.problem = CheckAnchor(report, file);
  return report;
}

Result<AuditReport> VerifyAuditLog(const std::string& data_dir, const PiiCipher& keys) {
  const std::string path = DatabasePath(data_dir);
  if (!std::filesystem::exists(path)) {
    return Status::NotFound("no database at " + path);
  }
  ORDO_ASSIGN_OR_RETURN(auto conn, Connection::Open(path, Connection::Mode::kReadOnly));
  Result<std::optional<std::vector<AuditCheckpoint>>> file =
      ReadAuditCheckpoints(AuditCheckpointPath(data_dir), keys);
  if (!file.ok() && file.status().kind() == Kind::kInvalid) {
    AuditReport report;
    report.problem = AuditProblem{0, AuditFault::kAnchor, file.status().message()};
    return report;
  }
  ORDO_RETURN_IF_ERROR(file.status());
  return VerifyAuditChain(*conn, keys, *file);
}

Status AnchorAuditHead(Connection& conn, const PiiCipher& keys, const std::string& data_dir) {
  AuditCheckpoint checkpoint;
  {
    ORDO_PREPARE(head, conn, kHeadSql);
    Status status;
    if (head->Step(&status)) {
      checkpoint.seq = head->Int(0);
      checkpoint.hash = StoredHash(*head, 1);
    }
    ORDO_RETURN_IF_ERROR(status);
  }
  ORDO_ASSIGN_OR_RETURN(checkpoint.keyed_from, KeyedFrom(conn));
  const std::string path = AuditCheckpointPath(data_dir);
  // A new file for a chain that already holds keyed entries: the old file was lost or removed.
  checkpoint.restarted = checkpoint.keyed_from > 0 && checkpoint.seq >= checkpoint.keyed_from &&
                         !std::filesystem::exists(path);
  checkpoint.at = Timestamp{std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count()};
  return AppendAuditCheckpoint(path, keys, checkpoint);
}

}  // namespace ordo::sqlite
