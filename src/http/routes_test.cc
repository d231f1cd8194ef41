// Generated from the route table: every route is covered by the permission table and the
// OpenAPI document (OWASP API5, broken function-level authorisation).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

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
    EXPECT_NE(std::find(permissions.begin(), permissions.end(), route.info.permission),
              permissions.end())
        << name << " requires an unknown permission " << route.info.permission;
  }
}

TEST(Routes, OnlyOperationalAndLoginRoutesArePublic) {
  // Payment callbacks are authenticated by their signature (payment_handlers.cc).
  const std::set<std::string> kPublic = {"GET /healthz", "GET /readyz", "GET /metrics",
                                         "GET /api/v1/openapi.json", "POST /api/v1/auth/login",
                                         "POST /api/v1/payment-callbacks/{provider}"};
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

}  // namespace
}  // namespace ordo::http
