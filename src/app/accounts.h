// Staff accounts: password hashing and the checks of a new account. The login and session
// policy itself is in domain/staff/account.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/staff/account.h"

namespace ordo::app {

// Argon2id with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1), as a PHC string with its
// own random salt. Slow on purpose (tens of milliseconds).
Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);

// 1-64 characters of a-z, 0-9, '.', '_' or '-'.
bool IsValidUsername(std::string_view username);

// Why `password` is too easy to guess, or nullopt when it is not: one of the bundled common
// passwords (app/common_passwords.h), such a password with digits or symbols around it or with
// letters swapped for look-alikes ("P@ssw0rd1234!"), digits and symbols alone, fewer than five
// different characters, or containing the username or display name (3 characters or more).
std::optional<std::string> CheckPasswordStrength(std::string_view password,
                                                 std::string_view username,
                                                 std::string_view display_name);

// Checks a new account's fields; field names are the API's. A password shorter than the policy's
// minimum is invalid_value; one CheckPasswordStrength refuses is weak_password.
Status ValidateNewUser(const User& user, std::string_view password, const AccountPolicy& policy);

}  // namespace ordo::app
