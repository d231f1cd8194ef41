// Shipments (parcels) and the warehouse steps around them:
//   POST /api/v1/orders/{order_no}/verify {"warehouse"?, "scans": [{"sku", "quantity"}]}
//   GET /api/v1/orders/{order_no}/shipments, GET /api/v1/shipments/{id}
//   POST /api/v1/shipments/{id}/inspect {"passed", "note"?}
//   GET /api/v1/orders/{order_no}/notifications
//   GET /api/v1/orders/at-risk?within_hours=4&warehouse=&limit=50&cursor=
#include <charconv>

#include "app/fulfillment.h"
#include "app/settings.h"
#include "base/limits.h"
#include "http/dto.h"
#include "http/fulfillment_dto.h"
#include "http/fulfillment_routes.h"
#include "http/problem.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

constexpr int64_t kHourMs = 3600 * 1000;

// The order `order_no` as the caller may see it (a channel sees its own only), or the refusal.
Result<Order> VisibleOrder(const ApiContext& api, const Request& request,
                           const std::string& order_no) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, api.store->reads().GetOrder(order_no));
  if (!order || (request.principal.role == "channel" && order->channel != request.principal.name)) {
    return Status::NotFound("no order " + order_no);
  }
  return std::move(*order);
}

std::vector<ScanLine> ParseScans(FieldReader& reader) {
  std::vector<ScanLine> scans;
  const json::array* list = reader.Array("scans", true);
  if (list == nullptr) {
    return scans;
  }
  if (list->empty()) {
    reader.AddError("scans", Code::kRequired, "scans must list what was scanned");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = IndexPath("scans", i);
    if (!(*list)[i].is_object()) {
      reader.AddError(path, Code::kInvalidValue, path + " must be an object");
      continue;
    }
    std::vector<FieldError> local;
    FieldReader line((*list)[i].as_object(), path, local);
    ScanLine scan{line.String("sku", true), line.BoundedInt("quantity", true, kMaxQuantity)};
    if (local.empty() && scan.quantity < 1) {
      line.AddError("quantity", Code::kInvalidValue, "quantity must be at least 1");
    }
    for (FieldError& error : local) {
      reader.AddError(error.field, error.code, error.message);
    }
    scans.push_back(std::move(scan));
  }
  return scans;
}

void PostReweigh(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::ReweighInput input{reader.String("warehouse", false), ReadPackedBoxes(reader)};
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::ReweighOutcome>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::ReweighParcel(std::string(request.Param("order_no")), std::move(input),
                                ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               return Response::Json(
                   200, Serialize(json::object{{"order_no", out->order.order_no},
                                               {"on_hold", out->order.on_hold()},
                                               {"within_tolerance", out->check.within},
                                               {"explanation", out->check.explanation},
                                               {"case_resolved", out->case_resolved},
                                               {"shipment", ShipmentToJson(out->shipment)},
                                               {"order", OrderToJson(out->order, reveal)}}));
             });
}

// 409 verification_mismatch with the differences and the case that records them.
Response MismatchResponse(const app::VerifyOutcome& out) {
  Response response =
      MakeProblem(409, Code::kVerificationMismatch,
                  "the scans do not match the parcel: " + DescribeDifferences(out.differences));
  json::object body = json::parse(response.body).as_object();
  json::array differences;
  for (const ScanDifference& difference : out.differences) {
    differences.push_back(json::object{{"sku", difference.sku},
                                       {"kind", ScanDifferenceKindName(difference.kind)},
                                       {"expected", difference.expected},
                                       {"scanned", difference.scanned}});
  }
  body["differences"] = std::move(differences);
  body["case_id"] = out.case_id;
  body["shipment_id"] = out.shipment.id;
  response.body = Serialize(body);
  return response;
}

void PostVerify(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::VerifyInput input{reader.String("warehouse", false), ParseScans(reader)};
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::VerifyOutcome>();
  RunCommand(api, request, std::move(respond),
             app::VerifyParcel(std::string(request.Param("order_no")), std::move(input),
                               ContextOf(api, request), out),
             [out](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               if (!out->differences.empty()) {
                 return MismatchResponse(*out);
               }
               return Response::Json(
                   200, Serialize(json::object{{"verified", true},
                                               {"order_no", out->order.order_no},
                                               {"shipment", ShipmentToJson(out->shipment)}}));
             });
}

json::object ShipmentWithEvents(ReadView& reads, const Shipment& shipment) {
  auto events = reads.fulfillment().ListTrackingEvents(shipment.id);
  return ShipmentToJson(shipment, events.ok() ? &*events : nullptr);
}

void ListOrderShipments(const ApiContext& api, Request& request, Respond respond) {
  const std::string order_no(request.Param("order_no"));
  Result<Order> order = VisibleOrder(api, request, order_no);
  Result<std::vector<Shipment>> shipments =
      order.ok() ? api.store->reads().fulfillment().GetShipments(order_no)
                 : Result<std::vector<Shipment>>(order.status());
  if (!shipments.ok()) {
    respond(Response::Problem(shipments.status()));
    return;
  }
  json::array data;
  for (const Shipment& shipment : *shipments) {
    data.push_back(ShipmentWithEvents(api.store->reads(), shipment));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void GetShipment(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  Result<std::optional<Shipment>> found =
      id ? api.store->reads().fulfillment().GetShipment(*id)
         : Result<std::optional<Shipment>>(std::optional<Shipment>());
  if (!found.ok() || !found->has_value()) {
    respond(Response::Problem(
        found.ok() ? Status::NotFound("no shipment " + std::string(request.Param("id")))
                   : found.status()));
    return;
  }
  respond(Response::Json(200, Serialize(ShipmentWithEvents(api.store->reads(), **found))));
}

void PostInspect(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(Status::NotFound("no shipment " + std::string(request.Param("id")))));
    return;
  }
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::InspectInput input{reader.Bool("passed", true), reader.String("note", false)};
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::InspectOutcome>();
  RunCommand(api, request, std::move(respond),
             app::InspectReturn(*id, std::move(input), ContextOf(api, request), out),
             [out](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               json::array entries;
               for (const LedgerEntry& entry : out->entries) {
                 entries.push_back(LedgerEntryToJson(entry));
               }
               return Response::Json(
                   200, Serialize(json::object{{"shipment", ShipmentToJson(out->shipment)},
                                               {"entries", std::move(entries)}}));
             });
}

