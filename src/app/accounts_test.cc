#include "app/accounts.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include "app/common_passwords.h"

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

TEST_F(AccountsTest, CommonAndGuessablePasswordsAreRefusedWhateverTheirLength) {
  for (const char* weak : {"password1234", "Password1234!", "P@ssw0rd2026", "qwertyuiop123",
                           "1qaz2wsx3edc", "woaini1314520", "123456789012", "aaaaaaaaaaaa",
                           "abababababab", "li.na-2026-ok!", "!!!!2024####"}) {
    const Status status = ValidateNewUser(Clerk(), weak, policy_);
    ASSERT_EQ(status.kind(), Kind::kInvalid) << weak;
    EXPECT_EQ(status.field_errors()[0].field, "password") << weak;
    EXPECT_EQ(status.field_errors()[0].code, Code::kWeakPassword) << weak;
  }
  for (const char* fine : {"correct horse battery", "long enough password",
                           "茶叶仓库第三排货架左侧", "Tz9#kq2!Lm4vWx"}) {
    EXPECT_TRUE(ValidateNewUser(Clerk(), fine, policy_).ok()) << fine;
  }
  EXPECT_GT(CommonPasswordCount(), 200u);
}

TEST_F(AccountsTest, APasswordContainingTheUsersNameIsRefused) {
  User user = Clerk();
  user.username = "wang.fang";
  user.display_name = "Fang Wang";
  EXPECT_EQ(*CheckPasswordStrength("my name is wang.fang", user.username, user.display_name),
            "password must not contain the user's name");
  EXPECT_TRUE(CheckPasswordStrength("my name is fang wang", user.username, user.display_name));
  EXPECT_FALSE(CheckPasswordStrength("tea leaves and porcelain", user.username, "王芳"));
}

}  // namespace
}  // namespace ordo::app
