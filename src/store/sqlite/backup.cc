#include "store/sqlite/backup.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <vector>

#include "store/sqlite/audit.h"
#include "store/sqlite/audit_checkpoint.h"
#include "store/sqlite/db.h"
#include "store/sqlite/inventory_queries.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::sqlite {
namespace fs = std::filesystem;
namespace {

// Pages copied per step of the online backup: 1,024 pages of 4 KiB, a few milliseconds of
// work, after which the thread yields.
constexpr int kPagesPerStep = 1024;
constexpr size_t kChunkBytes = 1 << 20;
// zstd's fastest levels compress the database about 4:1; a higher level costs CPU that intake
// needs more.
constexpr int kCompressionLevel = 1;
constexpr char kDatabaseName[] = "ordo.db";
constexpr char kCheckpointsName[] = "audit-checkpoints.log";

Status Damaged(std::string message) {
  return Status::Invalid("from", Code::kInvalidValue, std::move(message));
}

// The checkpoint file as it is now, read under its lock so that no half-written line is seen;
// empty with `exists` false when there is none.
Result<std::string> ReadCheckpoints(const std::string& data_dir, bool* exists) {
  const std::string path = AuditCheckpointPath(data_dir);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *exists = false;
    if (errno == ENOENT) {
      return std::string();
    }
    return Status::Unavailable("cannot read " + path);
  }
  *exists = true;
  ::flock(fd, LOCK_SH);
  std::string text;
  char buffer[65536];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof(buffer))) > 0) {
    text.append(buffer, static_cast<size_t>(n));
  }
  ::flock(fd, LOCK_UN);
  ::close(fd);
  if (n < 0) {
    return Status::Unavailable("cannot read " + path);
  }
  return text;
}

// Copies the database of `data_dir` into `snapshot_path` as one read transaction sees it.
Status Snapshot(const std::string& data_dir, const std::string& snapshot_path) {
  ORDO_ASSIGN_OR_RETURN(auto source,
                        Connection::Open(DatabasePath(data_dir), Connection::Mode::kReadOnly));
  ORDO_RETURN_IF_ERROR(source->Exec("BEGIN"));
  // The read transaction starts with the first read and holds this snapshot until COMMIT.
  ORDO_RETURN_IF_ERROR(source->Exec("SELECT count(*) FROM sqlite_master"));
  sqlite3* dest = nullptr;
  if (sqlite3_open_v2(snapshot_path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    sqlite3_close(dest);
    return Status::Unavailable("cannot create " + snapshot_path);
  }
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", source->raw(), "main");
  if (backup == nullptr) {
    Status failed = Status::Internal(std::string("sqlite backup: ") + sqlite3_errmsg(dest));
    sqlite3_close(dest);
    return failed;
  }
  int rc = SQLITE_OK;
  while (true) {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_DONE) {
      break;
    }
    if (rc == SQLITE_OK) {
      std::this_thread::yield();
      continue;
    }
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    break;
  }
  const int finished = sqlite3_backup_finish(backup);
  Status status = Status::Ok();
  if (rc != SQLITE_DONE || finished != SQLITE_OK) {
    status = Status::Unavailable(std::string("sqlite backup: ") + sqlite3_errstr(rc) + ", " +
                                 sqlite3_errmsg(dest));
  }
  sqlite3_close(dest);
  (void)source->Exec("COMMIT");
  return status;
}

struct DatabaseFacts {
  int schema_version = 0;
  std::vector<std::pair<std::string, int64_t>> tables;
};

