#include "cli/stock_command.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "store/sqlite/inventory_queries.h"

namespace ordo::cli {

CLI::App* AddStockCommand(CLI::App& app, std::string& data_dir) {
  CLI::App* stock = app.add_subcommand("stock", "Check the stock books");
  stock->require_subcommand(1);
  CLI::App* verify = stock->add_subcommand(
      "verify", "Recompute every level from the ledger and report the differences");
  verify->add_option("--data", data_dir, "Data directory");
  return verify;
}

int RunStockVerify(const std::string& data_dir) {
  Result<StockCheckReport> report = sqlite::VerifyStockBooks(data_dir);
  if (!report.ok()) {
    spdlog::error("cannot verify the stock: {}", report.status().message());
    return 2;
  }
  for (const StockDifference& d : report->differences) {
    std::printf("stock: DIFFERENCE %s %s@%s%s%s: ledger %lld, found %lld\n", d.check.c_str(),
                d.sku.c_str(), d.warehouse.c_str(), d.order_no.empty() ? "" : " order ",
                d.order_no.c_str(), static_cast<long long>(d.expected),
                static_cast<long long>(d.actual));
  }
  std::printf("stock: %s, %lld levels, %lld ledger entries, %lld order holds, %zu differences\n",
              report->differences.empty() ? "OK" : "FAILED", static_cast<long long>(report->levels),
              static_cast<long long>(report->ledger_entries),
              static_cast<long long>(report->orders_holding), report->differences.size());
  return report->differences.empty() ? 0 : 1;
}

}  // namespace ordo::cli
