// Liveness, readiness, metrics and the OpenAPI document.
#include "http/api.h"
#include "http/routes.h"

namespace ordo::http {

void RegisterOperationsRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("GET", "/healthz", {"Liveness", "", true, "", "", 200},
             [](Request&, Respond respond) { respond(Response::Json(200, R"({"status":"ok"})")); });
  router.Add("GET", "/readyz", {"Readiness: the store answers", "", true, "", "", 200},
             [a](Request&, Respond respond) {
               respond(a->store->reads().Ping()
                           ? Response::Json(200, R"({"status":"ready"})")
                           : Response::Problem(Status::Unavailable("the store does not answer")));
             });
  // The counters say how busy the shop is and which routes fail: not for everyone. Scrape with a
  // token holding metrics:read, or serve them alone on a separate, private address
  // (`ordo serve --metrics-listen`, RegisterMetricsRoute).
  router.Add("GET", "/metrics", {"Prometheus metrics", "metrics:read", false, "", "", 200},
             MetricsHandler(*api.metrics));
  const Router* r = &router;
  router.Add("GET", "/api/v1/openapi.json", {"This document", "", true, "", "", 200},
             [r](Request&, Respond respond) {
               static const std::string document = OpenApiDocument(*r);
               respond(Response::Json(200, document));
             });
}

void RegisterMetricsRoute(Router& router, Metrics& metrics) {
  router.Add("GET", "/metrics",
             {"Prometheus metrics (on the metrics address alone)", "", true, "", "", 200},
             MetricsHandler(metrics));
}

}  // namespace ordo::http
