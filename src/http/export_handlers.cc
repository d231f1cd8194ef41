// Handlers of the data going out (domain.md DAT-3, CS-4, AUD-3):
//   GET /api/v1/exports/{what}?format=csv|xlsx&reveal=…&<the list's filters>
//   GET /api/v1/reports                      the reports and their groupings
//   GET /api/v1/reports/{name}?from=&to=&group_by=&format=json|csv|xlsx
// Exports are made on the export threads (export_runner.h) and sent as they are made; reports
// read a few summary rows and answer at once.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include "app/access.h"
#include "app/reports.h"
#include "http/api.h"
#include "http/export_runner.h"
#include "http/exports.h"
#include "http/json_util.h"
#include "http/routes.h"
#include "tables/table.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

constexpr size_t kPieceBytes = 64 * 1024;
constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kChinaOffsetMs = 8LL * 3600 * 1000;
constexpr int kMaxReportDays = 366;

// A temporary file for an XLSX being made (libxlsxwriter writes a file), removed by its owner.
Result<std::string> TemporaryPath() {
  const char* dir = std::getenv("TMPDIR");
  std::string path =
      std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/ordo-export-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return Status::Internal("cannot create a temporary file for the export");
  }
  close(fd);
  return path;
}

// Writes an XLSX to a temporary file, then hands it to `sink` piece by piece.
Result<int64_t> WriteXlsxExport(ReadView& reads, const ExportSpec& spec, const tables::Sink& sink,
                                const std::atomic<bool>* cancelled) {
  ORDO_ASSIGN_OR_RETURN(std::string path, TemporaryPath());
  std::unique_ptr<tables::TableWriter> writer =
      tables::NewXlsxWriter(path, std::string(ExportKindName(spec.kind)));
  Result<int64_t> rows = WriteExport(reads, spec, *writer, cancelled);
  writer.reset();
  if (rows.ok()) {
    std::ifstream in(path, std::ios::binary);
    std::string piece(kPieceBytes, '\0');
    while (in && rows.ok()) {
      in.read(piece.data(), static_cast<std::streamsize>(piece.size()));
      const auto got = static_cast<size_t>(in.gcount());
      if (got > 0) {
        if (Status sent = sink(std::string_view(piece.data(), got)); !sent.ok()) {
          rows = sent;
        }
      }
    }
  }
  std::remove(path.c_str());
  return rows;
}

// Makes the export into `sink` and records an unmasked one in the audit trail before the end of
// the body is sent: a client that received the whole file left an entry.
Result<int64_t> MakeExport(const ApiContext& api, const ExportSpec& spec, const std::string& actor,
                           const tables::Sink& sink, const std::atomic<bool>* cancelled) {
  ReadView& reads = api.store->reads();
  Result<int64_t> rows = int64_t{0};
  if (spec.format == tables::Format::kCsv) {
    std::unique_ptr<tables::TableWriter> writer = tables::NewCsvWriter(sink);
    rows = WriteExport(reads, spec, *writer, cancelled);
  } else {
    rows = WriteXlsxExport(reads, spec, sink, cancelled);
  }
  if (spec.reveal) {
    // Counted even when it stopped early: what was sent was sent.
    Status recorded = api.store->SubmitAndWait(app::RecordReadAccess(
        UnmaskedExportAudit(spec, actor, api.clock->Now(), rows.ok() ? *rows : -1, rows.ok())));
    if (rows.ok() && !recorded.ok()) {
      return recorded;
    }
  }
  return rows;
}

void GetExport(const ApiContext& api, Request& request, Respond respond) {
  const std::string_view what = request.Param("what");
  const std::optional<ExportKind> kind = ParseExportKind(what);
  if (!kind) {
    respond(Response::Problem(Status::NotFound(
        "no export " + std::string(what) +
        ": orders, order-lines, shipments, refunds, after-sales, stock-ledger or audit")));
    return;
  }
  const std::string& role = request.principal.role;
  if (const std::string_view needed = ExportReadPermission(*kind); !app::RoleHas(role, needed)) {
    respond(Response::Problem(Status(Kind::kForbidden, Code::kForbidden,
                                     "the role " + role + " may not " + std::string(needed))));
    return;
  }
  Result<ExportSpec> spec = ParseExportSpec(*kind, request);
  if (!spec.ok()) {
    respond(Response::Problem(spec.status()));
    return;
  }
  if (spec->reveal && !app::RoleHas(role, "pii:read")) {
    respond(Response::Problem(
        Status(Kind::kForbidden, Code::kForbidden, "an unmasked export needs pii:read")));
    return;
  }
  Response response;
  response.content_type = std::string(tables::ContentType(spec->format));
  response.headers.emplace_back(
      "Content-Disposition",
      "attachment; filename=\"" + ExportFileName(*spec, api.clock->Now()) + "\"");
  const std::string actor = ActorOf(request);
  if (api.exports == nullptr) {
    std::string body;
    Result<int64_t> rows = MakeExport(
        api, *spec, actor,
        [&body](std::string_view bytes) {
          body.append(bytes);
          return Status::Ok();
        },
        nullptr);
    if (!rows.ok()) {
      respond(Response::Problem(rows.status()));
      return;
    }
    response.body = std::move(body);
    respond(std::move(response));
    return;
  }
  auto channel = std::make_shared<ChunkChannel>();
  response.stream = channel;
  const ApiContext* a = &api;
  std::optional<Response> refused = api.exports->Start(
      request.principal.id, channel, [a, spec = std::move(spec).value(), actor](ChunkChannel& out) {
        Result<int64_t> rows = MakeExport(
            *a, spec, actor,
            [&out](std::string_view bytes) {
              return out.Push(std::string(bytes)) ? Status::Ok()
                                                  : Status::Unavailable("the client went away");
            },
            &out.cancelled_flag());
        out.Finish(!rows.ok());
      });
  respond(refused ? std::move(*refused) : std::move(response));
}

