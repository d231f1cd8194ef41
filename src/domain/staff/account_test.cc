#include "domain/staff/account.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace ordo {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  AccountPolicy policy_;
  Timestamp now_{1795689045000};
};

User Clerk() {
  User user;
  user.username = "li.na";
  user.role = "customer_service";
  return user;
}

TEST_F(AccountsTest, RepeatedFailuresLockTheAccountForAWhile) {
  User user = Clerk();
  for (int i = 1; i < policy_.max_failed_logins; ++i) {
    EXPECT_EQ(DecideLogin(&user, false, now_, policy_), LoginOutcome::kBadCredentials);
  }
  EXPECT_EQ(DecideLogin(&user, false, now_, policy_), LoginOutcome::kLocked);
  // Locked: the right password is refused until the lock expires.
  EXPECT_EQ(DecideLogin(&user, true, now_.PlusMs(60000), policy_), LoginOutcome::kLocked);
  EXPECT_EQ(DecideLogin(&user, true, now_.PlusMs(policy_.lockout_ms), policy_),
            LoginOutcome::kSuccess);
  EXPECT_EQ(user.failed_logins, 0);
  EXPECT_FALSE(user.locked_until.has_value());
}

TEST_F(AccountsTest, EachFurtherLockLastsTwiceAsLongUpToADay) {
  User user = Clerk();
  Timestamp at = now_;
  int64_t expected = policy_.lockout_ms;
  for (int lock = 1; lock <= 10; ++lock) {
    for (int i = 1; i < policy_.max_failed_logins; ++i) {
      EXPECT_EQ(DecideLogin(&user, false, at, policy_), LoginOutcome::kBadCredentials) << lock;
    }
    ASSERT_EQ(DecideLogin(&user, false, at, policy_), LoginOutcome::kLocked) << lock;
    ASSERT_TRUE(user.locked_until.has_value());
    EXPECT_EQ(user.locked_until->unix_ms - at.unix_ms, expected) << "lock " << lock;
    at = *user.locked_until;
    expected = std::min(expected * 2, policy_.max_lockout_ms);
  }
  EXPECT_EQ(LockoutMs(1000, policy_), policy_.max_lockout_ms);
  // A success forgives: the next lock is the first again.
  EXPECT_EQ(DecideLogin(&user, true, at, policy_), LoginOutcome::kSuccess);
  for (int i = 0; i < policy_.max_failed_logins; ++i) {
    DecideLogin(&user, false, at, policy_);
  }
  EXPECT_EQ(user.locked_until->unix_ms - at.unix_ms, policy_.lockout_ms);
}

TEST_F(AccountsTest, ASuccessResetsTheFailureCount) {
  User user = Clerk();
  DecideLogin(&user, false, now_, policy_);
  DecideLogin(&user, false, now_, policy_);
  EXPECT_EQ(DecideLogin(&user, true, now_, policy_), LoginOutcome::kSuccess);
  EXPECT_EQ(user.failed_logins, 0);
}

TEST_F(AccountsTest, UnknownUsersAndDisabledAccountsAreRefused) {
  EXPECT_EQ(DecideLogin(nullptr, true, now_, policy_), LoginOutcome::kBadCredentials);
  User user = Clerk();
  user.disabled = true;
  EXPECT_EQ(DecideLogin(&user, true, now_, policy_), LoginOutcome::kDisabled);
}

TEST_F(AccountsTest, SessionsDieWhenIdleWhenOldOrWhenRevoked) {
  Session session{"h", 1, now_, now_, false};
  EXPECT_TRUE(SessionAlive(session, now_.PlusMs(60000), policy_));
  EXPECT_FALSE(SessionAlive(session, now_.PlusMs(policy_.session_idle_ms), policy_));
  session.last_seen_at = now_.PlusMs(policy_.session_absolute_ms - 1000);
  EXPECT_TRUE(SessionAlive(session, now_.PlusMs(policy_.session_absolute_ms - 1), policy_));
  EXPECT_FALSE(SessionAlive(session, now_.PlusMs(policy_.session_absolute_ms), policy_));
  session = Session{"h", 1, now_, now_, true};
  EXPECT_FALSE(SessionAlive(session, now_, policy_));
}

}  // namespace
}  // namespace ordo
