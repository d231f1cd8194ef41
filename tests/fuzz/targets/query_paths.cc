// Fuzz target: request targets (path and query string) as the server reads them: the origin-form
// parse (Boost.URL, as http/server.cc), the router's path matching (Router::Match, AllowedMethods,
// Fallback), the paging parser (ParsePage: limit and the signed cursor) and the list filters
// (ParseOrderListFilter, ParseRefundListFilter, ParseAfterSalesListFilter, ReadTimeParam); and,
// for a GET route the path matches, its handler with the fuzzed query against the demo data
// (api_harness.h), which reaches every list's own filter parser.
//
// Input: byte 0 picks the method, the rest is the request target ("/api/v1/orders?limit=5").
// Invariants: a matched route is of that method and its pattern with the matched parameters
// gives the path back; a path that exists lists its methods; an accepted page has a limit of
// 1..200; a cursor the server hands out reads back as the same position; refusals name their
// fields; handlers never answer 500 (CheckAnswer).
#include <boost/url/parse.hpp>

#include "api_harness.h"
#include "http/routes.h"

namespace {
using namespace ordo;

constexpr const char* kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

// Routes whose GET handler this target does not call: files made whole (exports, PDFs), the
// OpenAPI document, and checks that read the whole store (stock and audit verification).
bool Skipped(const http::Route& route) {
  const std::string& p = route.pattern;
  return p.find("/exports/") != std::string::npos || p.ends_with(".pdf") ||
         p == "/api/v1/openapi.json" || p.ends_with("/verify") || p == "/";
}

std::string Rebuild(std::string_view pattern,
                    const std::vector<std::pair<std::string, std::string>>& params) {
  return fuzz::ExpandPattern(pattern, [&](std::string_view name) {
    for (const auto& [key, value] : params) {
      if (key == name) {
        return value;
      }
    }
    return std::string();
  });
}

void CheckPaging(const http::Request& request) {
  Result<http::PageParams> page = http::ParsePage(request);
  if (page.ok()) {
    FUZZ_CHECK(page->limit >= 1 && page->limit <= http::kMaxPageLimit,
               "limit " + std::to_string(page->limit));
    FUZZ_CHECK(page->after_id >= 0, "negative cursor position");
  } else {
    fuzz::CheckRefusal(page.status());
  }
  std::vector<FieldError> errors;
  (void)http::ReadTimeParam(request, "created_from", errors);
  for (const FieldError& error : errors) {
    FUZZ_CHECK(error.field == "created_from", error.field);
  }
  for (auto* parse :
       {+[](const http::Request& r) { return http::ParseOrderListFilter(r).status(); },
        +[](const http::Request& r) { return http::ParseRefundListFilter(r).status(); },
        +[](const http::Request& r) { return http::ParseAfterSalesListFilter(r).status(); }}) {
    const Status status = parse(request);
    if (!status.ok()) {
      fuzz::CheckRefusal(status);
    }
  }
}

// A cursor handed out for position `id` (or key `key`) reads back as that position.
void CheckCursorRoundTrip(int64_t id, const std::string& key) {
  const boost::json::object by_id = http::PageJson({}, id);
  http::Request request;
  if (by_id.at("next_cursor").is_string()) {
    request.query = {{"cursor", std::string(by_id.at("next_cursor").as_string())}};
    Result<http::PageParams> page = http::ParsePage(request);
    FUZZ_CHECK(page.ok() && page->after_id == id, "id cursor of " + std::to_string(id));
  } else {
    FUZZ_CHECK(id <= 0, "no cursor for position " + std::to_string(id));
  }
  const boost::json::object by_key = http::PageJson({}, key);
  if (by_key.at("next_cursor").is_string()) {
    request.query = {{"cursor", std::string(by_key.at("next_cursor").as_string())}};
    Result<http::PageParams> page = http::ParsePage(request);
    FUZZ_CHECK(page.ok() && page->after_key == key, "key cursor of " + key);
  } else {
    FUZZ_CHECK(key.empty(), "no cursor for key " + key);
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::ApiHarness::Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input = fuzz::AsText(data, size);
  if (input.empty()) {
    return 0;
  }
  const std::string method = kMethods[static_cast<unsigned char>(input[0]) % std::size(kMethods)];
  input.remove_prefix(1);

  int64_t id = 0;
  for (char c : input.substr(0, 8)) {
    id = (id << 8) | static_cast<unsigned char>(c);
  }
  CheckCursorRoundTrip(id, std::string(input.substr(0, 64)));

  auto target = boost::urls::parse_origin_form(input);
  if (!target) {
    return 0;
  }
  http::Request request;
  request.method = method;
  request.target = std::string(input);
  request.path = target->path();
  for (auto param : target->params()) {
    request.query.emplace_back(std::move(param.key), std::move(param.value));
  }
  CheckPaging(request);

  fuzz::ApiHarness& harness = fuzz::ApiHarness::Get();
  const http::Router& router = harness.router();
  bool path_exists = false;
  const http::Route* route =
      router.Match(request.method, request.path, request.path_params, path_exists);
  const std::string allowed = router.AllowedMethods(request.path);
  if (route != nullptr) {
    FUZZ_CHECK(route->method == method, route->method + " for " + method);
    FUZZ_CHECK(Rebuild(route->pattern, request.path_params) == request.path,
               route->pattern + " does not give back " + request.path);
    FUZZ_CHECK(allowed.find(method) != std::string::npos, allowed + " lacks " + method);
  } else if (path_exists) {
    FUZZ_CHECK(!allowed.empty(), "a path that exists with no method: " + request.path);
  } else {
    (void)router.Fallback(request.method, request.path);
  }
  if (route != nullptr && method == "GET" && !Skipped(*route)) {
    const http::Response response = harness.Dispatch(*route, request);
    fuzz::CheckAnswer(response, "GET " + request.target);
  }
  return 0;
}
