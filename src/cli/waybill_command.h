// `ordo waybill load` and `ordo waybill list`: the waybill number ranges a carrier allotted
// (app/waybills.h), loaded and checked from the command line, beside POST and GET
// /api/v1/waybill-ranges.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "store/store.h"

namespace ordo::cli {

struct WaybillFlags {
  std::string data_dir = "data";
  std::string pii_key_file;
  std::string carrier;
  std::string prefix;
  int64_t first_no = -1;
  int64_t last_no = -1;
  int digits = 0;
  std::string note;
};

struct WaybillCommands {
  CLI::App* load = nullptr;  // parsed when `waybill load` was chosen
  CLI::App* list = nullptr;  // parsed when `waybill list` was chosen
};

// Adds `waybill load` and `waybill list` to `app`.
WaybillCommands AddWaybillCommands(CLI::App& app, WaybillFlags& flags);
// Loads the range the flags describe; prints it and returns 0, or prints why not and returns 2
// (refused) or 1 (store failure).
int RunWaybillLoad(const WaybillFlags& flags, Store& store);
// Prints every range and each carrier's numbers left (LOW when at or below the threshold);
// returns 0, or 1 when the store cannot be read.
int RunWaybillList(Store& store);

}  // namespace ordo::cli