// --- Reports ---

// "2026-11-26" of `at` in China time.
std::string ChinaDay(Timestamp at) {
  return tables::FormatChinaDay(at);
}

// from / to as China dates (both included): to defaults to today, from to 29 days before to.
Result<ReportPeriod> ReadPeriod(const ApiContext& api, const Request& request) {
  std::vector<FieldError> errors;
  const auto day_of = [&](std::string_view name) -> std::optional<Timestamp> {
    const std::optional<std::string_view> text = request.Query(name);
    if (!text || text->empty()) {
      return std::nullopt;
    }
    Result<Timestamp> day = ParseDate(*text);
    if (!day.ok() || text->size() != 10) {
      errors.push_back({std::string(name), Code::kInvalidValue,
                        std::string(name) + " must be a date, YYYY-MM-DD"});
      return std::nullopt;
    }
    return *day;  // midnight UTC of that date: the same date when formatted as UTC
  };
  std::optional<Timestamp> to = day_of("to");
  std::optional<Timestamp> from = day_of("from");
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  // Both as midnight UTC of their date, so whole days apart.
  const Timestamp today{(api.clock->Now().unix_ms + kChinaOffsetMs) / kDayMs * kDayMs};
  const Timestamp last = to.value_or(today);
  const Timestamp first = from.value_or(last.PlusMs(-29 * kDayMs));
  if (first > last) {
    return Status::Invalid("from", Code::kInvalidValue, "from must not be after to");
  }
  if ((last.unix_ms - first.unix_ms) / kDayMs >= kMaxReportDays) {
    return Status::Invalid("to", Code::kInvalidValue, "a report covers at most 366 days");
  }
  // Formatted as UTC dates (the China-time formatter, shifted back by its offset).
  return ReportPeriod{ChinaDay(first.PlusMs(-kChinaOffsetMs)),
                      ChinaDay(last.PlusMs(-kChinaOffsetMs))};
}

json::value FigureJson(app::FigureKind, int64_t value) {
  return json::value(value);
}

json::object ReportJson(const app::Report& report) {
  json::array columns;
  for (const app::ReportColumn& column : report.columns) {
    static constexpr const char* kKinds[] = {"count", "money", "basis_points", "minutes"};
    columns.push_back(json::object{{"name", column.name},
                                   {"header", column.header},
                                   {"kind", kKinds[static_cast<int>(column.kind)]}});
  }
  json::array rows;
  for (const app::ReportRow& row : report.rows) {
    json::object object{{"key", row.key}};
    for (size_t i = 0; i < report.columns.size(); ++i) {
      object[report.columns[i].name] = FigureJson(report.columns[i].kind, row.values[i]);
    }
    rows.push_back(std::move(object));
  }
  json::object totals;
  for (size_t i = 0; i < report.columns.size(); ++i) {
    totals[report.columns[i].name] = report.totals[i];
  }
  return json::object{{"report", report.name},          {"group_by", report.group_by},
                      {"from", report.period.from_day}, {"to", report.period.to_day},
                      {"columns", std::move(columns)},  {"rows", std::move(rows)},
                      {"totals", std::move(totals)}};
}

// The report the request asks for, read once the summary rows are up to date.
Response ReportResponse(const ApiContext& api, const Request& request,
                        std::optional<tables::Format> format, const ReportPeriod& period) {
  const std::string name(request.Param("name"));
  Result<app::Report> report = app::BuildReport(
      api.store->reads(), name, request.Query("group_by").value_or(""), period);
  if (!report.ok()) {
    return Response::Problem(report.status());
  }
  if (!format) {
    return Response::Json(200, Serialize(ReportJson(*report)));
  }
  Result<std::string> file = WriteReportFile(*report, *format);
  if (!file.ok()) {
    return Response::Problem(file.status());
  }
  Response response;
  response.content_type = std::string(tables::ContentType(*format));
  response.body = std::move(file).value();
  response.headers.emplace_back(
      "Content-Disposition", "attachment; filename=\"report-" + report->name + "-" +
                                 report->group_by + "-" + report->period.from_day + "-" +
                                 report->period.to_day + "." +
                                 std::string(tables::FormatName(*format)) + "\"");
  return response;
}

