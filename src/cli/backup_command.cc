#include "cli/backup_command.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <thread>

#include "cli/pii_key.h"
#include "store/sqlite/backup.h"

namespace ordo::cli {
namespace fs = std::filesystem;

BackupCommands AddBackupCommands(CLI::App& app, BackupFlags& flags) {
  BackupCommands commands;
  commands.backup =
      app.add_subcommand("backup",
                         "Write a consistent, compressed backup of the data directory (works while "
                         "`ordo serve` runs); the personal-data key is never in it");
  commands.backup->add_option("--data", flags.data_dir, "Data directory");
  commands.backup->add_option("--to", flags.to, "The backup file, or a directory to write it into")
      ->required();
  commands.restore = app.add_subcommand(
      "restore",
      "Check a backup (manifest, SHA-256, audit chain, stock books) and restore it "
      "into a new data directory");
  commands.restore->add_option("--from", flags.from, "The backup file")->required();
  commands.restore->add_option("--data", flags.data_dir, "The new data directory (absent or empty)")
      ->required();
  commands.restore->add_option("--pii-key-file", flags.pii_key_file,
                               "The personal-data key the backup was made under (or "
                               "ORDO_PII_KEY); copied into the new directory as pii.key");
  return commands;
}

namespace {

// A backup is CPU work (copying pages, compressing, hashing) that must not take the cores from
// intake: it runs at nice kBackupNice, on the calling thread (Linux: a thread's own priority).
constexpr int kBackupNice = 10;

void LowerThreadPriority() {
  const id_t thread = static_cast<id_t>(::gettid());
  const int now = ::getpriority(PRIO_PROCESS, thread);
  if (now < kBackupNice) {
    (void)::setpriority(PRIO_PROCESS, thread, kBackupNice);
  }
}

std::string BackupFileName(Timestamp at) {
  std::string stamp = FormatRfc3339(at);
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  return "ordo-" + stamp + ".ordo-backup";
}

}  // namespace

app::BackupFileWriter MakeBackupFileWriter(const std::string& data_dir) {
  return [data_dir](const std::string& path, Timestamp at) -> Result<app::WrittenBackup> {
    // On a thread of its own at a lower priority, so the caller's thread keeps its own.
    std::optional<Result<sqlite::BackupWritten>> written;
    std::thread worker([&] {
      LowerThreadPriority();
      written.emplace(sqlite::WriteBackup(data_dir, path, at, kOrdoVersion));
    });
    worker.join();
    if (!written->ok()) {
      return written->status();
    }
    return app::WrittenBackup{std::move((*written)->manifest), (*written)->file_bytes,
                              std::move((*written)->file_sha256)};
  };
}

int RunBackup(const BackupFlags& flags) {
  LowerThreadPriority();
  SystemClock clock;
  const Timestamp now = clock.Now();
  std::string path = flags.to;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    path = (fs::path(path) / BackupFileName(now)).string();
  }
  if (fs::exists(path, ec)) {
    spdlog::error("backup: {} exists: choose a new file", path);
    return 2;
  }
  Result<sqlite::BackupWritten> written =
      sqlite::WriteBackup(flags.data_dir, path, now, kOrdoVersion);
  if (!written.ok()) {
    spdlog::error("backup failed: {}", written.status().message());
    return written.status().kind() == Kind::kNotFound ? 2 : 1;
  }
  int64_t rows = 0;
  for (const auto& [table, count] : written->manifest.tables) {
    rows += count;
  }
  std::printf("backup: %s\n", path.c_str());
  std::printf("backup: %lld bytes (%lld uncompressed), sha256 %s\n",
              static_cast<long long>(written->file_bytes),
              static_cast<long long>(written->manifest.content_bytes),
              written->file_sha256.c_str());
  std::printf("backup: schema %d, %zu tables, %lld rows, taken at %s\n",
              written->manifest.schema_version, written->manifest.tables.size(),
              static_cast<long long>(rows), FormatRfc3339(now).c_str());
  return 0;
}

int RunRestore(const BackupFlags& flags) {
  const char* env = std::getenv("ORDO_PII_KEY");
  if (env == nullptr && flags.pii_key_file.empty()) {
    spdlog::error(
        "restore needs the personal-data key the backup was made under (it is never inside a "
        "backup): set ORDO_PII_KEY or give --pii-key-file");
    return 2;
  }
  PiiKeySource source;
  source.key_file = flags.pii_key_file;
  if (env != nullptr) {
    source.env_key = std::string(env);
  }
  Result<std::shared_ptr<const PiiCipher>> keys = ResolvePiiCipher(source);
  if (!keys.ok()) {
    spdlog::error("restore: {}", keys.status().message());
    return 2;
  }
  sqlite::RestoreOptions options;
  options.from = flags.from;
  options.data_dir = flags.data_dir;
  options.keys = keys->get();
  if (!flags.pii_key_file.empty()) {
    std::ifstream in(flags.pii_key_file);
    std::string text;
    std::getline(in, text);
    options.key_file_text = text + "\n";
  }
  Result<sqlite::RestoreReport> report = sqlite::RestoreBackup(options);
  if (!report.ok()) {
    const Kind kind = report.status().kind();
    spdlog::error("restore refused: {}", report.status().message());
    return kind == Kind::kInvalid ? 1 : 2;
  }
  int64_t rows = 0;
  for (const auto& [table, count] : report->manifest.tables) {
    rows += count;
  }
  std::printf("restore: %s from %s (taken at %s, schema %d)\n", flags.data_dir.c_str(),
              flags.from.c_str(), FormatRfc3339(report->manifest.created_at).c_str(),
              report->manifest.schema_version);
  std::printf(
      "restore: OK: %zu tables, %lld rows as the manifest lists; audit chain of %lld "
      "entries verified; stock books balance (%lld levels, %lld ledger entries)\n",
      report->manifest.tables.size(), static_cast<long long>(rows),
      static_cast<long long>(report->audit_entries), static_cast<long long>(report->stock_levels),
      static_cast<long long>(report->ledger_entries));
  return 0;
}

}  // namespace ordo::cli