// The schema version and every table's rows, read from the database file at `path` (a backup's
// copy, never the live store: counting reads every row).
Result<DatabaseFacts> ReadFacts(const std::string& path, bool check_integrity) {
  ORDO_ASSIGN_OR_RETURN(auto conn, Connection::Open(path, Connection::Mode::kReadOnly));
  DatabaseFacts facts;
  Status status;
  if (check_integrity) {
    ORDO_PREPARE(check, *conn, "PRAGMA quick_check");
    std::string verdict;
    while (check->Step(&status)) {
      verdict += check->Text(0);
    }
    ORDO_RETURN_IF_ERROR(status);
    if (verdict != "ok") {
      return Damaged("the database in the backup is damaged: " + verdict);
    }
  }
  {
    ORDO_PREPARE(version, *conn, "PRAGMA user_version");
    if (version->Step(&status)) {
      facts.schema_version = static_cast<int>(version->Int(0));
    }
    ORDO_RETURN_IF_ERROR(status);
  }
  std::vector<std::string> names;
  {
    ORDO_PREPARE(tables, *conn,
                 "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                 "'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    while (tables->Step(&status)) {
      names.push_back(tables->Text(0));
    }
    ORDO_RETURN_IF_ERROR(status);
  }
  for (const std::string& name : names) {
    ORDO_PREPARE(count, *conn, "SELECT count(*) AS backup_rows FROM \"" + name + "\"");
    int64_t rows = 0;
    if (count->Step(&status)) {
      rows = count->Int(0);
    }
    ORDO_RETURN_IF_ERROR(status);
    facts.tables.emplace_back(name, rows);
  }
  return facts;
}

// A file written in one go: created private, every byte hashed, synced and closed by Finish.
class OutputFile {
 public:
  static Result<std::unique_ptr<OutputFile>> Create(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
      return Status::Unavailable("cannot create " + path + ": " + std::strerror(errno));
    }
    return std::unique_ptr<OutputFile>(new OutputFile(fd, path));
  }
  ~OutputFile() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Status Write(std::string_view data) {
    hash_.Update(data);
    bytes_ += static_cast<int64_t>(data.size());
    while (!data.empty()) {
      const ssize_t n = ::write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) {
          continue;
        }
        return Status::Unavailable("cannot write " + path_ + ": " + std::strerror(errno));
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }
  Status Finish() {
    const bool synced = ::fsync(fd_) == 0;
    const bool closed = ::close(fd_) == 0;
    fd_ = -1;
    if (!synced || !closed) {
      return Status::Unavailable("cannot write " + path_ + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }
  int64_t bytes() const { return bytes_; }
  std::string HexDigest() { return hash_.HexDigest(); }

 private:
  OutputFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
  Sha256 hash_;
  int64_t bytes_ = 0;
};

// Streams the payload's files through one zstd frame into `out`, filling the manifest's file
// entries, content and compressed hashes.
class PayloadWriter {
 public:
  explicit PayloadWriter(OutputFile& out) : out_(out), cctx_(ZSTD_createCCtx()) {
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_compressionLevel, kCompressionLevel);
    ZSTD_CCtx_setParameter(cctx_, ZSTD_c_checksumFlag, 1);
  }
  ~PayloadWriter() { ZSTD_freeCCtx(cctx_); }

  Status AddFile(const std::string& name, std::istream& in, BackupManifest& manifest) {
    BackupFileEntry entry{name, 0, ""};
    Sha256 file_hash;
    std::vector<char> buffer(kChunkBytes);
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const size_t got = static_cast<size_t>(in.gcount());
      if (got == 0) {
        break;
      }
      const std::string_view chunk(buffer.data(), got);
      file_hash.Update(chunk);
      content_hash_.Update(chunk);
      entry.bytes += static_cast<int64_t>(got);
      ORDO_RETURN_IF_ERROR(Compress(chunk, ZSTD_e_continue));
    }
    if (in.bad()) {
      return Status::Unavailable("cannot read " + name + " for the backup");
    }
    entry.sha256 = file_hash.HexDigest();
    manifest.content_bytes += entry.bytes;
    manifest.files.push_back(std::move(entry));
    return Status::Ok();
  }

  Status Finish(BackupManifest& manifest) {
    ORDO_RETURN_IF_ERROR(Compress({}, ZSTD_e_end));
    manifest.content_sha256 = content_hash_.HexDigest();
    manifest.compressed_bytes = compressed_bytes_;
    manifest.compressed_sha256 = compressed_hash_.HexDigest();
    return Status::Ok();
  }

 private:
  Status Compress(std::string_view data, ZSTD_EndDirective mode) {
    ZSTD_inBuffer input{data.data(), data.size(), 0};
    std::vector<char> output(ZSTD_CStreamOutSize());
    while (true) {
      ZSTD_outBuffer out{output.data(), output.size(), 0};
      const size_t left = ZSTD_compressStream2(cctx_, &out, &input, mode);
      if (ZSTD_isError(left)) {
        return Status::Internal(std::string("zstd: ") + ZSTD_getErrorName(left));
      }
      const std::string_view produced(output.data(), out.pos);
      compressed_hash_.Update(produced);
      compressed_bytes_ += static_cast<int64_t>(out.pos);
      ORDO_RETURN_IF_ERROR(out_.Write(produced));
      const bool drained = mode == ZSTD_e_end ? left == 0 : input.pos == input.size;
      if (drained) {
        return Status::Ok();
      }
    }
  }

  OutputFile& out_;
  ZSTD_CCtx* cctx_;
  Sha256 content_hash_;
  Sha256 compressed_hash_;
  int64_t compressed_bytes_ = 0;
};

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return Status::Unavailable("cannot open " + dir);
  }
  ::fsync(fd);
  ::close(fd);
  return Status::Ok();
}

