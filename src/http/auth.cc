// Authentication (API tokens, login sessions) and the role/permission check.
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "app/access.h"
#include "app/account_commands.h"
#include "http/api.h"

namespace ordo::http {

std::optional<TokenCache::Entry> TokenCache::Find(const std::string& hash,
                                                  std::chrono::steady_clock::time_point now) {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(hash);
  if (it == entries_.end() || now - it->second.cached_at >= kLifetime) {
    return std::nullopt;
  }
  return it->second.entry;
}

void TokenCache::Put(const std::string& hash, Entry entry,
                     std::chrono::steady_clock::time_point now) {
  std::unique_lock lock(mutex_);
  if (entries_.size() >= kMaxEntries) {
    entries_.clear();
  }
  entries_.insert_or_assign(hash, Stored{std::move(entry), now});
}

void TokenCache::Clear() {
  std::unique_lock lock(mutex_);
  entries_.clear();
}

std::string_view SessionCookieName(const ApiContext& api) {
  return api.tls ? "__Host-ordo_session" : "ordo_session";
}

// The session secret from the session cookie, or "".
std::string_view SessionCookie(const ApiContext& api, const Request& request) {
  std::optional<std::string_view> header = request.Header("cookie");
  if (!header) {
    return {};
  }
  std::string_view cookies = *header;
  const std::string name = std::string(SessionCookieName(api)) + "=";
  for (size_t start = 0; start < cookies.size();) {
    while (start < cookies.size() && (cookies[start] == ' ' || cookies[start] == ';')) {
      ++start;
    }
    size_t end = cookies.find(';', start);
    if (end == std::string_view::npos) {
      end = cookies.size();
    }
    std::string_view cookie = cookies.substr(start, end - start);
    if (cookie.starts_with(name)) {
      return cookie.substr(name.size());
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

// The principal of a live API token, read from the store: nullopt for an unknown, revoked or
// expired token, and for a staff member's token whose account is gone or disabled. A staff
// member's token acts as the account, with its role as it is now.
std::optional<TokenCache::Entry> ReadTokenPrincipal(const ApiContext& api,
                                                    const std::string& hash) {
  Result<std::optional<ApiToken>> token = api.store->reads().FindTokenByHash(hash);
  if (!token.ok() || !token->has_value() || !app::TokenAlive(**token, api.clock->Now())) {
    return std::nullopt;
  }
  const ApiToken& found = **token;
  if (found.user_id == 0) {
    return TokenCache::Entry{Principal{"token:" + std::to_string(found.id), found.name, found.role},
                             found.expires_at};
  }
  Result<std::optional<User>> user = api.store->reads().GetUserById(found.user_id);
  if (!user.ok() || !user->has_value() || (*user)->disabled) {
    return std::nullopt;
  }
  return TokenCache::Entry{
      Principal{"user:" + std::to_string((*user)->id), (*user)->username, (*user)->role},
      found.expires_at};
}

}  // namespace

Authenticator MakeAuthenticator(const ApiContext& api) {
  const ApiContext* a = &api;
  return [a](const Request& request) -> Principal {
    std::string_view secret = BearerToken(request);
    const bool from_cookie = secret.empty();
    if (from_cookie) {
      secret = SessionCookie(*a, request);
    }
    if (secret.empty()) {
      return Principal{};
    }
    const std::string hash = app::TokenHash(secret);
    if (!from_cookie) {
      const auto now = std::chrono::steady_clock::now();
      std::optional<TokenCache::Entry> entry =
          a->token_cache != nullptr ? a->token_cache->Find(hash, now) : std::nullopt;
      if (!entry) {
        entry = ReadTokenPrincipal(*a, hash);
        if (entry && a->token_cache != nullptr) {
          a->token_cache->Put(hash, *entry, now);
        }
      }
      if (entry && (!entry->expires_at || a->clock->Now() < *entry->expires_at)) {
        return entry->principal;
      }
    }
    // A login's token works as a bearer token too; sessions are never cached, so logout,
    // timeouts and disabled accounts take effect on the next request.
    Principal principal = SessionPrincipal(*a, hash);
    principal.from_cookie = from_cookie && principal.authenticated();
    return principal;
  };
}

Authorizer MakeAuthorizer() {
  return [](const std::string& role, const std::string& permission) {
    return app::RoleMeets(role, permission);
  };
}

}  // namespace ordo::http
