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

// A new secret token, "ordo_" followed by 43 URL-safe characters (256 random bits).
std::string NewTokenSecret();
// The stored form of a token: hex of its BLAKE2b-256 digest. The secret itself is never stored.
std::string TokenHash(std::string_view secret);

struct TokenOutcome {
  ApiToken token;
  std::string secret;  // shown once, to whoever created it
};

// Creates an API token for `role` named `name` (for a channel token, the channel's name).
WriteFn CreateToken(std::string role, std::string name, CommandContext context,
                    std::shared_ptr<TokenOutcome> out);

}  // namespace ordo::app
