#include "app/account_commands.h"

namespace ordo::app {

WriteFn CreateUser(User user, CommandContext context, std::shared_ptr<User> out) {
  return [user = std::move(user), context, out](WriteTx& tx) mutable -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<User> existing, tx.FindUser(user.username));
    if (existing) {
      return Status::Conflict(Code::kAlreadyExists, "user " + user.username + " already exists");
    }
    user.created_at = context.clock->Now();
    ORDO_RETURN_IF_ERROR(tx.InsertUser(user));
    *out = user;
    return Status::Ok();
  };
}

WriteFn RecordLogin(std::string username, bool password_ok, std::string session_token_hash,
                    AccountPolicy policy, CommandContext context,
                    std::shared_ptr<LoginResult> out) {
  return [username = std::move(username), password_ok, hash = std::move(session_token_hash),
          policy, context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<User> user, tx.FindUser(username));
    const Timestamp now = context.clock->Now();
    out->outcome = DecideLogin(user ? &*user : nullptr, password_ok, now, policy);
    if (!user) {
      return Status::Ok();
    }
    ORDO_RETURN_IF_ERROR(tx.UpdateUser(*user));
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
    return tx.UpdateSession(*session);
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
    (void)context;
    ORDO_ASSIGN_OR_RETURN(std::optional<User> user, tx.FindUser(username));
    if (!user) {
      return Status::NotFound("no user " + username);
    }
    user->disabled = disabled;
    ORDO_RETURN_IF_ERROR(tx.UpdateUser(*user));
    if (disabled) {
      ORDO_RETURN_IF_ERROR(tx.RevokeUserSessions(user->id));
    }
    *out = std::move(*user);
    return Status::Ok();
  };
}

}  // namespace ordo::app
