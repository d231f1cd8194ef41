// Handlers of shortages (api.md "Inventory depth"): the backorder queue, the customer's choice
// for an order's missing lines, replenishment requests for purchasing, and the refunds of
// missing lines (listed with every refund in payment_handlers.cc). A channel sees only its own
// orders here as everywhere.
#include <charconv>

#include "app/inventory.h"
#include "base/limits.h"
#include "http/api.h"
#include "http/dto.h"
#include "http/inventory_dto.h"
#include "http/json_util.h"
#include "http/routes.h"
#include "store/inventory_codec.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

bool IsChannel(const Request& request) {
  return request.principal.role == "channel";
}

void ListBackorders(const ApiContext& api, Request& request, Respond respond) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  BackorderFilter filter;
  filter.sku = std::string(request.Query("sku").value_or(""));
  filter.warehouse = std::string(request.Query("warehouse").value_or(""));
  filter.limit = page->limit + 1;
  filter.after_key = page->after_key;
  if (IsChannel(request)) {
    filter.channel = request.principal.name;
  }
  Result<std::vector<WaitingLine>> lines = api.store->reads().inventory().ListBackorders(filter);
  if (!lines.ok()) {
    respond(Response::Problem(lines.status()));
    return;
  }
  const Timestamp now = api.clock->Now();
  json::array data;
  const size_t shown = std::min(lines->size(), static_cast<size_t>(page->limit));
  for (size_t i = 0; i < shown; ++i) {
    data.push_back(WaitingLineToJson((*lines)[i], now));
  }
  const std::string next = lines->size() > shown ? BackorderKey((*lines)[shown - 1]) : "";
  respond(Response::Json(200, Serialize(PageJson(std::move(data), next))));
}

// Reads the body of POST /orders/{order_no}/backorder-choice.
app::BackorderChoiceInput ParseChoice(const json::object& body, std::vector<FieldError>& errors) {
  FieldReader reader(body, "", errors);
  app::BackorderChoiceInput input;
  input.choice = reader.String("choice", true);
  input.note = reader.String("note", false);
  input.single_parcel = reader.Bool("single_parcel", false, false);
  if (!input.choice.empty() && !ParseBackorderChoice(input.choice)) {
    reader.AddError("choice", Code::kInvalidValue,
                    "choice must be wait, ship_available, refund_missing or exchange");
  }
  const json::array* lines = reader.Array("lines", input.choice == "exchange");
  if (lines != nullptr && input.choice != "exchange") {
    reader.AddError("lines", Code::kInvalidValue, "lines are given only with an exchange");
    return input;
  }
  for (size_t i = 0; lines != nullptr && i < lines->size(); ++i) {
    if (!(*lines)[i].is_object()) {
      reader.AddError(IndexPath("lines", i), Code::kInvalidValue, "must be an object");
      continue;
    }
    FieldReader item((*lines)[i].as_object(), IndexPath("lines", i), errors);
    input.lines.push_back({static_cast<int>(item.BoundedInt("line_no", true, kMaxLineNo)),
                           item.String("sku", true),
                           item.BoundedInt("quantity", true, kMaxQuantity)});
  }
  return input;
}

void PostBackorderChoice(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  Result<std::optional<int64_t>> if_match = IfMatchVersion(request);
  if (!if_match.ok()) {
    respond(Response::Problem(if_match.status()));
    return;
  }
  std::vector<FieldError> errors;
  app::BackorderChoiceInput input = ParseChoice(body->as_object(), errors);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  if (IsChannel(request)) {
    input.visible_to_channel = request.principal.name;
  }
  auto out = std::make_shared<app::BackorderChoiceOutcome>();
  const bool reveal = kMasked;
  RunCommand(
      api, request, std::move(respond),
      app::ChooseForBackorder(std::string(request.Param("order_no")), std::move(input), *if_match,
                              ContextOf(api, request), out),
      [out, reveal](const Status& status) {
        if (!status.ok()) {
          return Response::Problem(status);
        }
        json::object order = OrderToJson(out->order, reveal);
        order["refund"] = out->refund_id ? json::value(json::object{{"id", *out->refund_id},
                                                                    {"amount", out->refund_amount},
                                                                    {"status", "pending"}})
                                         : json::value(nullptr);
        Response response = Response::Json(200, Serialize(order));
        response.headers.emplace_back("ETag", "\"" + std::to_string(out->order.version) + "\"");
        return response;
      });
}

