// Verification, packing and shipping of parcels, and keeping parcels in line with their order.
#include <algorithm>

#include "app/anomaly.h"
#include "app/fulfillment_internal.h"
#include "app/settings.h"
#include "domain/order/money.h"
#include "domain/payment/payment.h"

namespace ordo::app {
namespace {

using namespace fulfillment_internal;

// True when every warehouse of the order other than `except` has a parcel past `status`.
bool OthersPast(const Order& order, const std::vector<Shipment>& parcels, const std::string& except,
                bool (*past)(ShipmentStatus)) {
  for (const std::string& warehouse : WarehousesOf(order)) {
    if (warehouse == except) {
      continue;
    }
    auto parcel = std::find_if(parcels.begin(), parcels.end(),
                               [&](const Shipment& p) { return p.warehouse == warehouse; });
    if (parcel == parcels.end() || !past(parcel->status)) {
      return false;
    }
  }
  return true;
}

bool PackedOrBeyond(ShipmentStatus status) {
  return status != ShipmentStatus::kPlanned && status != ShipmentStatus::kCancelled;
}

bool ShippedOrBeyond(ShipmentStatus status) {
  return PackedOrBeyond(status) && status != ShipmentStatus::kPacked;
}

// The order's pack and ship happen parcel by parcel: refuses what the order's own state forbids.
Status CheckOrderMayMove(const Order& order, OrderStatus expected, const std::string& action) {
  if (order.status != expected) {
    return NotNow(order, action);
  }
  if (order.on_hold()) {
    return Status::Conflict(Code::kOrderOnHold,
                            "order " + order.order_no + " is on hold until its abnormal case " +
                                std::to_string(order.holds.front()) + " is closed");
  }
  return Status::Ok();
}

Status ParcelNotReady(const Shipment& parcel, const std::string& wanted) {
  return Status::Conflict(Code::kIllegalTransition,
                          "the parcel of order " + parcel.order_no + " from " + parcel.warehouse +
                              " is " + std::string(ShipmentStatusName(parcel.status)) + ", not " +
                              wanted);
}

// Consumes the units the order holds in `warehouse` (the parcel leaving), one ledger entry each.
Status ConsumeParcelStock(WriteTx& tx, const Order& order, const std::string& warehouse,
                          const Actor& actor) {
  std::vector<std::string> skus;
  for (const OrderLine& line : order.lines) {
    skus.push_back(line.sku);
  }
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock(skus));
  const MovementContext movement{actor.name, "order shipped", order.order_no, actor.at};
  for (const OrderLine& line : order.lines) {
    for (const Allocation& allocation : line.allocations) {
      if (allocation.warehouse != warehouse || allocation.quantity <= 0) {
        continue;
      }
      auto& levels = stock[line.sku];
      auto level = std::find_if(levels.begin(), levels.end(),
                                [&](const StockLevel& l) { return l.warehouse() == warehouse; });
      ORDO_ASSERT(level != levels.end());
      ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, level->Consume(allocation.quantity, movement));
      ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*level, entry));
    }
  }
  return Status::Ok();
}

// Opens the weight_mismatch case of a parcel packed outside the tolerance.
Status RaiseWeightCase(WriteTx& tx, Order& order, const Shipment& parcel, const WeightCheck& check,
                       const Actor& actor, Events& events) {
  CaseDetails details = {{"warehouse", parcel.warehouse},
                         {"shipment_id", std::to_string(parcel.id)},
                         {"measured_g", std::to_string(check.measured_g)},
                         {"expected_g", std::to_string(check.expected_g)},
                         {"lower_g", std::to_string(check.lower_g)},
                         {"upper_g", std::to_string(check.upper_g)},
                         {"tolerance_percent", std::to_string(check.tolerance_percent)}};
  return RaiseCase(tx, order, "weight_mismatch", "parcel:" + parcel.warehouse,
                   "parcel from " + parcel.warehouse + ": " + check.explanation, std::move(details),
                   actor, events)
      .status();
}

