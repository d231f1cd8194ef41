#include "store/backup_manifest.h"

#include <boost/json.hpp>
#include <cstdio>

#include "base/json_writer.h"

namespace ordo {
namespace json = boost::json;
namespace {

constexpr size_t kSha256HexChars = 64;

bool IsSha256Hex(std::string_view text) {
  if (text.size() != kSha256HexChars) {
    return false;
  }
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

Status Bad(std::string field, std::string message) {
  return Status::Invalid(std::move(field), Code::kInvalidValue, std::move(message));
}

// The member `name` of `object` as a non-negative integer, or a Status naming `path`.
Result<int64_t> Count(const json::object& object, std::string_view name, const std::string& path) {
  const json::value* value = object.if_contains(name);
  if (value == nullptr || !value->is_int64() || value->as_int64() < 0) {
    return Bad(path, path + " must be a non-negative integer");
  }
  return value->as_int64();
}

Result<std::string> Text(const json::object& object, std::string_view name,
                         const std::string& path) {
  const json::value* value = object.if_contains(name);
  if (value == nullptr || !value->is_string()) {
    return Bad(path, path + " must be a string");
  }
  return std::string(value->as_string());
}

Result<std::string> Hash(const json::object& object, std::string_view name,
                         const std::string& path) {
  ORDO_ASSIGN_OR_RETURN(std::string text, Text(object, name, path));
  if (!IsSha256Hex(text)) {
    return Bad(path, path + " must be 64 lowercase hex digits");
  }
  return text;
}

Status ParseTables(const json::object& root, BackupManifest& manifest) {
  const json::value* tables = root.if_contains("tables");
  if (tables == nullptr || !tables->is_object()) {
    return Bad("tables", "tables must be an object of row counts");
  }
  for (const auto& [name, rows] : tables->as_object()) {
    const std::string path = "tables." + std::string(name);
    if (!rows.is_int64() || rows.as_int64() < 0) {
      return Bad(path, path + " must be a non-negative integer");
    }
    manifest.tables.emplace_back(std::string(name), rows.as_int64());
  }
  return Status::Ok();
}

Status ParseFiles(const json::object& root, BackupManifest& manifest) {
  const json::value* files = root.if_contains("files");
  if (files == nullptr || !files->is_array() || files->as_array().empty()) {
    return Bad("files", "files must be a non-empty array");
  }
  int64_t total = 0;
  for (size_t i = 0; i < files->as_array().size(); ++i) {
    const std::string path = "files[" + std::to_string(i) + "]";
    const json::value& item = files->as_array()[i];
    if (!item.is_object()) {
      return Bad(path, path + " must be an object");
    }
    BackupFileEntry entry;
    ORDO_ASSIGN_OR_RETURN(entry.name, Text(item.as_object(), "name", path + ".name"));
    if (entry.name.empty() || entry.name.find('/') != std::string::npos || entry.name[0] == '.') {
      return Bad(path + ".name", "a file name of the data directory, without a folder");
    }
    ORDO_ASSIGN_OR_RETURN(entry.bytes, Count(item.as_object(), "bytes", path + ".bytes"));
    ORDO_ASSIGN_OR_RETURN(entry.sha256, Hash(item.as_object(), "sha256", path + ".sha256"));
    total += entry.bytes;
    manifest.files.push_back(std::move(entry));
  }
  if (total != manifest.content_bytes) {
    return Bad("files", "the files' bytes do not add up to content_bytes");
  }
  return Status::Ok();
}

}  // namespace

std::string EncodeBackupManifest(const BackupManifest& manifest) {
  JsonWriter out;
  out.BeginObject()
      .Field("format", manifest.format)
      .Field("created_at", FormatRfc3339(manifest.created_at))
      .Field("schema_version", manifest.schema_version)
      .Field("ordo_version", manifest.ordo_version);
  out.Key("tables").BeginObject();
  for (const auto& [name, rows] : manifest.tables) {
    out.Field(name, rows);
  }
  out.EndObject();
  out.Key("files").BeginArray();
  for (const BackupFileEntry& file : manifest.files) {
    out.BeginObject()
        .Field("name", file.name)
        .Field("bytes", file.bytes)
        .Field("sha256", file.sha256)
        .EndObject();
  }
  out.EndArray();
  out.Field("content_bytes", manifest.content_bytes)
      .Field("content_sha256", manifest.content_sha256)
      .Field("compressed_bytes", manifest.compressed_bytes)
      .Field("compressed_sha256", manifest.compressed_sha256)
      .EndObject();
  return out.Take();
}

Result<BackupManifest> ParseBackupManifest(std::string_view text) {
  boost::system::error_code ec;
  json::value root = json::parse(text, ec);
  if (ec || !root.is_object()) {
    return Bad("manifest", "the manifest is not a JSON object");
  }
  const json::object& object = root.as_object();
  BackupManifest manifest;
  ORDO_ASSIGN_OR_RETURN(int64_t format, Count(object, "format", "format"));
  if (format != 1) {
    return Bad("format", "unknown backup format " + std::to_string(format));
  }
  ORDO_ASSIGN_OR_RETURN(std::string created_at, Text(object, "created_at", "created_at"));
  Result<Timestamp> at = ParseRfc3339(created_at);
  if (!at.ok()) {
    return Bad("created_at", "created_at must be an RFC 3339 time");
  }
  manifest.created_at = *at;
  ORDO_ASSIGN_OR_RETURN(int64_t schema, Count(object, "schema_version", "schema_version"));
  if (schema < 1 || schema > 1000000) {
    return Bad("schema_version", "schema_version out of range");
  }
  manifest.schema_version = static_cast<int>(schema);
  ORDO_ASSIGN_OR_RETURN(manifest.ordo_version, Text(object, "ordo_version", "ordo_version"));
  ORDO_ASSIGN_OR_RETURN(manifest.content_bytes, Count(object, "content_bytes", "content_bytes"));
  ORDO_ASSIGN_OR_RETURN(manifest.content_sha256, Hash(object, "content_sha256", "content_sha256"));
  ORDO_ASSIGN_OR_RETURN(manifest.compressed_bytes,
                        Count(object, "compressed_bytes", "compressed_bytes"));
  ORDO_ASSIGN_OR_RETURN(manifest.compressed_sha256,
                        Hash(object, "compressed_sha256", "compressed_sha256"));
  ORDO_RETURN_IF_ERROR(ParseTables(object, manifest));
  ORDO_RETURN_IF_ERROR(ParseFiles(object, manifest));
  return manifest;
}

std::string BackupTrailer(int64_t manifest_line_bytes, std::string_view sha256_hex) {
  char length[16];
  std::snprintf(length, sizeof(length), "%010lld", static_cast<long long>(manifest_line_bytes));
  return std::string(length) + " " + std::string(sha256_hex) + "\n";
}

Result<std::pair<int64_t, std::string>> ParseBackupTrailer(std::string_view trailer) {
  if (trailer.size() != kBackupTrailerBytes || trailer[10] != ' ' || trailer.back() != '\n') {
    return Bad("trailer", "the file does not end with a backup trailer: truncated or not a backup");
  }
  int64_t length = 0;
  for (char c : trailer.substr(0, 10)) {
    if (c < '0' || c > '9') {
      return Bad("trailer", "the trailer's length is not a number: truncated or not a backup");
    }
    length = length * 10 + (c - '0');
  }
  const std::string hash(trailer.substr(11, kSha256HexChars));
  if (!IsSha256Hex(hash)) {
    return Bad("trailer", "the trailer's hash is not SHA-256 hex: truncated or not a backup");
  }
  return std::make_pair(length, hash);
}

Sha256::Sha256() {
  crypto_hash_sha256_init(&state_);
}

void Sha256::Update(std::string_view data) {
  Update(data.data(), data.size());
}

void Sha256::Update(const void* data, size_t bytes) {
  crypto_hash_sha256_update(&state_, static_cast<const unsigned char*>(data), bytes);
}

std::string Sha256::HexDigest() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_, digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string Sha256Hex(std::string_view data) {
  Sha256 hash;
  hash.Update(data);
  return hash.HexDigest();
}

}  // namespace ordo
