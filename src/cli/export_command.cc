#include "cli/export_command.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "app/reports.h"
#include "http/exports.h"
#include "tables/table.h"

namespace ordo::cli {
namespace {

// The flags as the query of a request, so that the HTTP parsers read them.
Result<http::Request> AsRequest(const ExportFlags& flags) {
  http::Request request;
  request.method = "GET";
  request.principal = {"cli", "cli", "admin", false};
  const auto add = [&](const std::string& name, const std::string& value) {
    if (!value.empty()) {
      request.query.emplace_back(name, value);
    }
  };
  add("format", flags.format);
  add("status", flags.status);
  add("channel", flags.channel);
  add("created_from", flags.created_from);
  add("created_to", flags.created_to);
  for (const std::string& filter : flags.filters) {
    const size_t equals = filter.find('=');
    if (equals == std::string::npos || equals == 0) {
      return Status::Invalid("filter", Code::kInvalidValue,
                             "--filter takes NAME=VALUE, not " + filter);
    }
    add(filter.substr(0, equals), filter.substr(equals + 1));
  }
  if (flags.reveal) {
    request.query.emplace_back("reveal", "true");
  }
  return request;
}

void PrintRefusal(const Status& status) {
  if (status.field_errors().empty()) {
    spdlog::error("{}", status.message());
  }
  for (const FieldError& error : status.field_errors()) {
    spdlog::error("{}: {}", error.field, error.message);
  }
}

}  // namespace

CLI::App* AddExportCommand(CLI::App& app, ExportFlags& flags) {
  CLI::App* cmd =
      app.add_subcommand("export",
                         "Write a list as CSV or XLSX: orders, order-lines, shipments, refunds, "
                         "after-sales, stock-ledger, audit");
  cmd->add_option("--data", flags.data_dir, "Data directory");
  cmd->add_option("--pii-key-file", flags.pii_key_file, "File holding the personal-data key");
  cmd->add_option("--what", flags.what, "The list to export")->required();
  cmd->add_option("--format", flags.format, "csv (default) or xlsx");
  cmd->add_option("--out", flags.out, "The file to write (default: standard output, CSV only)");
  cmd->add_flag("--reveal", flags.reveal, "Personal data unmasked (recorded in the audit trail)");
  cmd->add_option("--status", flags.status, "Status filter");
  cmd->add_option("--channel", flags.channel, "Channel filter (orders, lines, shipments)");
  cmd->add_option("--created-from", flags.created_from, "Created at or after (RFC 3339 or date)");
  cmd->add_option("--created-to", flags.created_to, "Created before (RFC 3339 or date)");
  cmd->add_option("--filter", flags.filters,
                  "NAME=VALUE: any filter of the list's API (repeatable), e.g. sku=TEA-001");
  return cmd;
}

int RunExport(const ExportFlags& flags, Store& store, const Clock& clock) {
  const std::optional<http::ExportKind> kind = http::ParseExportKind(flags.what);
  if (!kind) {
    spdlog::error(
        "--what: one of orders, order-lines, shipments, refunds, after-sales, "
        "stock-ledger, audit");
    return 2;
  }
  Result<http::Request> request = AsRequest(flags);
  Result<http::ExportSpec> spec = request.ok() ? http::ParseExportSpec(*kind, *request)
                                               : Result<http::ExportSpec>(request.status());
  if (!spec.ok()) {
    PrintRefusal(spec.status());
    return 2;
  }
  if (spec->format == tables::Format::kXlsx && flags.out.empty()) {
    spdlog::error("--out: an XLSX export needs a file");
    return 2;
  }
  const auto started = std::chrono::steady_clock::now();
  std::FILE* file = nullptr;
  std::unique_ptr<tables::TableWriter> writer;
  if (spec->format == tables::Format::kXlsx) {
    writer = tables::NewXlsxWriter(flags.out, std::string(http::ExportKindName(*kind)));
  } else {
    file = flags.out.empty() ? stdout : std::fopen(flags.out.c_str(), "wb");
    if (file == nullptr) {
      spdlog::error("cannot write {}", flags.out);
      return 1;
    }
    writer = tables::NewCsvWriter([file](std::string_view bytes) {
      return std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size()
                 ? Status::Ok()
                 : Status::Internal("cannot write the file");
    });
  }
  Result<int64_t> rows = http::WriteExport(store.reads(), *spec, *writer);
  writer.reset();
  if (file != nullptr && file != stdout && std::fclose(file) != 0 && rows.ok()) {
    rows = Status::Internal("cannot write " + flags.out);
  }
  if (spec->reveal) {
    Status recorded = store.SubmitAndWait(app::RecordReadAccess(
        http::UnmaskedExportAudit(*spec, "cli", clock.Now(), rows.ok() ? *rows : -1, rows.ok())));
    if (!recorded.ok() && rows.ok()) {
      rows = recorded;
    }
  }
  if (!rows.ok()) {
    spdlog::error("the export failed: {}", rows.status().ToString());
    if (!flags.out.empty()) {
      std::remove(flags.out.c_str());
    }
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "exported %lld rows (%s) in %.2f s: %.0f rows/s\n",
               static_cast<long long>(*rows), flags.what.c_str(), seconds,
               seconds > 0 ? static_cast<double>(*rows) / seconds : 0.0);
  return 0;
}

}  // namespace ordo::cli
