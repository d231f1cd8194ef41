#include "http/signed_callback.h"

#include <sodium.h>

#include "domain/catalog/catalog.h"

namespace ordo::http {

const std::string* FindCallbackSecret(
    const std::map<std::string, std::string, std::less<>>* secrets, std::string_view code) {
  if (secrets == nullptr) {
    return nullptr;
  }
  // Codes are case-insensitive (ORDO_PAYMENT_SECRET_ALIPAY answers /payment-callbacks/alipay).
  // An exact match wins; the maps hold a handful of senders, so a scan costs nothing.
  if (auto it = secrets->find(code); it != secrets->end()) {
    return &it->second;
  }
  for (const auto& [known, secret] : *secrets) {
    if (SameCode(known, code)) {
      return &secret;
    }
  }
  return nullptr;
}

Status CheckBodySignature(const std::string& secret, const Request& request) {
  const auto bad = [](std::string message) {
    return Status(Kind::kUnauthenticated, Code::kInvalidSignature, std::move(message));
  };
  const std::string_view header = request.Header("x-ordo-signature").value_or("");
  unsigned char claimed[crypto_auth_hmacsha256_BYTES];
  size_t length = 0;
  if (sodium_hex2bin(claimed, sizeof(claimed), header.data(), header.size(), nullptr, &length,
                     nullptr) != 0 ||
      length != sizeof(claimed)) {
    return bad("X-Ordo-Signature must be the hex HMAC-SHA256 of the body");
  }
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(request.body.data()),
                                request.body.size());
  unsigned char expected[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, expected);
  sodium_memzero(&state, sizeof(state));
  if (crypto_verify_32(claimed, expected) != 0) {
    return bad("the signature does not match the body");
  }
  return Status::Ok();
}

}  // namespace ordo::http
