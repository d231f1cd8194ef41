// The audit trail (AUD-1): GET /api/v1/audit?entity=order&id=…&limit=&cursor=, oldest first.
#include "http/api.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

// `before` and `after` are stored as JSON texts; they are shown as JSON values. A text that is
// not JSON (which the writer never stores) is shown as a string rather than hidden.
json::value StoredJson(const std::string& text) {
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  return ec ? json::value(json::string(text)) : value;
}

json::object AuditEntryToJson(const AuditEntry& entry) {
  return json::object{{"seq", entry.seq},
                      {"actor", entry.actor},
                      {"at", FormatRfc3339(entry.at)},
                      {"entity", entry.entity},
                      {"id", entry.entity_id},
                      {"action", entry.action},
                      {"before", StoredJson(entry.before)},
                      {"after", StoredJson(entry.after)}};
}

void ListAudit(const ApiContext& api, Request& request, Respond respond) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  const std::string entity(request.Query("entity").value_or(""));
  const std::string id(request.Query("id").value_or(""));
  if (!id.empty() && entity.empty()) {
    respond(Response::Problem(
        Status::Invalid("entity", Code::kRequired, "entity is required with id")));
    return;
  }
  Result<std::vector<AuditEntry>> entries =
      api.store->reads().ListAudit(entity, id, page->after_id, page->limit + 1);
  if (!entries.ok()) {
    respond(Response::Problem(entries.status()));
    return;
  }
  respond(IdPageResponse(*entries, page->limit, &AuditEntryToJson,
                         [](const AuditEntry& entry) { return entry.seq; }));
}

// GET /api/v1/audit/verify: the chain check of `ordo audit verify`, for the console.
void VerifyAudit(const ApiContext& api, Request&, Respond respond) {
  Result<AuditChainCheck> check = api.store->reads().CheckAuditChain();
  if (!check.ok()) {
    respond(Response::Problem(check.status()));
    return;
  }
  json::object body{{"ok", check->intact},
                    {"entries", check->entries},
                    {"last_seq", check->last_seq},
                    {"head_hash", check->head_hash},
                    {"problem", nullptr}};
  if (!check->intact) {
    body["problem"] =
        json::object{{"seq", check->fault_seq}, {"fault", check->fault}, {"detail", check->detail}};
  }
  respond(Response::Json(200, Serialize(body)));
}

}  // namespace

void RegisterAuditRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add(
      "GET", "/api/v1/audit",
      {"Audit trail of state changes, oldest first (?entity=order&id=…)", "audit:read", false, "",
       "AuditPage", 200,
       Paged({{"entity", "order, stock, sku, customer, setting, refund, …"},
              {"id", "the entity's id (needs entity)"}})},
      [a](Request& request, Respond respond) { ListAudit(*a, request, std::move(respond)); });
  router.Add(
      "GET", "/api/v1/audit/verify",
      {"Check the audit trail's hash chain: the first altered, missing or inserted entry",
       "audit:read", false, "", "AuditChainCheck", 200},
      [a](Request& request, Respond respond) { VerifyAudit(*a, request, std::move(respond)); });
}

}  // namespace ordo::http
