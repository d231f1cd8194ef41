#include "cli/user_command.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/account_commands.h"
#include "app/accounts.h"

namespace ordo::cli {
namespace {

std::string ReadPassword() {
  if (const char* env = std::getenv("ORDO_PASSWORD"); env != nullptr) {
    return env;
  }
  std::string line;
  std::getline(std::cin, line);
  return line;
}

}  // namespace

CLI::App* AddUserCommand(CLI::App& app, UserAddFlags& flags) {
  CLI::App* user = app.add_subcommand("user", "Manage staff accounts");
  user->require_subcommand(1);
  CLI::App* add = user->add_subcommand(
      "add", "Create a staff account (password from ORDO_PASSWORD or standard input)");
  add->add_option("--data", flags.data_dir, "Data directory");
  add->add_option("--pii-key-file", flags.pii_key_file,
                  "Personal-data key file (default: ORDO_PII_KEY, else DIR/pii.key)");
  add->add_option("--username", flags.username, "Login name (a-z, 0-9, . _ -)")->required();
  add->add_option("--display-name", flags.display_name, "Name shown to colleagues");
  add->add_option("--department", flags.department, "Department, e.g. customer_service");
  add->add_option("--role", flags.role, "Role: admin, customer_service, warehouse, …")
      ->required();
  return add;
}

int RunUserAdd(const UserAddFlags& flags, Store& store) {
  User user;
  user.username = flags.username;
  user.display_name = flags.display_name.empty() ? flags.username : flags.display_name;
  user.department = flags.department.empty() ? flags.role : flags.department;
  user.role = flags.role;
  const std::string password = ReadPassword();
  Status valid = app::ValidateNewUser(user, password, AccountPolicy{});
  if (!valid.ok()) {
    spdlog::error("cannot create the user: {}", valid.ToString());
    return 2;
  }
  Result<std::string> hash = app::HashPassword(password);
  if (!hash.ok()) {
    spdlog::error("cannot hash the password: {}", hash.status().message());
    return 1;
  }
  user.password_hash = std::move(hash).value();
  SystemClock clock;
  auto out = std::make_shared<User>();
  Status status = store.SubmitAndWait(app::CreateUser(user, {"cli", &clock}, out));
  if (!status.ok()) {
    spdlog::error("cannot create the user: {}", status.ToString());
    return status.kind() == Kind::kConflict || status.kind() == Kind::kInvalid ? 2 : 1;
  }
  std::printf("user %s (%s, %s) created\n", out->username.c_str(), out->role.c_str(),
              out->department.c_str());
  return 0;
}

}  // namespace ordo::cli
