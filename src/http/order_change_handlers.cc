// Handlers of order changes before shipment (domain.md CHG-1, AFS-1):
//   PATCH /api/v1/orders/{order_no}                       (If-Match required)
//   GET   /api/v1/orders/{order_no}/changes
//   POST  /api/v1/orders/{order_no}/changes/{id}/confirm  (warehouse)
//   POST  /api/v1/orders/{order_no}/changes/{id}/decline  (warehouse, {"reason"})
//   POST  /api/v1/orders/{order_no}/cancel {"reason"}     (a request once picking started)
#include <algorithm>

#include "app/order_changes.h"
#include "base/limits.h"
#include "http/api.h"
#include "http/dto.h"
#include "http/fulfillment_routes.h"
#include "http/json_util.h"
#include "http/problem.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

Response OrderResponse(int status, const Order& order, bool reveal) {
  Response response = Response::Json(status, Serialize(OrderToJson(order, reveal)));
  response.headers.emplace_back("ETag", "\"" + std::to_string(order.version) + "\"");
  return response;
}

json::array Strings(const std::vector<std::string>& texts) {
  json::array array;
  for (const std::string& text : texts) {
    array.push_back(json::string(text));
  }
  return array;
}

// A change request; the requested consignee masked unless the caller may read personal data.
json::object ChangeToJson(const ChangeRequest& request, bool reveal) {
  json::value consignee = nullptr;
  if (request.change.consignee) {
    const Consignee& c = *request.change.consignee;
    const Address& a = c.address;
    consignee = json::object{{"name", reveal ? c.name : MaskName(c.name)},
                             {"phone", reveal ? c.phone : MaskPhone(c.phone)},
                             {"address",
                              {{"province", a.province},
                               {"city", a.city},
                               {"district", a.district},
                               {"detail", reveal ? a.detail : MaskDetail(a.detail)},
                               {"division_code", a.division_code}}}};
  }
  json::value lines = nullptr;
  if (request.change.lines) {
    json::array array;
    for (const NewOrderLine& line : *request.change.lines) {
      json::object item{{"sku", line.sku}, {"quantity", line.quantity}};
      if (line.unit_price_amount) {
        item["unit_price_amount"] = *line.unit_price_amount;
      }
      array.push_back(std::move(item));
    }
    lines = std::move(array);
  }
  return json::object{
      {"id", request.id},
      {"order_no", request.order_no},
      {"kind", request.cancel ? "cancel" : "change"},
      {"status", ChangeRequestStatusName(request.status)},
      {"consignee_changed", Strings(request.consignee_fields)},
      {"consignee", std::move(consignee)},
      {"lines", std::move(lines)},
      {"buyer_note_changed", request.change.buyer_note.has_value()},
      {"reason", request.change.reason},
      {"requested_by", request.requested_by},
      {"requested_at", FormatRfc3339(request.requested_at)},
      {"decided_by",
       request.decided_by.empty() ? json::value(nullptr) : json::value(request.decided_by)},
      {"decided_at",
       request.decided_at ? json::value(FormatRfc3339(*request.decided_at)) : json::value(nullptr)},
      {"decision_reason", request.decision_reason}};
}

// The change request with the order as it stands after the command.
Response ChangeResponse(int status, const app::ChangeOutcome& out, bool reveal) {
  json::object body = ChangeToJson(*out.request, reveal);
  body["order"] = OrderToJson(out.order, reveal);
  Response response = Response::Json(status, Serialize(body));
  response.headers.emplace_back("ETag", "\"" + std::to_string(out.order.version) + "\"");
  return response;
}

Consignee ParseConsignee(FieldReader& reader, std::vector<FieldError>& errors) {
  Consignee consignee;
  consignee.name = reader.String("name", false);
  consignee.phone = reader.String("phone", false);
  // Every part is optional: what is left out keeps the order's (domain/order/change.h).
  if (const json::object* address = reader.Object("address", false)) {
    FieldReader a(*address, "consignee.address", errors);
    consignee.address.province = a.String("province", false);
    consignee.address.city = a.String("city", false);
    consignee.address.district = a.String("district", false);
    consignee.address.detail = a.String("detail", false);
    consignee.address.division_code = a.String("division_code", false);
  }
  return consignee;
}

std::vector<NewOrderLine> ParseLines(const json::array& array, std::vector<FieldError>& errors) {
  std::vector<NewOrderLine> lines;
  for (size_t i = 0; i < array.size(); ++i) {
    const std::string path = IndexPath("lines", i);
    if (!array[i].is_object()) {
      errors.push_back({path, Code::kInvalidValue, path + " must be an object"});
      continue;
    }
    FieldReader l(array[i].as_object(), path, errors);
    NewOrderLine line;
    line.sku = l.String("sku", false);
    line.quantity = l.BoundedInt("quantity", true, kMaxQuantity);
    line.unit_price_amount = l.OptionalBoundedInt("unit_price_amount", kMaxAmount);
    line.price_override_reason = l.String("price_override_reason", false);
    lines.push_back(std::move(line));
  }
  return lines;
}

