// Throttling of password guessing (OWASP ASVS 5 V6.3): per client address and per username, in
// memory. Each failed password check counts against both; past a number of free failures each
// further attempt must wait, twice as long after every failure (backoff), up to a cap. A quiet
// window forgets a key. A client also has only a few password checks running at once, so a flood
// from one address cannot fill the password workers' queue and shut everyone else out.
//
// The per-name limit applies to every name alike, known or not, so the answers never tell which
// accounts exist; the account lock in the store (domain/staff/account.h) comes on top for real
// accounts. Thread-safe. Memory is bounded: past max_entries, forgotten keys are dropped first,
// then everything (an attacker cannot grow it without bound).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ordo::http {

struct LoginThrottleOptions {
  int client_free_failures = 100;  // failed checks from one address before backoff
  int name_free_failures = 5;      // failed checks of one name before backoff
  int64_t first_delay_ms = 1000;   // the first wait; doubled after each further failure
  int64_t max_delay_ms = 15 * 60 * 1000;
  int64_t forget_after_ms = 60 * 60 * 1000;  // a key with no failure for this long is forgotten
  int max_in_flight_per_client = 16;         // of the 32 the password workers queue
  size_t max_entries = 100000;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(LoginThrottleOptions options = {}) : options_(options) {}

  struct Admission {
    bool admitted = false;
    int64_t retry_after_ms = 0;  // when refused
    bool by_client = false;      // refused for the address (else for the name)
  };
  // Before a password check of `name` from `client` at `now_ms`. When admitted, the check is in
  // flight until Finish() is called for it (exactly once).
  Admission Admit(std::string_view client, std::string_view name, int64_t now_ms);
  // After the check: `failed` counts against both keys; a success forgives the name.
  void Finish(std::string_view client, std::string_view name, bool failed, int64_t now_ms);

 private:
  struct Entry {
    int failures = 0;
    int64_t last_failure_ms = 0;
    int64_t next_allowed_ms = 0;
    int in_flight = 0;
  };
  Entry& At(std::unordered_map<std::string, Entry>& map, std::string_view key, int64_t now_ms);
  void Fail(Entry& entry, int free_failures, int64_t now_ms) const;
  void Trim(std::unordered_map<std::string, Entry>& map, int64_t now_ms);

  const LoginThrottleOptions options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> clients_;  // guarded by mutex_
  std::unordered_map<std::string, Entry> names_;    // guarded by mutex_
};

}  // namespace ordo::http
