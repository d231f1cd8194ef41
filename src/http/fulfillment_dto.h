// JSON of the fulfilment resources (waves, shipments, tracking events, abnormal cases,
// notifications, ship-by deadlines) and the printed documents built from them. Field names are
// the API's; personal data is masked on documents (labels and slips are printed for the floor).
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
boost::json::object WaveToJson(const Wave& wave, const std::vector<Shipment>& parcels,
                               const std::vector<PickLine>& pick_lines);
boost::json::object DeadlineToJson(const app::ShipDeadline& deadline, Timestamp now);

// The printed documents of a wave, from its parcels and their orders (`orders` keyed by order
// number; parcels whose order is missing are left out).
documents::PickList PickListOf(const Wave& wave, const Warehouse& warehouse,
                               const std::vector<PickLine>& lines);
std::vector<documents::PackingSlip> PackingSlipsOf(const std::vector<Shipment>& parcels,
                                                   const std::map<std::string, Order>& orders,
                                                   Timestamp now);
// Parcels without a carrier or waybill number yet are left out (they get one when shipped).
std::vector<documents::ShippingLabel> LabelsOf(const std::vector<Shipment>& parcels,
                                               const std::map<std::string, Order>& orders,
                                               const Warehouse& sender,
                                               const std::vector<CarrierRule>& rules,
                                               Timestamp now);

}  // namespace ordo::http
