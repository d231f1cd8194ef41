#include "cli/tracking_secrets.h"

#include <sys/stat.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/catalog/catalog.h"

namespace ordo::cli {
namespace {

constexpr std::string_view kEnvironmentPrefix = "ORDO_TRACKING_SECRET_";
constexpr size_t kMinSecretBytes = 16;

Status Invalid(const std::string& field, const std::string& message) {
  return Status::Invalid(field, Code::kInvalidValue, message);
}

Status CheckSecret(const std::string& carrier, const std::string& secret,
                   const std::string& where) {
  if (!IsValidCode(carrier) || carrier.size() > 16) {
    return Invalid(where, "tracking secrets: '" + carrier + "' is not a carrier code");
  }
  if (secret.size() < kMinSecretBytes) {
    return Invalid(where,
                   "tracking secrets: the secret of " + carrier + " must be at least 16 bytes");
  }
  return Status::Ok();
}

Result<TrackingSecrets> ReadFile(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Invalid("tracking_secrets", "cannot read the tracking secrets file " + path);
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Invalid("tracking_secrets", "the tracking secrets file " + path +
                                           " must not be open to group or others (chmod 600)");
  }
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  if (!file) {
    return Invalid("tracking_secrets", "cannot read the tracking secrets file " + path);
  }
  return ParseTrackingSecrets(text.str());
}

}  // namespace

std::string DefaultTrackingSecretsPath(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "tracking-secrets.json").string();
}

Result<TrackingSecrets> ParseTrackingSecrets(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_object()) {
    return Invalid("tracking_secrets",
                   "tracking secrets must be a JSON object of carrier code → secret");
  }
  TrackingSecrets secrets;
  for (const auto& [key, value] : parsed.as_object()) {
    const std::string carrier(key);
    if (!value.is_string()) {
      return Invalid(carrier, "tracking secrets: the secret of " + carrier + " must be a string");
    }
    const std::string secret(value.get_string());
    ORDO_RETURN_IF_ERROR(CheckSecret(carrier, secret, carrier));
    secrets[carrier] = secret;
  }
  return secrets;
}

Result<TrackingSecrets> LoadTrackingSecrets(const std::string& data_dir, const std::string& path,
                                            const std::vector<std::string>& environment) {
  TrackingSecrets secrets;
  const std::string file = path.empty() ? DefaultTrackingSecretsPath(data_dir) : path;
  if (!path.empty() || std::filesystem::exists(file)) {
    ORDO_ASSIGN_OR_RETURN(secrets, ReadFile(file));
  }
  for (const std::string& entry : environment) {
    if (!entry.starts_with(kEnvironmentPrefix)) {
      continue;
    }
    const size_t equals = entry.find('=');
    if (equals == std::string::npos) {
      continue;
    }
    const std::string carrier =
        entry.substr(kEnvironmentPrefix.size(), equals - kEnvironmentPrefix.size());
    const std::string secret = entry.substr(equals + 1);
    ORDO_RETURN_IF_ERROR(CheckSecret(carrier, secret, std::string(entry.substr(0, equals))));
    secrets[carrier] = secret;
  }
  return secrets;
}

}  // namespace ordo::cli
