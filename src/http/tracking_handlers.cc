// Carrier tracking callbacks (domain.md LOG-2, LOG-3):
//   POST /api/v1/tracking-events/{carrier}
//   {"tracking_no", "event_id", "status", "at", "location"}
// Signed like payment callbacks: X-Ordo-Signature holds the lowercase hex HMAC-SHA256 of the raw
// body under the carrier's secret (ApiContext::tracking_secrets). The caller also needs a token
// allowed tracking:write (a logistics integration). A missing or wrong signature, or a carrier
// without a secret, is 401 invalid_signature and nothing is recorded. A repeated event_id is a
// no-op answered 200 with "duplicate": true.
#include "app/fulfillment.h"
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

// Checks the signature of the raw body against the carrier's secret (http/signed_callback.h).
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
  // Carrier codes are case-insensitive and upper case in Ordo ("SF"): /tracking-events/sf is SF.
  std::string carrier(request.Param("carrier"));
  for (char& c : carrier) {
    c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
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
  auto out = std::make_shared<app::TrackingOutcome>();
  RunCommand(api, request, std::move(respond),
             app::RecordTrackingEvent(std::move(input), ContextOf(api, request), out),
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
              "body); repeats are no-ops, older events never move a parcel back",
              "tracking:write", false, "TrackingEvent", "TrackingResult", 200},
             Bind(api, &PostTrackingEvent));
}

}  // namespace ordo::http
