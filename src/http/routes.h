// Internal to http/: the per-resource route registrations and the pagination helpers they share.
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "app/reports.h"
#include "http/api.h"
#include "http/json_util.h"
#include "tables/table.h"

namespace ordo::http {

// A page request. Lists keyed by a numeric id (orders, ledger entries) use `after_id`; lists
// keyed by a code (SKUs) use `after_key`. Both arrive in the same opaque `cursor` parameter.
struct PageParams {
  int limit = 50;
  int64_t after_id = 0;   // 0 for the first page
  std::string after_key;  // empty for the first page
};

constexpr int kMaxPageLimit = 200;

// The query parameters of a paged list: `filters` followed by limit and cursor (ParsePage).
std::vector<QueryParam> Paged(std::vector<QueryParam> filters = {});

// ?limit=…&cursor=… — limit 1..200 (default 50); the cursor is the opaque string a previous
// page returned as next_cursor.
Result<PageParams> ParsePage(const Request& request);
// ParsePage for a handler that collects every field error at once: its errors join `errors`.
std::optional<PageParams> ReadPage(const Request& request, std::vector<FieldError>& errors);
// The query parameter `name` as an RFC 3339 time or a date ("2026-11-27", China time), when it
// is present and not empty; a bad value adds a field error named after the parameter.
std::optional<Timestamp> ReadTimeParam(const Request& request, std::string_view name,
                                       std::vector<FieldError>& errors);
// {"data": [...], "next_cursor": "…" | null}
boost::json::object PageJson(boost::json::array data, int64_t next_after_id);
boost::json::object PageJson(boost::json::array data, const std::string& next_after_key);

// Answers one page of a list read with limit + 1 rows: the first `limit` rendered with
// `to_json`, and a cursor after the last shown when there were more.
template <typename T, typename ToJson, typename IdOf>
Response IdPageResponse(const std::vector<T>& rows, int limit, ToJson to_json, IdOf id_of) {
  boost::json::array data;
  const size_t shown = std::min(rows.size(), static_cast<size_t>(limit));
  for (size_t i = 0; i < shown; ++i) {
    data.push_back(to_json(rows[i]));
  }
  const int64_t next = rows.size() > shown ? id_of(rows[shown - 1]) : 0;
  return Response::Json(200, Serialize(PageJson(std::move(data), next)));
}

// GET of a list paged by id, newest first: `filter` is the parsed query (Result<Filter>, its
// `limit` one more than the page shows); `load(filter)` reads the rows (Result<std::vector<T>>).
// A bad query or a failed read is answered as a problem.
template <typename Filter, typename Load, typename ToJson, typename IdOf>
void RespondWithPage(Respond& respond, const Result<Filter>& filter, Load load, ToJson to_json,
                     IdOf id_of) {
  if (!filter.ok()) {
    respond(Response::Problem(filter.status()));
    return;
  }
  auto rows = load(*filter);
  if (!rows.ok()) {
    respond(Response::Problem(rows.status()));
    return;
  }
  respond(IdPageResponse(*rows, filter->limit - 1, to_json, id_of));
}

// The filters of the lists, read as their GET handlers read them (a channel kept to its own
// orders), for the exports of the same lists (exports.h). The page's limit and cursor are read
// too; an export replaces them.
Result<OrderFilter> ParseOrderListFilter(const Request& request);
Result<RefundFilter> ParseRefundListFilter(const Request& request);
Result<AfterSalesFilter> ParseAfterSalesListFilter(const Request& request);

void RegisterOrderRoutes(Router& router, const ApiContext& api);
void RegisterCatalogRoutes(Router& router, const ApiContext& api);
void RegisterOperationsRoutes(Router& router, const ApiContext& api);
void RegisterAccountRoutes(Router& router, const ApiContext& api);
void RegisterAuditRoutes(Router& router, const ApiContext& api);
// The staff console's dashboard (dashboard_handlers.cc).
void RegisterDashboardRoutes(Router& router, const ApiContext& api);
void RegisterSupervisionRoutes(Router& router, const ApiContext& api);
// The OpenAPI schemas of the supervision routes, a JSON object text merged into the document.
const char* SupervisionSchemas();
// Inventory depth (inventory_handlers.cc, backorder_handlers.cc) and its OpenAPI schemas.
void RegisterInventoryRoutes(Router& router, const ApiContext& api);
void RegisterBackorderRoutes(Router& router, const ApiContext& api);
const char* InventorySchemas();
// Settings, abnormal cases, waves and documents, shipments, tracking (fulfillment_routes.h).
void RegisterFulfillmentRoutes(Router& router, const ApiContext& api);
// The OpenAPI schemas of those routes, a JSON object text merged into the document.
const char* FulfillmentSchemas();
// After-sales cases (aftersales_handlers.cc) and their OpenAPI schemas (aftersales_schemas.cc).
void RegisterAfterSalesRoutes(Router& router, const ApiContext& api);
const char* AfterSalesSchemas();
// Payment callbacks, cash-on-delivery re-confirmation, refunds (payment_handlers.cc) and their
// OpenAPI schemas (payment_schemas.cc).
void RegisterPaymentRoutes(Router& router, const ApiContext& api);
const char* PaymentSchemas();
// Changes before shipment and their confirmation (order_change_handlers.cc) and their schemas.
void RegisterOrderChangeRoutes(Router& router, const ApiContext& api);
const char* OrderChangeSchemas();
// Customers, the review queue and re-running review (customer_handlers.cc, review_handlers.cc)
// and their OpenAPI schemas (customer_schemas.cc).
void RegisterCustomerRoutes(Router& router, const ApiContext& api);
void RegisterReviewRoutes(Router& router, const ApiContext& api);
const char* CustomerSchemas();
// Large stock movements waiting for a second person, and API tokens (stock_request_handlers.cc,
// account_handlers.cc), with their OpenAPI schemas.
void RegisterStockRequestRoutes(Router& router, const ApiContext& api);
// Order imports (import_handlers.cc) and their OpenAPI schemas (import_schemas.cc).
void RegisterImportRoutes(Router& router, const ApiContext& api);
const char* ImportSchemas();
const char* SecuritySchemas();
// The document archive: documents, access grants, destructions (document_handlers.cc).
void RegisterDocumentRoutes(Router& router, const ApiContext& api);
const char* DocumentSchemas();
// The console's reads: dashboard, order counts and actions, audit chain check.
const char* ConsoleSchemas();
// Exports of the lists as CSV / XLSX, and reports (export_handlers.cc), with their schemas.
void RegisterExportRoutes(Router& router, const ApiContext& api);
const char* ExportSchemas();
// A report as a CSV or XLSX file: the key column, the figures, and a total row.
Result<std::string> WriteReportFile(const app::Report& report, tables::Format format);

}  // namespace ordo::http
