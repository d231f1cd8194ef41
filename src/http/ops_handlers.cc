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
  router.Add("GET", "/metrics", {"Prometheus metrics", "", true, "", "", 200},
             MetricsHandler(*api.metrics));
  const Router* r = &router;
  router.Add("GET", "/api/v1/openapi.json", {"This document", "", true, "", "", 200},
             [r](Request&, Respond respond) {
               static const std::string document = OpenApiDocument(*r);
               respond(Response::Json(200, document));
             });
}

}  // namespace ordo::http
