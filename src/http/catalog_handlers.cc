// Handlers of the catalogue, warehouses and stock.
#include "app/catalog_commands.h"
#include "base/limits.h"
#include "http/api.h"
#include "http/dto.h"
#include "http/inventory_dto.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

template <typename T>
Response Render(const Status& status, int http_status, const std::shared_ptr<T>& out,
                json::object (*to_json)(const T&)) {
  return status.ok() ? Response::Json(http_status, Serialize(to_json(*out)))
                     : Response::Problem(status);
}

void PostSku(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  Sku sku = ParseSku(body->as_object(), errors);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<Sku>();
  RunCommand(api, request, std::move(respond),
             app::CreateSku(std::move(sku), ContextOf(api, request), out),
             [out](const Status& status) { return Render(status, 201, out, &SkuToJson); });
}

void GetSku(const ApiContext& api, Request& request, Respond respond) {
  const std::string code(request.Param("sku"));
  Result<std::optional<Sku>> sku = api.store->reads().GetSku(code);
  if (!sku.ok()) {
    respond(Response::Problem(sku.status()));
  } else if (!sku->has_value()) {
    respond(Response::Problem(Status::NotFound("no SKU " + code)));
  } else {
    respond(Response::Json(200, Serialize(SkuToJson(**sku))));
  }
}

void ListSkus(const ApiContext& api, Request& request, Respond respond) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  // SKU pages are keyed by code: the cursor carries the last code seen.
  Result<std::vector<Sku>> skus = api.store->reads().ListSkus(page->after_key, page->limit + 1);
  if (!skus.ok()) {
    respond(Response::Problem(skus.status()));
    return;
  }
  json::array data;
  const size_t shown = std::min(skus->size(), static_cast<size_t>(page->limit));
  for (size_t i = 0; i < shown; ++i) {
    data.push_back(SkuToJson((*skus)[i]));
  }
  const std::string next = skus->size() > shown ? (*skus)[shown - 1].code : std::string();
  respond(Response::Json(200, Serialize(PageJson(std::move(data), next))));
}

void PostWarehouse(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  Warehouse warehouse = ParseWarehouse(body->as_object(), errors);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<Warehouse>();
  RunCommand(api, request, std::move(respond),
             app::CreateWarehouse(std::move(warehouse), ContextOf(api, request), out),
             [out](const Status& status) { return Render(status, 201, out, &WarehouseToJson); });
}

void ListWarehouses(const ApiContext& api, Request&, Respond respond) {
  Result<std::vector<Warehouse>> warehouses = api.store->reads().ListWarehouses();
  if (!warehouses.ok()) {
    respond(Response::Problem(warehouses.status()));
    return;
  }
  json::array data;
  for (const Warehouse& warehouse : *warehouses) {
    data.push_back(WarehouseToJson(warehouse));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

// A manual stock movement (receipt, adjustment): {warehouse, sku, quantity, reason}, answered
// with the ledger entry and the SKU's levels after it.
using StockCommand = WriteFn (*)(app::ReceiptInput, app::CommandContext,
                                 std::shared_ptr<app::StockOutcome>);

void PostStockMovement(const ApiContext& api, Request& request, Respond respond,
                       StockCommand command, bool reason_required) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::ReceiptInput input{reader.String("warehouse", true), reader.String("sku", true),
                          reader.BoundedInt("quantity", true, kMaxQuantity),
                          reader.String("reason", reason_required)};
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::StockOutcome>();
  RunCommand(
      api, request, std::move(respond), command(std::move(input), ContextOf(api, request), out),
      [out](const Status& status) {
        if (!status.ok()) {
          return Response::Problem(status);
        }
        if (out->pending) {
          // Above the setting's quantity: nothing booked until a second person approves.
          return Response::Json(
              202, Serialize(json::object{{"status", "pending_approval"},
                                          {"request", MovementRequestToJson(*out->pending)}}));
        }
        return Response::Json(201, Serialize(json::object{{"entry", LedgerEntryToJson(out->entry)},
                                                          {"stock", StockToJson(out->stock)}}));
      });
}

void PostReceipt(const ApiContext& api, Request& request, Respond respond) {
  PostStockMovement(api, request, std::move(respond), &app::ReceiveStock,
                    /*reason_required=*/false);
}

// POST /stock/adjustments: a signed correction of on hand with a reason (supervision reads it as
// the correction of the entry before it, see domain/audit/detectors.h entry_corrected).
void PostAdjustment(const ApiContext& api, Request& request, Respond respond) {
  PostStockMovement(api, request, std::move(respond), &app::AdjustStock,
                    /*reason_required=*/true);
}

void GetStock(const ApiContext& api, Request& request, Respond respond) {
  const std::string code(request.Param("sku"));
  Result<std::optional<Sku>> sku = api.store->reads().GetSku(code);
  if (!sku.ok() || !sku->has_value()) {
    respond(Response::Problem(sku.ok() ? Status::NotFound("no SKU " + code) : sku.status()));
    return;
  }
  Result<StockView> stock = api.store->reads().GetStock(code);
  respond(stock.ok() ? Response::Json(200, Serialize(StockToJson(*stock)))
                     : Response::Problem(stock.status()));
}

// ?warehouse=&type=&from=&to= narrow the ledger (http/inventory_dto.h ParseLedgerFilter).
void GetLedger(const ApiContext& api, Request& request, Respond respond) {
  const std::string code(request.Param("sku"));
  Result<LedgerFilter> filter = ParseLedgerFilter(request, code);
  if (!filter.ok()) {
    respond(Response::Problem(filter.status()));
    return;
  }
  const int limit = filter->limit;
  filter->limit = limit + 1;
  Result<std::vector<LedgerEntry>> entries = api.store->reads().inventory().ListLedger(*filter);
  if (!entries.ok()) {
    respond(Response::Problem(entries.status()));
    return;
  }
  respond(IdPageResponse(*entries, limit, &LedgerEntryToJson,
                         [](const LedgerEntry& entry) { return entry.id; }));
}

}  // namespace

void RegisterCatalogRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  auto bind = [a](void (*fn)(const ApiContext&, Request&, Respond)) {
    return [a, fn](Request& r, Respond respond) { fn(*a, r, std::move(respond)); };
  };
  router.Add("POST", "/api/v1/skus", {"Create a SKU", "catalog:write", false, "Sku", "Sku", 201},
             bind(&PostSku));
  router.Add("GET", "/api/v1/skus",
             {"List SKUs by code", "catalog:read", false, "", "SkuPage", 200, Paged()},
             bind(&ListSkus));
  router.Add("GET", "/api/v1/skus/{sku}", {"One SKU", "catalog:read", false, "", "Sku", 200},
             bind(&GetSku));
  router.Add("POST", "/api/v1/warehouses",
             {"Create a warehouse", "catalog:write", false, "Warehouse", "Warehouse", 201},
             bind(&PostWarehouse));
  router.Add("GET", "/api/v1/warehouses",
             {"List warehouses", "catalog:read", false, "", "WarehouseList", 200},
             bind(&ListWarehouses));
  router.Add("POST", "/api/v1/stock/receipts",
             {"Receive goods into a warehouse; above receipt_approval_quantity units, 202 with a "
              "request a second person approves (MovementPending)",
              "stock:write", false, "Receipt", "StockMovement", 201},
             bind(&PostReceipt));
  router.Add("POST", "/api/v1/stock/adjustments",
             {"Correct the stock on hand, with a reason; above adjustment_approval_quantity "
              "units either way, 202 with a request a second person approves (MovementPending)",
              "stock:write", false, "Adjustment", "StockMovement", 201},
             bind(&PostAdjustment));
  router.Add("GET", "/api/v1/stock/{sku}",
             {"Stock of a SKU per warehouse", "stock:read", false, "", "Stock", 200},
             bind(&GetStock));
  router.Add("GET", "/api/v1/stock/{sku}/ledger",
             {"Stock movements of a SKU, oldest first (?warehouse=&type=&from=&to=)",
              "inventory:read", false, "", "LedgerPage", 200,
              Paged({{"warehouse", "the warehouse"},
                     {"type",
                      "receipt, reservation, release, consumption, return, adjustment or "
                      "stocktake"},
                     {"from", "at or after (RFC 3339 or a China date)"},
                     {"to", "before (RFC 3339 or a China date)"}})},
             bind(&GetLedger));
}

}  // namespace ordo::http
