// API tokens looked up recently, by hash, so that a request with a known token reads nothing
// (the hot path of intake). An entry lives a few seconds: a token revoked or an account disabled
// by another process (`ordo token revoke` beside `ordo serve`) stops working within that time;
// through this server's own API at once, since those paths clear the cache. Bounded; cleared
// when full. Thread-safe.
#pragma once

#include <chrono>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "base/clock.h"
#include "http/server.h"

namespace ordo::http {

class TokenCache {
 public:
  static constexpr std::chrono::seconds kLifetime{10};

  struct Entry {
    Principal principal;
    std::optional<Timestamp> expires_at;  // the token's own expiry
  };

  // The entry for `hash` while it is younger than kLifetime at `now`.
  std::optional<Entry> Find(const std::string& hash, std::chrono::steady_clock::time_point now);
  void Put(const std::string& hash, Entry entry, std::chrono::steady_clock::time_point now);
  // Drops every entry (a token was revoked, an account disabled).
  void Clear();

 private:
  static constexpr size_t kMaxEntries = 10000;
  struct Stored {
    Entry entry;
    std::chrono::steady_clock::time_point cached_at;
  };
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Stored> entries_;
};

}  // namespace ordo::http
