#include "http/access_log.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace ordo::http {
namespace {

TEST(AccessLog, ALineSaysWhoWhatAndFromWhereButNotTheQueryOrBody) {
  Request request;
  request.method = "GET";
  request.target = "/api/v1/orders?phone=13812345678";
  request.path = "/api/v1/orders";
  request.query = {{"phone", "13812345678"}};
  request.body = R"({"name": "张三"})";
  request.client = "10.0.0.7";
  request.principal = Principal{"token:3", "web", "channel"};
  Route route{"GET", "/api/v1/orders", {}, [](Request&, Respond) {}, 4};
  const std::string line = AccessLog::Line(request, &route, 200, 1234, Timestamp{0});
  const boost::json::object entry = boost::json::parse(line).as_object();
  EXPECT_EQ(entry.at("client").as_string(), "10.0.0.7");
  EXPECT_EQ(entry.at("actor").as_string(), "token:web");
  EXPECT_EQ(entry.at("route").as_string(), "/api/v1/orders");
  EXPECT_EQ(entry.at("status").as_int64(), 200);
  EXPECT_FALSE(entry.contains("security"));
  EXPECT_EQ(line.find("13812345678"), std::string::npos);
  EXPECT_EQ(line.find("张三"), std::string::npos);
}

TEST(AccessLog, RefusalsAndLoginsAreSecurityEventsAndBadBytesStayValidJson) {
  Request request;
  request.method = "POST";
  request.path = "/api/v1/skus/\xC0\xAF";
  request.client = "192.0.2.1";
  const std::string refused = AccessLog::Line(request, nullptr, 401, 10, Timestamp{0});
  const boost::json::object entry = boost::json::parse(refused).as_object();
  EXPECT_TRUE(entry.at("security").as_bool());
  EXPECT_EQ(entry.at("actor").as_string(), "-");
  Route login{"POST", "/api/v1/auth/login", {}, [](Request&, Respond) {}, 4};
  request.path = "/api/v1/auth/login";
  EXPECT_NE(AccessLog::Line(request, &login, 200, 10, Timestamp{0}).find("\"security\":true"),
            std::string::npos);
}

}  // namespace
}  // namespace ordo::http
