#include "app/idempotency.h"

#include <sodium.h>

namespace ordo::app {

std::string RequestHash(std::string_view method, std::string_view path, std::string_view body) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  auto feed = [&state](std::string_view part) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
  };
  feed(method);
  feed(path);
  feed(body);
  unsigned char digest[32];
  crypto_generichash_final(&state, digest, sizeof(digest));
  char hex[65];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return hex;
}

WriteFn WithIdempotency(std::string scope, std::string key, std::string request_hash,
                        WriteFn command, std::function<StoredResponse(const Status&)> render,
                        const Clock* clock, std::shared_ptr<IdempotencyOutcome> out) {
  return [scope = std::move(scope), key = std::move(key), hash = std::move(request_hash),
          command = std::move(command), render = std::move(render), clock,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<IdempotencyRecord> existing,
                          tx.FindIdempotency(scope, key));
    if (existing) {
      if (existing->request_hash != hash) {
        return Status(Kind::kInvalid, Code::kIdempotencyKeyReused,
                      "this Idempotency-Key was used for a different request");
      }
      out->replay = StoredResponse{existing->status, existing->body, existing->headers};
      return Status::Ok();
    }
    const Status outcome = tx.RunNested(command);
    if (outcome.kind() == Kind::kInternal || outcome.kind() == Kind::kUnavailable) {
      return outcome;  // a fault, not an answer: let the client retry
    }
    out->response = render(outcome);
    IdempotencyRecord record{scope,
                             key,
                             hash,
                             out->response.status,
                             out->response.body,
                             out->response.headers,
                             clock->Now()};
    return tx.SaveIdempotency(record);
  };
}

}  // namespace ordo::app
