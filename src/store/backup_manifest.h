// The manifest of a backup file (`ordo backup`, the scheduled backups): what the file holds and
// how to check it. The file itself (store/sqlite/backup.h) is
//   "ORDO-BACKUP 1\n"                       the magic line
//   <zstd frame>                            the payload: the files of the data directory that a
//                                           backup keeps, one after the other, compressed
//   <manifest JSON>\n                       this manifest, one line
//   <10 digits> <64 hex>\n                  the manifest line's length (with its \n) and SHA-256
// so a file cut short loses its last line first and is refused before anything is unpacked.
// The personal-data key is never one of the files.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace ordo {

inline constexpr std::string_view kBackupMagic = "ORDO-BACKUP 1\n";
// "0000001234 " + 64 hex digits + "\n".
inline constexpr size_t kBackupTrailerBytes = 10 + 1 + 64 + 1;

struct BackupFileEntry {
  std::string name;    // relative to the data directory: "ordo.db", "audit-checkpoints.log"
  int64_t bytes = 0;   // uncompressed
  std::string sha256;  // lowercase hex of the uncompressed content
};

struct BackupManifest {
  int format = 1;
  Timestamp created_at;      // the snapshot's moment, from the injected clock
  int schema_version = 0;    // PRAGMA user_version of the database in the backup
  std::string ordo_version;  // the build that wrote it
  std::vector<std::pair<std::string, int64_t>> tables;  // every table and its rows, by name
  std::vector<BackupFileEntry> files;                   // in payload order
  int64_t content_bytes = 0;      // the payload uncompressed: the files' bytes together
  std::string content_sha256;     // of the uncompressed payload
  int64_t compressed_bytes = 0;   // the zstd frame's length in the file
  std::string compressed_sha256;  // of the zstd frame
};

// The manifest as one line of JSON (no line feed).
std::string EncodeBackupManifest(const BackupManifest& manifest);
// Parses a manifest; kInvalid naming the first field that is missing, of the wrong type or out
// of range (a negative size, a hash that is not 64 hex digits, an unknown format).
Result<BackupManifest> ParseBackupManifest(std::string_view text);

// The trailer line for a manifest line of `manifest_line_bytes` bytes with SHA-256 `sha256_hex`.
std::string BackupTrailer(int64_t manifest_line_bytes, std::string_view sha256_hex);
// Reads a trailer: the manifest line's length and SHA-256; kInvalid when it is not one.
Result<std::pair<int64_t, std::string>> ParseBackupTrailer(std::string_view trailer);

// Lowercase hex SHA-256 of `data` (libsodium), and an incremental form for streams.
std::string Sha256Hex(std::string_view data);
class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  void Update(const void* data, size_t bytes);
  std::string HexDigest();  // ends the hash; the object is not reused after
 private:
  crypto_hash_sha256_state state_;
};

}  // namespace ordo
