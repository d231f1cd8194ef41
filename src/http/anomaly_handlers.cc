// Abnormal cases (domain.md EXC-2):
//   GET /api/v1/anomalies?status=&type=&order_no=&assignee=&limit=&cursor=   (newest first)
//   GET /api/v1/anomalies/{id}
//   POST /api/v1/anomalies/{id}/assign   {"assignee"}
//   POST /api/v1/anomalies/{id}/resolve  {"resolution", "root_cause", "improvement"?}
//   POST /api/v1/anomalies/{id}/dismiss  {"reason"}
// Handling a case needs anomalies:handle, anomalies:handle_payment for the payment cases, or the
// permission its type names (CaseType handled_with: the warehouse clears its own weight and scan
// cases); app/access.h RoleMayHandleCase.
#include "app/access.h"
#include "app/anomaly.h"
#include "http/fulfillment_dto.h"
#include "http/fulfillment_routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

Result<CaseFilter> ParseCaseFilter(const Request& request) {
  CaseFilter filter;
  std::vector<FieldError> errors;
  if (auto status = request.Query("status")) {
    filter.status = ParseCaseStatus(*status);
    if (!filter.status) {
      errors.push_back(
          {"status", Code::kInvalidValue, "status must be open, assigned, resolved or dismissed"});
    }
  }
  if (auto type = request.Query("type")) {
    filter.type = std::string(*type);
    if (FindCaseType(*type) == nullptr) {
      errors.push_back({"type", Code::kInvalidValue, "unknown case type " + filter.type});
    }
  }
  filter.order_no = std::string(request.Query("order_no").value_or(""));
  filter.assignee = std::string(request.Query("assignee").value_or(""));
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit + 1;
    filter.before_id = page->after_id;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return filter;
}

void ListCases(const ApiContext& api, Request& request, Respond respond) {
  RespondWithPage(
      respond, ParseCaseFilter(request),
      [&](const CaseFilter& f) { return api.store->reads().fulfillment().ListCases(f); },
      &CaseToJson, [](const AbnormalCase& abnormal) { return abnormal.id; });
}

void GetCase(const ApiContext& api, Request& request, Respond respond) {
  RespondWithRecord(
      request, respond, "abnormal case",
      [&](int64_t id) { return api.store->reads().fulfillment().GetCase(id); }, &CaseToJson);
}

Response CaseOutcomeResponse(const app::CaseOutcome& out) {
  json::object body = CaseToJson(out.abnormal);
  body["hold_released"] = out.hold_released;
  return Response::Json(200, Serialize(body));
}

// Whether the caller may handle the case: its type as well as the route's permission decides
// (app/access.h RoleMayHandleCase: finance the payment cases, the warehouse its weight and scan
// cases). An unknown id is left to the command (404).
Status MayHandle(const ApiContext& api, const Request& request) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  Result<std::optional<AbnormalCase>> found =
      id ? api.store->reads().fulfillment().GetCase(*id)
         : Result<std::optional<AbnormalCase>>(std::optional<AbnormalCase>());
  ORDO_RETURN_IF_ERROR(found.status());
  if (!found->has_value() || app::RoleMayHandleCase(request.principal.role, (*found)->type)) {
    return Status::Ok();
  }
  return Status(Kind::kForbidden, Code::kForbidden,
                "the role " + request.principal.role + " may not handle " + (*found)->type +
                    " cases");
}

void PostCaseCommand(const ApiContext& api, Request& request, Respond respond,
                     IdCommand<app::CaseOutcome> command) {
  if (Status allowed = MayHandle(api, request); !allowed.ok()) {
    respond(Response::Problem(allowed));
    return;
  }
  PostIdCommand(api, request, std::move(respond), "abnormal case", command, &CaseOutcomeResponse);
}

WriteFn Assign(int64_t id, FieldReader& r, app::CommandContext context,
               std::shared_ptr<app::CaseOutcome> out) {
  return app::AssignAbnormalCase(id, r.String("assignee", true), std::move(context), out);
}

WriteFn Resolve(int64_t id, FieldReader& r, app::CommandContext context,
                std::shared_ptr<app::CaseOutcome> out) {
  app::ResolveInput input{r.String("resolution", true), r.String("root_cause", true),
                          r.String("improvement", false)};
  return app::ResolveAbnormalCase(id, std::move(input), std::move(context), out);
}

WriteFn Dismiss(int64_t id, FieldReader& r, app::CommandContext context,
                std::shared_ptr<app::CaseOutcome> out) {
  return app::DismissAbnormalCase(id, r.String("reason", true), std::move(context), out);
}

}  // namespace

void RegisterAnomalyRoutes(Router& router, const ApiContext& api) {
  router.Add("GET", "/api/v1/anomalies",
             {"Abnormal cases, newest first (?status=&type=&order_no=&assignee=)", "anomalies:read",
              false, "", "AnomalyPage", 200,
              Paged({{"status", "open, assigned, resolved or dismissed"},
                     {"type", "a case type (address_incomplete, weight_mismatch, …)"},
                     {"order_no", "the order"},
                     {"assignee", "the account the case is assigned to"}})},
             Bind(api, &ListCases));
  router.Add("GET", "/api/v1/anomalies/{id}",
             {"One abnormal case", "anomalies:read", false, "", "Anomaly", 200},
             Bind(api, &GetCase));
  const struct {
    const char* action;
    const char* summary;
    const char* schema;
    IdCommand<app::CaseOutcome> command;
  } kCommands[] = {
      {"assign",
       "Assign the case to someone who handles its type: user:<name> of an enabled account "
       "whose role does (else 422 assignee_not_allowed); anomalies:handle, weight and scan "
       "cases also orders:fulfil",
       "AssignInput", &Assign},
      {"resolve",
       "Resolve the case, lifting its hold on the order (anomalies:handle; weight and scan "
       "cases also orders:fulfil)",
       "ResolveInput", &Resolve},
      {"dismiss",
       "Dismiss the case as no problem, lifting its hold (anomalies:handle; weight and scan "
       "cases also orders:fulfil)",
       "DismissInput", &Dismiss},
  };
  const ApiContext* a = &api;
  for (const auto& entry : kCommands) {
    router.Add("POST", std::string("/api/v1/anomalies/{id}/") + entry.action,
               {entry.summary, "anomalies:handle|anomalies:handle_payment|orders:fulfil", false,
                entry.schema, "Anomaly", 200},
               [a, command = entry.command](Request& request, Respond respond) {
                 PostCaseCommand(*a, request, std::move(respond), command);
               });
  }
}

}  // namespace ordo::http
