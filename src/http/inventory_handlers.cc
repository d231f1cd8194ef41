// Handlers of inventory depth (api.md "Inventory depth"): the stock check and alerts, allocation
// rules of warehouses, SKU stock settings, stocktakes. Backorders, replenishment requests and
// refunds are in backorder_handlers.cc.
#include "app/inventory.h"
#include "base/limits.h"
#include "http/api.h"
#include "http/dto.h"
#include "http/inventory_dto.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

using Bound = std::function<void(Request&, Respond)>;

void GetAlerts(const ApiContext& api, Request& request, Respond respond) {
  const std::string warehouse(request.Query("warehouse").value_or(""));
  if (!warehouse.empty()) {
    Result<std::optional<Warehouse>> found = api.store->reads().GetWarehouse(warehouse);
    if (!found.ok() || !found->has_value()) {
      respond(Response::Problem(found.ok() ? Status::Invalid("warehouse", Code::kUnknownWarehouse,
                                                             "no warehouse " + warehouse)
                                           : found.status()));
      return;
    }
  }
  Result<std::vector<StockAlert>> alerts = app::ListStockAlerts(api.store->reads(), warehouse);
  respond(alerts.ok() ? Response::Json(200, Serialize(AlertsToJson(*alerts)))
                      : Response::Problem(alerts.status()));
}

void GetStockCheck(const ApiContext& api, Request&, Respond respond) {
  Result<StockCheckReport> report = api.store->reads().inventory().CheckStock();
  respond(report.ok() ? Response::Json(200, Serialize(StockCheckToJson(*report)))
                      : Response::Problem(report.status()));
}

void GetWarehouseRules(const ApiContext& api, Request& request, Respond respond) {
  const std::string code(request.Param("code"));
  Result<AllocationRules> rules = api.store->reads().inventory().LoadAllocationRules();
  if (!rules.ok()) {
    respond(Response::Problem(rules.status()));
    return;
  }
  const WarehouseRule* rule = rules->Find(code);
  respond(rule == nullptr ? Response::Problem(Status::NotFound("no warehouse " + code))
                          : Response::Json(200, Serialize(WarehouseRuleToJson(*rule))));
}

