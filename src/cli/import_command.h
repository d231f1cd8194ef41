// `ordo import --data DIR --format taobao|jd|pdd|ordo FILE [FILE…] [--report FILE]`: imports
// the orders of platform export files through intake (app/import_orders.h), on a store no
// server is using. Prints a progress bar on stderr when it is a terminal, then the last line
// `accepted N, duplicate N, rejected N`; --report writes one CSV row per order read (the row,
// its outcome, the order number, or the column and the reason). Exit 0 when the files were
// read, even with rejected rows; 1 when they could not be read at all (or the store failed);
// 2 for a bad command line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace ordo::cli {

struct ImportFlags {
  std::string data_dir = "data";
  std::string store_url;
  std::string pii_key_file;
  std::string format;
  std::vector<std::string> files;
  std::string report;
};

// Adds `import` to `app`; returns the subcommand, parsed when it was chosen.
CLI::App* AddImportCommand(CLI::App& app, ImportFlags& flags);
int RunImportCommand(const ImportFlags& flags);

}  // namespace ordo::cli
