// The supervision routes in the route table: who may use them, and their OpenAPI schemas.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/access.h"
#include "http/api.h"
#include "http/metrics.h"

namespace ordo::http {
namespace {

namespace json = boost::json;

const Router& AllRoutes() {
  static Metrics metrics;
  static const ApiContext api{nullptr, nullptr, &metrics};
  static const Router router = [] {
    Router r;
    RegisterRoutes(r, api);
    return r;
  }();
  return router;
}

bool IsSupervisionRoute(const Route& route) {
  for (const char* prefix : {"/api/v1/violations", "/api/v1/penalties", "/api/v1/rewards",
                             "/api/v1/kpis", "/api/v1/supervision", "/api/v1/stock/adjustments"}) {
    if (route.pattern.starts_with(prefix)) {
      return true;
    }
  }
  return false;
}

TEST(SupervisionRoutes, EverySchemaTheyNameIsInTheDocument) {
  const json::value document = json::parse(OpenApiDocument(AllRoutes()));
  const json::object& schemas = document.at("components").at("schemas").as_object();
  int routes = 0;
  for (const Route& route : AllRoutes().routes()) {
    if (!IsSupervisionRoute(route)) {
      continue;
    }
    ++routes;
    for (const std::string& schema : {route.info.request_schema, route.info.response_schema}) {
      EXPECT_TRUE(schema.empty() || schemas.contains(schema))
          << route.method << " " << route.pattern << " names " << schema;
    }
  }
  EXPECT_EQ(routes, 15);
  const std::string text = json::serialize(document);
  for (size_t at = text.find("#/components/schemas/"); at != std::string::npos;
       at = text.find("#/components/schemas/", at + 1)) {
    const size_t start = at + std::string("#/components/schemas/").size();
    const std::string name = text.substr(start, text.find('"', start) - start);
    EXPECT_TRUE(schemas.contains(name)) << "a $ref to a missing schema " << name;
  }
}

// Auditors read and check; supervisors (department heads) run detection, propose and decide
// (four eyes: not their own proposal). An auditor who proposed penalties or ran detection would
// audit their own work (issue 14 item 14, issue 13 item 18).
TEST(SupervisionRoutes, AuditorsReadSupervisorsDetectProposeAndDecide) {
  for (const char* permission : {"violations:read", "kpis:read", "audit:read"}) {
    EXPECT_TRUE(app::RoleHas("auditor", permission)) << permission;
  }
  for (const char* permission : {"violations:detect", "penalties:propose", "penalties:approve"}) {
    EXPECT_FALSE(app::RoleHas("auditor", permission)) << permission;
  }
  for (const char* permission : {"violations:read", "violations:detect", "penalties:propose",
                                 "penalties:approve", "kpis:read"}) {
    EXPECT_TRUE(app::RoleHas("supervisor", permission)) << permission;
  }
  EXPECT_FALSE(app::RoleHas("supervisor", "pii:read"));
  for (const char* role : {"warehouse", "customer_service", "channel", "logistics"}) {
    for (const char* permission : {"violations:read", "penalties:propose", "kpis:read"}) {
      EXPECT_FALSE(app::RoleHas(role, permission)) << role << " " << permission;
    }
  }
  EXPECT_TRUE(app::IsRole("supervisor"));
}

TEST(SupervisionRoutes, DecisionsNeedTheApprovePermissionAndProposalsThePropose) {
  for (const Route& route : AllRoutes().routes()) {
    if (route.pattern.ends_with("/approve") || route.pattern.ends_with("/reject")) {
      if (IsSupervisionRoute(route)) {
        EXPECT_EQ(route.info.permission, "penalties:approve") << route.pattern;
      }
    }
    if (route.method == "POST" &&
        (route.pattern == "/api/v1/penalties" || route.pattern == "/api/v1/rewards")) {
      EXPECT_EQ(route.info.permission, "penalties:propose") << route.pattern;
      EXPECT_EQ(route.info.success_status, 201);
    }
  }
}

}  // namespace
}  // namespace ordo::http
