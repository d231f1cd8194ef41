// Account use cases: creating staff users, logging in and out, disabling accounts. Password
// hashing and verification (tens of milliseconds of Argon2id) happen before a command is
// submitted, never on the store's writer thread.
#pragma once

#include <memory>
#include <string>

#include "app/command.h"
#include "domain/staff/account.h"

namespace ordo::app {

// Creates `user` (its password_hash already computed); kAlreadyExists for a taken username;
// kInvalid department when it names no department of the registry (domain/staff/department.h;
// the department is stored by its code).
WriteFn CreateUser(User user, CommandContext context, std::shared_ptr<User> out);

struct LoginResult {
  LoginOutcome outcome = LoginOutcome::kBadCredentials;
  User user;
};

// Records a login attempt whose password check gave `password_ok`, from `client` (the caller's
// address): counts failures, locks the account after too many, and on success opens the session
// `session_token_hash`. Every attempt is in the audit trail with the client, a guess at an
// unknown name too (entity "login"). The command itself always succeeds (the attempt is
// recorded); `out->outcome` says what to answer.
WriteFn RecordLogin(std::string username, bool password_ok, std::string session_token_hash,
                    AccountPolicy policy, CommandContext context, std::shared_ptr<LoginResult> out,
                    std::string client = "");

// Ends a session (logout). Unknown sessions are ignored.
WriteFn EndSession(std::string session_token_hash, CommandContext context);

// Records that a live session was used now (for the idle timeout).
WriteFn TouchSession(std::string session_token_hash, CommandContext context);

// Disables or re-enables an account; disabling ends all its sessions and revokes all its API
// tokens at once (re-enabling brings neither back).
WriteFn SetUserDisabled(std::string username, bool disabled, CommandContext context,
                        std::shared_ptr<User> out);

}  // namespace ordo::app
