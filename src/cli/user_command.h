// `ordo user add`: creates a staff account from the command line (the first administrator,
// scripted set-ups). The password comes from ORDO_PASSWORD or the first line of standard input,
// never from an argument (arguments are visible to other users of the machine).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "store/store.h"

namespace ordo::cli {

struct UserAddFlags {
  std::string data_dir = "data";
  std::string pii_key_file;
  std::string username;
  std::string display_name;
  std::string department;
  std::string role;
};

// Adds `user add` to `app`; returns the `add` subcommand, parsed when it was chosen.
CLI::App* AddUserCommand(CLI::App& app, UserAddFlags& flags);
// Creates the account in `store`; prints it and returns 0, or prints why not and returns
// 2 (bad input) or 1 (store failure).
int RunUserAdd(const UserAddFlags& flags, Store& store);

}  // namespace ordo::cli
