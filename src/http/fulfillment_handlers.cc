// Waves, their printed documents, and storage locations:
//   POST /api/v1/waves {"warehouse", "max_orders", "carrier"?}, GET /api/v1/waves/{id}
//   GET /api/v1/waves?warehouse=&status=open|closed&from=&to=&limit=&cursor=
//   GET /api/v1/waves/{id}/pick-list.pdf | packing-slips.pdf | labels.pdf?size=100x150|76x130
//   PUT /api/v1/warehouses/{code}/locations/{sku} {"location"}
//   GET /api/v1/warehouses/{code}/locations
// Also RegisterFulfillmentRoutes, which registers every fulfilment resource.
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "app/fulfillment.h"
#include "app/settings.h"
#include "http/document_renderer.h"
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

// A problem answer with the orders the wave looked at and left out, and why.
Response WithLeftOut(Response response, const Wave& wave) {
  json::object body = json::parse(response.body).as_object();
  body["left_out"] = WaveLeftOutToJson(wave.left_out);
  body["left_out_count"] = wave.left_out_count;
  response.body = Serialize(body);
  return response;
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
               if (status.code() == Code::kNothingToWave) {
                 return WithLeftOut(Response::Problem(status), out->wave);
               }
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               Result<WaveView> view = ReadWave(a->store->reads(), out->wave.id);
               if (!view.ok()) {
                 return Response::Problem(view.status());
               }
               json::object body = WaveToJson(view->wave, view->parcels, view->pick_lines);
               json::array warnings;
               for (const WaybillStock& stock : out->waybills_low) {
                 warnings.push_back(WaybillStockToJson(stock));
               }
               body["waybill_warnings"] = std::move(warnings);
               Response response = Response::Json(201, Serialize(body));
               response.headers.emplace_back("Location",
                                             "/api/v1/waves/" + std::to_string(out->wave.id));
               return response;
             });
}

Result<WaveFilter> ParseWaveFilter(const Request& request) {
  WaveFilter filter;
  std::vector<FieldError> errors;
  filter.warehouse = std::string(request.Query("warehouse").value_or(""));
  if (auto status = request.Query("status")) {
    if (*status == "open" || *status == "closed") {
      filter.open = *status == "open";
    } else {
      errors.push_back({"status", Code::kInvalidValue, "status must be open or closed"});
    }
  }
  filter.from = ReadTimeParam(request, "from", errors);
  filter.to = ReadTimeParam(request, "to", errors);
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit + 1;
    filter.before_id = page->after_id;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return filter;
}

