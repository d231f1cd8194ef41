// Carrier tracking callbacks (domain.md LOG-2, LOG-3):
//   POST /api/v1/tracking-events/{carrier}
//   {"tracking_no", "event_id", "status", "at", "location"}
// Signed like payment callbacks, and like them without a token (carriers cannot send one): the
// signature is the credential. X-Ordo-Signature holds the lowercase hex HMAC-SHA256 of the raw
// body under the carrier's secret (ApiContext::tracking_secrets). The carrier in the path is one
// the carrier rules name, matched without regard to case (404 unknown_carrier otherwise). A
// missing or wrong signature, or a carrier without a secret, is 401 invalid_signature and
// nothing is recorded. A repeated event_id is a no-op answered 200 with "duplicate": true.
#include "app/fulfillment.h"
#include "app/settings.h"
#include "http/fulfillment_dto.h"
#include "http/fulfillment_routes.h"
#include "http/signed_callback.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

constexpr size_t kMaxText = 128;

Status BadSignature(std::string message) {
  return Status(Kind::kUnauthenticated, Code::kInvalidSignature, std::move(message));
}

// The carrier the path names, as the carrier rules spell it ("zto" is "ZTO").
Result<std::string> CarrierOf(const ApiContext& api, const Request& request) {
  const std::string named(request.Param("carrier"));
  ORDO_ASSIGN_OR_RETURN(const Settings settings, app::LoadSettings(api.store->reads()));
  std::optional<std::string> carrier = ConfiguredCarrier(settings.carrier_rules, named);
  if (!carrier) {
    return Status(Kind::kNotFound, Code::kUnknownCarrier, "no carrier " + named);
  }
  return *carrier;
}

// Checks the signature of the raw body against the carrier's secret (http/signed_callback.h),
// kept under the carrier's configured code.
Status CheckSignature(const ApiContext& api, const Request& request, std::string_view carrier) {
  const std::string* secret = FindCallbackSecret(api.tracking_secrets, carrier);
  if (secret == nullptr) {
    return BadSignature("no tracking secret is configured for carrier " + std::string(carrier));
  }
  return CheckBodySignature(*secret, request);
}

app::TrackingInput ParseEvent(FieldReader& reader, std::string carrier) {
  app::TrackingInput input;
  input.carrier = std::move(carrier);
  input.tracking_no = reader.String("tracking_no", true);
  input.event_id = reader.String("event_id", true);
  input.location = reader.String("location", false);
  for (const char* field : {"tracking_no", "event_id", "location"}) {
    const std::string& value = field[0] == 't'   ? input.tracking_no
                               : field[0] == 'e' ? input.event_id
                                                 : input.location;
    if (value.size() > kMaxText) {
      reader.AddError(field, Code::kInvalidValue, std::string(field) + " is too long");
    }
  }
  const std::string status = reader.String("status", true);
  if (!status.empty()) {
    if (auto parsed = ParseTrackingStatus(status)) {
      input.status = *parsed;
    } else {
      reader.AddError("status", Code::kInvalidValue,
                      "status must be in_transit, out_for_delivery, delivered, lost, damaged, "
                      "delayed, refused, undeliverable or returned");
    }
  }
  if (std::optional<Timestamp> at = reader.Time("at", true)) {
    input.at = *at;
  }
  return input;
}

void PostTrackingEvent(const ApiContext& api, Request& request, Respond respond) {
  Result<std::string> configured = CarrierOf(api, request);
  if (!configured.ok()) {
    respond(Response::Problem(configured.status()));
    return;
  }
  const std::string carrier = *configured;
  Status signed_ok = CheckSignature(api, request, carrier);
  if (!signed_ok.ok()) {
    respond(Response::Problem(signed_ok));
    return;
  }
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::TrackingInput input = ParseEvent(reader, carrier);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  // The carrier is the actor, and the scope of its Idempotency-Keys.
  request.principal.id = "carrier:" + carrier;
  request.principal.name = carrier;
  auto out = std::make_shared<app::TrackingOutcome>();
  RunCommand(api, request, std::move(respond),
             app::RecordTrackingEvent(
                 std::move(input),
                 app::CommandContext{"carrier:" + carrier, api.clock, api.carrier_adapters}, out),
             [out](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               return Response::Json(
                   200, Serialize(json::object{
                            {"duplicate", out->duplicate},
                            {"applied", !out->duplicate && out->event.applied},
                            {"note", out->event.note},
                            {"order_status", out->order_status
                                                 ? json::value(StatusName(*out->order_status))
                                                 : json::value(nullptr)},
                            {"shipment", ShipmentToJson(out->shipment)}}));
             });
}

}  // namespace

void RegisterTrackingRoutes(Router& router, const ApiContext& api) {
  router.Add("POST", "/api/v1/tracking-events/{carrier}",
             {"A carrier's tracking event, signed (X-Ordo-Signature: hex HMAC-SHA256 of the "
              "body); no token: the signature is the credential. The carrier code is matched "
              "without regard to case; repeats are no-ops, older events never move a parcel back",
              "", true, "TrackingEvent", "TrackingResult", 200},
             Bind(api, &PostTrackingEvent));
}

}  // namespace ordo::http
