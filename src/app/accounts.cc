#include "app/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include "app/access.h"

namespace ordo::app {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimitBytes = 19 * 1024 * 1024;

bool IsUsernameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

}  // namespace

Result<std::string> HashPassword(std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), kOpsLimit, kMemLimitBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("password hashing ran out of memory");
  }
  return std::string(hash);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
    return false;
  }
  const std::string terminated(hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

Status ValidateNewUser(const User& user, std::string_view password, const AccountPolicy& policy) {
  std::vector<FieldError> errors;
  if (user.username.empty()) {
    errors.push_back({"username", Code::kRequired, "username is required"});
  } else if (user.username.size() > 64 ||
             !std::all_of(user.username.begin(), user.username.end(), IsUsernameChar)) {
    errors.push_back({"username", Code::kInvalidValue,
                      "username must be 1-64 characters of a-z, 0-9, '.', '_' or '-'"});
  }
  if (user.display_name.empty()) {
    errors.push_back({"display_name", Code::kRequired, "display_name is required"});
  }
  if (user.department.empty()) {
    errors.push_back({"department", Code::kRequired, "department is required"});
  }
  if (!IsRole(user.role)) {
    errors.push_back({"role", Code::kInvalidValue, "unknown role " + user.role});
  }
  if (password.size() < policy.min_password_length) {
    errors.push_back({"password", Code::kInvalidValue,
                      "password must have at least " +
                          std::to_string(policy.min_password_length) + " characters"});
  } else if (password.size() > 1024) {
    errors.push_back({"password", Code::kInvalidValue, "password is too long"});
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

}  // namespace ordo::app
