// Bearer-token authentication and the role/permission check.
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "app/access.h"
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

Authenticator MakeTokenAuthenticator(ReadView& reads) {
  auto cache = std::make_shared<TokenCache>();
  return [&reads, cache](const Request& request) -> Principal {
    std::optional<std::string_view> header = request.Header("authorization");
    constexpr std::string_view kBearer = "Bearer ";
    if (!header || header->size() <= kBearer.size() || !header->starts_with(kBearer)) {
      return Principal{};
    }
    const std::string hash = app::TokenHash(header->substr(kBearer.size()));
    if (std::optional<Principal> cached = cache->Find(hash)) {
      return *cached;
    }
    Result<std::optional<ApiToken>> token = reads.FindTokenByHash(hash);
    if (!token.ok() || !token->has_value() || (*token)->revoked) {
      return Principal{};
    }
    Principal principal{"token:" + std::to_string((*token)->id), (*token)->name, (*token)->role};
    cache->Put(hash, principal);
    return principal;
  };
}

Authorizer MakeAuthorizer() {
  return [](const std::string& role, const std::string& permission) {
    return app::RoleHas(role, permission);
  };
}

}  // namespace ordo::http
