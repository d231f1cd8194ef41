// The embedded store: one SQLite file in WAL mode with synchronous=FULL.
//
// One writer thread owns the only read-write connection. It drains the queue of submitted
// WriteFns and applies up to kMaxBatch of them in one transaction, each in its own savepoint,
// so one fsync covers many commands (group commit). Reads use a pool of query-only connections.
#pragma once

#include <memory>
#include <string>

#include "store/pii_cipher.h"
#include "store/store.h"

namespace ordo::sqlite {

struct SqliteOptions {
  std::string data_dir;   // created if missing; the database is data_dir/ordo.db
  // Seals the personal fields of orders and computes their search keys. Required: a store
  // opened without it is refused, because its key is the only way back to the stored data.
  std::shared_ptr<const PiiCipher> pii_cipher;
  int read_connections = 4;
  size_t max_batch = 512;
  // How often a background thread copies committed WAL frames into the database file.
  int checkpoint_interval_ms = 100;
  // Under steady writes that thread never catches up with the last frame, so the WAL would only
  // grow. Past this many frames the writer checkpoints the remaining tail itself after a commit,
  // which lets its next transaction restart the WAL from the beginning.
  int wal_restart_frames = 8192;
  // How often, at most, the checkpointing thread signs a checkpoint of the audit chain's head
  // into DATA/audit-checkpoints.log (store/sqlite/audit_checkpoint.h); also once at shutdown.
  int audit_checkpoint_interval_ms = 1000;
};

// Opens (creating and migrating) the store. The returned store is running; Shutdown() or the
// destructor drains and stops it.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// The database file inside `data_dir`.
std::string DatabasePath(const std::string& data_dir);
// Creates `dir` (and its parents) when missing; the directory itself then gets mode 0700, so
// that under any umask only Ordo's user can list the data, the key and the logs. An existing
// directory keeps its mode.
Status CreatePrivateDirectory(const std::string& dir);
// Creates an empty ordo.db with mode 0600 when there is none (SQLite gives its -wal and -shm
// files the same mode), and takes group and other permissions off existing ones.
Status MakeDatabaseFilesPrivate(const std::string& data_dir);

}  // namespace ordo::sqlite
