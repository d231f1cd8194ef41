#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "http/server.h"

namespace ordo::http {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

Handler Noop() {
  return [](Request&, Respond respond) { respond(Response::Json(200, "{}")); };
}

Router MakeRouter() {
  Router router;
  router.Add("GET", "/healthz", {.public_route = true}, Noop());
  router.Add("GET", "/api/v1/orders", {}, Noop());
  router.Add("POST", "/api/v1/orders", {}, Noop());
  router.Add("GET", "/api/v1/orders/{order_no}", {}, Noop());
  router.Add("GET", "/api/v1/orders/{order_no}/events", {}, Noop());
  router.Add("POST", "/api/v1/orders/{order_no}/review", {}, Noop());
  router.Add("GET", "/api/v1/stock/{sku}/ledger", {}, Noop());
  router.Add("GET", "/api/v1/stocktakes/{id}/counts/{line}", {}, Noop());
  return router;
}

TEST(Router, LiteralPathMatchesItsRouteWithoutParams) {
  Router router = MakeRouter();
  Params params = {{"stale", "value"}};
  bool path_exists = false;
  const Route* route = router.Match("GET", "/healthz", params, path_exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/healthz");
  EXPECT_TRUE(route->info.public_route);
  EXPECT_TRUE(path_exists);
  EXPECT_TRUE(params.empty());
}

TEST(Router, ParameterSegmentsAreCaptured) {
  Router router = MakeRouter();
  Params params;
  bool path_exists = false;
  const Route* route = router.Match("GET", "/api/v1/stocktakes/st-9/counts/3", params, path_exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->pattern, "/api/v1/stocktakes/{id}/counts/{line}");
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0], (std::pair<std::string, std::string>("id", "st-9")));
  EXPECT_EQ(params[1], (std::pair<std::string, std::string>("line", "3")));
}

TEST(Router, MethodSelectsAmongRoutesOfOnePath) {
  Router router = MakeRouter();
  Params params;
  bool path_exists = false;
  const Route* get = router.Match("GET", "/api/v1/orders", params, path_exists);
  const Route* post = router.Match("POST", "/api/v1/orders", params, path_exists);
  ASSERT_NE(get, nullptr);
  ASSERT_NE(post, nullptr);
  EXPECT_EQ(get->method, "GET");
  EXPECT_EQ(post->method, "POST");
}

TEST(Router, WrongMethodOnKnownPathReportsPathExists) {
  Router router = MakeRouter();
  Params params;
  bool path_exists = false;
  EXPECT_EQ(router.Match("DELETE", "/api/v1/orders/SO1", params, path_exists), nullptr);
  EXPECT_TRUE(path_exists);
  EXPECT_EQ(router.AllowedMethods("/api/v1/orders/SO1"), "GET");
  EXPECT_EQ(router.AllowedMethods("/api/v1/orders"), "GET, POST");
}

TEST(Router, UnknownPathReportsNoPath) {
  Router router = MakeRouter();
  Params params;
  bool path_exists = true;
  EXPECT_EQ(router.Match("GET", "/api/v1/nothing", params, path_exists), nullptr);
  EXPECT_FALSE(path_exists);
  EXPECT_EQ(router.AllowedMethods("/api/v1/nothing"), "");
}

TEST(Router, SegmentCountMustMatchExactly) {
  Router router = MakeRouter();
  Params params;
  bool path_exists = false;
  EXPECT_EQ(router.Match("GET", "/api/v1/orders/SO1/events/extra", params, path_exists), nullptr);
  EXPECT_FALSE(path_exists);
  EXPECT_EQ(router.Match("GET", "/api/v1", params, path_exists), nullptr);
  EXPECT_FALSE(path_exists);
}

TEST(Router, TrailingSlashAndEmptyParameterDoNotMatch) {
  Router router = MakeRouter();
  Params params;
  bool path_exists = false;
  EXPECT_EQ(router.Match("GET", "/healthz/", params, path_exists), nullptr);
  EXPECT_EQ(router.Match("GET", "/api/v1/orders//events", params, path_exists), nullptr);
  EXPECT_EQ(router.Match("GET", "/api/v1/orders/", params, path_exists), nullptr);
  EXPECT_EQ(router.Match("GET", "", params, path_exists), nullptr);
  EXPECT_EQ(router.Match("GET", "healthz", params, path_exists), nullptr);
}

TEST(Router, LiteralSegmentBeatsParameterWhateverTheOrder) {
  Router router;
  router.Add("GET", "/api/v1/orders/{order_no}", {.summary = "one"}, Noop());
  router.Add("GET", "/api/v1/orders/search", {.summary = "search"}, Noop());
  Params params;
  bool path_exists = false;
  const Route* route = router.Match("GET", "/api/v1/orders/search", params, path_exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->info.summary, "search");
  EXPECT_TRUE(params.empty());
  route = router.Match("GET", "/api/v1/orders/SO7", params, path_exists);
  ASSERT_NE(route, nullptr);
  EXPECT_EQ(route->info.summary, "one");
  EXPECT_EQ(params.at(0).second, "SO7");
}

TEST(Router, RootPatternMatchesOnlyRoot) {
  Router router;
  router.Add("GET", "/", {}, Noop());
  Params params;
  bool path_exists = false;
  EXPECT_NE(router.Match("GET", "/", params, path_exists), nullptr);
  EXPECT_EQ(router.Match("GET", "/x", params, path_exists), nullptr);
}

TEST(Request, AccessorsReturnFirstValueOrNothing) {
  Request request;
  request.query = {{"status", "picking"}, {"status", "packed"}, {"q", ""}};
  request.headers = {{"if-match", "\"3\""}, {"x-a", "1"}};
  request.path_params = {{"order_no", "SO1"}};
  EXPECT_EQ(request.Query("status"), "picking");
  EXPECT_EQ(request.Query("q"), "");
  EXPECT_FALSE(request.Query("limit").has_value());
  EXPECT_EQ(request.Header("if-match"), "\"3\"");
  EXPECT_FALSE(request.Header("If-Match").has_value());
  EXPECT_EQ(request.Param("order_no"), "SO1");
}

}  // namespace
}  // namespace ordo::http
