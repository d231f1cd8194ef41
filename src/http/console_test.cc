// Serving the embedded console: files by path, index.html for the console's own pages, caching,
// compression and the Content-Security-Policy; and the router's fallback that leads there.
#include "http/console.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace ordo::http {
namespace {

constexpr StaticAsset kAssets[] = {
    {"/index.html", "text/html; charset=utf-8", "<html>index</html>", "GZ-INDEX", "\"i1\"", false},
    {"/assets/app-1a2b.js", "text/javascript; charset=utf-8", "console.log(1)", "GZ-APP", "\"a1\"",
     true},
    {"/favicon.svg", "image/svg+xml", "<svg/>", "", "\"f1\"", false},
};

std::optional<std::string> Header(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) {
      return value;
    }
  }
  return std::nullopt;
}

Response Get(const std::string& path,
             std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request request;
  request.method = "GET";
  request.path = path;
  request.headers = std::move(headers);
  Response answer;
  ConsoleHandler(kAssets)(request, [&](Response response) { answer = std::move(response); });
  return answer;
}

TEST(Console, ServesAFileByItsPathWithItsType) {
  Response response = Get("/favicon.svg");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "image/svg+xml");
  EXPECT_EQ(response.body, "<svg/>");
  EXPECT_EQ(Header(response, "ETag"), "\"f1\"");
}

TEST(Console, TheRootAndTheConsolesPagesGetIndexHtmlRevalidated) {
  for (const std::string path : {"/", "/orders", "/orders/20261126000001", "/index.html"}) {
    Response response = Get(path);
    EXPECT_EQ(response.status, 200) << path;
    EXPECT_EQ(response.body, "<html>index</html>") << path;
    EXPECT_EQ(Header(response, "Cache-Control"), "no-cache") << path;
    EXPECT_EQ(Header(response, "Content-Security-Policy"), kConsoleContentSecurityPolicy);
  }
}

TEST(Console, HashedAssetsAreImmutableAndAMissingOneIsNotFound) {
  EXPECT_EQ(Header(Get("/assets/app-1a2b.js"), "Cache-Control"),
            "public, max-age=31536000, immutable");
  EXPECT_EQ(Get("/assets/app-0000.js").status, 404);
  EXPECT_EQ(Get("/assets/app-0000.js").content_type, "application/problem+json");
}

TEST(Console, GzipIsSentOnlyWhenTheClientAcceptsIt) {
  EXPECT_EQ(Get("/assets/app-1a2b.js").body, "console.log(1)");
  Response packed = Get("/assets/app-1a2b.js", {{"accept-encoding", "br, gzip;q=0.8"}});
  EXPECT_EQ(packed.body, "GZ-APP");
  EXPECT_EQ(Header(packed, "Content-Encoding"), "gzip");
  EXPECT_EQ(Header(packed, "Vary"), "Accept-Encoding");
  EXPECT_EQ(Get("/assets/app-1a2b.js", {{"accept-encoding", "gzip;q=0"}}).body, "console.log(1)");
  EXPECT_EQ(Get("/assets/app-1a2b.js", {{"accept-encoding", "identity"}}).body, "console.log(1)");
  // A file without a smaller gzip copy is sent as it is.
  Response svg = Get("/favicon.svg", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(svg.body, "<svg/>");
  EXPECT_FALSE(Header(svg, "Content-Encoding"));
}

TEST(Console, AMatchingETagIsAnswered304WithoutABody) {
  Response response = Get("/orders", {{"if-none-match", "\"i1\""}});
  EXPECT_EQ(response.status, 304);
  EXPECT_TRUE(response.body.empty());
  EXPECT_EQ(Get("/orders", {{"if-none-match", "\"old\""}}).status, 200);
}

TEST(Console, TheCspAllowsNoInlineScript) {
  const std::string csp = kConsoleContentSecurityPolicy;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
}

TEST(Console, TheFallbackTakesGetRequestsOutsideTheApiOnly) {
  Router router;
  RegisterConsole(router, kAssets);
  EXPECT_NE(router.Fallback("GET", "/orders"), nullptr);
  EXPECT_NE(router.Fallback("GET", "/"), nullptr);
  EXPECT_TRUE(router.Fallback("GET", "/")->info.public_route);
  EXPECT_EQ(router.Fallback("POST", "/orders"), nullptr);
  EXPECT_EQ(router.Fallback("GET", "/api/v1/no-such"), nullptr);
  EXPECT_EQ(router.Fallback("GET", "/api"), nullptr);
  EXPECT_TRUE(router.routes().empty());
  Router without;
  EXPECT_EQ(without.Fallback("GET", "/orders"), nullptr);
}

}  // namespace
}  // namespace ordo::http
