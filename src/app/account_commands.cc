#include "app/account_commands.h"

#include "app/accounts.h"
#include "app/settings.h"
#include "base/json_writer.h"
#include "domain/staff/department.h"

namespace ordo::app {
namespace {

// Account changes in the audit trail: entity "user", id the username. Never a password or its
// hash, never a session token.
AuditEntry UserAudit(const User& user, std::string action, const Actor& by, std::string before,
                     std::string after) {
  return AuditEntry{0,
                    by.at,
                    by.name,
                    "user",
                    user.username,
                    std::move(action),
                    std::move(before),
                    std::move(after)};
}

// The account's state after a change; with `client`, the address a login came from.
std::string AccountState(const User& user, const std::string& client = "") {
  JsonWriter out;
  out.BeginObject();
  if (!client.empty()) {
    out.Field("client", client);
  }
  out.Field("display_name", user.display_name)
      .Field("department", user.department)
      .Field("role", user.role)
      .Field("disabled", user.disabled)
      .Field("failed_logins", user.failed_logins)
      .Key("locked_until");
  user.locked_until ? out.Int(user.locked_until->unix_ms) : out.Null();
  return out.EndObject().Take();
}

std::string ClientState(const std::string& client) {
  JsonWriter out;
  out.BeginObject().Field("client", client);
  return out.EndObject().Take();
}

std::string_view LoginAction(LoginOutcome outcome) {
  switch (outcome) {
    case LoginOutcome::kSuccess:
      return "login";
    case LoginOutcome::kLocked:
      return "login_refused_locked";
    case LoginOutcome::kDisabled:
      return "login_refused_disabled";
    case LoginOutcome::kBadCredentials:
      break;
  }
  return "login_failed";
}

}  // namespace

WriteFn CreateUser(User user, CommandContext context, std::shared_ptr<User> out) {
  return [user = std::move(user), context, out](WriteTx& tx) mutable -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<User> existing, tx.FindUser(user.username));
    if (existing) {
      return Status::Conflict(Code::kAlreadyExists, "user " + user.username + " already exists");
    }
    // One registry of departments (domain/staff/department.h): stored by its code, however the
    // department was written, so accounts, cases and KPIs agree.
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    const std::optional<Department> department =
        FindDepartment(user.department, settings.departments);
    if (!department) {
      return Status::Invalid("department", Code::kInvalidValue,
                             "no department " + user.department +
                                 " (a built-in one such as customer_service or 客服部, or one "
                                 "added to the settings' departments)");
    }
    user.department = department->code;
    user.created_at = context.clock->Now();
    ORDO_RETURN_IF_ERROR(tx.InsertUser(user));
    ORDO_RETURN_IF_ERROR(
        tx.RecordAudit(UserAudit(user, "create", context.Now(), "null", AccountState(user))));
    *out = user;
    return Status::Ok();
  };
}

WriteFn RecordLogin(std::string username, bool password_ok, std::string session_token_hash,
                    AccountPolicy policy, CommandContext context, std::shared_ptr<LoginResult> out,
                    std::string client) {
  return [username = std::move(username), password_ok, hash = std::move(session_token_hash), policy,
          context, out, client = std::move(client)](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<User> user, tx.FindUser(username));
    const Timestamp now = context.clock->Now();
    const std::string before = user ? AccountState(*user) : std::string();
    out->outcome = DecideLogin(user ? &*user : nullptr, password_ok, now, policy);
    if (!user) {
      // A guess at a name that does not exist is recorded too, under the name tried when it
      // could be a username (anything else may be a password typed in the wrong field).
      return tx.RecordAudit(AuditEntry{0, now, "anonymous", "login",
                                       IsValidUsername(username) ? username : "(not a username)",
                                       "login_failed_unknown_user", "null", ClientState(client)});
    }
    ORDO_RETURN_IF_ERROR(tx.UpdateUser(*user));
    // Recorded as the account itself: the caller is not authenticated yet.
    ORDO_RETURN_IF_ERROR(tx.RecordAudit(UserAudit(*user, std::string(LoginAction(out->outcome)),
                                                  Actor{"user:" + user->username, now}, before,
                                                  AccountState(*user, client))));
    if (out->outcome == LoginOutcome::kSuccess) {
      ORDO_RETURN_IF_ERROR(tx.InsertSession(Session{hash, user->id, now, now, false}));
    }
    out->user = std::move(*user);
    return Status::Ok();
  };
}

WriteFn EndSession(std::string session_token_hash, CommandContext context) {
  return [hash = std::move(session_token_hash), context](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Session> session, tx.FindSession(hash));
    if (!session) {
      return Status::Ok();
    }
    session->revoked = true;
    session->last_seen_at = context.clock->Now();
    ORDO_RETURN_IF_ERROR(tx.UpdateSession(*session));
    const std::string& actor = context.actor;
    User user;
    user.username = actor.starts_with("user:") ? actor.substr(5) : actor;
    return tx.RecordAudit(UserAudit(user, "logout", context.Now(), "null", "null"));
  };
}

WriteFn TouchSession(std::string session_token_hash, CommandContext context) {
  return [hash = std::move(session_token_hash), context](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Session> session, tx.FindSession(hash));
    if (!session) {
      return Status::Ok();
    }
    session->last_seen_at = context.clock->Now();
    return tx.UpdateSession(*session);
  };
}

WriteFn SetUserDisabled(std::string username, bool disabled, CommandContext context,
                        std::shared_ptr<User> out) {
  return [username = std::move(username), disabled, context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<User> user, tx.FindUser(username));
    if (!user) {
      return Status::NotFound("no user " + username);
    }
    const std::string before = AccountState(*user);
    user->disabled = disabled;
    ORDO_RETURN_IF_ERROR(tx.UpdateUser(*user));
    ORDO_RETURN_IF_ERROR(tx.RecordAudit(UserAudit(*user, disabled ? "disable" : "enable",
                                                  context.Now(), before, AccountState(*user))));
    if (disabled) {
      // Every way in dies with the account: its sessions and its own API tokens.
      ORDO_RETURN_IF_ERROR(tx.RevokeUserSessions(user->id));
      ORDO_RETURN_IF_ERROR(
          tx.RevokeUserTokens(user->id, context.actor, context.clock->Now()).status());
    }
    *out = std::move(*user);
    return Status::Ok();
  };
}

}  // namespace ordo::app