// Removes `paths` when it goes out of scope, unless released.
class Cleanup {
 public:
  explicit Cleanup(std::vector<std::string> paths) : paths_(std::move(paths)) {}
  ~Cleanup() {
    std::error_code ec;
    for (const std::string& path : paths_) {
      fs::remove_all(path, ec);
    }
  }
  void Keep(const std::string& path) { std::erase(paths_, path); }

 private:
  std::vector<std::string> paths_;
};

Result<BackupWritten> WriteBackupFile(const std::string& data_dir, const std::string& snapshot,
                                      const std::string& partial, BackupManifest manifest) {
  bool have_checkpoints = false;
  ORDO_ASSIGN_OR_RETURN(std::string checkpoints, ReadCheckpoints(data_dir, &have_checkpoints));
  ORDO_RETURN_IF_ERROR(Snapshot(data_dir, snapshot));
  ORDO_ASSIGN_OR_RETURN(DatabaseFacts facts, ReadFacts(snapshot, false));
  manifest.schema_version = facts.schema_version;
  manifest.tables = std::move(facts.tables);
  ORDO_ASSIGN_OR_RETURN(auto out, OutputFile::Create(partial));
  ORDO_RETURN_IF_ERROR(out->Write(kBackupMagic));
  {
    PayloadWriter payload(*out);
    std::ifstream database(snapshot, std::ios::binary);
    if (!database) {
      return Status::Unavailable("cannot read the snapshot " + snapshot);
    }
    ORDO_RETURN_IF_ERROR(payload.AddFile(kDatabaseName, database, manifest));
    if (have_checkpoints) {
      std::istringstream text(checkpoints);
      ORDO_RETURN_IF_ERROR(payload.AddFile(kCheckpointsName, text, manifest));
    }
    ORDO_RETURN_IF_ERROR(payload.Finish(manifest));
  }
  const std::string line = EncodeBackupManifest(manifest) + "\n";
  ORDO_RETURN_IF_ERROR(out->Write(line));
  ORDO_RETURN_IF_ERROR(
      out->Write(BackupTrailer(static_cast<int64_t>(line.size()), Sha256Hex(line))));
  BackupWritten written;
  written.file_bytes = out->bytes();
  written.file_sha256 = out->HexDigest();
  ORDO_RETURN_IF_ERROR(out->Finish());
  written.manifest = std::move(manifest);
  return written;
}

}  // namespace

Result<BackupWritten> WriteBackup(const std::string& data_dir, const std::string& path,
                                  Timestamp created_at, const std::string& ordo_version) {
  if (!fs::exists(DatabasePath(data_dir))) {
    return Status::NotFound("no database in " + data_dir);
  }
  const std::string snapshot = path + ".snapshot";
  const std::string partial = path + ".partial";
  Cleanup cleanup({snapshot, snapshot + "-wal", snapshot + "-shm", snapshot + "-journal", partial});
  BackupManifest manifest;
  manifest.created_at = created_at;
  manifest.ordo_version = ordo_version;
  ORDO_ASSIGN_OR_RETURN(BackupWritten written,
                        WriteBackupFile(data_dir, snapshot, partial, std::move(manifest)));
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) {
    return Status::Unavailable("cannot rename the backup to " + path + ": " + ec.message());
  }
  cleanup.Keep(partial);
  ORDO_RETURN_IF_ERROR(SyncDirectory(fs::path(path).parent_path().string()));
  return written;
}

