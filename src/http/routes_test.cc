// Generated from the route table: every route is covered by the permission table and the
// OpenAPI document (OWASP API5, broken function-level authorisation).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "app/access.h"
#include "http/api.h"
#include "http/metrics.h"

namespace ordo::http {
namespace {

const Router& AllRoutes() {
  static Metrics metrics;
  static const ApiContext api{nullptr, nullptr, &metrics};  // handlers are registered, not called
  static const Router router = [] {
    Router r;
    RegisterRoutes(r, api);
    return r;
  }();
  return router;
}

TEST(Routes, EveryPagedListDocumentsLimitAndCursor) {
  for (const Route& route : AllRoutes().routes()) {
    if (route.method != "GET" || !route.info.response_schema.ends_with("Page")) {
      continue;
    }
    std::set<std::string> names;
    for (const QueryParam& param : route.info.query) {
      names.insert(param.name);
      EXPECT_FALSE(param.description.empty()) << route.pattern << " ?" << param.name;
    }
    EXPECT_TRUE(names.count("limit") && names.count("cursor"))
        << route.pattern << " is a paged list: its query parameters name limit and cursor";
  }
}

TEST(Routes, EveryProtectedRouteNamesAKnownPermission) {
  const auto& permissions = app::Permissions();
  // Routes any signed-in caller may use, by design.
  const std::set<std::string> kAnyCaller = {"POST /api/v1/auth/logout", "GET /api/v1/auth/me"};
  for (const Route& route : AllRoutes().routes()) {
    const std::string name = route.method + " " + route.pattern;
    if (route.info.public_route) {
      continue;
    }
    if (route.info.permission.empty()) {
      EXPECT_TRUE(kAnyCaller.count(name)) << name << " is protected by no permission";
      continue;
    }
    std::string_view requirement = route.info.permission;
    while (!requirement.empty()) {
      const std::string_view one = requirement.substr(0, requirement.find('|'));
      EXPECT_NE(std::find(permissions.begin(), permissions.end(), one), permissions.end())
          << name << " requires an unknown permission " << one;
      requirement.remove_prefix(std::min(requirement.size(), one.size() + 1));
    }
  }
}

TEST(Routes, OnlyOperationalAndLoginRoutesArePublic) {
  // Payment and tracking callbacks are authenticated by their signature (payment_handlers.cc,
  // tracking_handlers.cc): carriers and providers cannot send our tokens. /metrics needs
  // metrics:read here; it is public only on the separate metrics address.
  const std::set<std::string> kPublic = {"GET /healthz",
                                         "GET /readyz",
                                         "GET /api/v1/openapi.json",
                                         "POST /api/v1/auth/login",
                                         "POST /api/v1/payment-callbacks/{provider}",
                                         "POST /api/v1/tracking-events/{carrier}"};
  for (const Route& route : AllRoutes().routes()) {
    const std::string name = route.method + " " + route.pattern;
    EXPECT_EQ(route.info.public_route, kPublic.count(name) > 0) << name;
  }
}

TEST(Routes, EveryRouteIsInTheOpenApiDocument) {
  const std::string document = OpenApiDocument(AllRoutes());
  for (const Route& route : AllRoutes().routes()) {
    EXPECT_NE(document.find("\"" + route.pattern + "\""), std::string::npos) << route.pattern;
  }
}

TEST(Routes, EveryRoleMayDoSomethingAndOnlyAdminMayDoEverything) {
  for (const std::string& role : app::Roles()) {
    const auto& permissions = app::Permissions();
    const auto held = std::count_if(permissions.begin(), permissions.end(),
                                    [&](const std::string& p) { return app::RoleHas(role, p); });
    EXPECT_GT(held, 0) << role;
    if (role != "admin") {
      EXPECT_LT(static_cast<size_t>(held), permissions.size()) << role;
    }
  }
  EXPECT_FALSE(app::RoleHas("nobody", "orders:read"));
}

TEST(Routes, PersonalDataAndAccountsAreNotForChannels) {
  EXPECT_FALSE(app::RoleHas("channel", "pii:read"));
  EXPECT_FALSE(app::RoleHas("channel", "users:write"));
  EXPECT_FALSE(app::RoleHas("warehouse", "users:read"));
}

// A channel is a sales platform's integration: it may call only routes whose handlers keep it to
// its own orders (a 404 for another channel's) or that show what every channel may see (the
// catalogue, stock levels). A new route a channel could call fails here until it is reviewed and
// added, with an integration test of its filtering (test_owasp_api_top10.py, API1).
TEST(Routes, ChannelsReachOnlyRoutesReviewedToKeepThemToTheirOwnOrders) {
  const std::set<std::string> kReviewed = {
      // Shared by every channel.
      "GET /api/v1/skus", "GET /api/v1/skus/{sku}", "GET /api/v1/warehouses",
      "GET /api/v1/warehouses/{code}/allocation-rules", "GET /api/v1/stock/{sku}",
      // Filtered to the channel's own orders.
      "POST /api/v1/orders", "GET /api/v1/orders", "GET /api/v1/orders/{order_no}",
      "GET /api/v1/orders/{order_no}/events", "POST /api/v1/orders/{order_no}/cancel",
      "GET /api/v1/orders/{order_no}/changes", "GET /api/v1/orders/{order_no}/notifications",
      "GET /api/v1/backorders", "POST /api/v1/orders/{order_no}/backorder-choice",
      "GET /api/v1/orders/counts", "GET /api/v1/orders/{order_no}/actions",
      // Any signed-in caller.
      "POST /api/v1/auth/logout", "GET /api/v1/auth/me"};
  std::set<std::string> reachable;
  for (const Route& route : AllRoutes().routes()) {
    if (!route.info.public_route &&
        (route.info.permission.empty() || app::RoleMeets("channel", route.info.permission))) {
      reachable.insert(route.method + " " + route.pattern);
    }
  }
  EXPECT_EQ(reachable, kReviewed);
}

// The jobs, as issue reviews settled them (domain.md §10).
TEST(Routes, PermissionsFollowTheRolesJobs) {
  // Finance data is finance's (and those who answer for it or audit it), not the warehouse's.
  for (const char* role : {"finance", "customer_service", "auditor", "admin"}) {
    EXPECT_TRUE(app::RoleHas(role, "finance:read")) << role;
  }
  for (const char* role : {"warehouse", "logistics", "purchasing", "channel", "operations"}) {
    EXPECT_FALSE(app::RoleHas(role, "finance:read")) << role;
  }
  // A channel's payments come from signed provider callbacks; its prices are the catalogue's.
  EXPECT_FALSE(app::RoleHas("channel", "orders:pay"));
  EXPECT_FALSE(app::RoleHas("channel", "orders:override_price"));
  EXPECT_FALSE(app::RoleHas("channel", "inventory:read"));
  EXPECT_TRUE(app::RoleHas("customer_service", "orders:override_price"));
  // Auditors read; supervisors detect violations and propose penalties.
  EXPECT_FALSE(app::RoleHas("auditor", "violations:detect"));
  EXPECT_FALSE(app::RoleHas("auditor", "penalties:propose"));
  EXPECT_TRUE(app::RoleHas("supervisor", "violations:detect"));
  // Reviewers blacklist.
  EXPECT_TRUE(app::RoleHas("customer_service", "customers:blacklist"));
  EXPECT_TRUE(app::RoleHas("operations", "customers:blacklist"));
  EXPECT_FALSE(app::RoleHas("finance", "customers:blacklist"));
  // Finance handles payment cases, not the warehouse's.
  EXPECT_TRUE(app::RoleMayHandleCase("finance", "payment_amount_mismatch"));
  EXPECT_TRUE(app::RoleMayHandleCase("finance", "duplicate_payment"));
  EXPECT_TRUE(app::RoleMayHandleCase("finance", "payment_after_close"));
  EXPECT_TRUE(app::RoleMayHandleCase("finance", "payment_failed"));
  EXPECT_FALSE(app::RoleMayHandleCase("finance", "weight_mismatch"));
  EXPECT_FALSE(app::RoleMayHandleCase("finance", "address_incomplete"));
  EXPECT_TRUE(app::RoleMayHandleCase("customer_service", "weight_mismatch"));
  // The warehouse handles its own weight holds (handled_with orders:fulfil), nothing else.
  EXPECT_TRUE(app::RoleMayHandleCase("warehouse", "weight_mismatch"));
  EXPECT_FALSE(app::RoleMayHandleCase("warehouse", "payment_amount_mismatch"));
  EXPECT_FALSE(app::RoleMayHandleCase("warehouse", "address_incomplete"));
  // The dashboard counts every channel's orders together: every staff role's, no channel's.
  for (const std::string& role : app::Roles()) {
    EXPECT_EQ(app::RoleHas(role, "dashboard:read"), role != "channel") << role;
  }
  // Metrics and tokens are the administrator's.
  for (const std::string& role : app::Roles()) {
    EXPECT_EQ(app::RoleHas(role, "metrics:read"), role == "admin") << role;
    EXPECT_EQ(app::RoleHas(role, "tokens:manage"), role == "admin") << role;
  }
}

}  // namespace
}  // namespace ordo::http
