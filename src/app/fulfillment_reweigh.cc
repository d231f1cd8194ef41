// Weighing a packed parcel again: the new weight replaces the old, and a weight case the first
// weighing opened is resolved when the parcel is now within the tolerance.
#include "app/anomaly.h"
#include "app/fulfillment_internal.h"
#include "app/settings.h"

namespace ordo::app {
namespace {

using namespace fulfillment_internal;

Result<Shipment*> PackedParcel(std::vector<Shipment>& parcels, const Order& order,
                               const std::string& warehouse) {
  for (Shipment& parcel : parcels) {
    if (parcel.warehouse != warehouse) {
      continue;
    }
    if (parcel.status != ShipmentStatus::kPacked) {
      return Status::Conflict(Code::kIllegalTransition,
                              "the parcel of order " + order.order_no + " from " + warehouse +
                                  " is " + std::string(ShipmentStatusName(parcel.status)) +
                                  ": only a packed parcel that has not left is weighed again");
    }
    return &parcel;
  }
  return Status::Conflict(
      Code::kIllegalTransition,
      "the parcel of order " + order.order_no + " from " + warehouse + " has not been packed");
}

// The parcel's weight case closes itself when the parcel is now within the tolerance, or is
// opened when it is not (and none is open).
Status Judge(WriteTx& tx, Order& order, const Shipment& parcel, const WeightCheck& check,
             const Actor& actor, Events& events, ReweighOutcome& out) {
  const std::string subject = "parcel:" + parcel.warehouse;
  if (check.within) {
    const ResolveInput resolved{"weighed again at " + std::to_string(check.measured_g) +
                                    " g: within " + std::to_string(check.lower_g) + "–" +
                                    std::to_string(check.upper_g) + " g",
                                "the parcel was weighed wrongly (or repacked) before", ""};
    ORDO_ASSIGN_OR_RETURN(out.case_resolved, ResolveLiveCase(tx, order, "weight_mismatch", subject,
                                                             resolved, actor, events));
    return Status::Ok();
  }
  return RaiseWeightCase(tx, order, parcel, check, "weighed again", actor, events);
}

}  // namespace

WriteFn ReweighParcel(std::string order_no, ReweighInput input, CommandContext context,
                      std::shared_ptr<ReweighOutcome> out) {
  return [order_no = std::move(order_no), input = std::move(input), context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
    if (!loaded) {
      return Status::NotFound("no order " + order_no);
    }
    Order& order = *loaded;
    const int64_t loaded_version = order.version;
    ORDO_ASSIGN_OR_RETURN(const std::string warehouse, ParcelWarehouse(order, input.warehouse));
    ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                          tx.fulfillment().FindShipments(order.order_no));
    ORDO_ASSIGN_OR_RETURN(Shipment * parcel, PackedParcel(parcels, order, warehouse));
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    const Actor actor = context.Now();
    const int64_t before_g = parcel->packed_weight_g;
    ORDO_RETURN_IF_ERROR(WeighBoxes(tx, settings, input.boxes, context, *parcel));
    out->check = CheckWeight(parcel->expected_weight_g(), parcel->packaging_g(),
                             parcel->packed_weight_g, settings.weight_tolerance());
    ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateShipment(*parcel, ShipmentStatus::kPacked,
                                                         "reweigh", actor.name, actor.at));
    if (order.status == OrderStatus::kPacked) {
      order.packed_weight_g += parcel->packed_weight_g - before_g;
      order.version += 1;
      order.updated_at = actor.at;
    }
    Events events{Note("reweighed", actor,
                       {{"warehouse", warehouse},
                        {"shipment_id", std::to_string(parcel->id)},
                        {"weight_g_before", std::to_string(before_g)},
                        {"weight_g", std::to_string(parcel->packed_weight_g)},
                        {"within_tolerance", out->check.within ? "true" : "false"}})};
    ORDO_RETURN_IF_ERROR(Judge(tx, order, *parcel, out->check, actor, events, *out));
    ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
    out->shipment = *parcel;
    out->order = std::move(order);
    return Status::Ok();
  };
}

}  // namespace ordo::app
