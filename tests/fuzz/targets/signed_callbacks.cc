// Fuzz target: the signed callbacks, POST /api/v1/payment-callbacks/{provider} (payment
// notifications) and POST /api/v1/tracking-events/{carrier} (carriers' tracking events): the
// signature check of the raw body and the parsing that follows, through the real handlers and
// the commands they submit (run against the demo data, then rolled back: api_harness.h).
//
// Input: byte 0 chooses the route (bit 0) and how the body is signed (bits 1-2: with the
// provider's secret, not at all, with a wrong signature, or with the fuzzed text that follows up
// to the first newline as the X-Ordo-Signature header); byte 1 chooses the provider or carrier
// and the order; the rest is the body. The body is signed inside the target with the fixed test
// secret, so the fuzzer reaches the parsing behind the signature.
//
// Invariants: CheckAnswer (never 500, JSON answers parse, problems name their fields); a body
// without a correct signature is never accepted (401, or 404 for an unknown sender).
#include "api_harness.h"

namespace {

const ordo::http::Route& FindRoute(std::string_view pattern) {
  for (const ordo::http::Route& route : ordo::fuzz::ApiHarness::Get().router().routes()) {
    if (route.method == "POST" && route.pattern == pattern) {
      return route;
    }
  }
  std::fprintf(stderr, "fuzz: no route POST %.*s\n", static_cast<int>(pattern.size()),
               pattern.data());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ordo::fuzz::ApiHarness::Get();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ordo;
  std::string_view input = fuzz::AsText(data, size);
  if (input.size() < 2) {
    return 0;
  }
  static const http::Route& payments = FindRoute("/api/v1/payment-callbacks/{provider}");
  static const http::Route& tracking = FindRoute("/api/v1/tracking-events/{carrier}");
  const unsigned mode = static_cast<unsigned char>(input[0]);
  const unsigned pick = static_cast<unsigned char>(input[1]);
  input.remove_prefix(2);
  const http::Route& route = (mode & 1) ? tracking : payments;
  const unsigned signing = (mode >> 1) & 3;
  std::string signature;
  if (signing == 0) {
    signature = fuzz::ApiHarness::Sign(input);
  } else if (signing == 2) {
    signature = fuzz::ApiHarness::Sign(input);
    signature[pick % signature.size()] = signature[pick % signature.size()] == '0' ? '1' : '0';
  } else if (signing == 3) {
    const size_t end = input.find('\n');
    signature = std::string(input.substr(0, end));
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  }
  std::vector<std::pair<std::string, std::string>> headers;
  if (signing != 1) {
    headers.emplace_back("x-ordo-signature", signature);
  }
  const std::string body(input);
  const http::Response response =
      fuzz::ApiHarness::Get().Call(route, pick, {}, body, std::move(headers));
  fuzz::CheckAnswer(response, route.pattern + " signing " + std::to_string(signing));
  const bool signed_right =
      signing == 0 || (signing == 3 && signature == fuzz::ApiHarness::Sign(body));
  if (!signed_right) {
    FUZZ_CHECK(response.status == 401 || response.status == 404,
               "accepted without a correct signature: " + std::to_string(response.status) + " " +
                   response.body.substr(0, 300));
  }
  return 0;
}
