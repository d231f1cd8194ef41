#include "app/backups.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "base/json_writer.h"

namespace ordo::app {
namespace fs = std::filesystem;
namespace json = boost::json;
namespace {

constexpr char kCatalogName[] = "catalog.json";
constexpr char kExtension[] = ".ordo-backup";

// "ordo-2026-11-22T08-30-00.000Z.ordo-backup": the time in UTC, sortable, no colons.
std::string FileNameFor(Timestamp at) {
  std::string stamp = FormatRfc3339(at);
  std::replace(stamp.begin(), stamp.end(), ':', '-');
  return "ordo-" + stamp + kExtension;
}

std::string RecordJson(const BackupRecord& record) {
  JsonWriter out;
  out.BeginObject()
      .Field("name", record.name)
      .Field("taken_at", FormatRfc3339(record.taken_at))
      .Field("trigger", record.trigger)
      .Field("actor", record.actor)
      .Field("status", record.status)
      .Field("error", record.error)
      .Field("bytes", record.bytes)
      .Field("sha256", record.sha256)
      .Field("schema_version", record.schema_version)
      .Field("copied", record.copied)
      .Field("copy_error", record.copy_error);
  out.Key("tables").BeginObject();
  for (const auto& [name, rows] : record.tables) {
    out.Field(name, rows);
  }
  out.EndObject().EndObject();
  return out.Take();
}

std::string TextOf(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

int64_t IntOf(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value != nullptr && value->is_int64() ? value->as_int64() : 0;
}

// The catalog's records; a record that does not read is skipped and reported in `skipped`.
std::vector<BackupRecord> ParseCatalog(const std::string& text, std::vector<std::string>& skipped) {
  std::vector<BackupRecord> records;
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec || !root.is_object() || !root.as_object().contains("backups") ||
      !root.as_object().at("backups").is_array()) {
    skipped.push_back("the catalog is not a JSON object with a backups array");
    return records;
  }
  for (const json::value& item : root.as_object().at("backups").as_array()) {
    if (!item.is_object()) {
      skipped.push_back("a catalog entry is not an object");
      continue;
    }
    const json::object& o = item.as_object();
    BackupRecord record;
    record.name = TextOf(o, "name");
    Result<Timestamp> at = ParseRfc3339(TextOf(o, "taken_at"));
    if (record.name.empty() || !at.ok()) {
      skipped.push_back("a catalog entry without a name or time");
      continue;
    }
    record.taken_at = *at;
    record.trigger = TextOf(o, "trigger");
    record.actor = TextOf(o, "actor");
    record.status = TextOf(o, "status");
    record.error = TextOf(o, "error");
    record.bytes = IntOf(o, "bytes");
    record.sha256 = TextOf(o, "sha256");
    record.schema_version = static_cast<int>(IntOf(o, "schema_version"));
    const json::value* copied = o.if_contains("copied");
    record.copied = copied != nullptr && copied->is_bool() && copied->as_bool();
    record.copy_error = TextOf(o, "copy_error");
    if (const json::value* tables = o.if_contains("tables"); tables && tables->is_object()) {
      for (const auto& [name, rows] : tables->as_object()) {
        record.tables.emplace_back(std::string(name), rows.is_int64() ? rows.as_int64() : 0);
      }
    }
    records.push_back(std::move(record));
  }
  return records;
}

// Writes `text` to `path` whole: a private temporary file beside it, synced, then renamed.
Status WriteFileAtomically(const std::string& path, const std::string& text) {
  const std::string partial = path + ".partial";
  const int fd = ::open(partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Unavailable("cannot write " + partial);
  }
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  std::error_code ec;
  if (!written || !synced) {
    fs::remove(partial, ec);
    return Status::Unavailable("cannot write " + partial);
  }
  fs::rename(partial, path, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Unavailable("cannot rename " + partial + ": " + ec.message());
  }
  return Status::Ok();
}

// The SHA-256 of the file at `path`, and its size.
Result<std::pair<int64_t, std::string>> HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::Unavailable("cannot read " + path);
  }
  Sha256 hash;
  int64_t bytes = 0;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const size_t got = static_cast<size_t>(in.gcount());
    hash.Update(buffer.data(), got);
    bytes += static_cast<int64_t>(got);
  }
  if (in.bad()) {
    return Status::Unavailable("cannot read " + path);
  }
  return std::make_pair(bytes, hash.HexDigest());
}

Status EnsureDirectory(const std::string& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) {
    return Status::Ok();
  }
  fs::create_directories(dir, ec);
  if (ec) {
    return Status::Unavailable("cannot create " + dir + ": " + ec.message());
  }
  ::chmod(dir.c_str(), 0700);
  return Status::Ok();
}

}  // namespace

