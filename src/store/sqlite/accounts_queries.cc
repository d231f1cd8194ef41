#include "store/sqlite/accounts_queries.h"

namespace ordo::sqlite {
namespace {

constexpr const char* kUserColumns =
    "SELECT id, username, display_name, department, role, password_hash, disabled, "
    "failed_logins, locked_until, created_at FROM users ";

User ReadUser(const Statement& row) {
  User user;
  user.id = row.Int(0);
  user.username = row.Text(1);
  user.display_name = row.Text(2);
  user.department = row.Text(3);
  user.role = row.Text(4);
  user.password_hash = row.Text(5);
  user.disabled = row.Int(6) != 0;
  user.failed_logins = static_cast<int>(row.Int(7));
  if (!row.IsNull(8)) {
    user.locked_until = Timestamp{row.Int(8)};
  }
  user.created_at = Timestamp{row.Int(9)};
  return user;
}

Result<std::optional<User>> OneUser(Statement& stmt) {
  Status status;
  if (stmt.Step(&status)) {
    return std::optional<User>(ReadUser(stmt));
  }
  if (!status.ok()) {
    return status;
  }
  return std::optional<User>();
}

}  // namespace

Result<std::optional<User>> SelectUser(Connection& conn, const std::string& username) {
  ORDO_PREPARE(stmt, conn, std::string(kUserColumns) + "WHERE username = ?");
  stmt->Bind(1, username);
  return OneUser(*stmt);
}

Result<std::optional<User>> SelectUserById(Connection& conn, int64_t id) {
  ORDO_PREPARE(stmt, conn, std::string(kUserColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  return OneUser(*stmt);
}

Result<std::vector<User>> SelectUsers(Connection& conn) {
  ORDO_PREPARE(stmt, conn, std::string(kUserColumns) + "ORDER BY username");
  std::vector<User> users;
  Status status;
  while (stmt->Step(&status)) {
    users.push_back(ReadUser(*stmt));
  }
  if (!status.ok()) {
    return status;
  }
  return users;
}

Status InsertUserRow(Connection& conn, User& user) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO users (username, display_name, department, role, password_hash, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, user.username).Bind(2, user.display_name).Bind(3, user.department);
  stmt->Bind(4, user.role).Bind(5, user.password_hash).Bind(6, user.created_at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  user.id = conn.LastInsertId();
  return Status::Ok();
}

Status UpdateUserRow(Connection& conn, const User& user) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE users SET display_name = ?, department = ?, role = ?, disabled = ?, "
               "failed_logins = ?, locked_until = ? WHERE id = ?");
  stmt->Bind(1, user.display_name).Bind(2, user.department).Bind(3, user.role);
  stmt->Bind(4, user.disabled ? 1 : 0).Bind(5, user.failed_logins);
  if (user.locked_until) {
    stmt->Bind(6, user.locked_until->unix_ms);
  } else {
    stmt->BindNull(6);
  }
  stmt->Bind(7, user.id);
  return stmt->Run();
}

Result<std::optional<Session>> SelectSession(Connection& conn, const std::string& token_hash) {
  ORDO_PREPARE(stmt, conn,
               "SELECT token_hash, user_id, created_at, last_seen_at, revoked FROM sessions "
               "WHERE token_hash = ?");
  stmt->Bind(1, token_hash);
  Status status;
  if (!stmt->Step(&status)) {
    if (!status.ok()) {
      return status;
    }
    return std::optional<Session>();
  }
  return std::optional<Session>(Session{stmt->Text(0), stmt->Int(1), Timestamp{stmt->Int(2)},
                                        Timestamp{stmt->Int(3)}, stmt->Int(4) != 0});
}

Status InsertSessionRow(Connection& conn, const Session& session) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, revoked) "
               "VALUES (?, ?, ?, ?, ?)");
  stmt->Bind(1, session.token_hash).Bind(2, session.user_id);
  stmt->Bind(3, session.created_at.unix_ms).Bind(4, session.last_seen_at.unix_ms);
  stmt->Bind(5, session.revoked ? 1 : 0);
  return stmt->Run();
}

Status UpdateSessionRow(Connection& conn, const Session& session) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE sessions SET last_seen_at = max(last_seen_at, ?), revoked = max(revoked, ?) "
               "WHERE token_hash = ?");
  stmt->Bind(1, session.last_seen_at.unix_ms).Bind(2, session.revoked ? 1 : 0);
  stmt->Bind(3, session.token_hash);
  return stmt->Run();
}

Status RevokeUserSessions(Connection& conn, int64_t user_id) {
  ORDO_PREPARE(stmt, conn, "UPDATE sessions SET revoked = 1 WHERE user_id = ?");
  stmt->Bind(1, user_id);
  return stmt->Run();
}

}  // namespace ordo::sqlite
