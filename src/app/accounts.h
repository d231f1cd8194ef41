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

// Checks a new account's fields; field names are the API's.
Status ValidateNewUser(const User& user, std::string_view password, const AccountPolicy& policy);

}  // namespace ordo::app
