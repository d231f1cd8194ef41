// The carriers' tracking-callback secrets (POST /api/v1/tracking-events/{carrier} is signed with
// HMAC-SHA256 under the carrier's secret). They come from the environment,
// ORDO_TRACKING_SECRET_<CARRIER>=secret (e.g. ORDO_TRACKING_SECRET_SF), and from a file:
// --tracking-secrets FILE, else DATA/tracking-secrets.json when it exists, holding
// {"SF": "secret", "ZTO": "secret"}. The environment wins over the file. The file must not be
// readable by group or others (like DATA/pii.key). Secrets are never logged nor shown by the
// API: only how many carriers have one.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "cli/callback_secrets.h"

namespace ordo::cli {

using TrackingSecrets = CallbackSecrets;

std::string DefaultTrackingSecretsPath(const std::string& data_dir);

// Secrets from `text` (the file's JSON object): kInvalid naming the member at fault (a carrier
// code must be valid, a secret at least 16 bytes).
Result<TrackingSecrets> ParseTrackingSecrets(std::string_view text);

// The secrets from `path` (else the default file when it exists) and from `environment`
// ("NAME=value" entries, as in environ). kInvalid when the file is unreadable, too open or
// malformed, or a secret is too short.
Result<TrackingSecrets> LoadTrackingSecrets(const std::string& data_dir, const std::string& path,
                                            const std::vector<std::string>& environment);

}  // namespace ordo::cli
