#include "http/console.h"

#include <algorithm>
#include <string>

#include "http/problem.h"

namespace ordo::http {

const char kConsoleContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

namespace {

// True when the Accept-Encoding header lists gzip without q=0.
bool AcceptsGzip(const Request& request) {
  std::optional<std::string_view> header = request.Header("accept-encoding");
  if (!header) {
    return false;
  }
  size_t start = 0;
  while (start <= header->size()) {
    size_t end = std::min(header->find(',', start), header->size());
    std::string_view item = header->substr(start, end - start);
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    std::string_view name = item.substr(0, item.find(';'));
    while (!name.empty() && name.back() == ' ') {
      name.remove_suffix(1);
    }
    if (name == "gzip" || name == "x-gzip" || name == "*") {
      // "gzip;q=0" (or 0.0, 0.00 …) refuses it; any other weight accepts it.
      const size_t q = item.find("q=");
      if (q == std::string_view::npos) {
        return true;
      }
      std::string_view weight = item.substr(q + 2);
      return weight.find_first_not_of("0. ") != std::string_view::npos;
    }
    start = end + 1;
  }
  return false;
}

const StaticAsset* Find(std::span<const StaticAsset> assets, std::string_view path) {
  for (const StaticAsset& asset : assets) {
    if (asset.path == path) {
      return &asset;
    }
  }
  return nullptr;
}

Response Serve(const StaticAsset& asset, const Request& request) {
  Response response;
  response.status = 200;
  response.content_type = std::string(asset.content_type);
  response.headers.emplace_back("ETag", std::string(asset.etag));
  response.headers.emplace_back(
      "Cache-Control", asset.immutable
                           ? "public, max-age=31536000, immutable"
                           : (asset.path.ends_with("/index.html") ? "no-cache"
                                                                   : "public, max-age=3600"));
  response.headers.emplace_back("Vary", "Accept-Encoding");
  response.headers.emplace_back("Content-Security-Policy", kConsoleContentSecurityPolicy);
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  if (std::optional<std::string_view> match = request.Header("if-none-match");
      match && match->find(asset.etag) != std::string_view::npos) {
    response.status = 304;
    response.content_type.clear();
    return response;
  }
  if (!asset.gzip_body.empty() && AcceptsGzip(request)) {
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.body = std::string(asset.gzip_body);
  } else {
    response.body = std::string(asset.body);
  }
  return response;
}

}  // namespace

Handler ConsoleHandler(std::span<const StaticAsset> assets, std::span<const StaticAsset> docs) {
  return [assets, docs](Request& request, Respond respond) {
    std::string_view path = request.path == "/" ? "/index.html" : std::string_view(request.path);
    if (path == "/docs" || path.starts_with("/docs/")) {
      // The API's documentation: its own files, never the console's page.
      const StaticAsset* asset =
          Find(docs, path == "/docs" || path == "/docs/" ? "/docs/index.html" : path);
      if (asset == nullptr) {
        respond(MakeProblem(404, Code::kNotFound, "no resource at " + request.path));
        return;
      }
      respond(Serve(*asset, request));
      return;
    }
    const StaticAsset* asset = Find(assets, path);
    if (asset == nullptr && !path.starts_with("/assets/")) {
      asset = Find(assets, "/index.html");  // a page of the console: its router shows it
    }
    if (asset == nullptr) {
      respond(MakeProblem(404, Code::kNotFound, "no resource at " + request.path));
      return;
    }
    respond(Serve(*asset, request));
  };
}

void RegisterConsole(Router& router, std::span<const StaticAsset> assets,
                     std::span<const StaticAsset> docs) {
  router.SetFallback("/{console}",
                     {"The staff console and the API's documentation at /docs (HTML, scripts, "
                      "styles)",
                      "", true, "", "", 200},
                     ConsoleHandler(assets, docs));
}

}  // namespace ordo::http
