#include "store/sqlite/audit_checkpoint.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ordo::sqlite {
namespace {

// The fields of a line, as signed: everything but the mac.
std::string Fields(const AuditCheckpoint& checkpoint) {
  return std::to_string(checkpoint.seq) + " " + (checkpoint.hash.empty() ? "-" : checkpoint.hash) +
         " " + std::to_string(checkpoint.at.unix_ms) + " " + std::to_string(checkpoint.keyed_from) +
         " " + (checkpoint.restarted ? "1" : "0");
}

std::string Mac(const PiiCipher& keys, std::string_view previous_mac, std::string_view fields) {
  std::string data(previous_mac);
  data += '\n';
  data.append(fields);
  return keys.AuditCheckpointDigest(data);
}

bool ParseInt(std::string_view text, int64_t& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// Parses "<seq> <hash> <at_ms> <keyed_from> <restarted> <mac>"; false when malformed.
bool ParseLine(std::string_view line, AuditCheckpoint& checkpoint, std::string& fields,
               std::string& mac) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= line.size()) {
    const size_t space = line.find(' ', start);
    const size_t end = space == std::string_view::npos ? line.size() : space;
    parts.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  int64_t at = 0;
  if (parts.size() != 6 || !ParseInt(parts[0], checkpoint.seq) || !ParseInt(parts[2], at) ||
      !ParseInt(parts[3], checkpoint.keyed_from) || (parts[4] != "0" && parts[4] != "1") ||
      parts[1].empty() || parts[5].empty()) {
    return false;
  }
  checkpoint.hash = parts[1] == "-" ? "" : std::string(parts[1]);
  checkpoint.at = Timestamp{at};
  checkpoint.restarted = parts[4] == "1";
  fields = std::string(line.substr(0, line.size() - parts[5].size() - 1));
  mac = std::string(parts[5]);
  return true;
}

// The last line of the open file `fd` (without its line feed), "" when the file is empty.
Result<std::string> LastLine(int fd) {
  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) {
    return Status::Unavailable(std::string("cannot read the audit checkpoints: ") +
                               std::strerror(errno));
  }
  // A line is well under 512 bytes: read the tail and take what follows its last line feed.
  const off_t from = size > 512 ? size - 512 : 0;
  std::string tail(static_cast<size_t>(size - from), '\0');
  if (::pread(fd, tail.data(), tail.size(), from) != static_cast<ssize_t>(tail.size())) {
    return Status::Unavailable("cannot read the audit checkpoints");
  }
  if (!tail.empty() && tail.back() == '\n') {
    tail.pop_back();
  }
  const size_t feed = tail.rfind('\n');
  return feed == std::string::npos ? tail : tail.substr(feed + 1);
}

// Appends under the lock already held on `fd`.
Status AppendLocked(int fd, const PiiCipher& keys, AuditCheckpoint checkpoint) {
  ORDO_ASSIGN_OR_RETURN(const std::string last, LastLine(fd));
  std::string previous_mac;
  if (!last.empty()) {
    AuditCheckpoint before;
    std::string fields;
    if (!ParseLine(last, before, fields, previous_mac)) {
      return Status::Internal("the last audit checkpoint does not read back");
    }
    if (before.seq >= checkpoint.seq) {
      return Status::Ok();  // already vouched for
    }
    checkpoint.keyed_from = before.keyed_from;
    checkpoint.restarted = false;
  }
  const std::string fields = Fields(checkpoint);
  const std::string line = fields + " " + Mac(keys, previous_mac, fields) + "\n";
  if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size()) ||
      ::fdatasync(fd) != 0) {
    return Status::Unavailable(std::string("cannot write the audit checkpoints: ") +
                               std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace

std::string AuditCheckpointPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "audit-checkpoints.log").string();
}

Status AppendAuditCheckpoint(const std::string& path, const PiiCipher& keys,
                             const AuditCheckpoint& checkpoint) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Unavailable("cannot open " + path + ": " + std::strerror(errno));
  }
  Status status;
  if (::flock(fd, LOCK_EX) != 0) {
    status = Status::Unavailable("cannot lock " + path + ": " + std::strerror(errno));
  } else {
    status = AppendLocked(fd, keys, checkpoint);
  }
  ::close(fd);  // also releases the lock
  return status;
}

Result<std::optional<std::vector<AuditCheckpoint>>> ReadAuditCheckpoints(const std::string& path,
                                                                         const PiiCipher& keys) {
  std::ifstream file(path);
  if (!file) {
    if (!std::filesystem::exists(path)) {
      return std::optional<std::vector<AuditCheckpoint>>();
    }
    return Status::Unavailable("cannot read " + path);
  }
  std::vector<AuditCheckpoint> checkpoints;
  std::string line;
  std::string previous_mac;
  int number = 0;
  while (std::getline(file, line)) {
    ++number;
    AuditCheckpoint checkpoint;
    std::string fields;
    std::string mac;
    if (!ParseLine(line, checkpoint, fields, mac) || Mac(keys, previous_mac, fields) != mac) {
      return Status::Invalid("line " + std::to_string(number), Code::kInvalidSignature,
                             "audit checkpoint line " + std::to_string(number) +
                                 " is altered, misplaced or signed with another key");
    }
    previous_mac = std::move(mac);
    checkpoints.push_back(std::move(checkpoint));
  }
  return std::optional<std::vector<AuditCheckpoint>>(std::move(checkpoints));
}

}  // namespace ordo::sqlite
