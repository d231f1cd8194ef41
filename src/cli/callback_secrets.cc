#include "cli/callback_secrets.h"

#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/catalog/catalog.h"

namespace ordo::cli {
namespace {

constexpr size_t kMinSecretBytes = 16;

Status Invalid(const std::string& field, const std::string& message) {
  return Status::Invalid(field, Code::kInvalidValue, message);
}

Status CheckSecret(const SecretsKind& kind, const std::string& code, const std::string& secret,
                   const std::string& where) {
  const std::string name(kind.name);
  if (!IsValidCode(code) || code.size() > 16) {
    return Invalid(where, name + ": '" + code + "' is not a " + std::string(kind.sender) + " code");
  }
  if (secret.size() < kMinSecretBytes) {
    return Invalid(where, name + ": the secret of " + code + " must be at least 16 bytes");
  }
  return Status::Ok();
}

Result<CallbackSecrets> ReadFile(const SecretsKind& kind, const std::string& path) {
  const std::string field(kind.field);
  const std::string name(kind.name);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Invalid(field, "cannot read the " + name + " file " + path);
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Invalid(field, "the " + name + " file " + path +
                              " must not be open to group or others (chmod 600)");
  }
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) {
    return Invalid(field, "cannot read the " + name + " file " + path);
  }
  return ParseSecrets(kind, text.str());
}

}  // namespace

std::string DefaultSecretsPath(const SecretsKind& kind, const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / std::string(kind.file_name)).string();
}

Result<CallbackSecrets> ParseSecrets(const SecretsKind& kind, std::string_view text) {
  const std::string name(kind.name);
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_object()) {
    return Invalid(std::string(kind.field), name + " must be a JSON object of " +
                                                std::string(kind.sender) + " code → secret");
  }
  CallbackSecrets secrets;
  for (const auto& [key, value] : parsed.as_object()) {
    const std::string code(key);
    if (!value.is_string()) {
      return Invalid(code, name + ": the secret of " + code + " must be a string");
    }
    const std::string secret(value.get_string());
    ORDO_RETURN_IF_ERROR(CheckSecret(kind, code, secret, code));
    secrets[code] = secret;
  }
  return secrets;
}

Result<CallbackSecrets> LoadSecrets(const SecretsKind& kind, const std::string& data_dir,
                                    const std::string& path,
                                    const std::vector<std::string>& environment) {
  CallbackSecrets secrets;
  const std::string file = path.empty() ? DefaultSecretsPath(kind, data_dir) : path;
  if (!path.empty() || std::filesystem::exists(file)) {
    ORDO_ASSIGN_OR_RETURN(secrets, ReadFile(kind, file));
  }
  for (const std::string& entry : environment) {
    if (!entry.starts_with(kind.env_prefix)) {
      continue;
    }
    const size_t equals = entry.find('=');
    if (equals == std::string::npos) {
      continue;
    }
    const std::string code = entry.substr(kind.env_prefix.size(), equals - kind.env_prefix.size());
    const std::string secret = entry.substr(equals + 1);
    ORDO_RETURN_IF_ERROR(CheckSecret(kind, code, secret, std::string(entry.substr(0, equals))));
    secrets[code] = secret;
  }
  return secrets;
}

}  // namespace ordo::cli
