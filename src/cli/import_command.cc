#include "cli/import_command.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "app/import_orders.h"
#include "cli/pii_key.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::cli {
namespace {

// A CSV cell: quoted when it holds a comma, quote or line break (RFC 4180).
std::string CsvCell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

void DrawProgress(const ImportRecord& record) {
  const int64_t total = std::max<int64_t>(record.bytes_total, 1);
  const int percent = static_cast<int>(std::min<int64_t>(100, record.bytes_read * 100 / total));
  const int filled = percent * 30 / 100;
  std::fprintf(stderr, "\r[%-30s] %3d%%  %lld orders: %lld accepted, %lld duplicate, %lld rejected",
               std::string(static_cast<size_t>(filled), '#').c_str(), percent,
               static_cast<long long>(record.rows), static_cast<long long>(record.accepted),
               static_cast<long long>(record.duplicate), static_cast<long long>(record.rejected));
  std::fflush(stderr);
}

// Writes the per-row results of import `id`, read back from the store page by page.
Status WriteReport(Store& store, int64_t id, const std::string& path) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    return Status::Invalid("report", Code::kInvalidValue, "cannot write " + path);
  }
  std::fputs("\xEF\xBB\xBFrow,file,outcome,external_id,order_no,column,code,reason\r\n", out);
  int64_t after = 0;
  while (true) {
    Result<std::vector<ImportRowResult>> rows =
        store.reads().imports().ListImportRows(id, "", after, 1000);
    if (!rows.ok()) {
      std::fclose(out);
      return rows.status();
    }
    for (const ImportRowResult& row : *rows) {
      const std::string line = std::to_string(row.row) + "," + CsvCell(row.file) + "," +
                               row.outcome + "," + CsvCell(row.external_id) + "," + row.order_no +
                               "," + CsvCell(row.column) + "," + row.code + "," +
                               CsvCell(row.reason) + "\r\n";
      std::fputs(line.c_str(), out);
      after = row.seq;
    }
    if (rows->size() < 1000) {
      break;
    }
  }
  return std::fclose(out) == 0 ? Status::Ok()
                               : Status::Invalid("report", Code::kInvalidValue,
                                                 "cannot write " + path);
}

}  // namespace

CLI::App* AddImportCommand(CLI::App& app, ImportFlags& flags) {
  CLI::App* cmd = app.add_subcommand(
      "import", "Import the orders of platform export files (Taobao, JD, Pinduoduo, Ordo CSV)");
  cmd->add_option("--data", flags.data_dir, "Data directory");
  cmd->add_option("--store", flags.store_url, "postgres://… to use PostgreSQL");
  cmd->add_option("--pii-key-file", flags.pii_key_file,
                  "File holding the personal-data key; default: ORDO_PII_KEY, else DATA/pii.key");
  cmd->add_option("--format", flags.format, "taobao, jd, pdd or ordo")
      ->required()
      ->check(CLI::IsMember({"taobao", "jd", "pdd", "ordo"}));
  cmd->add_option("--report", flags.report,
                  "Write one CSV row per order read: row, outcome, order_no or column and reason");
  cmd->add_option("files", flags.files,
                  "The export files (for taobao: the order list, and the item detail file)")
      ->required();
  return cmd;
}

int RunImportCommand(const ImportFlags& flags) {
  app::ImportJob job;
  job.format = *app::ParseImportFormat(flags.format);
  for (const std::string& file : flags.files) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error)) {
      std::fprintf(stderr, "ordo import: cannot read %s\n", file.c_str());
      return 1;
    }
    job.paths.push_back(file);
    job.names.push_back(std::filesystem::path(file).filename().string());
  }
  if (!flags.store_url.empty()) {
    std::fprintf(stderr, "ordo import: --store: only the embedded store is available\n");
    return 1;
  }
  sqlite::SqliteOptions options;
  options.data_dir = flags.data_dir;
  Result<std::shared_ptr<const PiiCipher>> cipher =
      ResolvePiiCipher(flags.data_dir, flags.pii_key_file);
  if (!cipher.ok()) {
    std::fprintf(stderr, "ordo import: %s\n", cipher.status().message().c_str());
    return 1;
  }
  options.pii_cipher = *cipher;
  Result<std::unique_ptr<Store>> store = sqlite::OpenSqliteStore(options);
  if (!store.ok()) {
    std::fprintf(stderr, "ordo import: cannot open the store: %s\n",
                 store.status().message().c_str());
    return 1;
  }
  SystemClock clock;
  const char* user = std::getenv("USER");
  app::CommandContext context{std::string("cli:") + (user != nullptr ? user : "import"), &clock};
  auto record = std::make_shared<ImportRecord>();
  Status created = (*store)->SubmitAndWait(app::CreateImport(job, "running", context, record));
  if (!created.ok()) {
    std::fprintf(stderr, "ordo import: %s\n", created.message().c_str());
    (*store)->Shutdown();
    return 1;
  }
  const bool bar = isatty(STDERR_FILENO) != 0;
  Result<ImportRecord> done = app::RunImport(**store, job, *record, context, nullptr,
                                             bar ? DrawProgress : nullptr);
  if (bar) {
    std::fputs("\n", stderr);
  }
  // shared/spec/api.md, "Data in and out": exit 0 when the file was read, even with rejected
  // rows, and even when it stopped being readable part-way (every row read before is imported,
  // and the row where reading stopped is a rejected result); exit 1 when it could not be read
  // at all (not opened, not the format, or unreadable from its first row) or the store failed.
  int rc = 0;
  if (!done.ok()) {
    std::fprintf(stderr, "ordo import: %s\n", done.status().message().c_str());
    rc = 1;
  } else if (done->status != "completed") {
    std::fprintf(stderr, "ordo import: %s\n", done->error.c_str());
    const int64_t orders_read = done->rows - (done->error.empty() ? 0 : 1);
    rc = orders_read > 0 ? 0 : 1;
  }
  if (!flags.report.empty()) {
    Status written = WriteReport(**store, record->id, flags.report);
    if (!written.ok()) {
      std::fprintf(stderr, "ordo import: %s\n", written.message().c_str());
      rc = 1;
    }
  }
  if (done.ok()) {
    std::fprintf(stderr, "ordo import: import %lld %s\n", static_cast<long long>(done->id),
                 done->status.c_str());
    std::printf("accepted %lld, duplicate %lld, rejected %lld\n",
                static_cast<long long>(done->accepted),
                static_cast<long long>(done->duplicate), static_cast<long long>(done->rejected));
  }
  (*store)->Shutdown();
  return rc;
}

}  // namespace ordo::cli