BackupService::BackupService(Store& store, BackupOptions options)
    : store_(store), options_(std::move(options)) {
  std::ifstream in(fs::path(options_.dir) / kCatalogName, std::ios::binary);
  if (in) {
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> skipped;
    records_ = ParseCatalog(text, skipped);
  }
}

Status BackupService::SaveCatalog() {
  std::string text = "{\"backups\": [\n";
  for (size_t i = 0; i < records_.size(); ++i) {
    text += RecordJson(records_[i]);
    text += i + 1 < records_.size() ? ",\n" : "\n";
  }
  text += "]}\n";
  return WriteFileAtomically((fs::path(options_.dir) / kCatalogName).string(), text);
}

void BackupService::Audit(const CommandContext& context, const BackupRecord& record,
                          const std::string& action) {
  AuditEntry entry;
  entry.at = context.clock->Now();
  entry.actor = context.actor;
  entry.entity = "backup";
  entry.entity_id = record.name;
  entry.action = action;
  entry.before = "{}";
  JsonWriter after;
  after.BeginObject()
      .Field("status", record.status)
      .Field("bytes", record.bytes)
      .Field("sha256", record.sha256)
      .Field("copied", record.copied)
      .Field("error", record.error.empty() ? record.copy_error : record.error)
      .EndObject();
  entry.after = after.Take();
  // The audit entry is the record of a file operation already done: a store that cannot take it
  // is reported by the next write, and the backup itself stands.
  (void)store_.SubmitAndWait(
      [entry = std::move(entry)](WriteTx& tx) mutable { return tx.RecordAudit(std::move(entry)); });
}

Result<BackupRecord> BackupService::Take(const CommandContext& context,
                                         const std::string& trigger) {
  std::unique_lock busy(take_mutex_, std::try_to_lock);
  if (!busy.owns_lock()) {
    return Status::Unavailable("a backup is being taken: try again in a moment");
  }
  return TakeLocked(context, trigger);
}

Result<BackupRecord> BackupService::TakeLocked(const CommandContext& context,
                                               const std::string& trigger) {
  BackupRecord record;
  record.taken_at = context.clock->Now();
  record.trigger = trigger;
  record.actor = context.actor;
  record.name = FileNameFor(record.taken_at);
  {
    std::lock_guard lock(mutex_);
    // A name already listed, or a file already there (`ordo backup --to` the same directory).
    for (int n = 2; std::any_of(records_.begin(), records_.end(),
                                [&](const BackupRecord& r) { return r.name == record.name; }) ||
                    fs::exists(fs::path(options_.dir) / record.name);
         ++n) {
      record.name = FileNameFor(record.taken_at);
      record.name.insert(record.name.size() - std::strlen(kExtension), "-" + std::to_string(n));
    }
  }
  Status made = EnsureDirectory(options_.dir);
  Result<WrittenBackup> written =
      made.ok() ? options_.writer((fs::path(options_.dir) / record.name).string(), record.taken_at)
                : Result<WrittenBackup>(made);
  if (written.ok()) {
    record.status = "ok";
    record.bytes = written->file_bytes;
    record.sha256 = written->file_sha256;
    record.schema_version = written->manifest.schema_version;
    record.tables = written->manifest.tables;
    if (!options_.copy_dir.empty()) {
      Status copied = Copy(record);
      record.copied = copied.ok();
      record.copy_error = copied.ok() ? "" : copied.message();
    }
  } else {
    record.status = "failed";
    record.error = written.status().message();
  }
  {
    std::lock_guard lock(mutex_);
    records_.push_back(record);
    Status saved = SaveCatalog();
    if (!saved.ok() && record.status == "ok") {
      record.status = "failed";
      record.error = "the backup was written but the catalog was not: " + saved.message();
      records_.back() = record;
    }
  }
  Audit(context, record, record.status == "ok" ? "taken" : "failed");
  if (record.status != "ok") {
    return Status::Internal("the backup failed: " + record.error);
  }
  return record;
}