void ListReplenishment(const ApiContext& api, Request& request, Respond respond) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  ReplenishmentFilter filter;
  if (auto status = request.Query("status"); status && !status->empty()) {
    filter.status = ParseReplenishmentStatus(*status);
    if (!filter.status) {
      respond(Response::Problem(Status::Invalid("status", Code::kInvalidValue,
                                                "status must be open, acknowledged or closed")));
      return;
    }
  }
  filter.sku = std::string(request.Query("sku").value_or(""));
  filter.warehouse = std::string(request.Query("warehouse").value_or(""));
  filter.limit = page->limit + 1;
  filter.before_id = page->after_id;
  Result<std::vector<ReplenishmentView>> requests =
      api.store->reads().inventory().ListReplenishmentRequests(filter);
  if (!requests.ok()) {
    respond(Response::Problem(requests.status()));
    return;
  }
  respond(IdPageResponse(
      *requests, page->limit,
      [](const ReplenishmentView& view) {
        return ReplenishmentToJson(view.request, view.quantity_waiting);
      },
      [](const ReplenishmentView& view) { return view.request.id; }));
}

void GetReplenishment(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = PositiveIdParam(request);
  Result<std::optional<ReplenishmentView>> view = std::optional<ReplenishmentView>();
  if (id) {
    view = api.store->reads().inventory().GetReplenishmentRequest(*id);
  }
  if (!view.ok()) {
    respond(Response::Problem(view.status()));
  } else if (!view->has_value()) {
    respond(Response::Problem(
        Status::NotFound("no replenishment request " + std::string(request.Param("id")))));
  } else {
    respond(Response::Json(
        200, Serialize(ReplenishmentToJson((*view)->request, (*view)->quantity_waiting))));
  }
}

void PostRequestDecision(const ApiContext& api, Request& request, Respond respond, bool close) {
  const std::optional<int64_t> id = PositiveIdParam(request);
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  if (!id) {
    respond(Response::Problem(
        Status::NotFound("no replenishment request " + std::string(request.Param("id")))));
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::RequestDecision decision{*id, close, std::nullopt, reader.String("note", false)};
  if (std::optional<std::string> expected = reader.OptionalString("expected_at")) {
    Result<Timestamp> t = ParseRfc3339(*expected);
    if (!t.ok()) {
      t = ParseDate(*expected);
    }
    if (t.ok()) {
      decision.expected_at = *t;
    } else {
      reader.AddError("expected_at", Code::kInvalidValue,
                      "expected_at must be an RFC 3339 time or a date");
    }
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<ReplenishmentRequest>();
  RunCommand(api, request, std::move(respond),
             app::DecideReplenishment(std::move(decision), ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok()
                          ? Response::Json(200, Serialize(ReplenishmentToJson(*out, std::nullopt)))
                          : Response::Problem(status);
             });
}

}  // namespace

void RegisterBackorderRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  auto bind = [a](void (*fn)(const ApiContext&, Request&, Respond)) {
    return [a, fn](Request& r, Respond respond) { fn(*a, r, std::move(respond)); };
  };
  router.Add("GET", "/api/v1/backorders",
             {"Order lines waiting for stock, by priority then age", "backorders:read", false, "",
              "BackorderPage", 200,
              Paged({{"sku", "the SKU"}, {"warehouse", "the warehouse the line waits in"}})},
             bind(&ListBackorders));
  router.Add("POST", "/api/v1/orders/{order_no}/backorder-choice",
             {"Record and execute the customer's choice for missing lines", "backorders:choose",
              false, "BackorderChoice", "BackorderChoiceResult", 200},
             bind(&PostBackorderChoice));
  router.Add("GET", "/api/v1/replenishment-requests",
             {"Replenishment requests raised by shortages, newest first", "replenishment:read",
              false, "", "ReplenishmentPage", 200,
              Paged({{"status", "the request's status"},
                     {"sku", "the SKU"},
                     {"warehouse", "the warehouse"}})},
             bind(&ListReplenishment));
  router.Add(
      "GET", "/api/v1/replenishment-requests/{id}",
      {"One replenishment request", "replenishment:read", false, "", "ReplenishmentRequest", 200},
      bind(&GetReplenishment));
  router.Add(
      "POST", "/api/v1/replenishment-requests/{id}/acknowledge",
      {"Purchasing acknowledges a request with the expected date", "replenishment:manage", false,
       "ReplenishmentDecision", "ReplenishmentRequest", 200},
      [a](Request& r, Respond respond) { PostRequestDecision(*a, r, std::move(respond), false); });
  router.Add(
      "POST", "/api/v1/replenishment-requests/{id}/close",
      {"Purchasing closes a request", "replenishment:manage", false, "ReplenishmentDecision",
       "ReplenishmentRequest", 200},
      [a](Request& r, Respond respond) { PostRequestDecision(*a, r, std::move(respond), true); });
  // GET /api/v1/refunds, the refunds of an order or finance's list, is payment_handlers.cc's.
}

}  // namespace ordo::http
