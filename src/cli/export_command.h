// `ordo export`: a list (orders, order-lines, shipments, refunds, after-sales, stock-ledger,
// audit) as CSV or XLSX, with the same filters and columns as GET /api/v1/exports/{what}
// (http/exports.h), read page by page and written as it is read. An unmasked export (--reveal)
// is recorded in the audit trail with the actor "cli".
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "base/clock.h"
#include "store/store.h"

namespace ordo::cli {

struct ExportFlags {
  std::string data_dir = "data";
  std::string pii_key_file;
  std::string what;
  std::string format = "csv";
  std::string out;  // empty: standard output (CSV only)
  bool reveal = false;
  std::string status;
  std::string channel;
  std::string created_from;
  std::string created_to;
  std::vector<std::string> filters;  // NAME=VALUE, any filter of the list
};

// Adds `export` to `app`; returns it (parsed when chosen).
CLI::App* AddExportCommand(CLI::App& app, ExportFlags& flags);
// Writes the export; prints the rows and the rate on standard error. 0 when written, 2 when the
// flags are refused (naming each), 1 when the store or the file failed (a partial file is
// removed).
int RunExport(const ExportFlags& flags, Store& store, const Clock& clock);

}  // namespace ordo::cli
