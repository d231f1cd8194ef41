// The audit trail (domain.md AUD-1): an append-only log of every state change, written by the
// store's writer in the same transaction as the change it records, and chained by hashes so that
// an altered, removed or inserted entry is found by VerifyAuditChain.
//
// The chain: with prev_hash the hash of entry n-1 ("" for the first entry), entry n's
//   hash = "k1:" + lowercase hex of BLAKE2b-256 (libsodium crypto_generichash) keyed with the
//          audit chain key (PiiCipher::AuditChainDigest) over
//          prev_hash, seq, at, actor, entity, entity_id, action, before, after
// At rest an entry stores its hash as the 32 digest bytes (a BLOB) and its prev_hash column
// empty: the hash covers the link, so storing it again adds nothing to what verification can
// find, and the two texts were 40% of an entry. Entries written before this form store both as
// text, the link checked against the previous hash as well; both forms verify alike.
// where each text is fed as its byte length (8 bytes, little-endian) followed by its bytes, and
// each number (seq, at in Unix milliseconds) as 8 bytes little-endian. `before` and `after` are
// hashed exactly as stored, so their JSON needs no canonical re-encoding to be checked.
//
// The key lives outside the database (derived from the master key, cli/pii_key.cc), so whoever
// can write the database cannot recompute the chain after rewriting it. Entries written before
// the chain was keyed keep their unkeyed hash (the same digest without a key and without the
// "k1:" prefix); the table audit_anchor holds keyed_from, the first seq hashed with the key, and
// every entry from there on must be keyed.
//
// The head is anchored outside the database: signed checkpoints (store/sqlite/audit_checkpoint.h)
// appended to DATA/audit-checkpoints.log at most once a second by the store's checkpointing
// thread and at shutdown. VerifyAuditLog checks the chain against them, so removing the newest
// entries (the chain ends before a checkpoint) or rewriting it (a checkpointed hash differs) is
// found, except for what was written after the last checkpoint.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"
#include "store/pii_cipher.h"
#include "store/sqlite/audit_checkpoint.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// The unkeyed hash of `entry` chained after an entry whose hash is `prev_hash`: the hash of the
// entries written before keyed_from.
std::string AuditHash(std::string_view prev_hash, const AuditEntry& entry);
// The keyed hash ("k1:" + hex) of `entry` chained after `prev_hash`: every newer entry's.
std::string KeyedAuditHash(const PiiCipher& keys, std::string_view prev_hash,
                           const AuditEntry& entry);
inline constexpr std::string_view kKeyedHashPrefix = "k1:";

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

  AuditChain(Connection& conn, const PiiCipher& keys) : conn_(conn), keys_(keys) {}

  void Add(AuditEntry entry) { pending_.push_back(std::move(entry)); }
  size_t Mark() const { return pending_.size(); }
  void Truncate(size_t mark) { pending_.resize(std::min(mark, pending_.size())); }
  // Appends the pending entries to audit_log, assigning their seq, and forgets them (also on
  // failure). When it fails the transaction must not commit: its changes would be unaudited.
  Status Flush();

 private:
  Status Write();

  Connection& conn_;
  const PiiCipher& keys_;
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
  kAltered,     // the entry's stored hash is not the (keyed) hash of its contents
  kMissing,     // seq does not follow the previous entry's: entries were removed
  kBrokenLink,  // prev_hash is not the previous entry's hash: an entry was removed or inserted
  kTruncated,   // the chain ends before the newest checkpoint: its newest entries were removed
  kRewritten,   // the entry's hash differs from the one its checkpoint recorded
  kAnchor,      // the checkpoints are missing, altered, or were started again
};

inline constexpr EnumName<AuditFault> kAuditFaultNames[] = {
    {AuditFault::kAltered, "altered"},        {AuditFault::kMissing, "missing"},
    {AuditFault::kBrokenLink, "broken_link"}, {AuditFault::kTruncated, "truncated"},
    {AuditFault::kRewritten, "rewritten"},    {AuditFault::kAnchor, "anchor"},
};
constexpr std::span<const EnumName<AuditFault>> EnumNames(AuditFault) {
  return kAuditFaultNames;
}
static_assert(IsNameTable(kAuditFaultNames));
std::string_view AuditFaultName(AuditFault fault);

struct AuditProblem {
  int64_t seq = 0;  // the first entry found wrong
  AuditFault fault = AuditFault::kAltered;
  std::string detail;
};

struct AuditReport {
  int64_t entries = 0;  // entries read (up to and including a faulty one)
  int64_t last_seq = 0;
  std::string head_hash;     // the hash of the last entry
  int64_t keyed_from = 0;    // the first seq hashed with the key; 0 before the chain was keyed
  int64_t anchored_seq = 0;  // the newest entry a checkpoint vouches for
  int64_t checkpoints = 0;
  std::optional<AuditProblem> problem;
};

// Reads the whole chain in seq order and checks it against `checkpoints` (nullopt when the
// checkpoint file does not exist); reports the first fault, if any. A Status error means the
// chain could not be read at all.
Result<AuditReport> VerifyAuditChain(
    Connection& conn, const PiiCipher& keys,
    const std::optional<std::vector<AuditCheckpoint>>& checkpoints);
// The same for the database and checkpoint file of `data_dir`, on a read-only connection. A
// checkpoint file whose signatures do not verify is reported as a kAnchor fault.
Result<AuditReport> VerifyAuditLog(const std::string& data_dir, const PiiCipher& keys);

// The store's side of the anchor, for OpenSqliteStore and its checkpointing thread: appends a
// checkpoint of the chain's head as read on `conn` unless one already vouches for it. When the
// file does not exist it is started; `restarted` when the chain already holds keyed entries (the
// file was lost or removed), which VerifyAuditLog reports.
Status AnchorAuditHead(Connection& conn, const PiiCipher& keys, const std::string& data_dir);

}  // namespace ordo::sqlite