void ListWaves(const ApiContext& api, Request& request, Respond respond) {
  RespondWithPage(
      respond, ParseWaveFilter(request),
      [&](const WaveFilter& f) { return api.store->reads().fulfillment().ListWaves(f); },
      &WaveSummaryToJson, [](const WaveSummary& summary) { return summary.wave.id; });
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

// What a wave's document is made from, as a fingerprint: the wave with its parcels and pick
// lines, its warehouse, the version of each of its orders, and `extra` (a label size, the
// carriers' names). Equal fingerprints make equal documents, bar the time printed on them.
std::string Fingerprint(const WaveView& view, const std::map<std::string, Order>* orders,
                        std::string_view extra) {
  std::string text = Serialize(WaveToJson(view.wave, view.parcels, view.pick_lines));
  const Address& address = view.warehouse.address;
  for (const std::string* part : {&view.warehouse.code, &view.warehouse.name, &address.province,
                                  &address.city, &address.district, &address.detail}) {
    text += '\x1f';
    text += *part;
  }
  if (orders != nullptr) {
    for (const auto& [order_no, order] : *orders) {
      text += '\x1f' + order_no + ':' + std::to_string(order.version);
    }
  }
  text += '\x1f';
  text += extra;
  unsigned char digest[32];
  crypto_generichash(digest, sizeof(digest), reinterpret_cast<const unsigned char*>(text.data()),
                     text.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

// The document made by `render`, from the cache when the renderer has one made from the same
// inputs (document_renderer.h).
Response CachedPdf(const ApiContext& api, const WaveView& view, const char* document,
                   const std::string& variant, const std::string& fingerprint,
                   const std::function<Result<std::string>()>& render) {
  if (api.documents == nullptr) {
    return Pdf(view, document, render());
  }
  Result<std::shared_ptr<const std::string>> made = api.documents->Cached(
      "wave " + std::to_string(view.wave.id) + " " + document + " " + variant, fingerprint, render);
  return Pdf(view, document,
             made.ok() ? Result<std::string>(**made) : Result<std::string>(made.status()));
}

Response MakePickList(const ApiContext& api, int64_t wave_id, const std::string&) {
  Result<WaveView> view = ReadWave(api.store->reads(), wave_id);
  if (!view.ok()) {
    return Response::Problem(view.status());
  }
  return CachedPdf(api, *view, "pick-list", "", Fingerprint(*view, nullptr, ""), [&] {
    return documents::RenderPickList(PickListOf(view->wave, view->warehouse, view->pick_lines));
  });
}

Response MakePackingSlips(const ApiContext& api, int64_t wave_id, const std::string&) {
  Result<WaveView> view = ReadWave(api.store->reads(), wave_id);
  Result<std::map<std::string, Order>> orders =
      view.ok() ? OrdersOf(api.store->reads(), *view)
                : Result<std::map<std::string, Order>>(view.status());
  if (!orders.ok()) {
    return Response::Problem(orders.status());
  }
  return CachedPdf(api, *view, "packing-slips", "", Fingerprint(*view, &*orders, ""), [&] {
    return documents::RenderPackingSlips(PackingSlipsOf(view->parcels, *orders, api.clock->Now()));
  });
}

Response MakeLabels(const ApiContext& api, int64_t wave_id, const std::string& size) {
  Result<WaveView> view = ReadWave(api.store->reads(), wave_id);
  Result<std::map<std::string, Order>> orders =
      view.ok() ? OrdersOf(api.store->reads(), *view)
                : Result<std::map<std::string, Order>>(view.status());
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  if (!orders.ok() || !settings.ok()) {
    return Response::Problem(orders.ok() ? settings.status() : orders.status());
  }
  std::string carriers = size;
  for (const CarrierRule& rule : settings->carrier_rules) {
    carriers += '\x1f' + rule.carrier + '=' + rule.name;
  }
  return CachedPdf(api, *view, "labels", size, Fingerprint(*view, &*orders, carriers), [&] {
    const auto labels = LabelsOf(view->parcels, *orders, view->warehouse, settings->carrier_rules,
                                 api.clock->Now());
    return documents::RenderLabels(
        labels, size == "100x150" ? documents::LabelSize::k100x150 : documents::LabelSize::k76x130);
  });
}

using DocumentMaker = Response (*)(const ApiContext&, int64_t, const std::string&);

// GET /waves/{id}/<document>.pdf: made on the renderer's threads (document_renderer.h), never on
// an HTTP thread, at most a few at once per caller.
void GetDocument(const ApiContext& api, Request& request, Respond respond, const char* document,
                 DocumentMaker make) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(Status::NotFound("no wave " + std::string(request.Param("id")))));
    return;
  }
  std::string size;
  if (make == &MakeLabels) {
    size = std::string(request.Query("size").value_or("100x150"));
    if (size != "100x150" && size != "76x130") {
      respond(Response::Problem(
          Status::Invalid("size", Code::kInvalidValue, "size must be 100x150 or 76x130")));
      return;
    }
  }
  if (api.documents == nullptr) {
    respond(make(api, *id, size));
    return;
  }
  api.documents->Run(
      request.principal.id, "wave " + std::to_string(*id) + " " + document + " " + size,
      [&api, id = *id, size, make] { return make(api, id, size); }, std::move(respond));
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
  router.Add("GET", "/api/v1/waves",
             {"Waves, newest first (?warehouse=&status=open|closed&from=&to=&limit=&cursor=; "
              "from and to are times or China dates)",
              "waves:read", false, "", "WavePage", 200,
              Paged({{"warehouse", "the warehouse's code"},
                     {"status", "open or closed"},
                     {"from", "created at or after: an RFC 3339 time or a China date"},
                     {"to", "created before: an RFC 3339 time or a China date"}})},
             Bind(api, &ListWaves));
  router.Add("GET", "/api/v1/waves/{id}",
             {"A wave: its orders, parcels and pick list", "waves:read", false, "", "Wave", 200},
             Bind(api, &GetWave));
  router.Add(
      "GET", "/api/v1/waves/{id}/pick-list.pdf",
      {"The wave's pick list (PDF), in storage location order", "waves:read", false, "", "", 200},
      [a = &api](Request& r, Respond respond) {
        GetDocument(*a, r, std::move(respond), "pick-list", &MakePickList);
      });
  router.Add("GET", "/api/v1/waves/{id}/packing-slips.pdf",
             {"The packing slips of the wave's orders (PDF)", "waves:read", false, "", "", 200},
             [a = &api](Request& r, Respond respond) {
               GetDocument(*a, r, std::move(respond), "packing-slips", &MakePackingSlips);
             });
  router.Add("GET", "/api/v1/waves/{id}/labels.pdf",
             {"Shipping labels of the wave's parcels (PDF; ?size=100x150|76x130)",
              "waves:read",
              false,
              "",
              "",
              200,
              {{"size", "the label size in mm: 100x150 (default) or 76x130"}}},
             [a = &api](Request& r, Respond respond) {
               GetDocument(*a, r, std::move(respond), "labels", &MakeLabels);
             });
  router.Add("PUT", "/api/v1/warehouses/{code}/locations/{sku}",
             {"Set the storage location of a SKU in a warehouse", "stock:write", false,
              "LocationInput", "Location", 200},
             Bind(api, &PutLocation));
  router.Add("GET", "/api/v1/warehouses/{code}/locations",
             {"Storage locations of a warehouse", "inventory:read", false, "", "LocationList", 200},
             Bind(api, &ListLocations));
}

void RegisterFulfillmentRoutes(Router& router, const ApiContext& api) {
  RegisterSettingsRoutes(router, api);
  RegisterAnomalyRoutes(router, api);
  RegisterWaveRoutes(router, api);
  RegisterShipmentRoutes(router, api);
  RegisterTrackingRoutes(router, api);
  RegisterWaybillRoutes(router, api);
}

}  // namespace ordo::http
