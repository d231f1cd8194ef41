// Staff accounts and login sessions (domain.md §10): the records, and the pure decisions of the
// login and session policy (lock-out after repeated failures, idle and absolute timeouts).
#pragma once

#include <optional>
#include <string>

#include "base/clock.h"

namespace ordo {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string department;     // "customer_service", "warehouse", …
  std::string role;           // a role of access.h
  std::string password_hash;  // Argon2id, PHC string form
  bool disabled = false;
  int failed_logins = 0;                  // failures since the last success (locks included)
  std::optional<Timestamp> locked_until;  // set after too many failures
  Timestamp created_at;
};

struct Session {
  std::string token_hash;  // TokenHash() of the cookie value; the value itself is never stored
  int64_t user_id = 0;
  Timestamp created_at;
  Timestamp last_seen_at;
  bool revoked = false;
};

// The login and session policy. Defaults follow OWASP guidance for staff applications.
struct AccountPolicy {
  int max_failed_logins = 5;                  // then the account locks, again after as many more
  int64_t lockout_ms = 15 * 60 * 1000;        // for this long the first time, twice as long at
  int64_t max_lockout_ms = 24 * 3600 * 1000;  // each lock after it, up to this
  int64_t session_idle_ms = 30 * 60 * 1000;   // a session unused this long is dead
  int64_t session_absolute_ms = 12 * 3600 * 1000;  // and any session after this long
  size_t min_password_length = 12;
};

enum class LoginOutcome {
  kSuccess,
  kBadCredentials,  // unknown user or wrong password: the same answer for both
  kLocked,          // too many failures; try again later
  kDisabled,
};

// How long the lock that `failed_logins` failures (a multiple of max_failed_logins) set lasts:
// lockout_ms for the first lock, doubled for each further one without a success in between, at
// most max_lockout_ms (backoff: guessing gets slower the longer it goes on).
int64_t LockoutMs(int failed_logins, const AccountPolicy& policy);

// Decides a login attempt for `user` (nullptr when the username is unknown) and updates its
// failure counter and lock. The caller persists the user and answers alike (invalid username or
// password) for an unknown user, a wrong password, a locked and a disabled account, so usernames
// cannot be probed.
LoginOutcome DecideLogin(User* user, bool password_ok, Timestamp now, const AccountPolicy& policy);

// True while the session may be used at `now`: not revoked, used within the idle timeout and
// younger than the absolute timeout.
bool SessionAlive(const Session& session, Timestamp now, const AccountPolicy& policy);

}  // namespace ordo
