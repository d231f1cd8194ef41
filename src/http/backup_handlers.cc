// Backups (domain.md DAT-2): GET /api/v1/backups, POST /api/v1/backups.
#include "http/backup_routes.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

json::object BackupToJson(const app::BackupRecord& record) {
  json::object tables;
  for (const auto& [name, rows] : record.tables) {
    tables[name] = rows;
  }
  const bool ok = record.status == "ok";
  return json::object{
      {"name", record.name},
      {"taken_at", FormatRfc3339(record.taken_at)},
      {"trigger", record.trigger},
      {"actor", record.actor},
      {"status", record.status},
      {"error", ok ? json::value(nullptr) : json::value(json::string(record.error))},
      {"kind", record.kind ? json::value(json::string(BackupKindName(*record.kind)))
                           : json::value(nullptr)},
      {"bytes", record.bytes},
      {"sha256", ok ? json::value(json::string(record.sha256)) : json::value(nullptr)},
      {"schema_version", record.schema_version},
      {"copied", record.copied},
      {"copy_error", record.copy_error.empty() ? json::value(nullptr)
                                               : json::value(json::string(record.copy_error))},
      {"tables", std::move(tables)}};
}

// Newest first; the names sort as their times do, so a page continues after the last name shown.
void ListBackups(const app::BackupService& backups, Request& request, Respond respond) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  json::array data;
  std::string next;
  std::vector<app::BackupRecord> records = backups.List();
  std::sort(records.begin(), records.end(),
            [](const auto& a, const auto& b) { return a.name > b.name; });
  for (const app::BackupRecord& record : records) {
    if (!page->after_key.empty() && record.name >= page->after_key) {
      continue;
    }
    if (data.size() == static_cast<size_t>(page->limit)) {
      next = data.back().as_object().at("name").as_string().c_str();
      break;
    }
    data.push_back(BackupToJson(record));
  }
  const RetentionPolicy& policy = backups.policy();
  json::object body = PageJson(std::move(data), next);
  body["directory"] = backups.dir();
  body["copy_directory"] =
      backups.copy_dir().empty() ? json::value(nullptr) : json::value(backups.copy_dir());
  body["retention"] =
      json::object{{"daily", policy.daily}, {"weekly", policy.weekly}, {"monthly", policy.monthly}};
  respond(Response::Json(200, Serialize(body)));
}

void TakeBackup(const ApiContext& api, app::BackupService& backups, WorkerPool& worker,
                Request& request, Respond respond) {
  const app::CommandContext context = ContextOf(api, request);
  auto shared = std::make_shared<Respond>(std::move(respond));
  const bool queued = worker.Post([&backups, context, shared] {
    Result<app::BackupRecord> record = backups.Take(context, "manual");
    if (!record.ok()) {
      (*shared)(Response::Problem(record.status()));
      return;
    }
    (*shared)(Response::Json(201, Serialize(BackupToJson(*record))));
  });
  if (!queued) {
    (*shared)(
        Response::Problem(Status::Unavailable("a backup is being taken: try again in a moment")));
  }
}

}  // namespace

void RegisterBackupRoutes(Router& router, const ApiContext& api, app::BackupService* backups,
                          WorkerPool* worker) {
  const ApiContext* a = &api;
  app::BackupService* b = backups;
  WorkerPool* w = worker;
  router.Add(
      "GET", "/api/v1/backups",
      {"Backups and failed attempts, newest first: time, size, SHA-256, copied, kind",
       "backups:read", false, "", "BackupList", 200, Paged()},
      [b](Request& request, Respond respond) { ListBackups(*b, request, std::move(respond)); });
  router.Add("POST", "/api/v1/backups",
             {"Take a backup now (503 while another is being taken, 500 with the reason when "
              "it fails; the failed attempt is listed)",
              "backups:manage", false, "", "Backup", 201},
             [a, b, w](Request& request, Respond respond) {
               TakeBackup(*a, *b, *w, request, std::move(respond));
             });
}

const char* BackupSchemas() {
  return R"json({
  "Backup": {"type": "object", "properties": {
    "name": {"type": "string", "description": "the file in the backup directory"},
    "taken_at": {"type": "string", "format": "date-time"},
    "trigger": {"type": "string", "enum": ["scheduled", "manual"]},
    "actor": {"type": "string"},
    "status": {"type": "string", "enum": ["ok", "failed"]},
    "error": {"type": "string", "nullable": true, "description": "why it failed"},
    "kind": {"type": "string", "nullable": true, "enum": ["daily", "weekly", "monthly", null],
      "description": "what the retention policy keeps it as; null for a failed attempt"},
    "bytes": {"type": "integer"},
    "sha256": {"type": "string", "nullable": true, "description": "of the whole file (sha256sum)"},
    "schema_version": {"type": "integer"},
    "copied": {"type": "boolean", "description": "the second location holds a verified copy"},
    "copy_error": {"type": "string", "nullable": true},
    "tables": {"type": "object", "additionalProperties": {"type": "integer"},
      "description": "rows per table in the backup"}}},
  "BackupList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Backup"}},
    "next_cursor": {"type": "string", "nullable": true},
    "directory": {"type": "string"},
    "copy_directory": {"type": "string", "nullable": true},
    "retention": {"type": "object", "properties": {"daily": {"type": "integer"},
      "weekly": {"type": "integer"}, "monthly": {"type": "integer"}}}}}
})json";
}

}  // namespace ordo::http
