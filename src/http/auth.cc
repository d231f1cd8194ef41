// Authentication (API tokens, login sessions) and the role/permission check.
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "app/access.h"
#include "app/account_commands.h"
#include "http/api.h"

namespace ordo::http {
namespace {

// Tokens looked up recently, by hash. Bounded; cleared when full. Tokens cannot be revoked yet;
// whatever adds revocation must also drop the revoked token from this cache.
class TokenCache {
 public:
  std::optional<Principal> Find(const std::string& hash) {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(hash);
    if (it == entries_.end()) {
      return std::nullopt;
    }
    return it->second;
  }
  void Put(const std::string& hash, Principal principal) {
    std::unique_lock lock(mutex_);
    if (entries_.size() >= kMaxEntries) {
      entries_.clear();
    }
    entries_.emplace(hash, std::move(principal));
  }

 private:
  static constexpr size_t kMaxEntries = 10000;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Principal> entries_;
};

}  // namespace

// The session secret from the "ordo_session" cookie, or "".
std::string_view SessionCookie(const Request& request) {
  std::optional<std::string_view> header = request.Header("cookie");
  if (!header) {
    return {};
  }
  std::string_view cookies = *header;
  constexpr std::string_view kName = "ordo_session=";
  for (size_t start = 0; start < cookies.size();) {
    while (start < cookies.size() && (cookies[start] == ' ' || cookies[start] == ';')) {
      ++start;
    }
    size_t end = cookies.find(';', start);
    if (end == std::string_view::npos) {
      end = cookies.size();
    }
    std::string_view cookie = cookies.substr(start, end - start);
    if (cookie.starts_with(kName)) {
      return cookie.substr(kName.size());
    }
    start = end;
  }
  return {};
}

std::string_view BearerToken(const Request& request) {
  std::optional<std::string_view> header = request.Header("authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!header || header->size() <= kBearer.size() || !header->starts_with(kBearer)) {
    return {};
  }
  return header->substr(kBearer.size());
}

namespace {

// A staff member's principal from a live session, touching the session (for the idle timeout)
// at most once a minute so that reads stay reads.
Principal SessionPrincipal(const ApiContext& api, const std::string& hash) {
  Result<std::optional<Session>> session = api.store->reads().GetSession(hash);
  const Timestamp now = api.clock->Now();
  const AccountPolicy policy;
  if (!session.ok() || !session->has_value() || !SessionAlive(**session, now, policy)) {
    return Principal{};
  }
  Result<std::optional<User>> user = api.store->reads().GetUserById((*session)->user_id);
  if (!user.ok() || !user->has_value() || (*user)->disabled) {
    return Principal{};
  }
  if (now.unix_ms - (*session)->last_seen_at.unix_ms > kSessionTouchIntervalMs) {
    api.store->Submit(app::TouchSession(hash, {"user:" + (*user)->username, api.clock}),
                      [](const Status&) {});
  }
  return Principal{"user:" + std::to_string((*user)->id), (*user)->username, (*user)->role};
}

}  // namespace

Authenticator MakeAuthenticator(const ApiContext& api) {
  auto cache = std::make_shared<TokenCache>();
  const ApiContext* a = &api;
  return [a, cache](const Request& request) -> Principal {
    std::string_view secret = BearerToken(request);
    const bool from_cookie = secret.empty();
    if (from_cookie) {
      secret = SessionCookie(request);
    }
    if (secret.empty()) {
      return Principal{};
    }
    const std::string hash = app::TokenHash(secret);
    if (!from_cookie) {
      if (std::optional<Principal> cached = cache->Find(hash)) {
        return *cached;
      }
      Result<std::optional<ApiToken>> token = a->store->reads().FindTokenByHash(hash);
      if (token.ok() && token->has_value() && !(*token)->revoked) {
        Principal principal{"token:" + std::to_string((*token)->id), (*token)->name,
                            (*token)->role};
        cache->Put(hash, principal);
        return principal;
      }
    }
    // A login's token works as a bearer token too; sessions are never cached, so logout,
    // timeouts and disabled accounts take effect on the next request.
    return SessionPrincipal(*a, hash);
  };
}

Authorizer MakeAuthorizer() {
  return [](const std::string& role, const std::string& permission) {
    return app::RoleHas(role, permission);
  };
}

}  // namespace ordo::http
