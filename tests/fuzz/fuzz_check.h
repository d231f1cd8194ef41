// Shared by the fuzz targets: the invariant check that aborts (a crash libFuzzer records, in
// every build type), and helpers that read a fuzz input as a few independent fields.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "http/server.h"

// A broken invariant of the code under test: printed with what was found, then abort().
#define FUZZ_CHECK(condition, detail)                                                           \
  do {                                                                                          \
    if (!(condition)) [[unlikely]] {                                                            \
      std::fprintf(stderr, "fuzz: invariant broken: %s at %s:%d\n  %s\n", #condition, __FILE__, \
                   __LINE__, std::string(detail).c_str());                                      \
      std::abort();                                                                             \
    }                                                                                           \
  } while (false)

namespace ordo::fuzz {

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// `input` cut at every `separator` byte into at most `count` fields (the last takes the rest);
// missing fields are empty.
inline std::vector<std::string> SplitFields(std::string_view input, size_t count,
                                            char separator = '\n') {
  std::vector<std::string> fields;
  while (fields.size() + 1 < count) {
    const size_t at = input.find(separator);
    if (at == std::string_view::npos) {
      break;
    }
    fields.emplace_back(input.substr(0, at));
    input.remove_prefix(at + 1);
  }
  fields.emplace_back(input);
  fields.resize(count);
  return fields;
}

// What a refusal must always be: a status with a code, every field error naming its field, and
// a problem+json body the HTTP layer can send (valid JSON, the same status code).
inline void CheckRefusal(const Status& status) {
  FUZZ_CHECK(!status.ok(), "a refusal that is ok");
  for (const FieldError& error : status.field_errors()) {
    FUZZ_CHECK(!error.field.empty(), "a field error without its field: " + error.message);
  }
  const http::Response problem = http::Response::Problem(status);
  FUZZ_CHECK(problem.status >= 400 && problem.status <= 599, status.ToString());
  boost::system::error_code ec;
  const boost::json::value body = boost::json::parse(problem.body, ec);
  FUZZ_CHECK(!ec && body.is_object(), "problem body is not a JSON object: " + problem.body);
  FUZZ_CHECK(body.as_object().contains("status"), problem.body);
}

}  // namespace ordo::fuzz