namespace {

struct Layout {
  BackupManifest manifest;
  int64_t payload_offset = 0;
};

Result<Layout> ReadLayout(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound("cannot open the backup " + path);
  }
  std::error_code ec;
  const int64_t size = static_cast<int64_t>(fs::file_size(path, ec));
  const int64_t magic = static_cast<int64_t>(kBackupMagic.size());
  const int64_t trailer_bytes = static_cast<int64_t>(kBackupTrailerBytes);
  if (ec || size < magic + trailer_bytes) {
    return Damaged("the file is too short to be a backup: truncated");
  }
  std::string head(kBackupMagic.size(), '\0');
  in.read(head.data(), magic);
  if (head != kBackupMagic) {
    return Damaged("the file does not start as an Ordo backup");
  }
  std::string trailer(kBackupTrailerBytes, '\0');
  in.seekg(size - trailer_bytes);
  in.read(trailer.data(), trailer_bytes);
  ORDO_ASSIGN_OR_RETURN(auto line_info, ParseBackupTrailer(trailer));
  const auto [line_bytes, line_sha] = line_info;
  if (line_bytes < 2 || line_bytes > size - magic - trailer_bytes) {
    return Damaged("the trailer names a manifest longer than the file: truncated");
  }
  std::string line(static_cast<size_t>(line_bytes), '\0');
  in.seekg(size - trailer_bytes - line_bytes);
  in.read(line.data(), line_bytes);
  if (!in || Sha256Hex(line) != line_sha || line.back() != '\n') {
    return Damaged("the manifest does not match its SHA-256: the file was altered or truncated");
  }
  Result<BackupManifest> manifest =
      ParseBackupManifest(std::string_view(line).substr(0, line.size() - 1));
  if (!manifest.ok()) {
    return Damaged("the manifest does not read: " + manifest.status().ToString());
  }
  if (magic + manifest->compressed_bytes != size - trailer_bytes - line_bytes) {
    return Damaged("the compressed content is " +
                   std::to_string(size - trailer_bytes - line_bytes - magic) +
                   " bytes, the manifest says " + std::to_string(manifest->compressed_bytes) +
                   ": truncated or altered");
  }
  return Layout{std::move(*manifest), magic};
}

// Routes the decompressed bytes to the manifest's files in order, checking each file's size and
// SHA-256, and writing it into `out_dir` unless that is empty.
class FileRouter {
 public:
  FileRouter(const BackupManifest& manifest, std::string out_dir)
      : manifest_(manifest), out_dir_(std::move(out_dir)) {}

  Status Take(std::string_view data) {
    content_hash_.Update(data);
    total_ += static_cast<int64_t>(data.size());
    if (total_ > manifest_.content_bytes) {
      return Damaged("the content is longer than the manifest says");
    }
    while (!data.empty()) {
      if (index_ >= manifest_.files.size()) {
        return Damaged("the content is longer than the manifest's files");
      }
      ORDO_RETURN_IF_ERROR(OpenCurrent());
      const BackupFileEntry& entry = manifest_.files[index_];
      const size_t n = static_cast<size_t>(
          std::min<int64_t>(static_cast<int64_t>(data.size()), entry.bytes - written_));
      hash_->Update(data.substr(0, n));
      if (out_) {
        ORDO_RETURN_IF_ERROR(out_->Write(data.substr(0, n)));
      }
      written_ += static_cast<int64_t>(n);
      data.remove_prefix(n);
      if (written_ == entry.bytes) {
        ORDO_RETURN_IF_ERROR(CloseCurrent());
      }
    }
    return Status::Ok();
  }

  // After the last byte: every file must be complete.
  Status Finish() {
    if (total_ != manifest_.content_bytes ||
        content_hash_.HexDigest() != manifest_.content_sha256) {
      return Damaged("the content does not match its size or SHA-256 in the manifest");
    }
    while (index_ < manifest_.files.size()) {
      ORDO_RETURN_IF_ERROR(OpenCurrent());
      ORDO_RETURN_IF_ERROR(CloseCurrent());
    }
    return Status::Ok();
  }

