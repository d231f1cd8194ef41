#include "domain/staff/account.h"

#include <algorithm>

namespace ordo {

int64_t LockoutMs(int failed_logins, const AccountPolicy& policy) {
  const int locks = std::max(1, failed_logins / std::max(1, policy.max_failed_logins));
  int64_t lockout = policy.lockout_ms;
  for (int i = 1; i < locks && lockout < policy.max_lockout_ms; ++i) {
    lockout *= 2;
  }
  return std::min(lockout, policy.max_lockout_ms);
}

LoginOutcome DecideLogin(User* user, bool password_ok, Timestamp now,
                         const AccountPolicy& policy) {
  if (user == nullptr) {
    return LoginOutcome::kBadCredentials;
  }
  if (user->disabled) {
    return LoginOutcome::kDisabled;
  }
  if (user->locked_until && now < *user->locked_until) {
    return LoginOutcome::kLocked;  // even a right password waits out the lock
  }
  if (!password_ok) {
    user->failed_logins += 1;
    if (user->failed_logins % policy.max_failed_logins == 0) {
      user->locked_until = now.PlusMs(LockoutMs(user->failed_logins, policy));
      return LoginOutcome::kLocked;
    }
    return LoginOutcome::kBadCredentials;
  }
  user->failed_logins = 0;
  user->locked_until.reset();
  return LoginOutcome::kSuccess;
}

bool SessionAlive(const Session& session, Timestamp now, const AccountPolicy& policy) {
  return !session.revoked && now < session.last_seen_at.PlusMs(policy.session_idle_ms) &&
         now < session.created_at.PlusMs(policy.session_absolute_ms);
}

}  // namespace ordo
