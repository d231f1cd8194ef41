#include "domain/staff/account.h"

namespace ordo {

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
    if (user->failed_logins >= policy.max_failed_logins) {
      user->locked_until = now.PlusMs(policy.lockout_ms);
      user->failed_logins = 0;
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
