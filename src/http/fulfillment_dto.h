// JSON of the fulfilment resources (waves, shipments, tracking events, abnormal cases,
// notifications, ship-by deadlines) and the printed documents built from them. Field names are
// the API's. Documents are printed for the floor: names and phones are masked (a privacy
// waybill); a label prints the full address, which the courier must find.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "app/fulfillment.h"
#include "documents/documents.h"
#include "domain/anomaly/case.h"
#include "store/store.h"

namespace ordo::http {

boost::json::object ShipmentToJson(const Shipment& shipment,
                                   const std::vector<TrackingEvent>* events = nullptr);
boost::json::object TrackingEventToJson(const TrackingEvent& event);
boost::json::object CaseToJson(const AbnormalCase& abnormal);
boost::json::object NotificationToJson(const Notification& notification);
// "open" while a parcel of the wave waits to be packed or shipped, else "closed".
std::string_view WaveStatus(const std::vector<Shipment>& parcels);
// [{"order_no", "code", "message"}]: the orders a wave left out, and why.
boost::json::array WaveLeftOutToJson(const std::vector<WaveLeftOut>& left_out);
// A wave in a list: its numbers, status and counts, and where its documents are.
boost::json::object WaveSummaryToJson(const WaveSummary& summary);
boost::json::object WaveToJson(const Wave& wave, const std::vector<Shipment>& parcels,
                               const std::vector<PickLine>& pick_lines);
boost::json::object WaybillRangeToJson(const WaybillRange& range);
// {"carrier", "remaining", "threshold", "ranges", "low", "message"}.
boost::json::object WaybillStockToJson(const WaybillStock& stock);
boost::json::object DeadlineToJson(const app::ShipDeadline& deadline, Timestamp now);

// The printed documents of a wave, from its parcels and their orders (`orders` keyed by order
// number; parcels whose order is missing are left out).
documents::PickList PickListOf(const Wave& wave, const Warehouse& warehouse,
                               const std::vector<PickLine>& lines);
// Why the parcel has no label to print yet ("" when it has, or is cancelled): no carrier takes
// it, or a box waits for its waybill number.
std::string Unlabelled(const Shipment& parcel);
// The packing slips of the parcels whose order is not cancelled.
std::vector<documents::PackingSlip> PackingSlipsOf(const std::vector<Shipment>& parcels,
                                                   const std::map<std::string, Order>& orders,
                                                   Timestamp now);
// One label per box of each parcel; cancelled parcels, and those not labelled yet (Unlabelled),
// are left out. The sender is the warehouse with its phone; a cash-on-delivery parcel carries the
// COD mark and the amount to collect.
std::vector<documents::ShippingLabel> LabelsOf(const std::vector<Shipment>& parcels,
                                               const std::map<std::string, Order>& orders,
                                               const Warehouse& sender,
                                               const std::vector<CarrierRule>& rules,
                                               Timestamp now);

}  // namespace ordo::http
