#include "app/accounts.h"

#include <sodium.h>

#include <algorithm>
#include <vector>

#include "app/access.h"
#include "app/common_passwords.h"

namespace ordo::app {
namespace {

constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimitBytes = 19 * 1024 * 1024;

bool IsUsernameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lower;
}

bool IsAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The password without the digits, symbols and spaces around it, with the usual letter
// substitutions undone ("P@ssw0rd1234!" → "password"): what a guesser starts from.
std::string Stem(std::string_view password) {
  size_t begin = 0;
  size_t end = password.size();
  while (begin < end && !IsAsciiLetter(password[begin]) &&
         static_cast<unsigned char>(password[begin]) < 0x80) {
    ++begin;
  }
  while (end > begin && !IsAsciiLetter(password[end - 1]) &&
         static_cast<unsigned char>(password[end - 1]) < 0x80) {
    --end;
  }
  std::string stem = AsciiLower(password.substr(begin, end - begin));
  for (char& c : stem) {
    switch (c) {
      case '@':
      case '4':
        c = 'a';
        break;
      case '0':
        c = 'o';
        break;
      case '1':
      case '!':
        c = 'i';
        break;
      case '3':
        c = 'e';
        break;
      case '$':
      case '5':
        c = 's';
        break;
      case '7':
        c = 't';
        break;
      default:
        break;
    }
  }
  return stem;
}

}  // namespace

std::optional<std::string> CheckPasswordStrength(std::string_view password,
                                                 std::string_view username,
                                                 std::string_view display_name) {
  const std::string lower = AsciiLower(password);
  if (IsCommonPassword(lower)) {
    return "password is a commonly used password";
  }
  const std::string stem = Stem(password);
  if (stem.empty()) {
    return "password must not be digits and symbols alone";
  }
  if (IsCommonPassword(stem)) {
    return "password is a common password with digits or symbols added";
  }
  std::string distinct(lower);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (distinct.size() < 5) {
    return "password repeats too few different characters";
  }
  for (std::string_view name : {username, display_name}) {
    const std::string lower_name = AsciiLower(name);
    if (lower_name.size() >= 3 && lower.find(lower_name) != std::string::npos) {
      return "password must not contain the user's name";
    }
  }
  return std::nullopt;
}

bool IsValidUsername(std::string_view username) {
  return !username.empty() && username.size() <= 64 &&
         std::all_of(username.begin(), username.end(), IsUsernameChar);
}

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
  } else if (!IsValidUsername(user.username)) {
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
  } else if (std::optional<std::string> weak =
                 CheckPasswordStrength(password, user.username, user.display_name)) {
    errors.push_back({"password", Code::kWeakPassword, std::move(*weak)});
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

}  // namespace ordo::app
