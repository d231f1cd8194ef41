#include <algorithm>

#include "app/fulfillment_internal.h"

namespace ordo::app::fulfillment_internal {

Result<std::string> ParcelWarehouse(const Order& order, const std::string& requested) {
  const std::vector<std::string> warehouses = WarehousesOf(order);
  if (requested.empty()) {
    if (warehouses.size() <= 1) {
      return warehouses.empty() ? std::string() : warehouses.front();
    }
    std::string list;
    for (const std::string& warehouse : warehouses) {
      list += (list.empty() ? "" : ", ") + warehouse;
    }
    return Status::Invalid(
        "warehouse", Code::kRequired,
        "order " + order.order_no + " ships from " + list + ": name the warehouse of the parcel");
  }
  if (std::find(warehouses.begin(), warehouses.end(), requested) == warehouses.end()) {
    return Status::Invalid("warehouse", Code::kInvalidValue,
                           "order " + order.order_no + " holds no stock in " + requested);
  }
  return requested;
}

Result<Shipment*> ParcelOf(WriteTx& tx, const Order& order, std::vector<Shipment>& parcels,
                           const std::string& warehouse, const Actor& actor) {
  for (Shipment& parcel : parcels) {
    if (parcel.warehouse == warehouse) {
      return &parcel;
    }
  }
  Shipment parcel = PlanShipment(order, warehouse, actor.at);
  ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertShipment(parcel, actor.name));
  parcels.push_back(std::move(parcel));
  return &parcels.back();
}

Result<std::pair<std::string, std::string>> ChooseCarrierFor(const Settings& settings,
                                                             const Order& order, int64_t weight_g) {
  CarrierRequest request{order.consignee.address.province, weight_g, order.shipping_service,
                         order.priority};
  ORDO_ASSIGN_OR_RETURN(CarrierChoice choice, ChooseCarrier(settings.carrier_rules, request));
  return std::make_pair(choice.carrier, choice.reason);
}

OrderEvent Note(std::string type, const Actor& actor,
                std::vector<std::pair<std::string, std::string>> details) {
  OrderEvent event;
  event.type = std::move(type);
  event.at = actor.at;
  event.actor = actor.name;
  event.details = std::move(details);
  return event;
}

Status Notify(WriteTx& tx, const std::string& order_no, int64_t shipment_id,
              std::string template_key, const Actor& actor) {
  Notification notification;
  notification.order_no = order_no;
  notification.shipment_id = shipment_id;
  notification.template_key = std::move(template_key);
  notification.at = actor.at;
  notification.created_by = actor.name;
  return tx.fulfillment().InsertNotification(notification);
}

Status NotNow(const Order& order, const std::string& action) {
  return Status::Conflict(Code::kIllegalTransition, "cannot " + action + " order " +
                                                        order.order_no + " in status " +
                                                        std::string(StatusName(order.status)));
}

}  // namespace ordo::app::fulfillment_internal