Status BackupService::Copy(BackupRecord& record) {
  ORDO_RETURN_IF_ERROR(EnsureDirectory(options_.copy_dir));
  const fs::path source = fs::path(options_.dir) / record.name;
  const fs::path target = fs::path(options_.copy_dir) / record.name;
  const fs::path partial = target.string() + ".partial";
  std::error_code ec;
  fs::copy_file(source, partial, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Unavailable("cannot copy to " + options_.copy_dir + ": " + ec.message());
  }
  // Read the copy back: what the second location holds must be what was written.
  Result<std::pair<int64_t, std::string>> copy = HashFile(partial.string());
  if (!copy.ok() || copy->first != record.bytes || copy->second != record.sha256) {
    fs::remove(partial, ec);
    return Status::Unavailable("the copy in " + options_.copy_dir + " does not read back whole");
  }
  const int fd = ::open(partial.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  fs::rename(partial, target, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Unavailable("cannot rename the copy in " + options_.copy_dir);
  }
  return Status::Ok();
}

void BackupService::CopyPending(const CommandContext& context, std::vector<std::string>& failures) {
  if (options_.copy_dir.empty()) {
    return;
  }
  std::vector<BackupRecord> pending;
  {
    std::lock_guard lock(mutex_);
    for (const BackupRecord& record : records_) {
      if (record.status == "ok" && !record.copied) {
        pending.push_back(record);
      }
    }
  }
  for (BackupRecord& record : pending) {
    Status copied = Copy(record);
    record.copied = copied.ok();
    record.copy_error = copied.ok() ? "" : copied.message();
    if (!copied.ok()) {
      failures.push_back("backup: copy of " + record.name + ": " + copied.message());
    }
    std::lock_guard lock(mutex_);
    for (BackupRecord& stored : records_) {
      if (stored.name == record.name) {
        stored.copied = record.copied;
        stored.copy_error = record.copy_error;
      }
    }
    (void)SaveCatalog();
    if (copied.ok()) {
      Audit(context, record, "copied");
    }
  }
}

void BackupService::ApplyRetention(const CommandContext& context) {
  std::vector<BackupRecord> removed;
  {
    std::lock_guard lock(mutex_);
    std::vector<Timestamp> taken;
    std::vector<size_t> ok_index;
    for (size_t i = 0; i < records_.size(); ++i) {
      if (records_[i].status == "ok") {
        taken.push_back(records_[i].taken_at);
        ok_index.push_back(i);
      }
    }
    const std::vector<std::optional<BackupKind>> kept = SelectRetained(taken, options_.policy);
    std::vector<bool> drop(records_.size(), false);
    for (size_t k = 0; k < kept.size(); ++k) {
      if (!kept[k]) {
        drop[ok_index[k]] = true;
        removed.push_back(records_[ok_index[k]]);
      }
    }
    const Timestamp now = context.clock->Now();
    for (size_t i = 0; i < records_.size(); ++i) {
      if (records_[i].status != "ok" && records_[i].taken_at.PlusMs(kFailuresKeptMs) < now) {
        drop[i] = true;
      }
    }
    if (std::find(drop.begin(), drop.end(), true) == drop.end()) {
      return;
    }
    std::vector<BackupRecord> left;
    for (size_t i = 0; i < records_.size(); ++i) {
      if (!drop[i]) {
        left.push_back(std::move(records_[i]));
      }
    }
    records_ = std::move(left);
    (void)SaveCatalog();
  }
  for (const BackupRecord& record : removed) {
    std::error_code ec;
    fs::remove(fs::path(options_.dir) / record.name, ec);
    if (!options_.copy_dir.empty()) {
      fs::remove(fs::path(options_.copy_dir) / record.name, ec);
    }
    Audit(context, record, "removed");
  }
}

bool BackupService::RunSchedule(const CommandContext& context, std::vector<std::string>& failures) {
  std::unique_lock busy(take_mutex_, std::try_to_lock);
  if (!busy.owns_lock()) {
    return false;  // a backup taken by hand is running: the next tick looks again
  }
  const Timestamp now = context.clock->Now();
  bool due = options_.scheduled;
  {
    std::lock_guard lock(mutex_);
    for (const BackupRecord& record : records_) {
      if (record.status == "ok" && ChinaDate(record.taken_at) == ChinaDate(now)) {
        due = false;
      }
      if (record.status != "ok" && record.trigger == "scheduled" &&
          record.taken_at.PlusMs(kRetryAfterMs) > now && record.taken_at <= now) {
        due = false;
      }
    }
  }
  bool taken = false;
  if (due) {
    Result<BackupRecord> record = TakeLocked(context, "scheduled");
    if (!record.ok()) {
      failures.push_back("backup: " + record.status().message());
    } else {
      taken = true;
      if (!record->copy_error.empty()) {
        failures.push_back("backup: copy of " + record->name + ": " + record->copy_error);
      }
    }
  }
  if (!taken) {
    CopyPending(context, failures);
  }
  ApplyRetention(context);
  return taken;
}

std::vector<BackupRecord> BackupService::List() const {
  std::vector<BackupRecord> records;
  {
    std::lock_guard lock(mutex_);
    records = records_;
  }
  std::vector<Timestamp> taken;
  std::vector<size_t> ok_index;
  for (size_t i = 0; i < records.size(); ++i) {
    if (records[i].status == "ok") {
      taken.push_back(records[i].taken_at);
      ok_index.push_back(i);
    }
  }
  const std::vector<std::optional<BackupKind>> kept = SelectRetained(taken, options_.policy);
  for (size_t k = 0; k < kept.size(); ++k) {
    records[ok_index[k]].kind = kept[k];
  }
  std::reverse(records.begin(), records.end());
  return records;
}

}  // namespace ordo::app
