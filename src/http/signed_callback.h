// Signed callbacks (carriers' tracking events, payment providers' notifications): the sender
// puts the lowercase hex HMAC-SHA256 of the raw body under its secret in X-Ordo-Signature.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "base/status.h"
#include "http/server.h"

namespace ordo::http {

// The secret of `code` in `secrets` (which may be null), or nullptr when it has none. Codes are
// matched ignoring ASCII case, for carriers and providers alike.
const std::string* FindCallbackSecret(
    const std::map<std::string, std::string, std::less<>>* secrets, std::string_view code);

// Ok when the request's X-Ordo-Signature is the HMAC-SHA256 of its body under `secret`, checked
// in constant time; else kUnauthenticated invalid_signature.
Status CheckBodySignature(const std::string& secret, const Request& request);

}  // namespace ordo::http
