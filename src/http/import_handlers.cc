// Order imports (app/import_orders.h):
//   POST /api/v1/imports                 multipart/form-data: format, file (one or more)
//   GET  /api/v1/imports                 the imports, newest first
//   GET  /api/v1/imports/{id}            counts, progress and the per-row results (paged)
#include "app/import_orders.h"
#include "http/fulfillment_routes.h"
#include "http/multipart.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

json::object ImportJson(const ImportRecord& record) {
  json::array files;
  for (const std::string& file : record.files) {
    files.push_back(json::string(file));
  }
  const int64_t total = std::max<int64_t>(record.bytes_total, 1);
  const bool finished = record.status != "queued" && record.status != "running";
  return json::object{
      {"id", record.id},
      {"format", record.format},
      {"files", std::move(files)},
      {"status", record.status},
      {"created_by", record.created_by},
      {"created_at", FormatRfc3339(record.created_at)},
      {"finished_at",
       record.finished_at ? json::value(FormatRfc3339(*record.finished_at)) : json::value()},
      {"rows", record.rows},
      {"accepted", record.accepted},
      {"duplicate", record.duplicate},
      {"rejected", record.rejected},
      {"progress",
       {{"bytes_read", record.bytes_read},
        {"bytes_total", record.bytes_total},
        {"percent", record.status == "completed"
                        ? 100
                        : std::min<int64_t>(finished ? 100 : 99, record.bytes_read * 100 / total)}}},
      {"error", record.error},
  };
}

json::object RowJson(const ImportRowResult& row) {
  json::object out{{"seq", row.seq},       {"file", row.file},
                   {"row", row.row},       {"outcome", row.outcome},
                   {"external_id", row.external_id}};
  if (!row.order_no.empty()) {
    out["order_no"] = row.order_no;
  }
  if (row.outcome == "rejected") {
    out["column"] = row.column;
    out["code"] = row.code;
    out["reason"] = row.reason;
  }
  return out;
}

// The form's fields: the format and the files, or the field errors.
struct Upload {
  std::optional<app::ImportFormat> format;
  std::vector<std::string_view> contents;
  std::vector<std::string> names;
};

