#include "cli/tracking_secrets.h"

namespace ordo::cli {

// The tracking secrets are one kind of callback secrets (cli/callback_secrets.h).

std::string DefaultTrackingSecretsPath(const std::string& data_dir) {
  return DefaultSecretsPath(kTrackingSecretsKind, data_dir);
}

Result<TrackingSecrets> ParseTrackingSecrets(std::string_view text) {
  return ParseSecrets(kTrackingSecretsKind, text);
}

Result<TrackingSecrets> LoadTrackingSecrets(const std::string& data_dir, const std::string& path,
                                            const std::vector<std::string>& environment) {
  return LoadSecrets(kTrackingSecretsKind, data_dir, path, environment);
}

}  // namespace ordo::cli
