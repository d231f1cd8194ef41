// Carrier tracking events and the inspection of returned parcels.
#include <algorithm>

#include "app/anomaly.h"
#include "app/fulfillment_internal.h"
#include "app/inventory.h"
#include "app/payments.h"

namespace ordo::app {
namespace {

using namespace fulfillment_internal;

std::string EventWords(const TrackingInput& input, const Shipment& parcel) {
  std::string words = input.carrier + " reports parcel " + parcel.tracking_no + " from " +
                      parcel.warehouse + " " + std::string(TrackingStatusName(input.status)) +
                      " at " + FormatRfc3339(input.at);
  if (!input.location.empty()) {
    words += " (" + input.location + ")";
  }
  return words;
}

// Delivers the order once every parcel it has is delivered, at the carrier's time of the last
// delivery (the order and its parcels show one delivery time).
Status DeliverWhenAllDelivered(WriteTx& tx, Order& order, const Actor& actor, Events& events) {
  if (order.status != OrderStatus::kShipped) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  const bool all = std::all_of(parcels.begin(), parcels.end(), [](const Shipment& p) {
    return p.status == ShipmentStatus::kDelivered || p.status == ShipmentStatus::kCancelled;
  });
  if (!all) {
    return Status::Ok();
  }
  Timestamp delivered_at{0};
  for (const Shipment& parcel : parcels) {
    if (parcel.delivered_at && parcel.delivered_at->unix_ms > delivered_at.unix_ms) {
      delivered_at = *parcel.delivered_at;
    }
  }
  ORDO_ASSIGN_OR_RETURN(Events delivered, RecordDelivery(order, delivered_at, actor));
  delivered.front().details.emplace_back("source", "carrier tracking");
  events.insert(events.end(), delivered.begin(), delivered.end());
  return Status::Ok();
}

// What an applied event does beyond the parcel: history, case, notification, delivery.
Status ApplyToOrder(WriteTx& tx, const TrackingInput& input, const Shipment& parcel,
                    const TrackingDecision& decision, const Actor& actor, TrackingOutcome& out) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(parcel.order_no));
  ORDO_ASSERT(loaded.has_value());
  Order& order = *loaded;
  const int64_t loaded_version = order.version;
  const OrderBefore before = OrderBefore::Of(order);
  Events events;
  events.push_back(Note("tracking", actor,
                        {{"shipment_id", std::to_string(parcel.id)},
                         {"carrier", input.carrier},
                         {"tracking_no", parcel.tracking_no},
                         {"status", std::string(TrackingStatusName(input.status))},
                         {"at", FormatRfc3339(input.at)},
                         {"location", input.location}}));
  if (!decision.case_type.empty()) {
    ORDO_RETURN_IF_ERROR(RaiseCase(tx, order, decision.case_type,
                                   "shipment:" + std::to_string(parcel.id),
                                   EventWords(input, parcel),
                                   {{"shipment_id", std::to_string(parcel.id)},
                                    {"carrier", input.carrier},
                                    {"tracking_no", parcel.tracking_no},
                                    {"event_id", input.event_id},
                                    {"at", FormatRfc3339(input.at)},
                                    {"location", input.location}},
                                   actor, events)
                             .status());
  }
  if (!decision.notification.empty()) {
    ORDO_RETURN_IF_ERROR(Notify(tx, order.order_no, parcel.id, decision.notification, actor));
  }
  if (parcel.status == ShipmentStatus::kDelivered) {
    ORDO_RETURN_IF_ERROR(DeliverWhenAllDelivered(tx, order, actor, events));
  }
  ORDO_RETURN_IF_ERROR(CloseCasesWhoseCauseIsGone(tx, order, before, actor, events));
  ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
  out.order_status = order.status;
  return Status::Ok();
}

Quantity Units(const Shipment& parcel) {
  Quantity units = 0;
  for (const ShipmentLine& line : parcel.lines) {
    units += line.quantity;
  }
  return units;
}

// An order none of whose parcels reached the customer (a refused cash-on-delivery parcel, an
// undeliverable one) is closed once they are all back and inspected: nothing was delivered, so
// nothing is charged, and what an online order was paid goes back (app/payments.h).
Status CloseWhenAllCameBack(WriteTx& tx, Order& order, const Actor& actor, Events& events) {
  if (order.status != OrderStatus::kShipped) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  bool any = false;
  for (const Shipment& parcel : parcels) {
    if (parcel.status == ShipmentStatus::kCancelled) {
      continue;
    }
    if (parcel.status != ShipmentStatus::kInspected) {
      return Status::Ok();  // delivered, still travelling, or not inspected yet
    }
    any = true;
  }
  if (!any) {
    return Status::Ok();
  }
  const OrderBefore before = OrderBefore::Of(order);
  ORDO_ASSIGN_OR_RETURN(Events closed,
                        CloseAfterShipment(order, "every parcel came back to the sender", actor));
  ORDO_RETURN_IF_ERROR(RefundEndedOrder(tx, order, actor, closed.front()));
  events.insert(events.end(), closed.begin(), closed.end());
  return CloseCasesWhoseCauseIsGone(tx, order, before, actor, events);
}