Result<Upload> ReadUpload(const Request& request) {
  const std::optional<std::string> boundary =
      MultipartBoundary(request.Header("content-type").value_or(""));
  if (!boundary) {
    return Status::Invalid("body", Code::kInvalidValue,
                           "the body must be multipart/form-data with a format and a file");
  }
  std::optional<std::vector<FormPart>> parts = ParseMultipart(request.body, *boundary);
  if (!parts) {
    return Status::Invalid("body", Code::kMalformedRequest, "the multipart body is malformed");
  }
  Upload upload;
  std::string format(request.Query("format").value_or(""));
  for (const FormPart& part : *parts) {
    if (part.name == "format") {
      format = std::string(part.content);
    } else if (part.name == "file" || part.name == "files") {
      upload.contents.push_back(part.content);
      upload.names.push_back(part.filename.empty() ? "upload.csv" : part.filename);
    }
  }
  std::vector<FieldError> errors;
  if (format.empty()) {
    errors.push_back({"format", Code::kRequired, "format is required (taobao, jd, pdd, ordo)"});
  } else if (!(upload.format = app::ParseImportFormat(format))) {
    errors.push_back(
        {"format", Code::kInvalidValue, "format must be one of taobao, jd, pdd, ordo"});
  }
  if (upload.contents.empty()) {
    errors.push_back({"file", Code::kRequired, "no file was uploaded (form field 'file')"});
  }
  for (size_t i = 0; i < upload.contents.size(); ++i) {
    if (upload.contents[i].empty()) {
      errors.push_back({"file", Code::kInvalidValue, upload.names[i] + " is empty"});
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return upload;
}

void PostImport(const ApiContext& api, Request& request, Respond respond) {
  if (api.imports == nullptr) {
    respond(Response::Problem(Status::Unavailable("imports are not available on this server")));
    return;
  }
  Result<Upload> upload = ReadUpload(request);
  if (!upload.ok()) {
    respond(Response::Problem(upload.status()));
    return;
  }
  Result<std::vector<std::string>> paths = api.imports->StageFiles(upload->contents);
  if (!paths.ok()) {
    respond(Response::Problem(paths.status()));
    return;
  }
  app::ImportJob job{*upload->format, *paths, upload->names};
  const app::CommandContext context = ContextOf(api, request);
  auto record = std::make_shared<ImportRecord>();
  WriteFn create = app::CreateImport(job, "queued", context, record);
  app::ImportService* service = api.imports;
  RunCommand(api, request, std::move(respond), std::move(create),
             [service, job, context, record](const Status& status) {
               if (!status.ok()) {
                 service->DropFiles(job.paths);
                 return Response::Problem(status);
               }
               service->Start(record->id, job, context);
               Response response = Response::Json(202, Serialize(ImportJson(*record)));
               response.headers.emplace_back("Location",
                                             "/api/v1/imports/" + std::to_string(record->id));
               return response;
             });
}

void GetImport(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(Status::NotFound("no such import")));
    return;
  }
  std::vector<FieldError> errors;
  std::optional<PageParams> page = ReadPage(request, errors);
  const std::string outcome(request.Query("outcome").value_or(""));
  if (!outcome.empty() && outcome != "accepted" && outcome != "duplicate" &&
      outcome != "rejected") {
    errors.push_back({"outcome", Code::kInvalidValue,
                      "outcome must be accepted, duplicate or rejected"});
  }
  if (!errors.empty() || !page) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  Result<std::optional<ImportRecord>> record = api.store->reads().imports().GetImport(*id);
  if (!record.ok()) {
    respond(Response::Problem(record.status()));
    return;
  }
  if (!record->has_value()) {
    respond(Response::Problem(Status::NotFound("no import " + std::to_string(*id))));
    return;
  }
  Result<std::vector<ImportRowResult>> rows =
      api.store->reads().imports().ListImportRows(*id, outcome, page->after_id, page->limit + 1);
  if (!rows.ok()) {
    respond(Response::Problem(rows.status()));
    return;
  }
  json::array data;
  const size_t shown = std::min(rows->size(), static_cast<size_t>(page->limit));
  for (size_t i = 0; i < shown; ++i) {
    data.push_back(RowJson((*rows)[i]));
  }
  const int64_t next = rows->size() > shown ? (*rows)[shown - 1].seq : 0;
  json::object body = ImportJson(**record);
  body["results"] = PageJson(std::move(data), next);
  respond(Response::Json(200, Serialize(body)));
}

void ListImports(const ApiContext& api, Request& request, Respond respond) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  Result<std::vector<ImportRecord>> records =
      api.store->reads().imports().ListImports(page->after_id, page->limit + 1);
  if (!records.ok()) {
    respond(Response::Problem(records.status()));
    return;
  }
  respond(IdPageResponse(*records, page->limit, ImportJson,
                         [](const ImportRecord& record) { return record.id; }));
}

}  // namespace

void RegisterImportRoutes(Router& router, const ApiContext& api) {
  RouteInfo post{"Import the orders of a platform's export files (multipart/form-data: format "
                 "taobao|jd|pdd|ordo and one or more files named 'file'); answered 202 at "
                 "once, the import runs in the background",
                 "orders:import", false, "ImportUpload", "Import", 202};
  post.request_media = "multipart/form-data";
  router.Add("POST", "/api/v1/imports", std::move(post), Bind(api, &PostImport));
  router.Add("GET", "/api/v1/imports",
             {"Order imports, newest first", "orders:import", false, "", "ImportPage",
              200, Paged()},
             Bind(api, &ListImports));
  router.Add("GET", "/api/v1/imports/{id}",
             {"One import: status, counts, progress, and its per-row results in file order "
              "(accepted with the order number, duplicate, rejected with row, column and "
              "reason)",
              "orders:import",
              false,
              "",
              "ImportDetail",
              200,
              Paged({{"outcome", "only the results of this outcome: accepted, duplicate, "
                                 "rejected"}})},
             Bind(api, &GetImport));
}

}  // namespace ordo::http
