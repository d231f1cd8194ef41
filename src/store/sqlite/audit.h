// The audit trail (domain.md AUD-1): an append-only log of every state change, written by the
// store's writer in the same transaction as the change it records, and chained by hashes so that
// an altered, removed or inserted entry is found by VerifyAuditChain.
//
// The chain: entry n stores prev_hash, the hash of entry n-1 ("" for the first entry), and
//   hash = lowercase hex of BLAKE2b-256 (libsodium crypto_generichash, no key) over
//          prev_hash, seq, at, actor, entity, entity_id, action, before, after
// where each text is fed as its byte length (8 bytes, little-endian) followed by its bytes, and
// each number (seq, at in Unix milliseconds) as 8 bytes little-endian. `before` and `after` are
// hashed exactly as stored, so their JSON needs no canonical re-encoding to be checked.
//
// The hash has no key: it proves that the log has not been edited behind the writer's back, as
// long as the head (the last seq and hash, printed by `ordo audit verify`) is also kept elsewhere;
// someone able to rewrite the whole tail of the file could otherwise recompute it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// The hash of `entry` chained after an entry whose hash is `prev_hash`.
std::string AuditHash(std::string_view prev_hash, const AuditEntry& entry);

// The writer's end of the chain. The entries of a batch's commands are collected while they run
// and written by Flush() just before the batch commits, hashed in order after the head as it is
// in that transaction, so the chain never runs ahead of the database: a command or nested
// savepoint that is rolled back drops what it added (Truncate to the Mark taken before it), and
// another process appending between two transactions (`ordo token create` beside `ordo serve`)
// is harmless. Written together they cost one multi-row INSERT per kFlushRows entries.
// Not thread-safe: owned by the writer thread.
class AuditChain {
 public:
  static constexpr size_t kFlushRows = 32;

  explicit AuditChain(Connection& conn) : conn_(conn) {}

  void Add(AuditEntry entry) { pending_.push_back(std::move(entry)); }
  size_t Mark() const { return pending_.size(); }
  void Truncate(size_t mark) { pending_.resize(std::min(mark, pending_.size())); }
  // Appends the pending entries to audit_log, assigning their seq, and forgets them (also on
  // failure). When it fails the transaction must not commit: its changes would be unaudited.
  Status Flush();

 private:
  Status Write();

  Connection& conn_;
  std::vector<AuditEntry> pending_;
  std::vector<std::string> hashes_;  // of the entries being written, bound without copies
};

// The entries the writer records for each kind of change. None of them carries personal data.
AuditEntry OrderEventAudit(const Order& order, const OrderEvent& event);
AuditEntry MovementAudit(const LedgerEntry& entry);
AuditEntry SkuAudit(const Sku& sku);
AuditEntry WarehouseAudit(const Warehouse& warehouse);
// Name and role only: never the token's hash or secret.
AuditEntry TokenAudit(const ApiToken& token);
AuditEntry TokenRevokedAudit(const ApiToken& token);

// Entries with seq > after_seq in seq order, at most `limit`. An empty `entity` selects every
// entity, an empty `entity_id` every entry of `entity`.
Result<std::vector<AuditEntry>> SelectAudit(Connection& conn, const std::string& entity,
                                            const std::string& entity_id, int64_t after_seq,
                                            int limit);

enum class AuditFault {
  kAltered,     // the entry's stored hash is not the hash of its contents
  kMissing,     // seq does not follow the previous entry's: entries were removed
  kBrokenLink,  // prev_hash is not the previous entry's hash: an entry was removed or inserted
};
std::string_view AuditFaultName(AuditFault fault);

struct AuditProblem {
  int64_t seq = 0;  // the first entry found wrong
  AuditFault fault = AuditFault::kAltered;
  std::string detail;
};

struct AuditReport {
  int64_t entries = 0;  // entries read (up to and including a faulty one)
  int64_t last_seq = 0;
  std::string head_hash;  // the hash of the last entry: keep it elsewhere to detect truncation
  std::optional<AuditProblem> problem;
};

// Reads the whole chain in seq order and reports the first faulty entry, if any. A Status error
// means the chain could not be read at all.
Result<AuditReport> VerifyAuditChain(Connection& conn);
// The same, on its own read-only connection to the database of `data_dir`.
Result<AuditReport> VerifyAuditLog(const std::string& data_dir);

}  // namespace ordo::sqlite