Status ReturnToStock(WriteTx& tx, const Shipment& parcel, const Actor& actor,
                     std::vector<LedgerEntry>& entries) {
  return ReturnUnitsToStock(tx, parcel.warehouse, parcel.order_no, parcel.lines,
                            "returned parcel " + std::to_string(parcel.id) + " passed inspection",
                            actor, entries);
}

}  // namespace

Status ReturnUnitsToStock(WriteTx& tx, const std::string& warehouse, const std::string& order_no,
                          const std::vector<ShipmentLine>& lines, const std::string& reason,
                          const Actor& actor, std::vector<LedgerEntry>& entries) {
  std::vector<std::string> skus;
  for (const ShipmentLine& line : lines) {
    skus.push_back(line.sku);
  }
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock(skus));
  const MovementContext movement{actor.name, reason, order_no, actor.at};
  for (const ShipmentLine& line : lines) {
    auto& levels = stock[line.sku];
    auto level = std::find_if(levels.begin(), levels.end(),
                              [&](const StockLevel& l) { return l.warehouse() == warehouse; });
    if (level == levels.end()) {
      levels.emplace_back(warehouse, line.sku, 0, 0);
      level = levels.end() - 1;
    }
    ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, level->ReturnToStock(line.quantity, movement));
    ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*level, entry));
    entries.push_back(std::move(entry));
  }
  // Returned units serve the orders waiting for them first (INV-4, app/inventory.h).
  for (const ShipmentLine& line : lines) {
    ORDO_RETURN_IF_ERROR(FillBackorders(tx, line.sku, warehouse, actor));
  }
  return Status::Ok();
}

WriteFn RecordTrackingEvent(TrackingInput input, CommandContext context,
                            std::shared_ptr<TrackingOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Shipment> found, tx.fulfillment().FindShipmentByTracking(
                                                             input.carrier, input.tracking_no));
    if (!found) {
      // The number of another box of a parcel in several (子单号).
      ORDO_ASSIGN_OR_RETURN(const int64_t shipment_id,
                            tx.fulfillment().FindWaybillShipment(input.carrier, input.tracking_no));
      if (shipment_id > 0) {
        ORDO_ASSIGN_OR_RETURN(found, tx.fulfillment().FindShipment(shipment_id));
      }
    }
    if (!found) {
      return Status::NotFound("no parcel of " + input.carrier + " has tracking number " +
                              input.tracking_no);
    }
    Shipment& parcel = *found;
    const Actor actor = context.Now();
    const TrackingDecision decision = DecideTracking(parcel, input.status, input.at);
    TrackingEvent& event = out->event;
    event = TrackingEvent{0,         input.carrier,    input.event_id, input.tracking_no,
                          parcel.id, input.status,     input.at,       input.location,
                          actor.at,  decision.applied, decision.note};
    ORDO_ASSIGN_OR_RETURN(const bool inserted, tx.fulfillment().InsertTrackingEvent(event));
    out->duplicate = !inserted;
    if (inserted && decision.applied) {
      const ShipmentStatus before = parcel.status;
      ApplyTracking(parcel, decision, input.at, input.location);
      ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateShipment(
          parcel, before, "tracking_" + std::string(TrackingStatusName(input.status)), actor.name,
          actor.at));
      ORDO_RETURN_IF_ERROR(ApplyToOrder(tx, input, parcel, decision, actor, *out));
    }
    out->shipment = std::move(parcel);
    return Status::Ok();
  };
}

WriteFn InspectReturn(int64_t shipment_id, InspectInput input, CommandContext context,
                      std::shared_ptr<InspectOutcome> out) {
  return [shipment_id, input = std::move(input), context, out](WriteTx& tx) -> Status {
    if (input.note.size() > 2000) {
      return Status::Invalid("note", Code::kInvalidValue, "note is too long");
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Shipment> found,
                          tx.fulfillment().FindShipment(shipment_id));
    if (!found) {
      return Status::NotFound("no shipment " + std::to_string(shipment_id));
    }
    Shipment& parcel = *found;
    if (parcel.status != ShipmentStatus::kReturned) {
      return Status::Conflict(Code::kIllegalTransition,
                              "shipment " + std::to_string(shipment_id) + " is " +
                                  std::string(ShipmentStatusName(parcel.status)) +
                                  ": only a parcel returned to the sender is inspected");
    }
    const Actor actor = context.Now();
    out->entries.clear();
    if (input.passed) {
      ORDO_RETURN_IF_ERROR(ReturnToStock(tx, parcel, actor, out->entries));
    }
    parcel.status = ShipmentStatus::kInspected;
    parcel.inspection = input.passed ? "passed" : "failed";
    parcel.inspection_note = input.note;
    ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateShipment(parcel, ShipmentStatus::kReturned,
                                                         "inspect", actor.name, actor.at));
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(parcel.order_no));
    if (order) {
      const int64_t loaded_version = order->version;
      Events events{Note("return_inspected", actor,
                         {{"shipment_id", std::to_string(parcel.id)},
                          {"passed", input.passed ? "true" : "false"},
                          {"restocked_units", std::to_string(input.passed ? Units(parcel) : 0)},
                          {"note", input.note}})};
      ORDO_RETURN_IF_ERROR(CloseWhenAllCameBack(tx, *order, actor, events));
      ORDO_RETURN_IF_ERROR(SaveOrder(tx, *order, loaded_version, events));
    }
    out->shipment = std::move(parcel);
    return Status::Ok();
  };
}

}  // namespace ordo::app