// Reads a change; unknown keys are refused so that a misspelt field is not silently ignored.
OrderChange ParseChange(const json::object& body, std::vector<FieldError>& errors) {
  static const char* const kKnown[] = {"consignee", "lines", "buyer_note", "reason"};
  for (const auto& [key, value] : body) {
    if (std::find_if(std::begin(kKnown), std::end(kKnown), [&key = key](const char* known) {
          return key == known;
        }) == std::end(kKnown)) {
      errors.push_back({std::string(key), Code::kInvalidValue,
                        std::string(key) + " cannot be changed; a change names consignee, "
                                           "lines, buyer_note and reason"});
    }
  }
  FieldReader reader(body, "", errors);
  OrderChange change;
  if (const json::object* consignee = reader.Object("consignee", false)) {
    FieldReader c(*consignee, "consignee", errors);
    change.consignee = ParseConsignee(c, errors);
  }
  if (const json::array* lines = reader.Array("lines", false)) {
    change.lines = ParseLines(*lines, errors);
  }
  change.buyer_note = reader.OptionalString("buyer_note");
  change.reason = reader.String("reason", false);
  return change;
}

void PatchOrder(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  if (!body->is_object()) {
    respond(Response::Problem(
        Status::Invalid("body", Code::kInvalidValue, "the body must be a JSON object")));
    return;
  }
  Result<std::optional<int64_t>> if_match = IfMatchVersion(request);
  if (!if_match.ok()) {
    respond(Response::Problem(if_match.status()));
    return;
  }
  if (!*if_match) {
    // A change made against a version nobody looked at could undo someone else's change.
    respond(MakeProblem(428, Code::kPreconditionRequired,
                        "a change needs If-Match with the order's ETag (its version)"));
    return;
  }
  std::vector<FieldError> errors;
  OrderChange change = ParseChange(body->as_object(), errors);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  if (change.lines) {
    if (Status prices = CheckPriceOverrides(request.principal.role, *change.lines); !prices.ok()) {
      respond(Response::Problem(prices));
      return;
    }
  }
  const std::string visible_to =
      request.principal.role == "channel" ? request.principal.name : std::string();
  auto out = std::make_shared<app::ChangeOutcome>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::ChangeOrder(std::string(request.Param("order_no")), std::move(change), **if_match,
                              visible_to, ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               return out->applied ? OrderResponse(200, out->order, reveal)
                                   : ChangeResponse(202, *out, reveal);
             });
}

// POST /orders/{order_no}/cancel: 200 with the cancelled (or closed) order before picking; 202
// with the cancellation request the warehouse confirms once picking has started.
void PostCancel(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::string reason = reader.String("reason", true);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  Result<std::optional<int64_t>> if_match = IfMatchVersion(request);
  if (!if_match.ok()) {
    respond(Response::Problem(if_match.status()));
    return;
  }
  const std::string visible_to =
      request.principal.role == "channel" ? request.principal.name : std::string();
  auto out = std::make_shared<app::ChangeOutcome>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::CancelOrder(std::string(request.Param("order_no")), std::move(reason), *if_match,
                              visible_to, ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               return out->applied ? OrderResponse(200, out->order, reveal)
                                   : ChangeResponse(202, *out, reveal);
             });
}