 private:
  Status OpenCurrent() {
    if (hash_) {
      return Status::Ok();
    }
    hash_.emplace();
    written_ = 0;
    if (!out_dir_.empty()) {
      ORDO_ASSIGN_OR_RETURN(out_,
                            OutputFile::Create(out_dir_ + "/" + manifest_.files[index_].name));
    }
    return Status::Ok();
  }

  Status CloseCurrent() {
    const BackupFileEntry& entry = manifest_.files[index_];
    if (written_ != entry.bytes || hash_->HexDigest() != entry.sha256) {
      return Damaged(entry.name + " does not match its size or SHA-256 in the manifest");
    }
    if (out_) {
      ORDO_RETURN_IF_ERROR(out_->Finish());
      out_.reset();
    }
    hash_.reset();
    ++index_;
    return Status::Ok();
  }

  const BackupManifest& manifest_;
  std::string out_dir_;
  Sha256 content_hash_;
  int64_t total_ = 0;
  size_t index_ = 0;
  int64_t written_ = 0;
  std::optional<Sha256> hash_;
  std::unique_ptr<OutputFile> out_;
};

// Decompresses the payload, checking sizes and hashes, and writes each file into `out_dir`
// unless it is empty.
Status Unpack(const std::string& path, const Layout& layout, const std::string& out_dir) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(layout.payload_offset);
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> dctx(ZSTD_createDCtx(), ZSTD_freeDCtx);
  const BackupManifest& manifest = layout.manifest;
  Sha256 compressed_hash;
  FileRouter router(manifest, out_dir);
  std::vector<char> input(ZSTD_DStreamInSize());
  std::vector<char> output(ZSTD_DStreamOutSize());
  int64_t left = manifest.compressed_bytes;
  size_t last = 1;
  while (left > 0) {
    const size_t want = static_cast<size_t>(std::min<int64_t>(left, input.size()));
    in.read(input.data(), static_cast<std::streamsize>(want));
    if (static_cast<size_t>(in.gcount()) != want) {
      return Damaged("the compressed content ends early: truncated");
    }
    left -= static_cast<int64_t>(want);
    compressed_hash.Update(input.data(), want);
    ZSTD_inBuffer source{input.data(), want, 0};
    bool output_full = false;
    while (source.pos < source.size || output_full) {
      ZSTD_outBuffer sink{output.data(), output.size(), 0};
      last = ZSTD_decompressStream(dctx.get(), &sink, &source);
      if (ZSTD_isError(last)) {
        return Damaged(std::string("the compressed content is damaged: ") +
                       ZSTD_getErrorName(last));
      }
      output_full = sink.pos == sink.size;
      ORDO_RETURN_IF_ERROR(router.Take(std::string_view(output.data(), sink.pos)));
    }
  }
  if (last != 0) {
    return Damaged("the compressed content ends early: truncated");
  }
  if (compressed_hash.HexDigest() != manifest.compressed_sha256) {
    return Damaged("the compressed content does not match its SHA-256: altered");
  }
  return router.Finish();
}

}  // namespace

Result<BackupManifest> ReadBackupManifest(const std::string& path) {
  ORDO_ASSIGN_OR_RETURN(Layout layout, ReadLayout(path));
  return std::move(layout.manifest);
}

Status VerifyBackup(const std::string& path) {
  ORDO_ASSIGN_OR_RETURN(Layout layout, ReadLayout(path));
  return Unpack(path, layout, "");
}

}  // namespace ordo::sqlite

