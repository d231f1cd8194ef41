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

}  // namespace
}  // namespace ordo::app
