// The staff console (console/, Vue): its built files are compiled into the binary
// (scripts/embed_console.py generates ConsoleAssets() at build time) and served at "/" by the
// router's fallback, so one file deploys the API and the console together.
#pragma once

#include <span>
#include <string_view>

#include "http/server.h"

namespace ordo::http {

// One built file of the console.
struct StaticAsset {
  std::string_view path;          // "/index.html", "/assets/index-3f2a1b.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view body;
  std::string_view gzip_body;  // the same bytes gzip-compressed; empty when not smaller
  std::string_view etag;       // a quoted strong validator derived from the bytes
  bool immutable = false;      // the name carries a content hash: cacheable for ever
};

// The embedded files; defined by the generated source of the build (ordo_console_assets).
std::span<const StaticAsset> ConsoleAssets();
// Swagger UI (npm swagger-ui-dist, tools/) with its page and initialiser (tools/docs/), each at
// /docs/<name>; generated likewise.
std::span<const StaticAsset> DocsAssets();

// The Content-Security-Policy of every console page: scripts and styles from the server itself
// only (no inline script; Element Plus sets inline style attributes), API calls to the same
// origin, no framing, no plugins.
extern const char kConsoleContentSecurityPolicy[];

// A GET handler for Router::SetFallback serving `assets`: a file by its path; any other path
// not under /assets/ gets index.html (the console routes in history mode); hashed files are
// cached as immutable, index.html is revalidated on every load (no-cache); gzip is sent when
// the client accepts it; If-None-Match is answered 304. /docs and /docs/ answer the API's
// documentation page (`docs`' /docs/index.html) and /docs/<name> its files, with the same
// headers; a missing one is 404. `assets` and `docs` must outlive the handler.
Handler ConsoleHandler(std::span<const StaticAsset> assets,
                       std::span<const StaticAsset> docs = {});

// Registers ConsoleHandler(assets, docs) as the router's fallback.
void RegisterConsole(Router& router, std::span<const StaticAsset> assets,
                     std::span<const StaticAsset> docs = {});

}  // namespace ordo::http
