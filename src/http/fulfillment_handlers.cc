// Waves, their printed documents, and storage locations:
//   POST /api/v1/waves {"warehouse", "max_orders", "carrier"?}, GET /api/v1/waves/{id}
//   GET /api/v1/waves/{id}/pick-list.pdf | packing-slips.pdf | labels.pdf?size=100x150|76x130
//   PUT /api/v1/warehouses/{code}/locations/{sku} {"location"}
//   GET /api/v1/warehouses/{code}/locations
// Also RegisterFulfillmentRoutes, which registers every fulfilment resource.
#include <algorithm>
#include <charconv>
#include <map>

#include "app/fulfillment.h"
#include "app/settings.h"
#include "http/fulfillment_dto.h"
#include "http/fulfillment_routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

// A wave with everything its answers and documents need, read after its commit.
struct WaveView {
  Wave wave;
  Warehouse warehouse;
  std::vector<Shipment> parcels;
  std::vector<PickLine> pick_lines;
};

Result<WaveView> ReadWave(ReadView& reads, int64_t id) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Wave> wave, reads.fulfillment().GetWave(id));
  if (!wave) {
    return Status::NotFound("no wave " + std::to_string(id));
  }
  WaveView view{*wave, {}, {}, {}};
  ORDO_ASSIGN_OR_RETURN(std::optional<Warehouse> warehouse, reads.GetWarehouse(wave->warehouse));
  if (warehouse) {
    view.warehouse = *warehouse;
  }
  ORDO_ASSIGN_OR_RETURN(view.parcels, reads.fulfillment().ListWaveShipments(id));
  ORDO_ASSIGN_OR_RETURN(auto locations, reads.fulfillment().ListLocations(wave->warehouse));
  view.pick_lines = BuildPickLines(view.parcels, locations);
  return view;
}

Result<WaveView> WaveOfRequest(const ApiContext& api, const Request& request) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    return Status::NotFound("no wave " + std::string(request.Param("id")));
  }
  return ReadWave(api.store->reads(), *id);
}

Response WaveResponse(int status, const WaveView& view) {
  return Response::Json(status, Serialize(WaveToJson(view.wave, view.parcels, view.pick_lines)));
}

void PostWave(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::WaveInput input{
      reader.String("warehouse", true),
      static_cast<int>(std::clamp<int64_t>(reader.Int("max_orders", true), -1, 100000)),
      reader.String("carrier", false)};
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::WaveOutcome>();
  RunCommand(api, request, std::move(respond),
             app::CreateWave(std::move(input), ContextOf(api, request), out),
             [a = &api, out](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               Result<WaveView> view = ReadWave(a->store->reads(), out->wave.id);
               if (!view.ok()) {
                 return Response::Problem(view.status());
               }
               Response response = WaveResponse(201, *view);
               response.headers.emplace_back("Location",
                                             "/api/v1/waves/" + std::to_string(out->wave.id));
               return response;
             });
}

void GetWave(const ApiContext& api, Request& request, Respond respond) {
  Result<WaveView> view = WaveOfRequest(api, request);
  respond(view.ok() ? WaveResponse(200, *view) : Response::Problem(view.status()));
}

Response Pdf(const WaveView& view, const char* document, Result<std::string> rendered) {
  if (!rendered.ok()) {
    return Response::Problem(rendered.status());
  }
  Response response;
  response.status = 200;
  response.content_type = "application/pdf";
  response.body = std::move(rendered).value();
  response.headers.emplace_back("Content-Disposition", "inline; filename=\"" + view.wave.wave_no() +
                                                           "-" + document + ".pdf\"");
  return response;
}

// The orders of the wave's parcels, keyed by number.
Result<std::map<std::string, Order>> OrdersOf(ReadView& reads, const WaveView& view) {
  std::map<std::string, Order> orders;
  for (const Shipment& parcel : view.parcels) {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, reads.GetOrder(parcel.order_no));
    if (order) {
      orders.emplace(parcel.order_no, std::move(*order));
    }
  }
  return orders;
}

void GetPickList(const ApiContext& api, Request& request, Respond respond) {
  Result<WaveView> view = WaveOfRequest(api, request);
  if (!view.ok()) {
    respond(Response::Problem(view.status()));
    return;
  }
  respond(
      Pdf(*view, "pick-list",
          documents::RenderPickList(PickListOf(view->wave, view->warehouse, view->pick_lines))));
}

void GetPackingSlips(const ApiContext& api, Request& request, Respond respond) {
  Result<WaveView> view = WaveOfRequest(api, request);
  Result<std::map<std::string, Order>> orders =
      view.ok() ? OrdersOf(api.store->reads(), *view)
                : Result<std::map<std::string, Order>>(view.status());
  if (!orders.ok()) {
    respond(Response::Problem(orders.status()));
    return;
  }
  respond(
      Pdf(*view, "packing-slips",
          documents::RenderPackingSlips(PackingSlipsOf(view->parcels, *orders, api.clock->Now()))));
}

