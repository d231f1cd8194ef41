// Verification, packing and shipping of parcels, and keeping parcels in line with their order.
#include <algorithm>

#include "app/anomaly.h"
#include "app/fulfillment_internal.h"
#include "app/order_changes.h"
#include "app/settings.h"
#include "app/waybills.h"
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
// A parcel of a split order ships as soon as it is packed, while another warehouse still picks
// (`also` picking), so `ship` accepts either.
Status CheckOrderMayMove(const Order& order, OrderStatus expected, const std::string& action,
                         std::optional<OrderStatus> also = std::nullopt) {
  if (order.status != expected && (!also || order.status != *also)) {
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

// A parcel is packed once its scans matched: always when its last scan did not match (a wrong
// item must not ship), and without any scan only when require_verification is off.
Status CheckVerified(WriteTx& tx, const Settings& settings, const Order& order,
                     const Shipment& parcel) {
  if (parcel.verified) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(std::optional<AbnormalCase> mismatch,
                        tx.fulfillment().FindLiveCase(order.order_no, "verification_mismatch",
                                                      "parcel:" + parcel.warehouse));
  if (mismatch) {
    return Status::Conflict(Code::kVerificationMismatch,
                            "the last scan of the parcel from " + parcel.warehouse + " of order " +
                                order.order_no + " did not match (case " +
                                std::to_string(mismatch->id) + "): scan it again");
  }
  if (settings.require_verification) {
    return Status::Conflict(Code::kNotVerified, "the parcel from " + parcel.warehouse +
                                                    " of order " + order.order_no +
                                                    " must pass scan verification first");
  }
  return Status::Ok();
}

// The packed weight of the order: its parcels' that are not cancelled.
int64_t PackedWeight(const std::vector<Shipment>& parcels) {
  int64_t total_g = 0;
  for (const Shipment& p : parcels) {
    total_g += p.status == ShipmentStatus::kCancelled ? 0 : p.packed_weight_g;
  }
  return total_g;
}

// Voids every number of the parcel's boxes (they stay issued, never reused) and forgets them.
Status ClearNumbers(WriteTx& tx, Shipment& parcel, const Actor& actor, const std::string& reason) {
  ORDO_RETURN_IF_ERROR(tx.fulfillment().VoidWaybills(parcel.id, 1, actor.at, reason));
  for (ParcelBox& box : parcel.boxes) {
    box.tracking_no.clear();
  }
  parcel.tracking_no.clear();
  return Status::Ok();
}

// The carrier and waybill a parcel ships with, recorded on it (see ShipOrderParcel).
Status ChooseShipping(WriteTx& tx, const Settings& settings, const Order& order,
                      const ShipInput& input, const CommandContext& context, const Actor& actor,
                      Shipment& parcel) {
  if (!input.carrier.empty()) {
    std::optional<std::string> carrier = ConfiguredCarrier(settings.carrier_rules, input.carrier);
    if (!carrier) {
      return Status::Invalid("carrier", Code::kUnknownCarrier,
                             "no carrier rule names " + input.carrier);
    }
    if (*carrier != parcel.carrier) {
      parcel.carrier = *carrier;
      parcel.carrier_reason = "named by " + actor.name;
      ORDO_RETURN_IF_ERROR(ClearNumbers(tx, parcel, actor, "carrier changed"));
    }
  } else if (parcel.carrier.empty()) {
    ORDO_ASSIGN_OR_RETURN(auto choice, ChooseCarrierFor(settings, order, HeaviestBox(parcel)));
    std::tie(parcel.carrier, parcel.carrier_reason) = choice;
    ORDO_RETURN_IF_ERROR(ClearNumbers(tx, parcel, actor, "carrier chosen"));
  }
  if (!input.tracking_no.empty() && input.tracking_no != parcel.tracking_no) {
    // A number the carrier printed (a pre-printed waybill scanned at the desk) for box 1.
    ORDO_RETURN_IF_ERROR(ClearNumbers(tx, parcel, actor, "replaced by staff"));
    ORDO_RETURN_IF_ERROR(
        RegisterWaybill(tx, parcel.carrier, input.tracking_no, parcel.id, 1, "staff", actor));
    parcel.tracking_no = input.tracking_no;
  }
  ORDO_RETURN_IF_ERROR(NumberBoxes(tx, settings, context, parcel));
  for (const ParcelBox& box : parcel.boxes) {
    if (box.tracking_no.empty()) {
      return Status::Conflict(Code::kWaybillPending, "the parcel of order " + order.order_no +
                                                         " waits for its waybill number from " +
                                                         parcel.carrier);
    }
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
      // A correct scan puts right what the last one found.
      const ResolveInput rescanned{"scanned again: the parcel matches its order",
                                   "a wrong or missing item at the first scan", ""};
      ORDO_RETURN_IF_ERROR(ResolveLiveCase(tx, order, "verification_mismatch",
                                           "parcel:" + warehouse, rescanned, actor, events)
                               .status());
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
                               const CommandContext& context) {
  const Actor actor = context.Now();
  ORDO_ASSIGN_OR_RETURN(const std::string warehouse, ParcelWarehouse(order, input.warehouse));
  if (warehouse.empty() || (input.boxes.empty() && input.weight_g <= 0)) {
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
  ORDO_RETURN_IF_ERROR(CheckVerified(tx, settings, order, *parcel));
  ORDO_RETURN_IF_ERROR(WeighBoxes(tx, settings, input.box_inputs(), context, *parcel));
  const WeightCheck check = CheckWeight(parcel->expected_weight_g(), parcel->packaging_g(),
                                        parcel->packed_weight_g, settings.weight_tolerance());
  parcel->status = ShipmentStatus::kPacked;
  parcel->packed_at = actor.at;
  const std::vector<std::pair<std::string, std::string>> details = {
      {"warehouse", warehouse},
      {"shipment_id", std::to_string(parcel->id)},
      {"boxes", std::to_string(parcel->boxes.size())},
      {"parcel_weight_g", std::to_string(parcel->packed_weight_g)},
      {"parcel_expected_weight_g", std::to_string(check.expected_g)},
      {"packaging_g", std::to_string(check.packaging_g)}};
  Events events;
  if (OthersPast(order, parcels, warehouse, &PackedOrBeyond)) {
    ORDO_ASSIGN_OR_RETURN(events, Pack(order, PackedWeight(parcels), actor));
    events.front().details.insert(events.front().details.end(), details.begin(), details.end());
  } else {
    events.push_back(Note("parcel_packed", actor, details));
  }
  ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateShipment(*parcel, ShipmentStatus::kPlanned, "pack",
                                                       actor.name, actor.at));
  if (!check.within) {
    ORDO_RETURN_IF_ERROR(RaiseWeightCase(tx, order, *parcel, check, "packed", actor, events));
  }
  return events;
}

Result<Events> ShipOrderParcel(WriteTx& tx, Order& order, const ShipInput& input,
                               const CommandContext& context) {
  const Actor actor = context.Now();
  ORDO_ASSIGN_OR_RETURN(const std::string warehouse, ParcelWarehouse(order, input.warehouse));
  ORDO_RETURN_IF_ERROR(
      CheckOrderMayMove(order, OrderStatus::kPacked, "ship", OrderStatus::kPicking));
  ORDO_RETURN_IF_ERROR(CheckCodConfirmed(order));  // REV-2: cash on delivery re-confirmed
  ORDO_RETURN_IF_ERROR(CheckNoPendingCancel(tx, order));  // the customer asked to cancel
  ORDO_RETURN_IF_ERROR(CheckNothingDue(order));           // no parcel leaves while money is owed
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
  ORDO_RETURN_IF_ERROR(ChooseShipping(tx, settings, order, input, context, actor, *parcel));
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
