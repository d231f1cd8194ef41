// Internal to the fulfilment use cases (fulfillment_*.cc): the helpers they share.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/fulfillment.h"

namespace ordo::app::fulfillment_internal {

// The warehouse of the parcel a request names: `requested`, which must hold stock for the order
// (422 warehouse invalid_value), or, when empty, the order's only warehouse (422 warehouse
// required for a split order). "" for an order without any allocation.
Result<std::string> ParcelWarehouse(const Order& order, const std::string& requested);

// The order's parcel of `warehouse` within `parcels` (the order's, as loaded), inserting a
// planned one (appended to `parcels`) when there is none.
Result<Shipment*> ParcelOf(WriteTx& tx, const Order& order, std::vector<Shipment>& parcels,
                           const std::string& warehouse, const Actor& actor);

// The carrier for a parcel of `order` weighing `weight_g`, by the rules, with the reason.
Result<std::pair<std::string, std::string>> ChooseCarrierFor(const Settings& settings,
                                                             const Order& order, int64_t weight_g);

// A waybill number for a parcel that has none (电子面单): the carrier's code, "8" and the
// parcel's id in 11 digits, e.g. "ZTO800000000042". A carrier integration would ask the carrier
// for one instead; these are unique per carrier because parcel ids are.
std::string WaybillNumber(const std::string& carrier, int64_t shipment_id);

// An event of the order's history that changes no status.
OrderEvent Note(std::string type, const Actor& actor,
                std::vector<std::pair<std::string, std::string>> details);

// Queues a customer notification about the order (template, zh-CN).
Status Notify(WriteTx& tx, const std::string& order_no, int64_t shipment_id,
              std::string template_key, const Actor& actor);

// "cannot <action> order N in status S" (illegal_transition).
Status NotNow(const Order& order, const std::string& action);

}  // namespace ordo::app::fulfillment_internal
