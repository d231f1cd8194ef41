// Internal to the fulfilment use cases (fulfillment_*.cc): the helpers they share.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/fulfillment.h"
#include "app/waybills.h"

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

// --- Boxes (fulfillment_boxes.cc) ---

// Plans how the parcel goes out (domain PlanBoxes): with `carrier` when named (the wave's), else
// the rules' cheapest, in the fewest boxes that carrier takes, each with the default packaging.
// Sets parcel.carrier, carrier_reason and boxes (numbers not drawn yet). kConflict
// no_eligible_carrier when no carrier takes it even in kMaxParcelBoxes boxes.
Status PlanParcelBoxes(const Settings& settings, const Order& order, const std::string& carrier,
                       Shipment& parcel);

// Gives every box of the parcel without a number one from its carrier (box 1's is
// parcel.tracking_no): none for a carrier with an adapter (its system answers later), 409
// no_waybill_numbers when the carrier has none left. `low` as DrawWaybill.
Status NumberBoxes(WriteTx& tx, const Settings& settings, const CommandContext& context,
                   Shipment& parcel, std::vector<WaybillStock>* low = nullptr);

// Replaces the parcel's boxes with the ones packed and weighed: each box's packaging from its
// box type (422 boxes[i].box for a type box_types does not list, boxes[i].weight_g when not
// positive, boxes when more than kMaxParcelBoxes), the numbers of boxes that stay kept, those
// of boxes no longer sent voided, new boxes numbered (when the parcel has a carrier);
// packed_weight_g becomes their sum.
Status WeighBoxes(WriteTx& tx, const Settings& settings, const std::vector<BoxInput>& packed,
                  const CommandContext& context, Shipment& parcel);

// Opens (or finds open) the blocking weight_mismatch case of a parcel weighed outside the
// tolerance; `when` says at which weighing ("packed", "weighed again").
Status RaiseWeightCase(WriteTx& tx, Order& order, const Shipment& parcel, const WeightCheck& check,
                       const std::string& when, const Actor& actor, Events& events);

// The heaviest box of the parcel as weighed (packed_weight_g when it has no boxes).
int64_t HeaviestBox(const Shipment& parcel);

// An event of the order's history that changes no status.
OrderEvent Note(std::string type, const Actor& actor,
                std::vector<std::pair<std::string, std::string>> details);

// Queues a customer notification about the order (template, zh-CN).
Status Notify(WriteTx& tx, const std::string& order_no, int64_t shipment_id,
              std::string template_key, const Actor& actor);

// "cannot <action> order N in status S" (illegal_transition).
Status NotNow(const Order& order, const std::string& action);

}  // namespace ordo::app::fulfillment_internal
