#include "app/access.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/anomaly/case.h"

namespace ordo::app {
namespace {

// The permission table, reviewed against each role's job (domain.md §10). "admin" holds every
// permission. A channel holds only what its handlers filter to its own orders: the catalogue,
// stock levels, and its orders (http/routes_test.cc keeps that list). Finance data (payments,
// refunds, settlements) is read with finance:read. Prices other than the catalogue's are set
// only by staff with orders:override_price, and such an order waits for a person in review.
// Every staff role reads the list of an order's archived documents and asks for access to
// another department's (documents:read, documents:request); reading one needs more
// (app/documents.h).
// Every staff role reads the console's dashboard (dashboard:read), which counts all channels'
// orders together and so is not for a channel.
using PermissionSet = std::set<std::string, std::less<>>;

const std::map<std::string, PermissionSet, std::less<>>& Table() {
  static const std::map<std::string, PermissionSet, std::less<>> kTable = {
      // Payments of a channel's orders come from the providers' signed callbacks, never from
      // the channel itself (no orders:pay).
      {"channel",
       {"catalog:read", "stock:read", "orders:read", "orders:create", "orders:cancel",
        "backorders:read", "backorders:choose"}},
      // Customer service takes orders by phone (with a deliberate price when needed), reviews
      // them, blacklists customers, handles the cases and after-sales of its customers.
      {"customer_service", {"dashboard:read",        "catalog:read",        "stock:read",
                            "orders:read",           "orders:create",       "orders:review",
                            "orders:override_price", "orders:cancel",       "pii:read",
                            "backorders:read",       "backorders:choose",   "settings:read",
                            "anomalies:read",        "anomalies:handle",    "shipments:read",
                            "orders:change",         "aftersales:read",     "aftersales:create",
                            "aftersales:decide",     "aftersales:refund",   "customers:read",
                            "customers:write",       "customers:blacklist", "finance:read",
                            // Four eyes on refunds (domain/payment/refund.h): a colleague's,
                            // never one's own.
                            "refunds:approve", "documents:read", "documents:request",
        // Their figures: exports of the lists they read, and the reports (domain.md DAT-3).
        "data:export", "reports:read"}},
      {"warehouse",
       {"dashboard:read", "catalog:read", "stock:read", "inventory:read", "stock:write",
        "orders:read", "orders:fulfil", "backorders:read", "replenishment:read", "settings:read",
        "anomalies:read", "waves:read", "waves:write", "shipments:read", "shipments:write",
        // Changes requested once picking has started need the warehouse's word.
        "orders:confirm_change",
        // After-sales returns are received and inspected by the warehouse.
        "aftersales:read", "aftersales:receive", "documents:read", "documents:request"}},
      {"logistics",
       {"dashboard:read", "catalog:read", "stock:read", "orders:read", "orders:fulfil",
        "orders:deliver", "settings:read", "anomalies:read", "carriers:read", "carriers:write",
        "waves:read", "shipments:read", "shipments:write", "tracking:write", "documents:read", "documents:request",
        // Their figures: exports of the lists they read, and the reports (domain.md DAT-3).
        "data:export", "reports:read"}},
      // Finance records payments that reach it directly, pays refunds out, and handles the
      // payment cases (failed, short, duplicate, after close), not the warehouse's.
      {"finance",
       {"dashboard:read", "catalog:read", "orders:read", "orders:pay", "finance:read",
        "refunds:execute", "refunds:approve", "refunds:approve_large", "settings:read", "anomalies:read", "anomalies:handle_payment",
        "shipments:read", "customers:read", "aftersales:read", "aftersales:refund", "documents:read", "documents:request",
        // Their figures: exports of the lists they read, and the reports (domain.md DAT-3).
        "data:export", "reports:read"}},
      {"operations",
       {"dashboard:read",        "catalog:read",    "catalog:write",      "stock:read",
        "inventory:read",        "orders:read",     "orders:create",      "orders:review",
        "orders:override_price", "orders:complete", "backorders:read",    "backorders:choose",
        "replenishment:read",    "settings:read",   "settings:write",     "carriers:read",
        "carriers:write",        "anomalies:read",  "anomalies:handle",   "waves:read",
        "shipments:read",        "customers:read",  "customers:blacklist", "documents:read", "documents:request",
        // Their figures: exports of the lists they read, and the reports (domain.md DAT-3).
        "data:export", "reports:read",
        // The shops' own exports (Taobao, JD, Pinduoduo) are brought in by operations.
        "orders:import"}},
      // Purchasing receives goods, approves stocktakes and large stock movements counted or
      // booked by the warehouse, and answers replenishment requests.
      {"purchasing",
       {"dashboard:read", "catalog:read", "catalog:write", "stock:read", "inventory:read",
        "stock:write", "orders:read", "stock:approve", "backorders:read", "replenishment:read",
        "replenishment:manage", "settings:read", "anomalies:read", "documents:read", "documents:request",
        // Their figures: exports of the lists they read, and the reports (domain.md DAT-3).
        "data:export", "reports:read"}},
      // Auditors read everything that is not personal data; they neither detect violations
      // nor propose penalties (the supervisors' job), so they stay independent of both.
      {"auditor",
       {"dashboard:read", "catalog:read", "stock:read", "inventory:read", "orders:read",
        "audit:read", "violations:read", "kpis:read", "settings:read", "anomalies:read",
        "shipments:read", "customers:read", "finance:read", "aftersales:read", "backups:read", "documents:read", "documents:request",
        // Their figures: exports of the lists they read, and the reports (domain.md DAT-3).
        "data:export", "reports:read"}},
      // Department heads: they run violation detection, read their people's records and
      // propose and decide penalties and rewards. A supervisor heads the department its account
      // names: it decides the access other departments ask to that department's archived
      // documents (documents:grant), and proposes or approves (not both) their destruction.
      {"supervisor",
       {"dashboard:read", "catalog:read", "stock:read", "inventory:read", "orders:read",
        "audit:read", "violations:read", "violations:detect", "penalties:propose",
        "penalties:approve", "kpis:read", "settings:read", "anomalies:read", "anomalies:handle",
        "waves:read", "shipments:read", "customers:read", "customers:write", "refunds:approve",
        // Backups (DAT-2): supervisors see them and take one before a risky change.
        "backups:read", "backups:manage",
        // Documents (DOC-3, DOC-4): the head of a department decides access and destruction.
        "documents:read", "documents:request", "documents:grant", "documents:destroy",
        // Their figures: exports of the lists they read, and the reports (domain.md DAT-3).
        "data:export", "reports:read",
        // Promotion-day and store orders arrive as files; supervisors may bring them in too.
        "orders:import"}},
  };
  return kTable;
}

}  // namespace

const std::vector<std::string>& Roles() {
  static const std::vector<std::string> kRoles = {
      "admin",   "channel",    "customer_service", "warehouse", "logistics",
      "finance", "operations", "purchasing",       "auditor",   "supervisor"};
  return kRoles;
}

bool IsRole(std::string_view role) {
  const auto& roles = Roles();
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

const std::vector<std::string>& Permissions() {
  static const std::vector<std::string> kPermissions = {"catalog:read",
                                                        "catalog:write",
                                                        "stock:read",
                                                        "stock:write",
                                                        "orders:read",
                                                        "orders:create",
                                                        "orders:pay",
                                                        "orders:review",
                                                        "orders:fulfil",
                                                        "orders:deliver",
                                                        "orders:complete",
                                                        "orders:cancel",
                                                        "pii:read",
                                                        "metrics:read",
                                                        "users:read",
                                                        "users:write",
                                                        "audit:read",
                                                        "violations:read",
                                                        "violations:detect",
                                                        "penalties:propose",
                                                        "penalties:approve",
                                                        "kpis:read",
                                                        "stock:approve",
                                                        "backorders:read",
                                                        "backorders:choose",
                                                        "replenishment:read",
                                                        "replenishment:manage",
                                                        "settings:read",
                                                        "settings:write",
                                                        "carriers:read",
                                                        "carriers:write",
                                                        "anomalies:read",
                                                        "anomalies:handle",
                                                        "waves:read",
                                                        "waves:write",
                                                        "shipments:read",
                                                        "shipments:write",
                                                        "tracking:write",
                                                        "ops:clock",
                                                        "aftersales:read",
                                                        "aftersales:create",
                                                        "aftersales:decide",
                                                        "aftersales:receive",
                                                        "aftersales:refund",
                                                        "orders:change",
                                                        "orders:confirm_change",
                                                        "refunds:execute",
                                                        "customers:read",
                                                        "customers:write",
                                                        "finance:read",
                                                        "inventory:read",
                                                        "orders:override_price",
                                                        "data:export",
                                                        "reports:read",
                                                        "customers:blacklist",
                                                        "anomalies:handle_payment",
                                                        "tokens:manage",
                                                        "dashboard:read",
                                                        "refunds:approve",
                                                        "refunds:approve_large",
                                                        "backups:read",
                                                        "backups:manage",
                                                        "documents:read",
                                                        "documents:request",
                                                        "documents:grant",
                                                        "documents:destroy",
                                                        "orders:import"};
  return kPermissions;
}

bool RoleHas(std::string_view role, std::string_view permission) {
  if (role == "admin") {
    return true;
  }
  const auto& table = Table();
  auto it = table.find(role);
  return it != table.end() && it->second.find(permission) != it->second.end();
}

bool RoleMeets(std::string_view role, std::string_view requirement) {
  while (true) {
    const size_t bar = requirement.find('|');
    if (RoleHas(role, requirement.substr(0, bar))) {
      return true;
    }
    if (bar == std::string_view::npos) {
      return false;
    }
    requirement.remove_prefix(bar + 1);
  }
}

bool IsPaymentCaseType(std::string_view case_type) {
  return case_type.starts_with("payment_") || case_type.starts_with("refund_") ||
         case_type == "duplicate_payment";
}

bool RoleMayHandleCase(std::string_view role, std::string_view case_type) {
  if (RoleHas(role, "anomalies:handle") ||
      (IsPaymentCaseType(case_type) && RoleHas(role, "anomalies:handle_payment"))) {
    return true;
  }
  const CaseType* type = FindCaseType(case_type);
  return type != nullptr && !type->handled_with.empty() && RoleHas(role, type->handled_with);
}

std::string NewTokenSecret() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof(bytes));
  char encoded[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(encoded, sizeof(encoded), bytes, sizeof(bytes),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return std::string("ordo_") + encoded;
}

std::string TokenHash(std::string_view secret) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof(digest), reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  char hex[65];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return hex;
}

WriteFn CreateToken(TokenRequest request, CommandContext context,
                    std::shared_ptr<TokenOutcome> out) {
  return [request = std::move(request), context, out](WriteTx& tx) -> Status {
    std::string role = request.role;
    int64_t user_id = 0;
    if (!request.username.empty()) {
      ORDO_ASSIGN_OR_RETURN(std::optional<User> user, tx.FindUser(request.username));
      if (!user) {
        return Status::NotFound("no user " + request.username);
      }
      if (user->disabled) {
        return Status::Conflict(Code::kIllegalTransition,
                                "the account " + request.username + " is disabled");
      }
      if (!role.empty() && role != user->role) {
        return Status::Invalid("role", Code::kInvalidValue,
                               "the account " + request.username + " has the role " + user->role);
      }
      role = user->role;
      user_id = user->id;
    }
    const std::string name = !request.name.empty()       ? request.name
                             : !request.username.empty() ? request.username
                                                         : role;
    if (!IsRole(role)) {
      return Status::Invalid("role", Code::kInvalidValue, "unknown role " + role);
    }
    if (name.empty() || name.size() > 100) {
      return Status::Invalid("name", Code::kInvalidValue, "name must be 1-100 characters");
    }
    if (request.expires_in_days < 1 || request.expires_in_days > kMaxTokenDays) {
      return Status::Invalid("expires_in_days", Code::kInvalidValue,
                             "a token lives 1-" + std::to_string(kMaxTokenDays) + " days");
    }
    const Timestamp now = context.clock->Now();
    out->secret = NewTokenSecret();
    out->token.name = name;
    out->token.role = role;
    out->token.token_hash = TokenHash(out->secret);
    out->token.created_at = now;
    out->token.created_by = context.actor;
    out->token.expires_at = now.PlusMs(request.expires_in_days * 24 * 3600 * 1000);
    out->token.user_id = user_id;
    return tx.InsertToken(out->token);
  };
}

WriteFn CreateToken(std::string role, std::string name, CommandContext context,
                    std::shared_ptr<TokenOutcome> out) {
  TokenRequest request;
  request.role = std::move(role);
  request.name = std::move(name);
  return CreateToken(std::move(request), std::move(context), std::move(out));
}

WriteFn RevokeToken(int64_t id, CommandContext context, std::shared_ptr<ApiToken> out) {
  return [id, context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<ApiToken> token, tx.FindToken(id));
    if (!token) {
      return Status::NotFound("no token " + std::to_string(id));
    }
    if (!token->revoked) {
      token->revoked = true;
      token->revoked_at = context.clock->Now();
      token->revoked_by = context.actor;
      ORDO_RETURN_IF_ERROR(tx.RevokeToken(*token));
    }
    token->token_hash.clear();
    *out = std::move(*token);
    return Status::Ok();
  };
}

bool TokenAlive(const ApiToken& token, Timestamp now) {
  return !token.revoked && (!token.expires_at || now < *token.expires_at);
}

}  // namespace ordo::app
