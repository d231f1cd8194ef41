// The secrets signed callbacks are checked with: the carriers' tracking events and the payment
// providers' notifications, each HMAC-SHA256 of the raw body under the sender's secret. Both kinds
// are loaded alike: from the environment, <PREFIX><CODE>=secret (e.g. ORDO_TRACKING_SECRET_SF,
// ORDO_PAYMENT_SECRET_ALIPAY), and from a file: the --…-secrets FILE option, else
// DATA/<file name> when it exists, holding {"CODE": "secret", …}. The environment wins over the
// file. The file must not be readable by group or others (like DATA/pii.key). Secrets are never
// logged nor shown by the API: only how many senders have one.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordo::cli {

// Which secrets: names used in messages, the environment prefix and the default file.
struct SecretsKind {
  std::string_view name;        // "tracking secrets": messages and the field at fault
  std::string_view field;       // "tracking_secrets"
  std::string_view sender;      // "carrier": what a code names
  std::string_view env_prefix;  // "ORDO_TRACKING_SECRET_"
  std::string_view file_name;   // "tracking-secrets.json"
};

inline constexpr SecretsKind kTrackingSecretsKind{"tracking secrets", "tracking_secrets", "carrier",
                                                  "ORDO_TRACKING_SECRET_", "tracking-secrets.json"};
// Provider codes are uppercase like carrier codes: ORDO_PAYMENT_SECRET_ALIPAY signs
// POST /api/v1/payment-callbacks/ALIPAY.
inline constexpr SecretsKind kPaymentSecretsKind{"payment secrets", "payment_secrets", "provider",
                                                 "ORDO_PAYMENT_SECRET_", "payment-secrets.json"};

// Sender code → secret.
using CallbackSecrets = std::map<std::string, std::string, std::less<>>;

std::string DefaultSecretsPath(const SecretsKind& kind, const std::string& data_dir);

// Secrets from `text` (the file's JSON object): kInvalid naming the member at fault (a code must
// be valid, a secret at least 16 bytes).
Result<CallbackSecrets> ParseSecrets(const SecretsKind& kind, std::string_view text);

// The secrets from `path` (else the default file when it exists) and from `environment`
// ("NAME=value" entries, as in environ). kInvalid when the file is unreadable, too open or
// malformed, or a secret is too short.
Result<CallbackSecrets> LoadSecrets(const SecretsKind& kind, const std::string& data_dir,
                                    const std::string& path,
                                    const std::vector<std::string>& environment);

}  // namespace ordo::cli
