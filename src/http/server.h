// The HTTP/1.1 server: a Boost.Beast listener with one io_context thread per core, keep-alive,
// and a router that dispatches to handlers. Handlers answer through a Respond callback that may
// be called later and from any thread (for example from the store's writer after a commit); the
// session hands the response back to its own strand before writing it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace ordo::http {

class Metrics;  // http/metrics.h

// Who is calling, once authenticated.
struct Principal {
  std::string id;    // stable scope for idempotency keys and audit, e.g. "token:12"
  std::string name;  // human-readable actor, e.g. "token:web" or "user:alice"
  std::string role;  // "admin", "channel", …
  // Authenticated by the session cookie a browser sends by itself (not by an Authorization
  // header): its writes are checked against cross-site request forgery.
  bool from_cookie = false;
  bool authenticated() const { return !id.empty(); }
};

struct Request {
  std::string method;  // "GET", "POST", …
  std::string target;  // the raw request target, e.g. "/api/v1/orders?limit=5"
  std::string path;    // the decoded path without the query
  std::vector<std::pair<std::string, std::string>> query;        // decoded, in order
  std::vector<std::pair<std::string, std::string>> path_params;  // from {name} segments
  std::vector<std::pair<std::string, std::string>> headers;      // names lower-cased
  std::string body;
  Principal principal;
  // The caller's address: the peer's, or the one a trusted proxy names (X-Forwarded-For).
  std::string client;
  // Runs `task` on one of the server's threads, soon; set by the server for every request. Lets
  // a handler move work (such as rendering a response) off a thread that must stay free, like
  // the store's writer.
  std::function<void(std::function<void()>)> defer;

  // The first value, or nullopt.
  std::optional<std::string_view> Query(std::string_view name) const;
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // The path parameter, which the router guarantees exists for the matched route.
  std::string_view Param(std::string_view name) const;
};

// A response body produced while it is being sent (chunked transfer encoding): large answers
// made off the HTTP threads, such as exports, which never hold the whole body in memory.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Asks for the next piece; `ready` is called exactly once, from any thread. An empty piece ends
  // the body. `failed` ends the connection at once without the last chunk, so the client sees a
  // cut transfer rather than a complete-looking file. The server asks again only after the
  // previous piece was written, so at most one piece is in flight.
  virtual void Next(std::function<void(std::string piece, bool failed)> ready) = 0;
  // The connection closed (or the server stops) before the end: the producer should stop, and
  // a pending `ready` may be dropped without being called. Any thread; may be called again.
  virtual void Cancel() = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers: ETag, Location, …
  // When set, the body comes from here in pieces, and `body` is ignored.
  std::shared_ptr<BodyStream> stream;

  static Response Json(int status, std::string body);
  // An RFC 9457 problem+json body for `status` (never ok), with its stable code and field errors.
  static Response Problem(const Status& status);
};

// Called exactly once per request, from any thread; later calls are ignored. A Respond that is
// destroyed without being called answers 500 internal_error. The Request passed to the handler
// stays valid until Respond is called (the session owns it), so a handler may keep a reference
// to it while its work runs elsewhere, but must not touch it after responding.
using Respond = std::function<void(Response)>;
using Handler = std::function<void(Request&, Respond)>;

// Static facts about a route, for permission checks and the OpenAPI document.
// A query parameter a route reads, for the OpenAPI document.
struct QueryParam {
  std::string name;
  std::string description;
  std::string type = "string";  // the JSON schema type: "string", "integer" or "boolean"
};

struct RouteInfo {
  std::string summary;
  // Required permission, e.g. "orders:write"; alternatives separated by '|' (any one suffices,
  // app/access.h RoleMeets); empty for public routes.
  std::string permission;
  bool public_route = false;    // true: no Authorization needed (healthz, openapi.json)
  std::string request_schema;   // name of a schema in the OpenAPI components, or empty
  std::string response_schema;  // idem
  int success_status = 200;
  std::vector<QueryParam> query = {};  // every query parameter the handler reads
  // The media type of the request body (file uploads: multipart/form-data).
  std::string request_media = "application/json";
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/orders/{order_no}/events"
  RouteInfo info;
  Handler handler;
  size_t segments = 0;  // '/'-separated segments of the pattern, set by Router::Add
};