void ListNotifications(const ApiContext& api, Request& request, Respond respond) {
  const std::string order_no(request.Param("order_no"));
  Result<Order> order = VisibleOrder(api, request, order_no);
  Result<std::vector<Notification>> notifications =
      order.ok() ? api.store->reads().fulfillment().ListNotifications(order_no)
                 : Result<std::vector<Notification>>(order.status());
  if (!notifications.ok()) {
    respond(Response::Problem(notifications.status()));
    return;
  }
  json::array data;
  for (const Notification& notification : *notifications) {
    data.push_back(NotificationToJson(notification));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void ListAtRisk(const ApiContext& api, Request& request, Respond respond) {
  std::vector<FieldError> errors;
  int64_t within_hours = 4;
  if (auto text = request.Query("within_hours")) {
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), within_hours);
    if (ec != std::errc() || end != text->data() + text->size() || within_hours < 0 ||
        within_hours > 720) {
      errors.push_back({"within_hours", Code::kInvalidValue, "within_hours must be 0..720"});
    }
  }
  std::optional<PageParams> page = ReadPage(request, errors);
  const std::string warehouse(request.Query("warehouse").value_or(""));
  if (page && page->after_id != 0) {
    errors.push_back({"cursor", Code::kInvalidValue, "cursor is not one this list issued"});
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  const Timestamp now = api.clock->Now();
  const app::AtRiskQuery query{within_hours * kHourMs, warehouse, page->after_key,
                               static_cast<size_t>(page->limit)};
  Result<app::AtRiskPage> found =
      settings.ok() ? app::ListAtRiskOrders(api.store->reads(), *settings, now, query)
                    : Result<app::AtRiskPage>(settings.status());
  if (!found.ok()) {
    respond(Response::Problem(found.status()));
    return;
  }
  json::array data;
  for (const app::ShipDeadline& deadline : found->deadlines) {
    data.push_back(DeadlineToJson(deadline, now));
  }
  json::object body = PageJson(std::move(data), found->next);
  body["now"] = FormatRfc3339(now);
  body["within_hours"] = within_hours;
  respond(Response::Json(200, Serialize(body)));
}

}  // namespace

std::vector<app::BoxInput> ReadPackedBoxes(FieldReader& reader) {
  std::vector<app::BoxInput> boxes;
  const json::array* list = reader.Array("boxes", false);
  if (list == nullptr) {
    boxes.push_back(
        {reader.BoundedInt("weight_g", true, kMaxWeightG), reader.String("box", false)});
    return boxes;
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = IndexPath("boxes", i);
    if (!(*list)[i].is_object()) {
      reader.AddError(path, Code::kInvalidValue, path + " must be an object");
      continue;
    }
    std::vector<FieldError> local;
    FieldReader box((*list)[i].as_object(), path, local);
    boxes.push_back({box.BoundedInt("weight_g", true, kMaxWeightG), box.String("box", false)});
    for (FieldError& error : local) {
      reader.AddError(error.field, error.code, error.message);
    }
  }
  return boxes;
}

void RegisterShipmentRoutes(Router& router, const ApiContext& api) {
  router.Add("POST", "/api/v1/orders/{order_no}/reweigh",
             {"Weigh a packed parcel again: the new boxes and weights replace the old, and "
              "within the tolerance its weight_mismatch case is resolved and the hold lifted",
              "orders:fulfil", false, "ReweighInput", "Reweighing", 200},
             Bind(api, &PostReweigh));
  router.Add("POST", "/api/v1/orders/{order_no}/verify",
             {"Check the scans of a parcel against its contents (校验); a mismatch is recorded "
              "and answered 409",
              "orders:fulfil", false, "VerifyInput", "Verification", 200},
             Bind(api, &PostVerify));
  router.Add("GET", "/api/v1/orders/{order_no}/shipments",
             {"The order's parcels with their tracking events", "shipments:read", false, "",
              "ShipmentList", 200},
             Bind(api, &ListOrderShipments));
  router.Add("GET", "/api/v1/shipments/{id}",
             {"One parcel with its tracking events", "shipments:read", false, "", "Shipment", 200},
             Bind(api, &GetShipment));
  router.Add("POST", "/api/v1/shipments/{id}/inspect",
             {"Inspect a parcel returned to the sender; passed, it goes back to stock",
              "shipments:write", false, "InspectInput", "Inspection", 200},
             Bind(api, &PostInspect));
  router.Add("GET", "/api/v1/orders/{order_no}/notifications",
             {"Customer notifications queued for the order", "orders:read", false, "",
              "NotificationList", 200},
             Bind(api, &ListNotifications));
  router.Add("GET", "/api/v1/orders/at-risk",
             {"Orders near or past their ship-by deadline, most urgent first, page by page",
              "shipments:read", false, "", "AtRiskList", 200,
              Paged({{"within_hours", "how near the deadline, in hours (default 4)", "integer"},
                     {"warehouse", "only the orders this warehouse ships (code)"}})},
             Bind(api, &ListAtRisk));
}

}  // namespace ordo::http
