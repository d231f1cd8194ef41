// The /api/v1 resources: routes, their permissions, and the handlers that turn requests into
// use cases (app/) and reads (ReadView). Handlers never touch a store implementation.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "app/command.h"
#include "app/idempotency.h"
#include "app/import_orders.h"
#include "base/clock.h"
#include "domain/audit/policy.h"
#include "http/login_throttle.h"
#include "http/metrics.h"
#include "http/server.h"
#include "http/token_cache.h"
#include "http/worker_pool.h"
#include "store/store.h"

namespace ordo::http {

class DocumentRenderer;  // http/document_renderer.h
class ExportRunner;      // http/export_runner.h

struct ApiContext {
  Store* store = nullptr;
  const Clock* clock = nullptr;
  Metrics* metrics = nullptr;
  // The reward thresholds of the supervision policy file; the defaults when null. Its time
  // limits come from the settings (domain/audit/policy.h PolicyFromSettings).
  const RewardThresholds* supervision = nullptr;
  // Threads for password hashing and checking; null runs that work on the calling thread.
  WorkerPool* workers = nullptr;
  // Carrier code → the secret its tracking callbacks are signed with (HMAC-SHA256 of the raw
  // body); a carrier without one is refused. Never shown by the API, never logged.
  const std::map<std::string, std::string, std::less<>>* tracking_secrets = nullptr;
  // Payment provider code → the secret its callbacks are signed with, alike; a provider without
  // one is unknown (404). Never shown by the API, never logged.
  const std::map<std::string, std::string, std::less<>>* payment_secrets = nullptr;
  // Clients reach Ordo over HTTPS (through a TLS-terminating proxy, `ordo serve --tls`): the
  // session cookie is then "__Host-ordo_session" with Secure, else "ordo_session" without.
  bool tls = false;
  // API tokens looked up recently (auth.cc); revocations and disabled accounts clear it. Null:
  // none is kept (every request reads its token).
  TokenCache* token_cache = nullptr;
  // Password guessing limits per client and per name (login_throttle.h); null: none.
  LoginThrottle* login_throttle = nullptr;
  // Renders of printed documents: off the HTTP threads, cached per wave, a few per caller at once
  // (document_renderer.h); null renders on the calling thread.
  DocumentRenderer* documents = nullptr;
  // Exports (CSV / XLSX of the lists): made off the HTTP threads and sent as they are made, a
  // few at once (export_runner.h); null makes them on the calling thread, whole, for tests.
  ExportRunner* exports = nullptr;
  // The carriers whose own systems issue their waybill numbers (app/waybills.h); null: none.
  const app::CarrierAdapters* carrier_adapters = nullptr;
  // Runs uploaded order imports in the background (app/import_orders.h); null: POST
  // /api/v1/imports answers 503.
  app::ImportService* imports = nullptr;
};

// Registers every route of the HTTP API on `router`. `api` must outlive the router.
void RegisterRoutes(Router& router, const ApiContext& api);
// GET /metrics without credentials, for a router served on a separate, private address (`ordo
// serve --metrics-listen`); on the API's address it needs metrics:read.
void RegisterMetricsRoute(Router& router, Metrics& metrics);

// Resolves credentials: a bearer API token (cached for a few seconds once looked up; expired,
// revoked and dead accounts' tokens are refused), or a login session from the session cookie
// or used as a bearer token (never cached). Thread-safe; `api` must outlive it.
Authenticator MakeAuthenticator(const ApiContext& api);
// Sessions are touched (last_seen_at) at most this often, so authentication stays a read.
constexpr int64_t kSessionTouchIntervalMs = 60 * 1000;
// The credentials a request carries, or "" for none.
std::string_view BearerToken(const Request& request);
// The session cookie's name: "__Host-ordo_session" behind TLS, else "ordo_session".
std::string_view SessionCookieName(const ApiContext& api);
std::string_view SessionCookie(const ApiContext& api, const Request& request);
// The role → permission table of app/access.h.
Authorizer MakeAuthorizer();

// The OpenAPI 3 document describing every route of `router`.
std::string OpenApiDocument(const Router& router);

// --- Helpers shared by the handler files. ---

// The actor written into history and ledgers for this request, e.g. "token:web".
std::string ActorOf(const Request& request);
app::CommandContext ContextOf(const ApiContext& api, const Request& request);
// Personal data (names, phones, address details, complaint notes) is masked in every answer, to
// every role (domain.md DOC-2): reading it unmasked is an explicit act, POST
// /api/v1/orders/{order_no}/reveal (pii:read), recorded with who, when and which order in the
// order's history and the audit trail. Handlers pass this to the DTO writers' `reveal`.
inline constexpr bool kMasked = false;
// Parses the body as a JSON object or answers 400 and returns nullopt.
std::optional<boost::json::value> BodyOrRespond(Request& request, Respond& respond);
// The same for bodies that may be left out: an absent body reads as an empty object.
std::optional<boost::json::value> OptionalBodyOrRespond(Request& request, Respond& respond);
// An If-Match header as a version number; kPreconditionFailed when it is not one.
Result<std::optional<int64_t>> IfMatchVersion(const Request& request);
// IfMatchVersion for an edit, which needs the header: its version, or nullopt after answering
// 428 precondition_required (missing, naming `what`) or 412 (malformed).
std::optional<int64_t> RequiredIfMatchOrRespond(const Request& request, Respond& respond,
                                                std::string_view what);

// Submits `command` to the store and answers with `render(status)` once its outcome is durable.
// With an Idempotency-Key header, the rendered answer is stored with the command's effects and
// replayed for repeats.
void RunCommand(const ApiContext& api, Request& request, Respond respond, WriteFn command,
                std::function<Response(const Status&)> render);

// --- Refused attempts (domain.md AUD-2, http/attempts.cc) ---

// `render`, made to also record a staff member's refused move of an order (409
// illegal_transition or change_not_allowed) that amounts to a violation: a command of its own,
// submitted when the refusal is rendered, since the refused command leaves nothing behind.
// Requests that name no order, and channels, get `render` back unchanged, at no cost.
std::function<Response(const Status&)> RecordingRefusals(
    const ApiContext& api, const Request& request, std::function<Response(const Status&)> render);
// For ServerOptions::on_forbidden: records a staff member refused a route that needs pii:read.
std::function<void(const Request&, const RouteInfo&)> MakeForbiddenRecorder(const ApiContext& api);

}  // namespace ordo::http
