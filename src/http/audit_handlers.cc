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
}

}  // namespace ordo::http