void GetReport(const ApiContext& api, Request& request, Respond respond) {
  const std::string name(request.Param("name"));
  const app::ReportInfo* info = app::FindReport(name);
  if (info == nullptr) {
    respond(Response::Problem(Status::NotFound("no report " + name)));
    return;
  }
  std::optional<tables::Format> format;
  if (auto text = request.Query("format"); text && !text->empty() && *text != "json") {
    format = tables::ParseFormat(*text);
    if (!format) {
      respond(Response::Problem(
          Status::Invalid("format", Code::kInvalidValue, "format must be json, csv or xlsx")));
      return;
    }
  }
  Result<ReportPeriod> period = ReadPeriod(api, request);
  if (!period.ok()) {
    respond(Response::Problem(period.status()));
    return;
  }
  respond(ReportResponse(api, request, format, *period));
}

void ListReports(Request&, Respond respond) {
  json::array data;
  for (const app::ReportInfo& info : app::ReportCatalogue()) {
    json::array group_by;
    for (const std::string& option : info.group_by) {
      group_by.push_back(json::string(option));
    }
    data.push_back(json::object{
        {"name", info.name}, {"group_by", std::move(group_by)}, {"description", info.description}});
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

}  // namespace

Result<std::string> WriteReportFile(const app::Report& report, tables::Format format) {
  std::string bytes;
  if (format == tables::Format::kCsv) {
    auto writer = tables::NewCsvWriter([&bytes](std::string_view piece) {
      bytes.append(piece);
      return Status::Ok();
    });
    ORDO_RETURN_IF_ERROR(app::WriteReport(report, *writer));
    return bytes;
  }
  ORDO_ASSIGN_OR_RETURN(std::string path, TemporaryPath());
  auto writer = tables::NewXlsxWriter(path, report.name);
  Status written = app::WriteReport(report, *writer);
  writer.reset();
  if (written.ok()) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::remove(path.c_str());
  ORDO_RETURN_IF_ERROR(written);
  return bytes;
}

void RegisterExportRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("GET", "/api/v1/exports/{what}",
             {"The list {what} (orders, order-lines, shipments, refunds, after-sales, "
              "stock-ledger, audit) as CSV (UTF-8 with BOM) or XLSX, with the list's own "
              "filters, streamed as it is read; personal data masked unless reveal=true "
              "(pii:read, recorded in the audit trail). Also needs the list's read permission.",
              "data:export", false, "", "", 200, ExportQueryParams()},
             [a](Request& r, Respond respond) { GetExport(*a, r, std::move(respond)); });
  router.Add(
      "GET", "/api/v1/reports",
      {"The reports and the groupings each offers", "reports:read", false, "", "ReportList", 200},
      [](Request& r, Respond respond) { ListReports(r, std::move(respond)); });
  router.Add("GET", "/api/v1/reports/{name}",
             {"A report over a period of China dates (both included; default the last 30 "
              "days), grouped: sales, after-sales, refunds, review-time, shipping-time, "
              "anomalies, feedback. JSON for charts, or a CSV / XLSX file",
              "reports:read",
              false,
              "",
              "Report",
              200,
              {{"from", "first day, YYYY-MM-DD (China time)"},
               {"to", "last day, YYYY-MM-DD (China time)"},
               {"group_by", "one of the report's groupings (GET /api/v1/reports)"},
               {"format", "json (default), csv or xlsx"}}},
             [a](Request& r, Respond respond) { GetReport(*a, r, std::move(respond)); });
}

const char* ExportSchemas() {
  return R"json({
  "ReportList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"type": "object", "properties": {
      "name": {"type": "string"},
      "group_by": {"type": "array", "items": {"type": "string"},
                   "description": "the first is the default"},
      "description": {"type": "string"}}}}}},
  "Report": {"type": "object", "properties": {
    "report": {"type": "string"}, "group_by": {"type": "string"},
    "from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"},
    "columns": {"type": "array", "items": {"type": "object", "properties": {
      "name": {"type": "string"}, "header": {"type": "string"},
      "kind": {"type": "string", "enum": ["count", "money", "basis_points", "minutes"],
               "description": "money in fen; basis_points in 1/10,000"}}}},
    "rows": {"type": "array", "items": {"type": "object", "properties": {
      "key": {"type": "string"}}, "additionalProperties": {"type": "integer"}}},
    "totals": {"type": "object", "additionalProperties": {"type": "integer"}}}}
})json";
}

}  // namespace ordo::http
