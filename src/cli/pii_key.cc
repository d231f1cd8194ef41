#include "cli/pii_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace ordo::cli {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) {
    return {};
  }
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string Errno(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// Builds the cipher from a hex key; `origin` names where the key came from, never its value.
Result<std::shared_ptr<const PiiCipher>> CipherFromHex(std::string_view hex,
                                                       const std::string& origin) {
  Result<PiiCipher::Key> key = PiiCipher::ParseHexKey(Trim(hex));
  if (!key.ok()) {
    return Status::Invalid("pii_key", Code::kInvalidValue,
                           origin + " must hold 64 hexadecimal characters (a 32-byte key)");
  }
  auto cipher = std::make_shared<const PiiCipher>(*key);
  sodium_memzero(key->data(), key->size());
  return std::shared_ptr<const PiiCipher>(std::move(cipher));
}

Result<std::string> ReadKeyFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return Status::Unavailable(Errno("cannot open the personal-data key file " + path));
  }
  struct stat info {};
  if (::fstat(fd, &info) == 0 && (info.st_mode & 077) != 0) {
    spdlog::warn("the personal-data key file {} is accessible to other users: chmod 600 it", path);
  }
  std::string text(256, '\0');
  const ssize_t size = ::read(fd, text.data(), text.size());
  const int read_errno = errno;
  ::close(fd);
  if (size < 0) {
    errno = read_errno;
    return Status::Unavailable(Errno("cannot read the personal-data key file " + path));
  }
  text.resize(static_cast<size_t>(size));
  return text;
}

Status WriteAll(int fd, const std::string& text) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno != EINTR) {
      return Status::Unavailable(Errno("cannot write the personal-data key"));
    }
    written += n > 0 ? static_cast<size_t>(n) : 0;
  }
  return ::fsync(fd) == 0 ? Status::Ok()
                          : Status::Unavailable(Errno("cannot sync the personal-data key"));
}

// Writes a new random key to `path` unless a key is already there. The key is written to a
// private temporary file first and then linked into place, so a concurrent `ordo token create`
// either sees no file or a complete one, and two racing creators end up with the same key.
Status CreateKeyFile(const std::string& path) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  // A leftover temporary file of an earlier run keeps its mode: make sure it is private.
  if (fd < 0 || ::fchmod(fd, 0600) != 0) {
    if (fd >= 0) {
      ::close(fd);
    }
    return Status::Unavailable(Errno("cannot create " + temporary));
  }
  PiiCipher::Key key = PiiCipher::NewKey();
  std::string hex = PiiCipher::KeyToHex(key) + "\n";
  sodium_memzero(key.data(), key.size());
  Status written = WriteAll(fd, hex);
  sodium_memzero(hex.data(), hex.size());
  ::close(fd);
  if (written.ok() && ::link(temporary.c_str(), path.c_str()) != 0 && errno != EEXIST) {
    written = Status::Unavailable(Errno("cannot create " + path));
  }
  ::unlink(temporary.c_str());
  if (!written.ok()) {
    return written;
  }
  // Make the new directory entry durable before any data is sealed under the key.
  const std::string dir = std::filesystem::path(path).parent_path().string();
  const int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    (void)::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::Ok();
}

}  // namespace

std::string DefaultPiiKeyPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "pii.key").string();
}

Result<std::shared_ptr<const PiiCipher>> ResolvePiiCipher(const PiiKeySource& source) {
  if (source.env_key && !source.key_file.empty()) {
    return Status::Invalid("pii_key", Code::kInvalidValue,
                           "both ORDO_PII_KEY and --pii-key-file are set: give only one");
  }
  if (source.env_key) {
    return CipherFromHex(*source.env_key, "ORDO_PII_KEY");
  }
  std::string path = source.key_file;
  if (path.empty()) {
    path = DefaultPiiKeyPath(source.data_dir);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      if (std::filesystem::exists(sqlite::DatabasePath(source.data_dir), ec)) {
        return Status::Invalid(
            "pii_key", Code::kInvalidValue,
            sqlite::DatabasePath(source.data_dir) + " exists but " + path +
                " does not: set ORDO_PII_KEY or --pii-key-file to the key it was created with");
      }
      ORDO_RETURN_IF_ERROR(sqlite::CreatePrivateDirectory(source.data_dir));
      ORDO_RETURN_IF_ERROR(CreateKeyFile(path));
    }
  }
  ORDO_ASSIGN_OR_RETURN(std::string hex, ReadKeyFile(path));
  Result<std::shared_ptr<const PiiCipher>> cipher = CipherFromHex(hex, path);
  sodium_memzero(hex.data(), hex.size());
  return cipher;
}

Result<std::shared_ptr<const PiiCipher>> ResolvePiiCipher(const std::string& data_dir,
                                                          const std::string& key_file) {
  PiiKeySource source{data_dir, key_file, std::nullopt};
  if (const char* env = std::getenv("ORDO_PII_KEY")) {
    source.env_key = env;
  }
  return ResolvePiiCipher(source);
}

}  // namespace ordo::cli
