// `ordo stock verify`: recomputes every stock level from the ledger (on hand = the sum of the
// on-hand movements, reserved = the sum of the reservations, releases and consumptions, both
// equal to the newest entry's balances) and checks that no finished order still holds stock.
// It reads on its own read-only connection in one snapshot, so it may run beside `ordo serve`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace ordo::cli {

// Adds `stock verify` to `app`; returns the `verify` subcommand, parsed when it was chosen.
CLI::App* AddStockCommand(CLI::App& app, std::string& data_dir);
// Prints the result: 0 when the books balance, 1 listing each difference, 2 when the database
// cannot be read.
int RunStockVerify(const std::string& data_dir);

}  // namespace ordo::cli
