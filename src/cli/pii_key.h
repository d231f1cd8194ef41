// Where the personal-data master key comes from. Every subcommand that opens the store resolves
// it here, so a server and a `token create` run against the same directory always agree.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "store/pii_cipher.h"

namespace ordo::cli {

struct PiiKeySource {
  std::string data_dir;
  std::string key_file;                // --pii-key-file; empty when not given
  std::optional<std::string> env_key;  // $ORDO_PII_KEY, 64 hex characters
};

// The key file used when neither ORDO_PII_KEY nor --pii-key-file is given.
std::string DefaultPiiKeyPath(const std::string& data_dir);

// Resolves the key, in this order: ORDO_PII_KEY, then --pii-key-file (giving both is refused as
// ambiguous), then data_dir/pii.key. That file is created (32 random bytes as 64 hex characters,
// mode 0600) only for a new data directory: when ordo.db exists without it, the database was
// sealed under a key kept elsewhere, and a fresh key would make its personal data unreadable.
// The key is never written to the database.
Result<std::shared_ptr<const PiiCipher>> ResolvePiiCipher(const PiiKeySource& source);

// ResolvePiiCipher with ORDO_PII_KEY read from the environment.
Result<std::shared_ptr<const PiiCipher>> ResolvePiiCipher(const std::string& data_dir,
                                                          const std::string& key_file);

}  // namespace ordo::cli