namespace ordo::sqlite {
namespace {

// The checks of a restored database before it is put in place: integrity, schema version and
// row counts against the manifest, the audit chain against its checkpoints, the stock books.
Status CheckRestored(const std::string& dir, const BackupManifest& manifest, const PiiCipher& keys,
                     RestoreReport& report) {
  Result<DatabaseFacts> read = ReadFacts(DatabasePath(dir), true);
  if (!read.ok()) {
    return read.status().kind() == Kind::kInvalid
               ? read.status()
               : Damaged("the database in the backup does not open: " + read.status().message());
  }
  const DatabaseFacts& facts = *read;
  if (facts.schema_version != manifest.schema_version) {
    return Damaged("the database's schema version is " + std::to_string(facts.schema_version) +
                   ", the manifest says " + std::to_string(manifest.schema_version));
  }
  if (facts.schema_version > LatestSchemaVersion()) {
    return Status::Invalid("from", Code::kInvalidValue,
                           "the backup was written by a newer Ordo (schema " +
                               std::to_string(facts.schema_version) + ", this build knows " +
                               std::to_string(LatestSchemaVersion()) + ")");
  }
  if (facts.tables != manifest.tables) {
    for (const auto& [name, rows] : manifest.tables) {
      auto found = std::find_if(facts.tables.begin(), facts.tables.end(),
                                [&name = name](const auto& table) { return table.first == name; });
      if (found == facts.tables.end() || found->second != rows) {
        return Damaged("table " + name + " has " +
                       (found == facts.tables.end() ? std::string("no rows (missing)")
                                                    : std::to_string(found->second) + " rows") +
                       ", the manifest says " + std::to_string(rows));
      }
    }
    return Damaged("the database has tables the manifest does not list");
  }
  Result<AuditReport> audit = VerifyAuditLog(dir, keys);
  if (!audit.ok()) {
    return Damaged("the audit trail cannot be read: " + audit.status().message());
  }
  if (audit->problem) {
    return Damaged("the audit trail does not verify at seq " + std::to_string(audit->problem->seq) +
                   ": " + std::string(AuditFaultName(audit->problem->fault)) + " (" +
                   audit->problem->detail +
                   "); with the wrong personal-data key every keyed entry reads as altered");
  }
  report.audit_entries = audit->entries;
  Result<StockCheckReport> stock = VerifyStockBooks(dir);
  if (!stock.ok()) {
    return Damaged("the stock books cannot be read: " + stock.status().message());
  }
  if (!stock->differences.empty()) {
    const StockDifference& d = stock->differences.front();
    return Damaged("the stock books do not balance: " + std::to_string(stock->differences.size()) +
                   " differences, the first " + d.check + " " + d.sku + "@" + d.warehouse +
                   " (ledger " + std::to_string(d.expected) + ", found " +
                   std::to_string(d.actual) + ")");
  }
  report.stock_levels = stock->levels;
  report.ledger_entries = stock->ledger_entries;
  return Status::Ok();
}

bool EmptyOrAbsent(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    return true;
  }
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

Status WriteKeyFile(const std::string& dir, const std::string& text) {
  ORDO_ASSIGN_OR_RETURN(auto out, OutputFile::Create(dir + "/pii.key"));
  ORDO_RETURN_IF_ERROR(out->Write(text));
  return out->Finish();
}

}  // namespace

Result<RestoreReport> RestoreBackup(const RestoreOptions& options) {
  ORDO_ASSERT(options.keys != nullptr);
  if (!EmptyOrAbsent(options.data_dir)) {
    return Status::Conflict(Code::kAlreadyExists,
                            options.data_dir +
                                " exists and is not empty: restore into a new "
                                "directory");
  }
  ORDO_ASSIGN_OR_RETURN(Layout layout, ReadLayout(options.from));
  const fs::path target = fs::absolute(options.data_dir).lexically_normal();
  const fs::path parent = target.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  const std::string staging =
      (parent / ("." + target.filename().string() + ".restore-" + std::to_string(::getpid())))
          .string();
  fs::remove_all(staging, ec);
  Cleanup cleanup({staging});
  ORDO_RETURN_IF_ERROR(CreatePrivateDirectory(staging));
  ORDO_RETURN_IF_ERROR(Unpack(options.from, layout, staging));
  RestoreReport report;
  ORDO_RETURN_IF_ERROR(CheckRestored(staging, layout.manifest, *options.keys, report));
  ORDO_RETURN_IF_ERROR(MakeDatabaseFilesPrivate(staging));
  if (!options.key_file_text.empty()) {
    ORDO_RETURN_IF_ERROR(WriteKeyFile(staging, options.key_file_text));
  }
  ORDO_RETURN_IF_ERROR(SyncDirectory(staging));
  // rename(2) puts the directory in place whole, replacing an empty one.
  fs::rename(staging, target, ec);
  if (ec) {
    return Status::Unavailable("cannot move the restored data to " + target.string() + ": " +
                               ec.message());
  }
  cleanup.Keep(staging);
  ORDO_RETURN_IF_ERROR(SyncDirectory(parent.string()));
  report.manifest = std::move(layout.manifest);
  return report;
}

}  // namespace ordo::sqlite
