#include "http/problem.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/server.h"

namespace ordo::http {
namespace {

boost::json::object BodyOf(const Response& response) {
  return boost::json::parse(response.body).as_object();
}

TEST(Problem, ValidationFailureCarriesFieldErrors) {
  Status status = Status::Invalid({
      FieldError{"consignee.address.detail", Code::kAddressIncomplete, "detail is too short"},
      FieldError{"lines[1].sku", Code::kUnknownSku, "no such SKU"},
  });
  Response response = Response::Problem(status);
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.content_type, "application/problem+json");
  boost::json::object body = BodyOf(response);
  EXPECT_EQ(body.at("type").as_string(), "https://ordo.dev/problems/validation_failed");
  EXPECT_EQ(body.at("title").as_string(), "Unprocessable Content");
  EXPECT_EQ(body.at("status").as_int64(), 422);
  EXPECT_EQ(body.at("code").as_string(), "validation_failed");
  EXPECT_EQ(body.at("detail").as_string(), status.message());
  const boost::json::array& errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "consignee.address.detail");
  EXPECT_EQ(errors[0].at("code").as_string(), "address_incomplete");
  EXPECT_EQ(errors[0].at("message").as_string(), "detail is too short");
  EXPECT_EQ(errors[1].at("code").as_string(), "unknown_sku");
}

TEST(Problem, ErrorsAreOmittedWhenThereAreNone) {
  Response response = Response::Problem(
      Status::Conflict(Code::kIllegalTransition, "cannot ship a cancelled order"));
  EXPECT_EQ(response.status, 409);
  boost::json::object body = BodyOf(response);
  EXPECT_EQ(body.at("code").as_string(), "illegal_transition");
  EXPECT_EQ(body.at("title").as_string(), "Conflict");
  EXPECT_FALSE(body.contains("errors"));
}

TEST(Problem, EveryKindMapsToItsStatus) {
  struct Case {
    Kind kind;
    int status;
  };
  const Case cases[] = {
      {Kind::kMalformed, 400}, {Kind::kUnauthenticated, 401}, {Kind::kForbidden, 403},
      {Kind::kNotFound, 404},  {Kind::kConflict, 409},        {Kind::kPreconditionFailed, 412},
      {Kind::kInvalid, 422},   {Kind::kUnavailable, 503},     {Kind::kInternal, 500},
  };
  for (const Case& c : cases) {
    Response response = Response::Problem(Status(c.kind, Code::kInternal, "x"));
    EXPECT_EQ(response.status, c.status);
    EXPECT_EQ(BodyOf(response).at("status").as_int64(), c.status);
    EXPECT_NE(BodyOf(response).at("title").as_string(), "Error");
  }
}

TEST(Problem, OkStatusIsAnsweredAsInternalError) {
  Response response = Response::Problem(Status::Ok());
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(BodyOf(response).at("code").as_string(), "internal_error");
}

TEST(Problem, ExplicitStatusForHttpLevelAnswers) {
  Response response = MakeProblem(405, Code::kMalformedRequest, "DELETE is not allowed");
  EXPECT_EQ(response.status, 405);
  boost::json::object body = BodyOf(response);
  EXPECT_EQ(body.at("title").as_string(), "Method Not Allowed");
  EXPECT_EQ(body.at("type").as_string(), "https://ordo.dev/problems/malformed_request");
}

TEST(Problem, InvalidUtf8FromTheRequestIsNeverEchoedRaw) {
  // GET /api/v1/skus/%C0%AF answered "no SKU \xC0\xAF": the body was not valid JSON.
  const std::string bad = std::string("no SKU ") + "\xC0\xAF" + " or \xED\xA0\x80 or \xF4\x90";
  Response response = MakeProblem(404, Code::kNotFound, bad,
                                  {{std::string("lines[\xFF]"), Code::kInvalidValue, "\xE4\xB8"}});
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(response.body, ec);
  ASSERT_FALSE(ec) << response.body;
  const std::string detail(body.at("detail").as_string());
  EXPECT_EQ(detail.find('\xC0'), std::string::npos);
  EXPECT_NE(detail.find("\xEF\xBF\xBD"), std::string::npos) << detail;
  EXPECT_EQ(std::string(body.at("errors").at(0).at("field").as_string()), "lines[\xEF\xBF\xBD]");
  // Valid text, Chinese included, passes unchanged.
  EXPECT_EQ(ValidUtf8("西湖龙井 500g"), "西湖龙井 500g");
  EXPECT_EQ(ValidUtf8("\xF0\x9F\x8D\xB5"), "\xF0\x9F\x8D\xB5");
  EXPECT_EQ(ValidUtf8("a\xE4\xB8"), "a\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Response, JsonKeepsBodyAndStatus) {
  Response response = Response::Json(201, R"({"sku":"TEA-001"})");
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(response.body, R"({"sku":"TEA-001"})");
  EXPECT_TRUE(response.headers.empty());
}

}  // namespace
}  // namespace ordo::http
