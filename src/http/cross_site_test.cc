#include <gtest/gtest.h>

#include "http/server.h"

namespace ordo::http {
namespace {

Request Write(std::vector<std::pair<std::string, std::string>> headers) {
  Request request;
  request.method = "POST";
  request.path = "/api/v1/orders";
  request.body = "{}";
  request.headers = {{"host", "ordo.example:8443"}};
  request.headers.insert(request.headers.end(), headers.begin(), headers.end());
  return request;
}

TEST(CrossSite, ACookieWriteMustBeJsonFromTheSameOrigin) {
  EXPECT_TRUE(CheckCrossSite(Write({{"content-type", "application/json; charset=utf-8"},
                                    {"origin", "https://ordo.example:8443"},
                                    {"sec-fetch-site", "same-origin"}}),
                             true)
                  .ok());
  EXPECT_TRUE(CheckCrossSite(Write({{"content-type", "application/json"}}), true).ok())
      << "a client that sends no Origin (curl, scripts)";
  for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"content-type", "text/plain"}},
           {{"content-type", "application/x-www-form-urlencoded"}},
           {{"content-type", "application/json"}, {"origin", "https://evil.example"}},
           {{"content-type", "application/json"}, {"origin", "null"}},
           {{"content-type", "application/json"}, {"sec-fetch-site", "cross-site"}},
           {{"content-type", "application/json"}, {"sec-fetch-site", "same-site"}}}) {
    const Status refused = CheckCrossSite(Write(headers), true);
    EXPECT_EQ(refused.code(), Code::kCrossSiteRequest) << headers.back().second;
    EXPECT_EQ(refused.kind(), Kind::kForbidden);
  }
}

TEST(CrossSite, ACookieUploadNeedsTheExplicitHeaderAForeignFormCannotSend) {
  const std::pair<std::string, std::string> form = {"content-type",
                                                    "multipart/form-data; boundary=x"};
  EXPECT_EQ(CheckCrossSite(Write({form}), true).code(), Code::kCrossSiteRequest)
      << "a plain form post may come from any site";
  EXPECT_TRUE(CheckCrossSite(Write({form, {"x-requested-with", "XMLHttpRequest"}}), true).ok());
  EXPECT_EQ(CheckCrossSite(Write({form,
                                  {"x-requested-with", "XMLHttpRequest"},
                                  {"origin", "https://evil.example"}}),
                           true)
                .code(),
            Code::kCrossSiteRequest)
      << "the origin is still checked";
  EXPECT_EQ(CheckCrossSite(Write({{"content-type", "text/plain"},
                                  {"x-requested-with", "XMLHttpRequest"}}),
                           true)
                .code(),
            Code::kCrossSiteRequest)
      << "the header admits uploads only";
}

TEST(CrossSite, OnlyOriginIsCheckedWithoutACookieAndTheDefaultPortMatches) {
  // A bearer token is never sent by a browser on its own: any content type will do.
  EXPECT_TRUE(CheckCrossSite(Write({{"content-type", "text/plain"}}), false).ok());
  EXPECT_FALSE(CheckCrossSite(Write({{"origin", "https://evil.example"}}), false).ok());
  Request request = Write({{"origin", "https://ordo.example"}});
  request.headers[0].second = "ordo.example:443";
  EXPECT_TRUE(CheckCrossSite(request, false).ok());
  request.headers[0].second = "ORDO.example";
  EXPECT_TRUE(CheckCrossSite(request, false).ok()) << "host names ignore case";
}

}  // namespace
}  // namespace ordo::http
