// Backups of the embedded store (domain.md DAT-2) and their restore. A backup is one file
// (store/backup_manifest.h): a consistent snapshot of ordo.db taken through SQLite's online
// backup API while `ordo serve` keeps writing, the audit checkpoints that vouch for its chain,
// zstd-compressed, with a manifest (time, schema version, rows per table, SHA-256 of the content
// and of the compressed bytes). The personal-data key is never in it.
//
// Consistency: the snapshot copies the database as one read transaction sees it. The source
// connection opens that transaction first and keeps it while the pages are copied a few at a
// time, so the copy is never restarted by the writer's commits, and in WAL mode the writer is
// never blocked by it. The checkpoint file is read (under its lock) before the transaction
// starts, so every checkpoint in the backup vouches for an entry the snapshot holds.
#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "store/backup_manifest.h"
#include "store/pii_cipher.h"

namespace ordo::sqlite {

struct BackupWritten {
  BackupManifest manifest;
  int64_t file_bytes = 0;
  std::string file_sha256;  // of the whole file, as `sha256sum` prints it
};

// Writes a backup of `data_dir` to `path` (the file appears whole or not at all: it is written
// beside it as PATH.partial, synced, then renamed). `created_at` goes into the manifest.
// kNotFound when there is no database; kUnavailable when a file cannot be read or written
// (the partial files are removed).
Result<BackupWritten> WriteBackup(const std::string& data_dir, const std::string& path,
                                  Timestamp created_at, const std::string& ordo_version);

// The manifest of the backup at `path`, checked against the trailer's SHA-256 and the file's
// size; kInvalid naming what is wrong (truncated, not a backup, manifest altered).
Result<BackupManifest> ReadBackupManifest(const std::string& path);

// Decompresses the whole payload and checks every hash and size against the manifest, writing
// nothing. kInvalid naming the first difference.
Status VerifyBackup(const std::string& path);

struct RestoreOptions {
  std::string from;                 // the backup file
  std::string data_dir;             // absent or empty; never written until every check has passed
  const PiiCipher* keys = nullptr;  // the personal-data key the backup's data was sealed with
  // When not empty, written as DATA/pii.key (mode 0600) in the restored directory: the key
  // file the operator kept apart from the backup.
  std::string key_file_text;
};

struct RestoreReport {
  BackupManifest manifest;
  int64_t audit_entries = 0;
  int64_t stock_levels = 0;
  int64_t ledger_entries = 0;
};

// Restores a backup into options.data_dir: checks the manifest and the hashes, unpacks into a
// private directory beside data_dir, opens the database (integrity check, schema version and
// row counts against the manifest), checks the audit chain against its checkpoints (with the
// key) and recomputes the stock books, and only then renames the directory into place.
// kConflict when data_dir exists and is not empty; kInvalid naming the first check that fails
// (nothing is left behind); kUnavailable when the files cannot be read or written.
Result<RestoreReport> RestoreBackup(const RestoreOptions& options);

}  // namespace ordo::sqlite
