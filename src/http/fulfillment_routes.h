// Internal to http/: the route registrations of fulfilment (settings, abnormal cases, waves and
// documents, shipments, tracking), all reached through RegisterFulfillmentRoutes (routes.h), and
// the small helpers their handlers share.
#pragma once

#include <optional>
#include <string_view>

#include "http/routes.h"

namespace ordo::http {

void RegisterSettingsRoutes(Router& router, const ApiContext& api);
void RegisterAnomalyRoutes(Router& router, const ApiContext& api);
void RegisterWaveRoutes(Router& router, const ApiContext& api);
void RegisterShipmentRoutes(Router& router, const ApiContext& api);
void RegisterTrackingRoutes(Router& router, const ApiContext& api);

// A positive decimal id from a path segment, or nullopt.
std::optional<int64_t> ParseId(std::string_view text);

// Binds a handler function to the API context for Router::Add.
inline Handler Bind(const ApiContext& api, void (*fn)(const ApiContext&, Request&, Respond)) {
  const ApiContext* a = &api;
  return [a, fn](Request& request, Respond respond) { fn(*a, request, std::move(respond)); };
}

}  // namespace ordo::http