void PutWarehouseRules(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  WarehouseRule rule;
  rule.code = std::string(request.Param("code"));
  rule.priority = static_cast<int>(reader.BoundedInt("priority", false, kMaxPriority, 0));
  if (const json::array* regions = reader.Array("regions", false)) {
    for (size_t i = 0; i < regions->size(); ++i) {
      if (!(*regions)[i].is_object()) {
        reader.AddError(IndexPath("regions", i), Code::kInvalidValue, "must be an object");
        continue;
      }
      FieldReader item((*regions)[i].as_object(), IndexPath("regions", i), errors);
      rule.regions.emplace_back(item.String("province", true),
                                static_cast<int>(item.BoundedInt("rank", true, kMaxPriority)));
    }
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<WarehouseRule>();
  RunCommand(api, request, std::move(respond),
             app::SetWarehouseRule(std::move(rule), ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok() ? Response::Json(200, Serialize(WarehouseRuleToJson(*out)))
                                  : Response::Problem(status);
             });
}

void PatchSkuStockSettings(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::SkuStockSettingsInput input{std::string(request.Param("sku")),
                                   reader.OptionalBoundedInt("low_stock_threshold", kMaxQuantity),
                                   reader.OptionalBoundedInt("lead_time_days", kMaxQuantity)};
  if (errors.empty() && !input.low_stock_threshold && !input.lead_time_days) {
    reader.AddError("low_stock_threshold", Code::kRequired,
                    "give low_stock_threshold, lead_time_days or both");
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<Sku>();
  RunCommand(api, request, std::move(respond),
             app::SetSkuStockSettings(std::move(input), ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok() ? Response::Json(200, Serialize(SkuToJson(*out)))
                                  : Response::Problem(status);
             });
}

Response StocktakeResponse(const Status& status, int http_status,
                           const std::shared_ptr<Stocktake>& out) {
  if (!status.ok()) {
    return Response::Problem(status);
  }
  Response response = Response::Json(http_status, Serialize(StocktakeToJson(*out)));
  if (http_status == 201) {
    response.headers.emplace_back("Location", "/api/v1/stocktakes/" + std::to_string(out->id));
  }
  return response;
}

void PostStocktake(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::StocktakeInput input;
  input.warehouse = reader.String("warehouse", true);
  input.reason = reader.String("reason", true);
  if (const json::array* skus = reader.Array("skus", false)) {
    input.skus.emplace();
    for (size_t i = 0; i < skus->size(); ++i) {
      if (!(*skus)[i].is_string()) {
        reader.AddError(IndexPath("skus", i), Code::kInvalidValue, "must be a SKU code");
        continue;
      }
      input.skus->emplace_back((*skus)[i].get_string());
    }
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<Stocktake>();
  RunCommand(api, request, std::move(respond),
             app::OpenStocktakeCommand(std::move(input), ContextOf(api, request), out),
             [out](const Status& status) { return StocktakeResponse(status, 201, out); });
}

void GetStocktake(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = PositiveIdParam(request);
  Result<std::optional<Stocktake>> stocktake = std::optional<Stocktake>();
  if (id) {
    stocktake = api.store->reads().inventory().GetStocktake(*id);
  }
  if (!stocktake.ok()) {
    respond(Response::Problem(stocktake.status()));
  } else if (!stocktake->has_value()) {
    respond(
        Response::Problem(Status::NotFound("no stocktake " + std::string(request.Param("id")))));
  } else {
    respond(Response::Json(200, Serialize(StocktakeToJson(**stocktake))));
  }
}

void PostCounts(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = PositiveIdParam(request);
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  if (!id) {
    respond(
        Response::Problem(Status::NotFound("no stocktake " + std::string(request.Param("id")))));
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::vector<Count> counts;
  if (const json::array* items = reader.Array("counts", true)) {
    for (size_t i = 0; i < items->size(); ++i) {
      if (!(*items)[i].is_object()) {
        reader.AddError(IndexPath("counts", i), Code::kInvalidValue, "must be an object");
        continue;
      }
      FieldReader item((*items)[i].as_object(), IndexPath("counts", i), errors);
      counts.push_back({item.String("sku", true), item.BoundedInt("counted", true, kMaxQuantity)});
    }
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<Stocktake>();
  RunCommand(api, request, std::move(respond),
             app::RecordStocktakeCounts(*id, std::move(counts), ContextOf(api, request), out),
             [out](const Status& status) { return StocktakeResponse(status, 200, out); });
}

void PostDecision(const ApiContext& api, Request& request, Respond respond, bool approve) {
  const std::optional<int64_t> id = PositiveIdParam(request);
  if (!OptionalBodyOrRespond(request, respond)) {
    return;
  }
  if (!id) {
    respond(
        Response::Problem(Status::NotFound("no stocktake " + std::string(request.Param("id")))));
    return;
  }
  auto out = std::make_shared<Stocktake>();
  RunCommand(api, request, std::move(respond),
             app::DecideStocktake(*id, approve, ContextOf(api, request), out),
             [out](const Status& status) { return StocktakeResponse(status, 200, out); });
}

}  // namespace

void RegisterInventoryRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  auto bind = [a](void (*fn)(const ApiContext&, Request&, Respond)) -> Bound {
    return [a, fn](Request& r, Respond respond) { fn(*a, r, std::move(respond)); };
  };
  router.Add("GET", "/api/v1/stock/alerts",
             {"Low-stock, zero-stock and orderability alerts of sellable SKUs, in all and in each "
              "warehouse (?warehouse= for one warehouse's)",
              "inventory:read",
              false,
              "",
              "StockAlerts",
              200,
              {{"warehouse", "only this warehouse's alerts (its code)"}}},
             bind(&GetAlerts));
  router.Add("GET", "/api/v1/stock/verify",
             {"Check every stock level against the sum of its ledger movements", "audit:read",
              false, "", "StockCheck", 200},
             bind(&GetStockCheck));
  router.Add("GET", "/api/v1/warehouses/{code}/allocation-rules",
             {"A warehouse's allocation priority and the regions it serves", "catalog:read", false,
              "", "WarehouseRule", 200},
             bind(&GetWarehouseRules));
  router.Add("PUT", "/api/v1/warehouses/{code}/allocation-rules",
             {"Set a warehouse's allocation priority and regions", "catalog:write", false,
              "WarehouseRuleInput", "WarehouseRule", 200},
             bind(&PutWarehouseRules));
  router.Add("PATCH", "/api/v1/skus/{sku}/stock-settings",
             {"Set a SKU's low-stock threshold and purchasing lead time", "catalog:write", false,
              "SkuStockSettings", "Sku", 200},
             bind(&PatchSkuStockSettings));
  router.Add("POST", "/api/v1/stocktakes",
             {"Open a stocktake of a warehouse or of some SKUs", "stock:write", false,
              "StocktakeInput", "Stocktake", 201},
             bind(&PostStocktake));
  router.Add(
      "GET", "/api/v1/stocktakes/{id}",
      {"A stocktake with its counts and variances", "inventory:read", false, "", "Stocktake", 200},
      bind(&GetStocktake));
  router.Add(
      "POST", "/api/v1/stocktakes/{id}/counts",
      {"Record counted quantities", "stock:write", false, "StocktakeCounts", "Stocktake", 200},
      bind(&PostCounts));
  router.Add("POST", "/api/v1/stocktakes/{id}/approve",
             {"Approve a stocktake (not by a counter): its variances go on the books",
              "stock:approve", false, "", "Stocktake", 200},
             [a](Request& r, Respond respond) { PostDecision(*a, r, std::move(respond), true); });
  router.Add("POST", "/api/v1/stocktakes/{id}/cancel",
             {"Abandon an open stocktake", "stock:write", false, "", "Stocktake", 200},
             [a](Request& r, Respond respond) { PostDecision(*a, r, std::move(respond), false); });
  RegisterBackorderRoutes(router, api);
}

}  // namespace ordo::http
