#include "app/accounts.h"

#include <gtest/gtest.h>
#include <sodium.h>

namespace ordo::app {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_GE(sodium_init(), 0); }
  AccountPolicy policy_;
  Timestamp now_{1795689045000};
};

User Clerk() {
  User user;
  user.username = "li.na";
  user.display_name = "李娜";
  user.department = "customer_service";
  user.role = "customer_service";
  return user;
}

TEST_F(AccountsTest, PasswordsAreHashedWithArgon2idAndVerified) {
  auto hash = HashPassword("correct horse battery");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_EQ(hash->find("correct horse"), std::string::npos);
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword("", "anything"));
  EXPECT_FALSE(VerifyPassword("not a hash", "anything"));
}

TEST_F(AccountsTest, TheSamePasswordHashesDifferentlyEachTime) {
  EXPECT_NE(*HashPassword("correct horse battery"), *HashPassword("correct horse battery"));
}

TEST_F(AccountsTest, NewUsersAreValidatedFieldByField) {
  EXPECT_TRUE(ValidateNewUser(Clerk(), "long enough password", policy_).ok());
  User bad = Clerk();
  bad.username = "Li Na";
  bad.role = "janitor";
  bad.department.clear();
  Status status = ValidateNewUser(bad, "short", policy_);
  ASSERT_EQ(status.kind(), Kind::kInvalid);
  std::vector<std::string> fields;
  for (const FieldError& error : status.field_errors()) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"username", "department", "role", "password"}));
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
}  // namespace ordo::app
