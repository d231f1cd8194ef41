#include "store/pii_cipher.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

namespace ordo {
namespace {

constexpr std::string_view kVersionPrefix = "v1:";
// crypto_kdf contexts are exactly 8 characters; the subkey ids separate the two uses.
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "ordo-pii";
constexpr uint64_t kEncryptionSubkey = 1;
constexpr uint64_t kIndexSubkey = 2;
// The audit trail's keys: another context, so they share nothing with the personal-data keys.
constexpr char kAuditKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "ordo-aud";
constexpr uint64_t kAuditChainSubkey = 1;
constexpr uint64_t kAuditCheckpointSubkey = 2;
// 128 bits keep the search keys short (they are indexed once per order and phone) while making
// an accidental collision negligible; a search also re-checks every hit against the order.
constexpr size_t kIndexBytes = 16;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;

static_assert(crypto_kdf_KEYBYTES == PiiCipher::kKeyBytes);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == PiiCipher::kKeyBytes);
static_assert(crypto_generichash_KEYBYTES == PiiCipher::kKeyBytes);

void InitSodium() {
  // sodium_init is idempotent and thread-safe; a failure means no usable random source, in
  // which case sealing anything would be unsafe.
  if (sodium_init() < 0) {
    std::abort();
  }
}

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

PiiCipher::PiiCipher(const Key& master_key) {
  InitSodium();
  crypto_kdf_derive_from_key(encryption_key_.data(), encryption_key_.size(), kEncryptionSubkey,
                             kKdfContext, master_key.data());
  crypto_kdf_derive_from_key(index_key_.data(), index_key_.size(), kIndexSubkey, kKdfContext,
                             master_key.data());
  crypto_kdf_derive_from_key(audit_chain_key_.data(), audit_chain_key_.size(), kAuditChainSubkey,
                             kAuditKdfContext, master_key.data());
  crypto_kdf_derive_from_key(audit_checkpoint_key_.data(), audit_checkpoint_key_.size(),
                             kAuditCheckpointSubkey, kAuditKdfContext, master_key.data());
}

PiiCipher::~PiiCipher() {
  sodium_memzero(encryption_key_.data(), encryption_key_.size());
  sodium_memzero(index_key_.data(), index_key_.size());
  sodium_memzero(audit_chain_key_.data(), audit_chain_key_.size());
  sodium_memzero(audit_checkpoint_key_.data(), audit_checkpoint_key_.size());
}

Result<PiiCipher::Key> PiiCipher::ParseHexKey(std::string_view hex) {
  Key key{};
  size_t length = 0;
  const char* end = nullptr;
  if (hex.size() != 2 * kKeyBytes ||
      sodium_hex2bin(key.data(), key.size(), hex.data(), hex.size(), nullptr, &length, &end) != 0 ||
      length != kKeyBytes || end != hex.data() + hex.size()) {
    return Status::Invalid("pii_key", Code::kInvalidValue,
                           "the personal-data key must be 64 hexadecimal characters");
  }
  return key;
}

PiiCipher::Key PiiCipher::NewKey() {
  InitSodium();
  Key key;
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string PiiCipher::KeyToHex(const Key& key) {
  char hex[2 * kKeyBytes + 1];
  sodium_bin2hex(hex, sizeof(hex), key.data(), key.size());
  return std::string(hex, 2 * kKeyBytes);
}

std::string PiiCipher::SealBytes(std::string_view plaintext) const {
  std::string box(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  unsigned char* out = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(out, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonceBytes, &written, Bytes(plaintext),
                                             plaintext.size(), nullptr, 0, nullptr, out,
                                             encryption_key_.data());
  return box;
}

Result<std::string> PiiCipher::OpenBytes(std::string_view box) const {
  if (box.size() < kNonceBytes + kTagBytes) {
    return Status::Internal("a stored personal field is malformed");
  }
  const unsigned char* in = Bytes(box);
  std::string plaintext(box.size() - kNonceBytes - kTagBytes, '\0');
  unsigned long long plaintext_size = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plaintext.data()),
                                                 &plaintext_size, nullptr, in + kNonceBytes,
                                                 box.size() - kNonceBytes, nullptr, 0, in,
                                                 encryption_key_.data()) != 0) {
    return Status::Internal(
        "a stored personal field failed authentication (altered, or sealed under another key)");
  }
  plaintext.resize(plaintext_size);
  return plaintext;
}

std::string PiiCipher::Seal(std::string_view plaintext) const {
  if (plaintext.empty()) {
    return std::string();
  }
  const std::string box = SealBytes(plaintext);
  std::string sealed(kVersionPrefix);
  const size_t encoded_size = sodium_base64_ENCODED_LEN(box.size(), kBase64);
  sealed.resize(kVersionPrefix.size() + encoded_size);
  sodium_bin2base64(sealed.data() + kVersionPrefix.size(), encoded_size, Bytes(box), box.size(),
                    kBase64);
  sealed.resize(sealed.size() - 1);  // the encoder's terminating NUL
  return sealed;
}

Result<std::string> PiiCipher::Open(std::string_view sealed) const {
  if (sealed.empty()) {
    return std::string();
  }
  if (!sealed.starts_with(kVersionPrefix)) {
    return Status::Internal("a stored personal field is not sealed");
  }
  const std::string_view encoded = sealed.substr(kVersionPrefix.size());
  std::string box(encoded.size() / 4 * 3 + 3, '\0');
  size_t box_size = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), encoded.data(),
                        encoded.size(), nullptr, &box_size, &end, kBase64) != 0 ||
      end != encoded.data() + encoded.size()) {
    return Status::Internal("a stored personal field is malformed");
  }
  box.resize(box_size);
  return OpenBytes(box);
}

namespace {

std::string KeyedDigest(const PiiCipher::Key& key, std::string_view data) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof(digest), Bytes(data), data.size(), key.data(), key.size());
  char hex[2 * crypto_generichash_BYTES + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex, 2 * crypto_generichash_BYTES);
}

}  // namespace

std::string PiiCipher::AuditChainDigest(std::string_view data) const {
  return KeyedDigest(audit_chain_key_, data);
}

std::string PiiCipher::AuditCheckpointDigest(std::string_view data) const {
  return KeyedDigest(audit_checkpoint_key_, data);
}

std::string PiiCipher::BlindIndex(std::string_view value) const {
  unsigned char digest[kIndexBytes];
  crypto_generichash(digest, sizeof(digest), Bytes(value), value.size(), index_key_.data(),
                     index_key_.size());
  char hex[2 * kIndexBytes + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex, 2 * kIndexBytes);
}

}  // namespace ordo
