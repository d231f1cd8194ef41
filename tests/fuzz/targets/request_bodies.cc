// Fuzz target: the JSON body decoders of every API route that takes a body (payments, refunds,
// after-sales cases, stock receipts and adjustments, changes, pick/pack/weigh/ship, users,
// settings, …), each with the handler's own checks and the command it submits, which runs in
// full against the demo data and is then rolled back (api_harness.h).
//
// Input: the route (ChooseRoute: "/METHOD PATTERN\n" or an index byte), one byte choosing the
// path parameters' values (an order in each status, SKUs, warehouses, ids) and an If-Match
// header, then the body.
// Invariants (CheckAnswer): never 500, JSON answers parse, problems name their fields.
#include <algorithm>
#include <tuple>

#include "api_harness.h"

namespace {

// Every route with a body except the signed callbacks (signed_callbacks.cc), in a fixed order.
const std::vector<const ordo::http::Route*>& BodyRoutes() {
  static const std::vector<const ordo::http::Route*> routes = [] {
    std::vector<const ordo::http::Route*> found;
    for (const ordo::http::Route& route : ordo::fuzz::ApiHarness::Get().router().routes()) {
      if (route.method != "GET" && route.method != "HEAD" &&
          !route.pattern.starts_with("/api/v1/payment-callbacks/") &&
          !route.pattern.starts_with("/api/v1/tracking-events/")) {
        found.push_back(&route);
      }
    }
    std::sort(found.begin(), found.end(), [](auto* a, auto* b) {
      return std::tie(a->pattern, a->method) < std::tie(b->pattern, b->method);
    });
    return found;
  }();
  return routes;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  BodyRoutes();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ordo;
  std::string_view input = fuzz::AsText(data, size);
  const http::Route* route = fuzz::ChooseRoute(BodyRoutes(), input);
  if (route == nullptr || input.empty()) {
    return 0;
  }
  const unsigned pick = static_cast<unsigned char>(input.front());
  input.remove_prefix(1);
  // Edits (PATCH of an order, the settings, the carrier rules) need If-Match: the choice byte's
  // high bit sends one, with a version from its next three bits.
  std::vector<std::pair<std::string, std::string>> headers;
  if ((pick & 0x80) != 0) {
    headers.emplace_back("if-match", "\"" + std::to_string((pick >> 4) & 7) + "\"");
  }
  const http::Response response =
      fuzz::ApiHarness::Get().Call(*route, pick, {}, std::string(input), std::move(headers));
  fuzz::CheckAnswer(response, route->method + " " + route->pattern);
  return 0;
}
