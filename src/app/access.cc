#include "app/access.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

namespace ordo::app {
namespace {

// The permission table. "admin" holds every permission.
const std::map<std::string, std::set<std::string>, std::less<>>& Table() {
  static const std::map<std::string, std::set<std::string>, std::less<>> kTable = {
      {"channel",
       {"catalog:read", "stock:read", "orders:read", "orders:create", "orders:pay", "orders:cancel",
        "backorders:read", "backorders:choose"}},
      {"customer_service",
       {"catalog:read", "stock:read", "orders:read", "orders:create", "orders:review",
        "orders:cancel", "pii:read", "backorders:read", "backorders:choose",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "anomalies:read", "anomalies:handle", "shipments:read",
        // Changes before shipment (app/order_changes.h).
        "orders:change",
        // After-sales cases (app/aftersales.h): opened, decided and refunded here.
        "aftersales:read", "aftersales:create", "aftersales:decide", "aftersales:refund",
        // Customers (app/customers.h): blacklist, credit and risk, complaints.
        "customers:read", "customers:write",
        // Four eyes on refunds (domain/payment/refund.h): a colleague's, never one's own.
        "refunds:approve"}},
      {"warehouse",
       {"catalog:read", "stock:read", "stock:write", "orders:read", "orders:fulfil",
        "backorders:read", "replenishment:read",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "anomalies:read", "waves:read", "waves:write", "shipments:read",
        "shipments:write",
        // Changes requested once picking has started need the warehouse's word.
        "orders:confirm_change",
        // After-sales returns are received and inspected by the warehouse.
        "aftersales:read", "aftersales:receive"}},
      {"logistics",
       {"catalog:read", "stock:read", "orders:read", "orders:fulfil", "orders:deliver",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "anomalies:read", "carriers:read", "carriers:write", "waves:read",
        "shipments:read", "shipments:write", "tracking:write"}},
      {"finance",
       {"catalog:read", "orders:read", "orders:pay", "refunds:execute",
        // Reconciliation and the approval of refunds, large ones included.
        "finance:read", "refunds:approve", "refunds:approve_large",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "anomalies:read", "shipments:read", "customers:read",
        // After-sales refunds are triggered and completed by finance too.
        "aftersales:read", "aftersales:refund"}},
      {"operations",
       {"catalog:read", "catalog:write", "stock:read", "orders:read", "orders:create",
        "orders:review", "orders:complete", "backorders:read", "backorders:choose",
        "replenishment:read",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "settings:write", "carriers:read", "carriers:write", "anomalies:read",
        "anomalies:handle", "waves:read", "shipments:read", "customers:read"}},
      // Purchasing approves stocktakes (counted by the warehouse) and answers replenishment.
      {"purchasing",
       {"catalog:read", "catalog:write", "stock:read", "stock:write", "orders:read",
        "stock:approve", "backorders:read", "replenishment:read", "replenishment:manage",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "anomalies:read"}},
      {"auditor",
       {"catalog:read", "stock:read", "orders:read", "audit:read", "violations:read",
        "violations:detect", "penalties:propose", "kpis:read",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "anomalies:read", "shipments:read", "customers:read"}},
      // Department heads: they read their people's records and decide penalties and rewards.
      {"supervisor",
       {"catalog:read", "stock:read", "orders:read", "audit:read", "violations:read",
        "penalties:propose", "penalties:approve", "kpis:read", "refunds:approve",
        // Fulfilment and abnormal cases (app/fulfillment.h, app/anomaly.h).
        "settings:read", "anomalies:read", "anomalies:handle", "waves:read", "shipments:read",
        "customers:read", "customers:write"}},
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
                                                        "refunds:approve",
                                                        "refunds:approve_large"};
  return kPermissions;
}

bool RoleHas(std::string_view role, std::string_view permission) {
  if (role == "admin") {
    return true;
  }
  const auto& table = Table();
  auto it = table.find(role);
  return it != table.end() && it->second.count(std::string(permission)) > 0;
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

WriteFn CreateToken(std::string role, std::string name, CommandContext context,
                    std::shared_ptr<TokenOutcome> out) {
  return [role = std::move(role), name = std::move(name), context, out](WriteTx& tx) -> Status {
    if (!IsRole(role)) {
      return Status::Invalid("role", Code::kInvalidValue, "unknown role " + role);
    }
    if (name.empty() || name.size() > 100) {
      return Status::Invalid("name", Code::kInvalidValue, "name must be 1-100 characters");
    }
    out->secret = NewTokenSecret();
    out->token.name = name;
    out->token.role = role;
    out->token.token_hash = TokenHash(out->secret);
    out->token.created_at = context.clock->Now();
    out->token.created_by = context.actor;
    return tx.InsertToken(out->token);
  };
}

}  // namespace ordo::app
