// problem+json bodies: {"type", "title", "status", "code", "detail", "errors"}.
#include "http/problem.h"

#include <boost/json.hpp>
#include <string>
#include <utility>

namespace ordo::http {

int HttpStatusFor(Kind kind) {
  switch (kind) {
    case Kind::kMalformed:
      return 400;
    case Kind::kUnauthenticated:
      return 401;
    case Kind::kForbidden:
      return 403;
    case Kind::kNotFound:
      return 404;
    case Kind::kConflict:
      return 409;
    case Kind::kPreconditionFailed:
      return 412;
    case Kind::kInvalid:
      return 422;
    case Kind::kUnavailable:
      return 503;
    case Kind::kOk:
    case Kind::kInternal:
      return 500;
  }
  return 500;
}

std::string_view HttpStatusTitle(int http_status) {
  switch (http_status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 428:
      return "Precondition Required";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

Response MakeProblem(int http_status, Code code, std::string_view detail,
                     const std::vector<FieldError>& errors) {
  std::string_view code_name = CodeName(code);
  boost::json::object body;
  body.reserve(errors.empty() ? 5 : 6);
  std::string type = "https://ordo.dev/problems/";
  type += code_name;
  body.emplace("type", type);
  body.emplace("title", HttpStatusTitle(http_status));
  body.emplace("status", http_status);
  body.emplace("code", code_name);
  body.emplace("detail", detail);
  if (!errors.empty()) {
    boost::json::array list;
    list.reserve(errors.size());
    for (const FieldError& error : errors) {
      list.push_back(boost::json::object{
          {"field", error.field}, {"code", CodeName(error.code)}, {"message", error.message}});
    }
    body.emplace("errors", std::move(list));
  }
  Response response;
  response.status = http_status;
  response.content_type = "application/problem+json";
  response.body = boost::json::serialize(body);
  return response;
}

Response Response::Json(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Response::Problem(const Status& status) {
  if (status.ok()) {
    // A handler bug: an ok Status is not a refusal. Answer 500 rather than pretend success.
    return MakeProblem(500, Code::kInternal, "the server produced an empty error");
  }
  return MakeProblem(HttpStatusFor(status.kind()), status.code(), status.message(),
                     status.field_errors());
}

}  // namespace ordo::http