void ListChanges(const ApiContext& api, Request& request, Respond respond) {
  const std::string order_no(request.Param("order_no"));
  Result<std::optional<Order>> order = api.store->reads().GetOrder(order_no);
  // A channel sees only its own orders; to it, another channel's order does not exist.
  const bool hidden = order.ok() && order->has_value() && request.principal.role == "channel" &&
                      (*order)->channel != request.principal.name;
  if (!order.ok() || !order->has_value() || hidden) {
    respond(
        Response::Problem(order.ok() ? Status::NotFound("no order " + order_no) : order.status()));
    return;
  }
  Result<std::vector<ChangeRequest>> changes =
      api.store->reads().order_changes().ListChangeRequests(order_no);
  if (!changes.ok()) {
    respond(Response::Problem(changes.status()));
    return;
  }
  const bool reveal = kMasked;
  json::array data;
  for (const ChangeRequest& change : *changes) {
    data.push_back(ChangeToJson(change, reveal));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void DecideChange(const ApiContext& api, Request& request, Respond respond, bool confirm) {
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::string reason = reader.String("reason", !confirm);
  if (reason.size() > 500) {
    reader.AddError("reason", Code::kInvalidValue, "reason must be at most 500 bytes");
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  const std::string order_no(request.Param("order_no"));
  if (!id) {
    respond(Response::Problem(Status::NotFound("order " + order_no + " has no change " +
                                               std::string(request.Param("id")))));
    return;
  }
  auto out = std::make_shared<app::ChangeOutcome>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::DecideChangeRequest(order_no, *id, confirm, std::move(reason),
                                      ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               return status.ok() ? ChangeResponse(200, *out, reveal) : Response::Problem(status);
             });
}

}  // namespace

void RegisterOrderChangeRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("PATCH", "/api/v1/orders/{order_no}",
             {"Change the consignee, lines or buyer note before shipment (If-Match required: 428 "
              "without it, 412 when stale). Before picking: applied, 200 with the order. Picking "
              "or packed: 202 with a change request the warehouse confirms. After shipment: 409 "
              "change_not_allowed. An order on hold may still be changed (it does not advance it)",
              "orders:change", false, "OrderChange", "Order", 200},
             [a](Request& r, Respond respond) { PatchOrder(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/orders/{order_no}/cancel",
             {"Cancel the order before shipment: at once before picking (200 with the order); "
              "once picking has started, 202 with a cancellation request the warehouse confirms "
              "(the parcel intercepted, the goods put back) or declines",
              "orders:cancel", false, "CancelInput", "Order", 200},
             [a](Request& r, Respond respond) { PostCancel(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/orders/{order_no}/changes",
             {"The order's change requests, oldest first", "orders:read", false, "",
              "ChangeRequests", 200},
             [a](Request& r, Respond respond) { ListChanges(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/orders/{order_no}/changes/{id}/confirm",
             {"The warehouse confirms a pending change request: it is applied",
              "orders:confirm_change", false, "ChangeDecision", "ChangeRequest", 200},
             [a](Request& r, Respond respond) { DecideChange(*a, r, std::move(respond), true); });
  router.Add("POST", "/api/v1/orders/{order_no}/changes/{id}/decline",
             {"The warehouse declines a pending change request (reason required)",
              "orders:confirm_change", false, "ChangeDecision", "ChangeRequest", 200},
             [a](Request& r, Respond respond) { DecideChange(*a, r, std::move(respond), false); });
}

const char* OrderChangeSchemas() {
  return R"json({
  "OrderChange": {"type": "object",
    "description": "any of consignee, lines, buyer_note; lines replace every line of the order",
    "properties": {
      "consignee": {"type": "object", "required": ["name", "phone", "address"], "properties": {
        "name": {"type": "string"}, "phone": {"type": "string"},
        "address": {"type": "object", "properties": {
          "province": {"type": "string"}, "city": {"type": "string"},
          "district": {"type": "string"}, "detail": {"type": "string"},
          "division_code": {"type": "string"}}}}},
      "lines": {"type": "array", "items": {"type": "object", "required": ["sku", "quantity"],
        "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"},
          "unit_price_amount": {"type": "integer", "description": "default: catalogue price"},
          "price_override_reason": {"type": "string"}}}},
      "buyer_note": {"type": "string"},
      "reason": {"type": "string"}}},
  "ChangeDecision": {"type": "object", "properties": {"reason": {"type": "string",
    "description": "required to decline"}}},
  "ChangeRequest": {"type": "object", "properties": {
    "id": {"type": "integer"}, "order_no": {"type": "string"},
    "kind": {"type": "string", "enum": ["change", "cancel"], "description":
      "cancel: a cancellation once picking started; confirmed, the order is cancelled"},
    "status": {"type": "string", "enum": ["pending", "confirmed", "declined"]},
    "consignee_changed": {"type": "array", "items": {"type": "string",
      "enum": ["name", "phone", "address"]}},
    "consignee": {"allOf": [{"$ref": "#/components/schemas/Consignee"}], "nullable": true,
      "description": "the new consignee, masked unless the caller holds pii:read; null if kept"},
    "lines": {"type": "array", "nullable": true, "description": "the new lines; null if kept",
      "items": {"type": "object", "properties": {"sku": {"type": "string"},
        "quantity": {"type": "integer"},
        "unit_price_amount": {"type": "integer", "description": "fen"}}}},
    "buyer_note_changed": {"type": "boolean"}, "reason": {"type": "string"},
    "requested_by": {"type": "string"},
    "requested_at": {"type": "string", "format": "date-time"},
    "decided_by": {"type": "string", "nullable": true},
    "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "decision_reason": {"type": "string"},
    "order": {"$ref": "#/components/schemas/Order"}}},
  "ChangeRequests": {"type": "object", "properties": {"data": {"type": "array",
    "items": {"$ref": "#/components/schemas/ChangeRequest"}}}}
})json";
}

}  // namespace ordo::http
