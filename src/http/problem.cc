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

namespace {

// The length of the well-formed UTF-8 sequence at the start of `text`, or 0.
size_t SequenceLength(std::string_view text) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) {
    return 1;
  }
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong form
    high = lead == 0xED ? 0x9F : 0xBF;  // no surrogate
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) {
    return 0;
  }
  for (size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) {
      return 0;
    }
  }
  return length;
}

}  // namespace

std::string ValidUtf8(std::string_view text) {
  size_t at = 0;
  size_t length = 0;
  while (at < text.size() && (length = SequenceLength(text.substr(at))) != 0) {
    at += length;
  }
  if (at == text.size()) {
    return std::string(text);  // the common case: valid already
  }
  std::string out(text.substr(0, at));
  while (at < text.size()) {
    length = SequenceLength(text.substr(at));
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER, for one bad byte
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  return out;
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
  body.emplace("detail", ValidUtf8(detail));
  if (!errors.empty()) {
    boost::json::array list;
    list.reserve(errors.size());
    for (const FieldError& error : errors) {
      list.push_back(boost::json::object{{"field", ValidUtf8(error.field)},
                                         {"code", CodeName(error.code)},
                                         {"message", ValidUtf8(error.message)}});
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