class Router {
 public:
  void Add(std::string method, std::string pattern, RouteInfo info, Handler handler);
  // The route matching `method` and `path`, filling `params`; nullptr when none matches.
  // `path_exists` is set when some route matches the path with another method (405 vs 404).
  const Route* Match(std::string_view method, std::string_view path,
                     std::vector<std::pair<std::string, std::string>>& params,
                     bool& path_exists) const;
  const std::vector<Route>& routes() const { return routes_; }
  // The handler of GET requests that match no route and lie outside /api/ (the console's files
  // and its history-mode pages); public, no credentials needed. Not listed in routes().
  void SetFallback(std::string pattern, RouteInfo info, Handler handler);
  // The fallback route for `method` and `path`, or nullptr when there is none or it does not
  // apply (another method, or a path under /api/).
  const Route* Fallback(std::string_view method, std::string_view path) const;
  // The methods of the routes whose pattern matches `path`, comma-separated in registration
  // order ("GET, POST"), for the Allow header of a 405; empty when no route matches the path.
  std::string AllowedMethods(std::string_view path) const;

 private:
  std::vector<Route> routes_;
  std::optional<Route> fallback_;
};

// Resolves the Authorization header (and the session cookie) into a Principal. Returns an
// unauthenticated Principal when the credentials are missing or bad. Thread-safe.
using Authenticator = std::function<Principal(const Request&)>;
// True when `role` holds `permission`. Thread-safe.
using Authorizer = std::function<bool(const std::string& role, const std::string& permission)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port
  int threads = 0;       // 0: one per core
  size_t body_limit_bytes = 1 << 20;
  // Larger bodies for a few routes (file uploads): the limit for a request's method and target,
  // or 0 for body_limit_bytes. Called on a server thread once the headers are read.
  std::function<size_t(std::string_view method, std::string_view target)> body_limit_for;
  // The most body_limit_for returns for any request: the parser reads headers with this limit
  // (it refuses a Content-Length above its limit as it reads the headers), and each request's
  // own limit is applied as soon as its target is known.
  size_t largest_body_limit_bytes = 0;
  // A connection that sends nothing for this long (between or within requests) is closed.
  int idle_timeout_seconds = 60;
  // On Stop(), responses already being prepared get this long to be written before the
  // io_context stops.
  int shutdown_grace_ms = 2000;
  // Not owned; when set, every answered request is recorded in it. Must outlive the Server.
  Metrics* metrics = nullptr;
  // When set, called (on a server thread) with every request refused 403 because its role lacks
  // the route's permission, just before the answer is sent. Must be quick and must not throw.
  std::function<void(const Request&, const RouteInfo&)> on_forbidden;
  // Peers whose X-Forwarded-For names the client (a TLS-terminating proxy in front of Ordo);
  // the last address of that header is then the request's client. Others' headers are ignored.
  std::vector<std::string> trusted_proxies;
  // When set, called (on a server thread) once each answer has been written, with the route it
  // matched (null when none) and the time taken: the access log. Must be quick, must not throw.
  std::function<void(const Request&, const Route*, int status, int64_t elapsed_us)> on_answered;
};

// Cross-site request forgery (OWASP ASVS 5 V3.5): a write authenticated by the session cookie
// must be JSON (Content-Type application/json: a form or text/plain body cannot be sent across
// sites without a CORS preflight, which Ordo never grants; a write with no body may name no
// type), or a file upload (multipart/form-data) that also carries `X-Requested-With:
// XMLHttpRequest`, a header no cross-site form can send and a script can only send across
// sites after a preflight, which Ordo never grants either, and must not come from another origin (Origin other than the Host, or Sec-Fetch-Site
// other than same-origin or none).
// Reads, and requests carrying an Authorization header, are not subject to it. The login too
// is refused from another origin. Ok, or 403 cross_site_request.
Status CheckCrossSite(const Request& request, bool cookie_write);

class Server {
 public:
  Server(const Router& router, Authenticator authenticate, Authorizer authorize,
         ServerOptions options);
  ~Server();
  // Binds and listens; returns the bound port. Does not block.
  Result<uint16_t> Start();
  // Blocks until Stop() is called (from a signal handler thread or another thread).
  void Wait();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ordo::http