// The carrier and waybill a parcel ships with, recorded on it (see ShipOrderParcel).
Status ChooseShipping(const Settings& settings, const Order& order, const ShipInput& input,
                      const Actor& actor, Shipment& parcel) {
  if (!input.carrier.empty() && input.carrier != parcel.carrier) {
    parcel.carrier = input.carrier;
    parcel.carrier_reason = "named by " + actor.name;
    parcel.tracking_no.clear();  // a waybill belongs to its carrier
  } else if (parcel.carrier.empty()) {
    ORDO_ASSIGN_OR_RETURN(auto choice, ChooseCarrierFor(settings, order, parcel.packed_weight_g));
    std::tie(parcel.carrier, parcel.carrier_reason) = choice;
    parcel.tracking_no.clear();
  }
  if (!input.tracking_no.empty()) {
    parcel.tracking_no = input.tracking_no;
  } else if (parcel.tracking_no.empty()) {
    parcel.tracking_no = WaybillNumber(parcel.carrier, parcel.id);
  }
  return Status::Ok();
}

}  // namespace

WriteFn VerifyParcel(std::string order_no, VerifyInput input, CommandContext context,
                     std::shared_ptr<VerifyOutcome> out) {
  return [order_no = std::move(order_no), input = std::move(input), context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
    if (!loaded) {
      return Status::NotFound("no order " + order_no);
    }
    Order& order = *loaded;
    if (order.status != OrderStatus::kPicking) {
      return NotNow(order, "verify");
    }
    ORDO_ASSIGN_OR_RETURN(const std::string warehouse, ParcelWarehouse(order, input.warehouse));
    const Actor actor = context.Now();
    ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                          tx.fulfillment().FindShipments(order.order_no));
    ORDO_ASSIGN_OR_RETURN(Shipment * parcel, ParcelOf(tx, order, parcels, warehouse, actor));
    if (parcel->status != ShipmentStatus::kPlanned) {
      return ParcelNotReady(*parcel, "waiting to be packed");
    }
    const int64_t loaded_version = order.version;
    out->differences = CompareScans(parcel->lines, input.scans);
    const bool matched = out->differences.empty();
    Events events;
    if (matched) {
      events.push_back(
          Note("verified", actor,
               {{"warehouse", warehouse}, {"shipment_id", std::to_string(parcel->id)}}));
    } else {
      const std::string text = DescribeDifferences(out->differences);
      events.push_back(Note("verification_mismatch", actor,
                            {{"warehouse", warehouse},
                             {"shipment_id", std::to_string(parcel->id)},
                             {"differences", text}}));
      ORDO_ASSIGN_OR_RETURN(
          RaisedCase raised,
          RaiseCase(tx, order, "verification_mismatch", "parcel:" + warehouse,
                    "the scans of the parcel from " + warehouse + " do not match it: " + text,
                    {{"warehouse", warehouse}, {"differences", text}}, actor, events));
      out->case_id = raised.abnormal.id;
    }
    if (parcel->verified != matched) {
      parcel->verified = matched;
      ORDO_RETURN_IF_ERROR(
          tx.fulfillment().UpdateShipment(*parcel, parcel->status, "verify", actor.name, actor.at));
    }
    ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
    out->shipment = *parcel;
    out->order = std::move(order);
    return Status::Ok();
  };
}

Result<Events> PackOrderParcel(WriteTx& tx, Order& order, const PackInput& input,
                               const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(const std::string warehouse, ParcelWarehouse(order, input.warehouse));
  if (warehouse.empty() || input.weight_g <= 0) {
    return Pack(order, input.weight_g, actor);  // nothing to weigh against, or refused there
  }
  ORDO_RETURN_IF_ERROR(CheckOrderMayMove(order, OrderStatus::kPicking, "pack"));
  ORDO_RETURN_IF_ERROR(CheckNothingDue(order));
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  ORDO_ASSIGN_OR_RETURN(Shipment * parcel, ParcelOf(tx, order, parcels, warehouse, actor));
  if (parcel->status != ShipmentStatus::kPlanned) {
    return ParcelNotReady(*parcel, "waiting to be packed");
  }
  if (settings.require_verification && !parcel->verified) {
    return Status::Conflict(Code::kNotVerified, "the parcel from " + warehouse + " of order " +
                                                    order.order_no +
                                                    " must pass scan verification first");
  }
  const WeightCheck check =
      CheckWeight(parcel->expected_weight_g(), input.weight_g, settings.weight_tolerance_percent);
  parcel->status = ShipmentStatus::kPacked;
  parcel->packed_weight_g = input.weight_g;
  parcel->packed_at = actor.at;
  const std::vector<std::pair<std::string, std::string>> details = {
      {"warehouse", warehouse},
      {"shipment_id", std::to_string(parcel->id)},
      {"parcel_weight_g", std::to_string(input.weight_g)},
      {"parcel_expected_weight_g", std::to_string(check.expected_g)}};
  Events events;
  if (OthersPast(order, parcels, warehouse, &PackedOrBeyond)) {
    int64_t total_g = 0;
    for (const Shipment& p : parcels) {
      total_g += p.status == ShipmentStatus::kCancelled ? 0 : p.packed_weight_g;
    }
    ORDO_ASSIGN_OR_RETURN(events, Pack(order, total_g, actor));
    events.front().details.insert(events.front().details.end(), details.begin(), details.end());
  } else {
    events.push_back(Note("parcel_packed", actor, details));
  }
  ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateShipment(*parcel, ShipmentStatus::kPlanned, "pack",
                                                       actor.name, actor.at));
  if (!check.within) {
    ORDO_RETURN_IF_ERROR(RaiseWeightCase(tx, order, *parcel, check, actor, events));
  }
  return events;
}

