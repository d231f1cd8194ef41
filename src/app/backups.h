// Backups as the server runs them (domain.md DAT-2): taken by hand (POST /api/v1/backups) or by
// the timed job once a day, kept by the retention policy (domain/backup/retention.h; `ordo serve
// --backup-keep-daily/-weekly/-monthly`), and copied to a second location when one is configured.
// The list of backups lives beside them, in BACKUP_DIR/catalog.json (rewritten whole, atomically):
// the backup directory describes itself, and a database restored elsewhere carries no records of
// files it does not have. Every backup taken, failed, copied or removed is recorded in the audit
// trail (entity "backup").
//
// Writing the file itself is the store engine's (store/sqlite/backup.h); the command line wires
// it in as a BackupFileWriter.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/backup/retention.h"
#include "store/backup_manifest.h"
#include "store/store.h"

namespace ordo::app {

struct WrittenBackup {
  BackupManifest manifest;
  int64_t file_bytes = 0;
  std::string file_sha256;
};
// Writes a backup of the running store to `path` (whole or not at all), stamped `at`.
using BackupFileWriter =
    std::function<Result<WrittenBackup>(const std::string& path, Timestamp at)>;

struct BackupRecord {
  std::string name;  // the file's name in the backup directory
  Timestamp taken_at;
  std::string trigger;  // "scheduled" or "manual"
  std::string actor;
  std::string status;  // "ok" or "failed"
  std::string error;   // why it failed; empty when ok
  int64_t bytes = 0;
  std::string sha256;  // of the whole file, as sha256sum prints it
  int schema_version = 0;
  std::vector<std::pair<std::string, int64_t>> tables;  // rows per table, from the manifest
  bool copied = false;                                  // the copy location holds a verified copy
  std::string copy_error;                               // the last copy's failure, while not copied
  std::optional<BackupKind> kind;                       // what retention keeps it as (set by List)
};

struct BackupOptions {
  std::string dir;        // where backups are written; created (mode 0700) when missing
  std::string copy_dir;   // the second location; empty: none
  bool scheduled = true;  // whether the timed job takes one a day
  RetentionPolicy policy;
  BackupFileWriter writer;
};

class BackupService {
 public:
  // A failed scheduled backup is tried again at the first tick this long after it.
  static constexpr int64_t kRetryAfterMs = 15 * 60 * 1000LL;
  // Failed attempts stay listed this long.
  static constexpr int64_t kFailuresKeptMs = 30LL * 24 * 3600 * 1000;

  // `store` must outlive the service. Reads the catalog when there is one.
  BackupService(Store& store, BackupOptions options);

  // Takes a backup now. The record (status "failed" with its reason when the file could not be
  // written) is listed either way; the Status is kUnavailable (503) while another backup is
  // being taken, kInternal (500) naming the reason when this one failed. Thread-safe.
  Result<BackupRecord> Take(const CommandContext& context, const std::string& trigger);

  // The timed job: takes the day's backup (China time) when the day has none yet and no
  // scheduled attempt failed in the last kRetryAfterMs, copies the backups not yet copied, and
  // removes those the policy no longer keeps. Failures are appended to `failures` ("backup: …").
  // Returns whether a backup was taken.
  bool RunSchedule(const CommandContext& context, std::vector<std::string>& failures);

  // Every backup and failed attempt, newest first, each ok one with the kind retention keeps it as.
  std::vector<BackupRecord> List() const;

  const std::string& dir() const { return options_.dir; }
  const std::string& copy_dir() const { return options_.copy_dir; }
  const RetentionPolicy& policy() const { return options_.policy; }

 private:
  Result<BackupRecord> TakeLocked(const CommandContext& context, const std::string& trigger);
  void CopyPending(const CommandContext& context, std::vector<std::string>& failures);
  void ApplyRetention(const CommandContext& context);
  Status Copy(BackupRecord& record);
  Status SaveCatalog();  // with mutex_ held
  void Audit(const CommandContext& context, const BackupRecord& record, const std::string& action);

  Store& store_;
  BackupOptions options_;
  std::mutex take_mutex_;              // one backup at a time
  mutable std::mutex mutex_;           // guards records_ and the catalog file
  std::vector<BackupRecord> records_;  // oldest first
};

}  // namespace ordo::app
