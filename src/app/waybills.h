// Waybill numbers (电子面单号, domain/fulfillment/waybill.h): where every tracking number comes
// from. A carrier with an adapter (CarrierAdapter: the carrier's own e-waybill system) is asked
// for each number; any other carrier's numbers are drawn from the ranges it allotted, which the
// operator loads (LoadWaybillRange). No number is ever made up, and none is handed out twice:
// every number issued is registered, and a range only moves forward.
//
// The writer never waits on a carrier: a parcel of a carrier with an adapter is planned without
// a number ("waiting for the carrier's waybill"), and FetchCarrierWaybills, run off the writer
// (by the jobs thread), asks the adapter and records the answers with a command of their own.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "app/command.h"
#include "domain/fulfillment/waybill.h"
#include "domain/settings/settings.h"

namespace ordo::app {

// What a carrier's e-waybill system needs to issue a number for one box of a parcel. No
// personal data: the carrier's own integration reads the consignee from its order import.
struct WaybillRequest {
  std::string carrier;
  std::string order_no;
  int64_t shipment_id = 0;
  int box_no = 1;
  std::string warehouse;  // the sender
  std::string province;   // the destination, for the carrier's routing
  std::string city;
  std::string district;
  int64_t weight_g = 0;    // expected or packed
  std::string service;     // the shipping service
  int64_t cod_amount = 0;  // to collect on delivery (fen); 0 for a prepaid parcel
};

// One carrier's e-waybill system. Implementations do network I/O: they are called only by
// FetchCarrierWaybills, never on the writer thread, and may be called from one thread at a time.
class CarrierAdapter {
 public:
  virtual ~CarrierAdapter() = default;
  // The carrier's code, as the carrier rules name it ("SF").
  virtual std::string carrier() const = 0;
  // A new waybill number for the box, or why the carrier gave none (kUnavailable when it could
  // not be reached: asked again at the next run).
  virtual Result<std::string> RequestWaybill(const WaybillRequest& request) = 0;
};

// The adapters configured, by carrier code (matched without regard to case). Filled once at
// start-up, then read by many threads.
class CarrierAdapters {
 public:
  void Add(std::shared_ptr<CarrierAdapter> adapter);
  // The adapter of `carrier`, or null.
  CarrierAdapter* Find(std::string_view carrier) const;
  bool empty() const { return adapters_.empty(); }
  std::vector<std::string> carriers() const;

 private:
  std::map<std::string, std::shared_ptr<CarrierAdapter>> adapters_;  // key: upper case
};

// Loads a range the carrier allotted (PrepareWaybillRange): the carrier must be one the carrier
// rules name (matched without regard to case, stored as configured: 422 carrier
// unknown_carrier); 409 already_exists when it overlaps a range of the carrier already loaded.
// Audited.
WriteFn LoadWaybillRange(WaybillRange range, CommandContext context,
                         std::shared_ptr<WaybillRange> out);

// The number of box `box_no` of parcel `shipment_id` (1 for a parcel's first or only box): from
// the carrier's range, oldest range first, skipping a number already issued (named by staff, or
// by the carrier). Empty when the carrier has an adapter (context.carrier_adapters): the number
// comes from FetchCarrierWaybills. 409 no_waybill_numbers when the carrier has no numbers left.
// When the draw takes the carrier down to the settings' waybill_low_threshold, that is recorded
// in the audit trail (once per crossing) and the stock is added to `low` (when given).
Result<std::string> DrawWaybill(WriteTx& tx, const Settings& settings, const std::string& carrier,
                                int64_t shipment_id, int box_no, const CommandContext& context,
                                std::vector<WaybillStock>* low = nullptr);

// Registers a number the carrier's system or staff named for a parcel's box (source "carrier"
// or "staff"). 409 already_exists when the carrier's number was issued before.
Status RegisterWaybill(WriteTx& tx, const std::string& carrier, const std::string& tracking_no,
                       int64_t shipment_id, int box_no, const std::string& source,
                       const Actor& actor);

// The numbers left per carrier the rules name (every range loaded), against the threshold.
Result<std::vector<WaybillStock>> ListWaybillStocks(ReadView& reads);

// `carrier` as a list filter: the spelling the rules give it, in any case; itself when no rule
// names it (it then matches nothing), "" for every carrier.
Result<std::string> CarrierFilter(ReadView& reads, const std::string& carrier);

// Asks the adapters for the numbers of the parcels waiting for them (planned or packed, of a
// carrier with an adapter, with a box without a number), at most `limit` parcels per carrier,
// and records each parcel's answers together (RecordCarrierWaybills). Runs off the writer.
// Returns how many parcels were numbered; a carrier that cannot be reached leaves its parcels
// waiting for the next run.
Result<int> FetchCarrierWaybills(Store& store, const CarrierAdapters& adapters,
                                 const CommandContext& context, int limit);

// Records the numbers the carrier issued for boxes of parcel `shipment_id` (box number →
// waybill number), registering each; boxes that have a number by now keep it. 404 unknown
// parcel; 409 illegal_transition when it has left; 409 already_exists when a number was issued
// before.
WriteFn RecordCarrierWaybills(int64_t shipment_id, std::map<int, std::string> numbers,
                              CommandContext context, std::shared_ptr<Shipment> out);

}  // namespace ordo::app
