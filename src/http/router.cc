// Route matching: patterns are compared with the path one '/'-separated segment at a time,
// without building any intermediate containers, so a lookup allocates only for the parameters
// of the route that wins.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/assert.h"
#include "http/server.h"

namespace ordo::http {
namespace {

bool IsParamSegment(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// How well `pattern` matches `path`: -1 when it does not; otherwise a score where literal
// segments earlier in the path weigh more, so "/orders/search" beats "/orders/{order_no}".
// Parameters are appended to `params` when it is not null.
int64_t MatchPattern(std::string_view pattern, std::string_view path,
                     std::vector<std::pair<std::string, std::string>>* params) {
  if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') {
    return -1;
  }
  int64_t score = 0;
  int depth = 0;
  size_t pattern_at = 1;
  size_t path_at = 1;
  while (true) {
    size_t pattern_end = std::min(pattern.find('/', pattern_at), pattern.size());
    size_t path_end = std::min(path.find('/', path_at), path.size());
    std::string_view want = pattern.substr(pattern_at, pattern_end - pattern_at);
    std::string_view have = path.substr(path_at, path_end - path_at);
    if (depth++ < 62) {
      score <<= 1;
    }
    if (IsParamSegment(want)) {
      if (have.empty()) {
        return -1;
      }
      if (params != nullptr) {
        params->emplace_back(std::string(want.substr(1, want.size() - 2)), std::string(have));
      }
    } else if (want != have) {
      return -1;
    } else {
      score |= 1;
    }
    bool pattern_last = pattern_end == pattern.size();
    bool path_last = path_end == path.size();
    if (pattern_last || path_last) {
      return pattern_last && path_last ? score : -1;
    }
    pattern_at = pattern_end + 1;
    path_at = path_end + 1;
  }
}

// Only a route with as many segments as the path can match it: comparing the counts first spares
// most of the routes a segment-by-segment comparison.
size_t SegmentCount(std::string_view path) {
  return static_cast<size_t>(std::count(path.begin(), path.end(), '/'));
}

}  // namespace

void Router::Add(std::string method, std::string pattern, RouteInfo info, Handler handler) {
  ORDO_ASSERT(!pattern.empty() && pattern.front() == '/');
  ORDO_ASSERT(handler != nullptr);
  const size_t segments = SegmentCount(pattern);
  routes_.push_back(
      Route{std::move(method), std::move(pattern), std::move(info), std::move(handler), segments});
}

const Route* Router::Match(std::string_view method, std::string_view path,
                           std::vector<std::pair<std::string, std::string>>& params,
                           bool& path_exists) const {
  path_exists = false;
  const Route* best = nullptr;
  int64_t best_score = -1;
  const size_t segments = SegmentCount(path);
  for (const Route& route : routes_) {
    if (route.segments != segments) {
      continue;
    }
    int64_t score = MatchPattern(route.pattern, path, nullptr);
    if (score < 0) {
      continue;
    }
    if (route.method != method) {
      path_exists = true;
      continue;
    }
    if (score > best_score) {
      best = &route;
      best_score = score;
    }
  }
  if (best != nullptr) {
    path_exists = true;
    params.clear();
    MatchPattern(best->pattern, path, &params);
  }
  return best;
}

void Router::SetFallback(std::string pattern, RouteInfo info, Handler handler) {
  ORDO_ASSERT(handler != nullptr && info.public_route);
  fallback_ = Route{"GET", std::move(pattern), std::move(info), std::move(handler), 0};
}

const Route* Router::Fallback(std::string_view method, std::string_view path) const {
  if (!fallback_ || method != "GET" || path == "/api" || path.starts_with("/api/")) {
    return nullptr;
  }
  return &*fallback_;
}

std::string Router::AllowedMethods(std::string_view path) const {
  std::string allowed;
  for (const Route& route : routes_) {
    if (MatchPattern(route.pattern, path, nullptr) < 0) {
      continue;
    }
    bool seen = false;
    size_t start = 0;
    while (start < allowed.size()) {
      size_t end = allowed.find(", ", start);
      std::string_view item = std::string_view(allowed).substr(start, end - start);
      if (item == route.method) {
        seen = true;
        break;
      }
      start = end == std::string::npos ? allowed.size() : end + 2;
    }
    if (seen) {
      continue;
    }
    if (!allowed.empty()) {
      allowed += ", ";
    }
    allowed += route.method;
  }
  return allowed;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::Header(std::string_view lower_name) const {
  for (const auto& [key, value] : headers) {
    if (key == lower_name) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

std::string_view Request::Param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) {
      return value;
    }
  }
  ORDO_ASSERT(false && "Request::Param: the matched route has no such parameter");
  return {};
}

}  // namespace ordo::http