void GetLabels(const ApiContext& api, Request& request, Respond respond) {
  const std::string_view size = request.Query("size").value_or("100x150");
  if (size != "100x150" && size != "76x130") {
    respond(Response::Problem(
        Status::Invalid("size", Code::kInvalidValue, "size must be 100x150 or 76x130")));
    return;
  }
  Result<WaveView> view = WaveOfRequest(api, request);
  Result<std::map<std::string, Order>> orders =
      view.ok() ? OrdersOf(api.store->reads(), *view)
                : Result<std::map<std::string, Order>>(view.status());
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  if (!orders.ok() || !settings.ok()) {
    respond(Response::Problem(orders.ok() ? settings.status() : orders.status()));
    return;
  }
  const auto labels =
      LabelsOf(view->parcels, *orders, view->warehouse, settings->carrier_rules, api.clock->Now());
  respond(Pdf(*view, "labels",
              documents::RenderLabels(labels, size == "100x150" ? documents::LabelSize::k100x150
                                                                : documents::LabelSize::k76x130)));
}

void PutLocation(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  StorageLocation location{std::string(request.Param("code")),
                           std::string(request.Param("sku")),
                           reader.String("location", true),
                           {},
                           ""};
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<StorageLocation>();
  RunCommand(api, request, std::move(respond),
             app::SetStorageLocation(std::move(location), ContextOf(api, request), out),
             [out](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               return Response::Json(
                   200, Serialize(json::object{{"warehouse", out->warehouse},
                                               {"sku", out->sku},
                                               {"location", out->location},
                                               {"updated_at", FormatRfc3339(out->updated_at)},
                                               {"updated_by", out->updated_by}}));
             });
}

void ListLocations(const ApiContext& api, Request& request, Respond respond) {
  const std::string warehouse(request.Param("code"));
  Result<std::optional<Warehouse>> found = api.store->reads().GetWarehouse(warehouse);
  if (!found.ok() || !found->has_value()) {
    respond(Response::Problem(found.ok() ? Status::NotFound("no warehouse " + warehouse)
                                         : found.status()));
    return;
  }
  auto locations = api.store->reads().fulfillment().ListLocations(warehouse);
  if (!locations.ok()) {
    respond(Response::Problem(locations.status()));
    return;
  }
  json::array data;
  for (const auto& [sku, location] : *locations) {
    data.push_back(json::object{{"sku", sku}, {"location", location}});
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

}  // namespace

std::optional<int64_t> ParseId(std::string_view text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

void RegisterWaveRoutes(Router& router, const ApiContext& api) {
  router.Add("POST", "/api/v1/waves",
             {"Build a wave of waiting orders for one warehouse, by priority then age",
              "waves:write", false, "WaveInput", "Wave", 201},
             Bind(api, &PostWave));
  router.Add("GET", "/api/v1/waves/{id}",
             {"A wave: its orders, parcels and pick list", "waves:read", false, "", "Wave", 200},
             Bind(api, &GetWave));
  router.Add(
      "GET", "/api/v1/waves/{id}/pick-list.pdf",
      {"The wave's pick list (PDF), in storage location order", "waves:read", false, "", "", 200},
      Bind(api, &GetPickList));
  router.Add("GET", "/api/v1/waves/{id}/packing-slips.pdf",
             {"The packing slips of the wave's orders (PDF)", "waves:read", false, "", "", 200},
             Bind(api, &GetPackingSlips));
  router.Add("GET", "/api/v1/waves/{id}/labels.pdf",
             {"Shipping labels of the wave's parcels (PDF; ?size=100x150|76x130)",
              "waves:read",
              false,
              "",
              "",
              200,
              {{"size", "the label size in mm: 100x150 (default) or 76x130"}}},
             Bind(api, &GetLabels));
  router.Add("PUT", "/api/v1/warehouses/{code}/locations/{sku}",
             {"Set the storage location of a SKU in a warehouse", "stock:write", false,
              "LocationInput", "Location", 200},
             Bind(api, &PutLocation));
  router.Add("GET", "/api/v1/warehouses/{code}/locations",
             {"Storage locations of a warehouse", "stock:read", false, "", "LocationList", 200},
             Bind(api, &ListLocations));
}

void RegisterFulfillmentRoutes(Router& router, const ApiContext& api) {
  RegisterSettingsRoutes(router, api);
  RegisterAnomalyRoutes(router, api);
  RegisterWaveRoutes(router, api);
  RegisterShipmentRoutes(router, api);
  RegisterTrackingRoutes(router, api);
}

}  // namespace ordo::http
