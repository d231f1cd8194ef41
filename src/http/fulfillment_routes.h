// Internal to http/: the route registrations of fulfilment (settings, abnormal cases, waves and
// documents, shipments, tracking), all reached through RegisterFulfillmentRoutes (routes.h), and
// the small helpers their handlers share.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/order_commands.h"
#include "http/routes.h"

namespace ordo::http {

void RegisterSettingsRoutes(Router& router, const ApiContext& api);
void RegisterAnomalyRoutes(Router& router, const ApiContext& api);
void RegisterWaveRoutes(Router& router, const ApiContext& api);
void RegisterShipmentRoutes(Router& router, const ApiContext& api);
void RegisterTrackingRoutes(Router& router, const ApiContext& api);
void RegisterWaybillRoutes(Router& router, const ApiContext& api);

// The boxes of a pack or re-weighing body: "boxes": [{"weight_g", "box"?}] or, for one box,
// "weight_g" and "box"? (weight_g required then). Faults join the reader's errors.
std::vector<app::BoxInput> ReadPackedBoxes(FieldReader& reader);

// A positive decimal id from a path segment, or nullopt.
std::optional<int64_t> ParseId(std::string_view text);

// GET /…/{id} of a record read by id: `load(id)` returns Result<std::optional<T>>; the record
// is answered 200 as `to_json(record)`, and an id that is not a number or names nothing gets 404
// "no <what> <id>".
template <typename Load, typename ToJson>
void RespondWithRecord(Request& request, Respond& respond, std::string_view what, Load load,
                       ToJson to_json) {
  const std::string_view text = request.Param("id");
  const std::optional<int64_t> id = ParseId(text);
  auto missing = [&] { return Status::NotFound("no " + std::string(what) + " " + std::string(text)); };
  if (!id) {
    respond(Response::Problem(missing()));
    return;
  }
  auto found = load(*id);
  if (!found.ok() || !found->has_value()) {
    respond(Response::Problem(found.ok() ? missing() : found.status()));
    return;
  }
  respond(Response::Json(200, Serialize(to_json(**found))));
}

// The command a POST /…/{id}/<action> runs: it reads its fields from the body through the
// reader (collecting field errors there) and reports into `out`.
template <typename Outcome>
using IdCommand = WriteFn (*)(int64_t, FieldReader&, app::CommandContext,
                              std::shared_ptr<Outcome>);

// POST /…/{id}/<action>: 404 "no <what> <id>" for an id that is not a number, 422 with every
// field error of the (optional) JSON body, otherwise runs the command and answers 200 with
// `render(*out)`, or the command's refusal.
template <typename Outcome, typename Render>
void PostIdCommand(const ApiContext& api, Request& request, Respond respond, std::string_view what,
                   IdCommand<Outcome> command, Render render) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(
        Status::NotFound("no " + std::string(what) + " " + std::string(request.Param("id")))));
    return;
  }
  std::optional<boost::json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  auto out = std::make_shared<Outcome>();
  WriteFn fn = command(*id, reader, ContextOf(api, request), out);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  RunCommand(api, request, std::move(respond), std::move(fn), [out, render](const Status& status) {
    return status.ok() ? render(*out) : Response::Problem(status);
  });
}

// Binds a handler function to the API context for Router::Add.
inline Handler Bind(const ApiContext& api, void (*fn)(const ApiContext&, Request&, Respond)) {
  const ApiContext* a = &api;
  return [a, fn](Request& request, Respond respond) { fn(*a, request, std::move(respond)); };
}

}  // namespace ordo::http
