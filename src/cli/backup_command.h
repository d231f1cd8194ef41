// `ordo backup --data DIR --to PATH` and `ordo restore --from PATH --data NEWDIR`
// (store/sqlite/backup.h), and the backup service `ordo serve` runs (app/backups.h).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "app/backups.h"

namespace ordo::cli {

inline constexpr char kOrdoVersion[] = "0.1.0";

struct BackupFlags {
  std::string data_dir = "data";
  std::string to;            // a file, or an existing directory to write a named file into
  std::string from;          // restore: the backup file
  std::string pii_key_file;  // restore: the key kept apart from the backups
};

struct BackupCommands {
  CLI::App* backup = nullptr;
  CLI::App* restore = nullptr;
};
BackupCommands AddBackupCommands(CLI::App& app, BackupFlags& flags);

// 0 with the file written (its path, size, SHA-256 and rows printed); 1 when it could not be
// written; 2 for bad arguments.
int RunBackup(const BackupFlags& flags);
// 0 when restored; 1 when the backup does not verify (truncated, altered, its audit chain or
// stock books do not check, or the key is wrong), nothing written; 2 when the restore cannot
// be done as asked (the target is not empty, no key given, the file cannot be opened).
int RunRestore(const BackupFlags& flags);

// The writer of the server's backups: WriteBackup on `data_dir`.
app::BackupFileWriter MakeBackupFileWriter(const std::string& data_dir);

}  // namespace ordo::cli
