// Signed checkpoints of the audit chain's head, kept outside the database (store/sqlite/audit.h):
// an append-only text file, DATA/audit-checkpoints.log, one checkpoint a line:
//   <seq> <hash> <at_ms> <keyed_from> <restarted 0|1> <mac>
// where hash is the entry's at seq ("-" for an empty chain) and mac the hex keyed BLAKE2b-256
// (PiiCipher::AuditCheckpointDigest) of the previous line's mac, a line feed and the line's other
// fields as written: each line signs the one before it, so a line cannot be altered, removed from
// the middle or forged without the key. Only removing the newest lines together with the newest
// entries goes unseen, which is why the file belongs in every backup and, best, a copy elsewhere.
//
// Appends take an exclusive lock on the file (flock), read its last line and chain after it, so
// several processes on one data directory (`ordo serve` and `ordo token create`) keep one chain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/pii_cipher.h"

namespace ordo::sqlite {

struct AuditCheckpoint {
  int64_t seq = 0;
  std::string hash;  // "-" when seq is 0
  Timestamp at;
  int64_t keyed_from = 0;
  bool restarted = false;  // the file was started again while the chain already had keyed entries
};

// DATA/audit-checkpoints.log.
std::string AuditCheckpointPath(const std::string& data_dir);

// Appends `checkpoint` (its keyed_from and restarted as given only when the file is empty or new;
// later lines repeat the first line's keyed_from), unless the file's last checkpoint is at or past
// its seq. The line is written in one write and synced before returning. kUnavailable when the
// file cannot be written, kInternal when its last line does not read back.
Status AppendAuditCheckpoint(const std::string& path, const PiiCipher& keys,
                             const AuditCheckpoint& checkpoint);

// Every checkpoint of the file, oldest first; nullopt when the file does not exist. kInvalid
// naming the line ("line 3") whose signature or form is wrong.
Result<std::optional<std::vector<AuditCheckpoint>>> ReadAuditCheckpoints(const std::string& path,
                                                                         const PiiCipher& keys);

}  // namespace ordo::sqlite
