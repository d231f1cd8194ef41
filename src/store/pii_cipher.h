// Personal data at rest (domain.md DOC-2): names, phones and address details are sealed with
// XChaCha20-Poly1305 before they reach a store, and phones and names are searched through a
// keyed blind index, so neither the database file nor its WAL ever holds them in plaintext.
//
// Both keys are derived from one 32-byte master key that lives outside the database (see
// cli/commands.cc): whoever holds only the files cannot read, nor confirm a guess of, a phone.
// So are the audit trail's two keys (store/sqlite/audit.h): one keys the hash chain, so that
// whoever can write the database cannot recompute it; the other signs the checkpoints of its head
// kept in a file beside the database.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace ordo {

class PiiCipher {
 public:
  static constexpr size_t kKeyBytes = 32;
  using Key = std::array<unsigned char, kKeyBytes>;

  // Derives the encryption key and the blind-index key from `master_key`.
  explicit PiiCipher(const Key& master_key);
  ~PiiCipher();
  PiiCipher(const PiiCipher&) = delete;
  PiiCipher& operator=(const PiiCipher&) = delete;

  // A master key written as 64 hex characters (the form of ORDO_PII_KEY and pii.key).
  static Result<Key> ParseHexKey(std::string_view hex);
  // A fresh random master key.
  static Key NewKey();
  static std::string KeyToHex(const Key& key);

  // "v1:" + base64(nonce || ciphertext), with a random nonce: the same plaintext seals
  // differently each time. An empty string stays empty, so absent fields cost nothing.
  std::string Seal(std::string_view plaintext) const;
  // The plaintext of a Seal result; kInternal when the text was altered, sealed under another
  // key, or is not a sealed value. The error never carries the input.
  Result<std::string> Open(std::string_view sealed) const;
  // The same box unencoded, nonce || ciphertext, for values stored as BLOBs (archived
  // documents): a third smaller than Seal's text. Empty plaintexts are sealed too.
  std::string SealBytes(std::string_view plaintext) const;
  Result<std::string> OpenBytes(std::string_view box) const;
  // Hex of a keyed BLAKE2b digest of `value`: equal values give equal indexes, so an exact
  // search works, but without the key an index cannot be recomputed from a guessed value.
  std::string BlindIndex(std::string_view value) const;
  // Hex of the keyed BLAKE2b-256 of `data` under the audit chain's key, and under the audit
  // checkpoints' key: the same cost as the unkeyed hash, but not computable without the key.
  std::string AuditChainDigest(std::string_view data) const;
  std::string AuditCheckpointDigest(std::string_view data) const;

 private:
  Key encryption_key_;
  Key index_key_;
  Key audit_chain_key_;
  Key audit_checkpoint_key_;
};

}  // namespace ordo
