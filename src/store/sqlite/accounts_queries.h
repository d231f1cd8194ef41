// The SQL of staff accounts and login sessions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/staff/account.h"
#include "store/sqlite/db.h"

namespace ordo::sqlite {

Result<std::optional<User>> SelectUser(Connection& conn, const std::string& username);
Result<std::optional<User>> SelectUserById(Connection& conn, int64_t id);
Result<std::vector<User>> SelectUsers(Connection& conn);
Status InsertUserRow(Connection& conn, User& user);
// Saves what a login or an administrator may change: display name, department, role,
// disabled flag, failure counter and lock.
Status UpdateUserRow(Connection& conn, const User& user);

Result<std::optional<Session>> SelectSession(Connection& conn, const std::string& token_hash);
Status InsertSessionRow(Connection& conn, const Session& session);
// Records use of a session (last_seen_at) or its end (revoked).
Status UpdateSessionRow(Connection& conn, const Session& session);
// Ends every session of a user (when the account is disabled).
Status RevokeUserSessions(Connection& conn, int64_t user_id);

}  // namespace ordo::sqlite