Result<Events> ShipOrderParcel(WriteTx& tx, Order& order, const ShipInput& input,
                               const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(const std::string warehouse, ParcelWarehouse(order, input.warehouse));
  ORDO_RETURN_IF_ERROR(CheckOrderMayMove(order, OrderStatus::kPacked, "ship"));
  ORDO_RETURN_IF_ERROR(CheckCodConfirmed(order));  // REV-2: cash on delivery re-confirmed
  ORDO_RETURN_IF_ERROR(CheckNothingDue(order));    // no parcel leaves while money is owed
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  if (warehouse.empty()) {
    return Status::Conflict(Code::kIllegalTransition,
                            "order " + order.order_no + " holds no stock to ship");
  }
  ORDO_ASSIGN_OR_RETURN(Shipment * parcel, ParcelOf(tx, order, parcels, warehouse, actor));
  if (parcel->status != ShipmentStatus::kPacked) {
    return ParcelNotReady(*parcel, "packed");
  }
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
  ORDO_RETURN_IF_ERROR(ChooseShipping(settings, order, input, actor, *parcel));
  parcel->status = ShipmentStatus::kShipped;
  parcel->shipped_at = actor.at;
  ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateShipment(*parcel, ShipmentStatus::kPacked, "ship",
                                                       actor.name, actor.at));
  ORDO_RETURN_IF_ERROR(ConsumeParcelStock(tx, order, warehouse, actor));
  const std::vector<std::pair<std::string, std::string>> details = {
      {"carrier_reason", parcel->carrier_reason},
      {"warehouse", warehouse},
      {"shipment_id", std::to_string(parcel->id)}};
  Events events;
  if (OthersPast(order, parcels, warehouse, &ShippedOrBeyond)) {
    ORDO_ASSIGN_OR_RETURN(events, Ship(order, parcel->carrier, parcel->tracking_no, actor));
    events.front().details.insert(events.front().details.end(), details.begin(), details.end());
  } else {
    MarkParcelShipped(order, *parcel);
    order.version += 1;
    order.updated_at = actor.at;
    std::vector<std::pair<std::string, std::string>> note = {{"carrier", parcel->carrier},
                                                             {"tracking_no", parcel->tracking_no}};
    note.insert(note.end(), details.begin(), details.end());
    events.push_back(Note("parcel_shipped", actor, std::move(note)));
  }
  ORDO_RETURN_IF_ERROR(Notify(tx, order.order_no, parcel->id, "order_shipped", actor));
  return events;
}

Status SettleShipments(WriteTx& tx, const Order& order, const Actor& actor) {
  const bool delivered = order.status == OrderStatus::kDelivered;
  const bool ended =
      order.status == OrderStatus::kCancelled || order.status == OrderStatus::kClosed;
  if (!delivered && !ended) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  for (Shipment& parcel : parcels) {
    const ShipmentStatus before = parcel.status;
    if (delivered && IsWithCarrier(before) && before != ShipmentStatus::kDelivered) {
      parcel.status = ShipmentStatus::kDelivered;
      parcel.delivered_at = actor.at;
      ORDO_RETURN_IF_ERROR(
          tx.fulfillment().UpdateShipment(parcel, before, "deliver", actor.name, actor.at));
    } else if (ended && (before == ShipmentStatus::kPlanned || before == ShipmentStatus::kPacked)) {
      parcel.status = ShipmentStatus::kCancelled;
      ORDO_RETURN_IF_ERROR(
          tx.fulfillment().UpdateShipment(parcel, before, "cancel", actor.name, actor.at));
    }
  }
  return Status::Ok();
}

}  // namespace ordo::app
