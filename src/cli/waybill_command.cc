#include "cli/waybill_command.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/waybills.h"

namespace ordo::cli {

WaybillCommands AddWaybillCommands(CLI::App& app, WaybillFlags& flags) {
  CLI::App* waybill = app.add_subcommand("waybill", "Manage the carriers' waybill number ranges");
  waybill->require_subcommand(1);
  CLI::App* load = waybill->add_subcommand(
      "load", "Load a range of waybill numbers a carrier allotted (printed PREFIX + digits)");
  load->add_option("--data", flags.data_dir, "Data directory");
  load->add_option("--pii-key-file", flags.pii_key_file,
                   "Personal-data key file (default: ORDO_PII_KEY, else DIR/pii.key)");
  load->add_option("--carrier", flags.carrier, "Carrier code, as the carrier rules name it")
      ->required();
  load->add_option("--prefix", flags.prefix, "Letters printed before the digits, e.g. SF");
  load->add_option("--first", flags.first_no, "First number of the range")->required();
  load->add_option("--last", flags.last_no, "Last number of the range")->required();
  load->add_option("--digits", flags.digits, "Digits printed (zero-padded); default: --last's");
  load->add_option("--note", flags.note, "e.g. the carrier's allotment reference");
  CLI::App* list = waybill->add_subcommand("list", "List the ranges and the numbers left");
  list->add_option("--data", flags.data_dir, "Data directory");
  list->add_option("--pii-key-file", flags.pii_key_file,
                   "Personal-data key file (default: ORDO_PII_KEY, else DIR/pii.key)");
  return {load, list};
}

int RunWaybillLoad(const WaybillFlags& flags, Store& store) {
  WaybillRange range;
  range.carrier = flags.carrier;
  range.prefix = flags.prefix;
  range.first_no = flags.first_no;
  range.last_no = flags.last_no;
  range.digits = flags.digits;
  range.note = flags.note;
  SystemClock clock;
  auto out = std::make_shared<WaybillRange>();
  Status status = store.SubmitAndWait(app::LoadWaybillRange(range, {"cli", &clock}, out));
  if (!status.ok()) {
    spdlog::error("cannot load the range: {}", status.ToString());
    return status.kind() == Kind::kConflict || status.kind() == Kind::kInvalid ? 2 : 1;
  }
  std::printf("waybill range %lld of %s loaded: %s to %s (%lld numbers)\n",
              static_cast<long long>(out->id), out->carrier.c_str(),
              out->Format(out->first_no).c_str(), out->Format(out->last_no).c_str(),
              static_cast<long long>(out->remaining()));
  return 0;
}

int RunWaybillList(Store& store) {
  Result<std::vector<WaybillRange>> ranges = store.reads().fulfillment().ListWaybillRanges("");
  Result<std::vector<WaybillStock>> stocks = app::ListWaybillStocks(store.reads());
  if (!ranges.ok() || !stocks.ok()) {
    spdlog::error("cannot read the ranges: {}",
                  (ranges.ok() ? stocks.status() : ranges.status()).message());
    return 1;
  }
  for (const WaybillRange& range : *ranges) {
    std::printf("range %lld %s %s-%s next %s left %lld\n", static_cast<long long>(range.id),
                range.carrier.c_str(), range.Format(range.first_no).c_str(),
                range.Format(range.last_no).c_str(),
                range.remaining() > 0 ? range.Format(range.next_no).c_str() : "-",
                static_cast<long long>(range.remaining()));
  }
  for (const WaybillStock& stock : *stocks) {
    std::printf("carrier %s: %lld numbers left in %d ranges%s\n", stock.carrier.c_str(),
                static_cast<long long>(stock.remaining), stock.ranges,
                stock.low() ? " LOW: load the next range" : "");
  }
  return 0;
}

}  // namespace ordo::cli
