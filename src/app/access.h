// Roles, their permissions, and API tokens (api.md "Authentication"; domain.md §10).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/command.h"

namespace ordo::app {

// Every role, in a fixed order.
const std::vector<std::string>& Roles();
bool IsRole(std::string_view role);
// Every permission a route may require.
const std::vector<std::string>& Permissions();
// True when `role` holds `permission`. Thread-safe (the table is immutable).
bool RoleHas(std::string_view role, std::string_view permission);
// True when `role` holds one of the permissions of `requirement`, a list separated by '|'
// ("anomalies:handle|anomalies:handle_payment"); a route's requirement is checked this way.
bool RoleMeets(std::string_view role, std::string_view requirement);
// True when `role` may assign, resolve or dismiss an abnormal case of `case_type`: any case with
// anomalies:handle, a payment case (payment_failed, payment_amount_mismatch, duplicate_payment,
// payment_after_close, and any later type named payment_… or refund_…) with
// anomalies:handle_payment, and a case whose type names its own handlers' permission
// (CaseType::handled_with: the warehouse's weight and scan cases, orders:fulfil) with that.
bool RoleMayHandleCase(std::string_view role, std::string_view case_type);
bool IsPaymentCaseType(std::string_view case_type);

// A new secret token, "ordo_" followed by 43 URL-safe characters (256 random bits).
std::string NewTokenSecret();
// The stored form of a token: hex of its BLAKE2b-256 digest. The secret itself is never stored.
std::string TokenHash(std::string_view secret);

struct TokenOutcome {
  ApiToken token;
  std::string secret;  // shown once, to whoever created it
};

// Tokens live 90 days unless told otherwise, at most ten years.
constexpr int64_t kDefaultTokenDays = 90;
constexpr int64_t kMaxTokenDays = 3650;

struct TokenRequest {
  std::string role;      // empty with `username`: the account's role
  std::string name;      // for a channel token, the channel's name; default: role or username
  std::string username;  // non-empty: a staff member's own token, which dies with the account
  int64_t expires_in_days = kDefaultTokenDays;  // 1..kMaxTokenDays
};

// Creates an API token. 422 for an unknown role, a bad name, days out of range, an account's
// token whose role differs from the account's; 404 for an unknown account; 409
// illegal_transition for a disabled one.
WriteFn CreateToken(TokenRequest request, CommandContext context,
                    std::shared_ptr<TokenOutcome> out);
// The older form: a token for `role` named `name`, living the default 90 days.
WriteFn CreateToken(std::string role, std::string name, CommandContext context,
                    std::shared_ptr<TokenOutcome> out);

// Revokes token `id` (404 when unknown; revoking a revoked token changes nothing). `out` gets
// the token as it is after.
WriteFn RevokeToken(int64_t id, CommandContext context, std::shared_ptr<ApiToken> out);

// True while `token` may be used at `now`: not revoked, not expired.
bool TokenAlive(const ApiToken& token, Timestamp now);

}  // namespace ordo::app
