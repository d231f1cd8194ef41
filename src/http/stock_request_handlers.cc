// Large manual stock movements waiting for a second person (domain/inventory/movement_request.h):
//   GET  /api/v1/stock/movement-requests?status=pending|approved|rejected   (newest first)
//   GET  /api/v1/stock/movement-requests/{id}
//   POST /api/v1/stock/movement-requests/{id}/approve            books it as asked
//   POST /api/v1/stock/movement-requests/{id}/reject {"reason"}
// A receipt or adjustment above the settings' receipt_approval_quantity or
// adjustment_approval_quantity is answered 202 with such a request instead of being booked.
#include "app/catalog_commands.h"
#include "http/dto.h"
#include "http/fulfillment_routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

Result<MovementRequestFilter> ParseRequestFilter(const Request& request) {
  MovementRequestFilter filter;
  std::vector<FieldError> errors;
  if (auto status = request.Query("status"); status && !status->empty()) {
    filter.status = ParseMovementRequestStatus(*status);
    if (!filter.status) {
      errors.push_back(
          {"status", Code::kInvalidValue, "status must be pending, approved or rejected"});
    }
  }
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit + 1;
    filter.before_id = page->after_id;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return filter;
}

void ListRequests(const ApiContext& api, Request& request, Respond respond) {
  RespondWithPage(
      respond, ParseRequestFilter(request),
      [&](const MovementRequestFilter& f) {
        return api.store->reads().inventory().ListMovementRequests(f);
      },
      &MovementRequestToJson, [](const MovementRequest& r) { return r.id; });
}

void GetRequest(const ApiContext& api, Request& request, Respond respond) {
  RespondWithRecord(
      request, respond, "stock movement request",
      [&](int64_t id) { return api.store->reads().inventory().GetMovementRequest(id); },
      &MovementRequestToJson);
}

json::object DecisionToJson(const app::StockOutcome& out) {
  json::object body{{"request", MovementRequestToJson(*out.pending)}};
  if (out.pending->status == MovementRequestStatus::kApproved) {
    body["entry"] = LedgerEntryToJson(out.entry);
    body["stock"] = StockToJson(out.stock);
  }
  return body;
}

WriteFn Approve(int64_t id, FieldReader& reader, app::CommandContext context,
                std::shared_ptr<app::StockOutcome> out) {
  return app::DecideStockRequest(id, true, reader.String("reason", false), std::move(context), out);
}

WriteFn Reject(int64_t id, FieldReader& reader, app::CommandContext context,
               std::shared_ptr<app::StockOutcome> out) {
  return app::DecideStockRequest(id, false, reader.String("reason", true), std::move(context), out);
}

}  // namespace

void RegisterStockRequestRoutes(Router& router, const ApiContext& api) {
  router.Add("GET", "/api/v1/stock/movement-requests",
             {"Large receipts and adjustments waiting for (or decided by) a second person, "
              "newest first (?status=pending|approved|rejected)",
              "inventory:read", false, "", "MovementRequestPage", 200,
              Paged({{"status", "pending, approved or rejected"}})},
             Bind(api, &ListRequests));
  router.Add("GET", "/api/v1/stock/movement-requests/{id}",
             {"One stock movement request", "inventory:read", false, "", "MovementRequest", 200},
             Bind(api, &GetRequest));
  const struct {
    const char* action;
    const char* summary;
    const char* schema;
    IdCommand<app::StockOutcome> command;
  } kCommands[] = {
      {"approve",
       "Approve and book the movement as asked (not by whoever asked for it: 403 self_approval)",
       "", &Approve},
      {"reject", "Reject the movement with a reason; nothing is booked", "DismissInput", &Reject},
  };
  const ApiContext* a = &api;
  for (const auto& entry : kCommands) {
    router.Add("POST", std::string("/api/v1/stock/movement-requests/{id}/") + entry.action,
               {entry.summary, "stock:approve", false, entry.schema, "MovementDecision", 200},
               [a, command = entry.command](Request& request, Respond respond) {
                 PostIdCommand(*a, request, std::move(respond), "stock movement request", command,
                               [](const app::StockOutcome& out) {
                                 return Response::Json(200, Serialize(DecisionToJson(out)));
                               });
               });
  }
}

}  // namespace ordo::http
