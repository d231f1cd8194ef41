// Idempotency-Key handling (api.md "Conventions"): the first response to a key is stored in the
// same transaction as the command's effects; a repeat with the same request gets it back, a
// repeat with a different request is refused with kIdempotencyKeyReused.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "store/store.h"

namespace ordo::app {

struct StoredResponse {
  int status = 0;
  std::string body;
  std::string headers;  // "Name: value\n" lines
};

struct IdempotencyOutcome {
  std::optional<StoredResponse> replay;  // set when an earlier response was found
  StoredResponse response;               // otherwise: the response rendered and stored now
};

// A hex digest of the request (method, path and body) to recognise a reused key.
std::string RequestHash(std::string_view method, std::string_view path, std::string_view body);

// Wraps `command`: on a first use of (scope, key) it runs `command` in a nested savepoint,
// renders the response from its Status with `render` (still inside the transaction), and stores
// it, so success and refusal are both replayed identically. The returned WriteFn fails only on a
// reused key with a different request, or when the store fails.
WriteFn WithIdempotency(std::string scope, std::string key, std::string request_hash,
                        WriteFn command, std::function<StoredResponse(const Status&)> render,
                        const Clock* clock, std::shared_ptr<IdempotencyOutcome> out);

}  // namespace ordo::app
