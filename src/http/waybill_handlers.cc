// Waybill number ranges (app/waybills.h):
//   POST /api/v1/waybill-ranges {"carrier", "prefix"?, "first_no", "last_no", "digits"?, "note"?}
//   GET  /api/v1/waybill-ranges?carrier=   every range, and each carrier's numbers left
#include <algorithm>

#include "app/waybills.h"
#include "http/fulfillment_dto.h"
#include "http/fulfillment_routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

void PostRange(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  WaybillRange range;
  range.carrier = reader.String("carrier", true);
  range.prefix = reader.String("prefix", false);
  range.first_no = reader.Int("first_no", true);
  range.last_no = reader.Int("last_no", true);
  range.digits = static_cast<int>(std::clamp<int64_t>(reader.Int("digits", false), -1, 99));
  range.note = reader.String("note", false);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<WaybillRange>();
  RunCommand(api, request, std::move(respond),
             app::LoadWaybillRange(std::move(range), ContextOf(api, request), out),
             [out](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               Response response = Response::Json(201, Serialize(WaybillRangeToJson(*out)));
               response.headers.emplace_back("Location", "/api/v1/waybill-ranges");
               return response;
             });
}

void ListRanges(const ApiContext& api, Request& request, Respond respond) {
  Result<std::string> filter =
      app::CarrierFilter(api.store->reads(), std::string(request.Query("carrier").value_or("")));
  if (!filter.ok()) {
    respond(Response::Problem(filter.status()));
    return;
  }
  const std::string& carrier = *filter;
  Result<std::vector<WaybillRange>> ranges =
      api.store->reads().fulfillment().ListWaybillRanges(carrier);
  Result<std::vector<WaybillStock>> stocks = app::ListWaybillStocks(api.store->reads());
  if (!ranges.ok() || !stocks.ok()) {
    respond(Response::Problem(ranges.ok() ? stocks.status() : ranges.status()));
    return;
  }
  json::array data;
  for (const WaybillRange& range : *ranges) {
    data.push_back(WaybillRangeToJson(range));
  }
  json::array carriers;
  for (const WaybillStock& stock : *stocks) {
    if (carrier.empty() || stock.carrier == carrier) {
      carriers.push_back(WaybillStockToJson(stock));
    }
  }
  respond(Response::Json(
      200, Serialize(json::object{{"data", std::move(data)}, {"carriers", std::move(carriers)}})));
}

}  // namespace

void RegisterWaybillRoutes(Router& router, const ApiContext& api) {
  router.Add("POST", "/api/v1/waybill-ranges",
             {"Load a range of waybill numbers a carrier allotted; labels draw from it in order, "
              "never twice (409 already_exists when it overlaps a loaded range)",
              "carriers:write", false, "WaybillRangeInput", "WaybillRange", 201},
             Bind(api, &PostRange));
  router.Add("GET", "/api/v1/waybill-ranges",
             {"Waybill number ranges (?carrier=) and each carrier's numbers left, flagged low "
              "at or below waybill_low_threshold",
              "carriers:read",
              false,
              "",
              "WaybillRangeList",
              200,
              {{"carrier", "only this carrier's ranges (its code)"}}},
             Bind(api, &ListRanges));
}

}  // namespace ordo::http
