// Changes before shipment and what a cancellation owes the customer and the warehouse
// (app/order_changes.h).
#include <algorithm>

#include "app/fulfillment_internal.h"
#include "app/inventory.h"
#include "app/order_changes.h"
#include "app/order_stock.h"
#include "app/payments.h"
#include "app/settings.h"

namespace ordo::app {
namespace {

using namespace fulfillment_internal;

bool Unshipped(const Shipment& parcel) {
  return parcel.status == ShipmentStatus::kPlanned || parcel.status == ShipmentStatus::kPacked;
}

Result<std::map<std::string, Sku>> CatalogFor(WriteTx& tx, const OrderChange& change) {
  std::vector<std::string> codes;
  if (change.lines) {
    for (const NewOrderLine& line : *change.lines) {
      codes.push_back(line.sku);
    }
  }
  if (codes.empty()) {
    return std::map<std::string, Sku>();
  }
  return tx.FindSkus(codes);
}

// The order as the change would leave it, for the carrier rules' second opinion.
Order Preview(const Order& order, const CheckedChange& checked) {
  Order preview = order;
  if (checked.change.consignee) {
    preview.consignee = *checked.change.consignee;
  }
  if (checked.lines_changed) {
    preview.lines = checked.lines;
  }
  return preview;
}

Status RefundDifference(WriteTx& tx, Order& order, int64_t amount, const Actor& actor,
                        OrderEvent& event, ChangeOutcome& out) {
  ORDO_ASSIGN_OR_RETURN(
      Refund refund, IssueRefund(tx, order, {amount, RefundCause::kOrderChange, "", "", 0}, actor));
  out.refund_id = refund.id;
  event.details.emplace_back("refund_id", std::to_string(refund.id));
  if (refund.status == RefundStatus::kAwaitingApproval) {
    event.details.emplace_back("refund_status", std::string(RefundStatusName(refund.status)));
  }
  return Status::Ok();
}

// Tells logistics a parcel in a wave will not be picked up, and records it on the order.
Status LeaveWave(WriteTx& tx, const Order& order, const Shipment& parcel, const Actor& actor,
                 Events& events) {
  events.push_back(Note("pulled_from_wave", actor,
                        {{"wave_id", std::to_string(parcel.wave_id)},
                         {"warehouse", parcel.warehouse},
                         {"shipment_id", std::to_string(parcel.id)}}));
  return Notify(tx, order.order_no, parcel.id, "pickup_cancelled", actor);
}

// Brings the unshipped parcels of a changed order in line with it: new contents (packed ones
// are to be packed again), a parcel left empty cancelled and out of its wave, and for a new
// address the rules' carrier unless the wave named one.
Status SyncParcels(WriteTx& tx, const Order& order, const CheckedChange& checked,
                   const Settings& settings, const Actor& actor, Events& events) {
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  const bool address_changed =
      std::find(checked.consignee_fields.begin(), checked.consignee_fields.end(), "address") !=
      checked.consignee_fields.end();
  for (Shipment& parcel : parcels) {
    if (!Unshipped(parcel)) {
      continue;
    }
    const ShipmentStatus before = parcel.status;
    if (checked.lines_changed) {
      std::vector<ShipmentLine> lines = ParcelLines(order, parcel.warehouse);
      if (lines.empty()) {
        parcel.status = ShipmentStatus::kCancelled;
        ORDO_RETURN_IF_ERROR(
            tx.fulfillment().UpdateShipment(parcel, before, "change_cancel", actor.name, actor.at));
        if (parcel.wave_id != 0) {
          ORDO_RETURN_IF_ERROR(LeaveWave(tx, order, parcel, actor, events));
        }
        continue;
      }
      parcel.lines = std::move(lines);
      parcel.status = ShipmentStatus::kPlanned;
      parcel.verified = false;
      parcel.packed_weight_g = 0;
      parcel.packed_at.reset();
    }
    if (address_changed && !parcel.carrier_reason.starts_with("named for wave")) {
      Result<std::pair<std::string, std::string>> choice =
          ChooseCarrierFor(settings, order, parcel.expected_weight_g());
      if (choice.ok() && choice->first != parcel.carrier) {
        std::tie(parcel.carrier, parcel.carrier_reason) = *choice;
        parcel.tracking_no = WaybillNumber(parcel.carrier, parcel.id);
      }
    }
    ORDO_RETURN_IF_ERROR(
        tx.fulfillment().UpdateShipment(parcel, before, "change", actor.name, actor.at));
  }
  return Status::Ok();
}

// Applies a checked change to the loaded order with everything that follows from it, except
// saving the order and handing freed stock on (the caller does both, in that order).
Result<Events> ApplyChecked(WriteTx& tx, Order& order, const CheckedChange& checked,
                            const CommandContext& context, ChangeOutcome& out) {
  const Actor actor = context.Now();
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
  const std::string carrier_before = PreferredCarrier(settings.carrier_rules, order);
  const std::string carrier_after =
      PreferredCarrier(settings.carrier_rules, Preview(order, checked));
  const PriceDifference difference = PriceDifferenceOf(order, checked.total_amount);
  if (checked.lines_changed) {
    ORDO_RETURN_IF_ERROR(
        MoveReservedStock(tx, order, MovementType::kRelease, actor, "order changed"));
  }
  Events events{ApplyChange(order, checked, difference, carrier_before, carrier_after, actor)};
  OrderEvent& changed = events.front();
  if (checked.lines_changed) {
    ORDO_RETURN_IF_ERROR(ReserveOrderLines(tx, order, context, actor.at, "order changed"));
    for (const OrderLine& line : order.lines) {
      if (line.quantity_backordered > 0) {
        changed.details.emplace_back("backordered_" + line.sku,
                                     std::to_string(line.quantity_backordered));
      }
    }
  }
  if (difference.refund_amount > 0) {
    ORDO_RETURN_IF_ERROR(
        RefundDifference(tx, order, difference.refund_amount, actor, changed, out));
  }
  if (checked.lines_changed) {
    ORDO_ASSIGN_OR_RETURN(std::optional<OrderEvent> back, ReturnToFulfillment(order, actor));
    if (back) {
      events.push_back(std::move(*back));
    }
  }
  ORDO_RETURN_IF_ERROR(SyncParcels(tx, order, checked, settings, actor, events));
  return events;
}

// Saves the changed order and its history, then hands what it freed to waiting orders (they
// are loaded and saved after it, so they see its release).
Status SaveChanged(WriteTx& tx, const Order& order, int64_t loaded_version, const Events& events,
                   const std::vector<std::pair<std::string, std::string>>& held,
                   const CommandContext& context) {
  ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, loaded_version));
  ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, events));
  return FillReleased(tx, held, context);
}

Status RequestChange(WriteTx& tx, const Order& order, const CheckedChange& checked,
                     const CommandContext& context, ChangeOutcome& out) {
  const Actor actor = context.Now();
  ChangeRequest request;
  request.order_no = order.order_no;
  request.change = checked.change;
  request.consignee_fields = checked.consignee_fields;
  if (checked.lines_changed) {
    request.lines_summary = LinesSummary(checked.lines);
  } else {
    request.change.lines.reset();  // the same lines: nothing for the warehouse to redo
  }
  request.requested_by = actor.name;
  request.requested_at = actor.at;
  ORDO_RETURN_IF_ERROR(tx.order_changes().InsertChangeRequest(request));
  // The order itself does not change until the warehouse confirms: same version.
  ORDO_RETURN_IF_ERROR(
      tx.AppendOrderEvents(order, {ChangeRequestedEvent(request.id, checked, actor)}));
  out.request = std::move(request);
  return Status::Ok();
}

Result<Order> LoadOrder(WriteTx& tx, const std::string& order_no,
                        const std::string& visible_to_channel) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
  if (!loaded || (!visible_to_channel.empty() && loaded->channel != visible_to_channel)) {
    return Status::NotFound("no order " + order_no);
  }
  return std::move(*loaded);
}

Status Decline(WriteTx& tx, const Order& order, ChangeRequest& request, const std::string& reason,
               const Actor& actor) {
  request.status = ChangeRequestStatus::kDeclined;
  request.decided_by = actor.name;
  request.decided_at = actor.at;
  request.decision_reason = reason;
  ORDO_RETURN_IF_ERROR(tx.order_changes().SaveChangeDecision(request, "decline"));
  return tx.AppendOrderEvents(
      order, {Note("change_declined", actor,
                   {{"change_id", std::to_string(request.id)}, {"reason", reason}})});
}

}  // namespace

WriteFn ChangeOrder(std::string order_no, OrderChange change, int64_t if_match,
                    std::string visible_to_channel, CommandContext context,
                    std::shared_ptr<ChangeOutcome> out) {
  return [order_no = std::move(order_no), change = std::move(change), if_match,
          visible_to_channel = std::move(visible_to_channel), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, order_no, visible_to_channel));
    if (if_match != order.version) {
      return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                    "order " + order_no + " is at version " + std::to_string(order.version) +
                        ", not " + std::to_string(if_match));
    }
    ORDO_ASSIGN_OR_RETURN(const ChangeRoute route, RouteChange(order));
    ORDO_ASSIGN_OR_RETURN(auto catalog, CatalogFor(tx, change));
    ORDO_ASSIGN_OR_RETURN(CheckedChange checked, CheckChange(order, change, catalog));
    if (route == ChangeRoute::kNeedsWarehouse) {
      ORDO_RETURN_IF_ERROR(RequestChange(tx, order, checked, context, *out));
      out->order = std::move(order);
      return Status::Ok();
    }
    const int64_t loaded_version = order.version;
    const auto held = checked.lines_changed ? HeldStock(order)
                                            : std::vector<std::pair<std::string, std::string>>();
    ORDO_ASSIGN_OR_RETURN(Events events, ApplyChecked(tx, order, checked, context, *out));
    ORDO_RETURN_IF_ERROR(SaveChanged(tx, order, loaded_version, events, held, context));
    out->applied = true;
    out->order = std::move(order);
    return Status::Ok();
  };
}

WriteFn DecideChangeRequest(std::string order_no, int64_t change_id, bool confirm,
                            std::string reason, CommandContext context,
                            std::shared_ptr<ChangeOutcome> out) {
  return [order_no = std::move(order_no), change_id, confirm, reason = std::move(reason), context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, order_no, ""));
    ORDO_ASSIGN_OR_RETURN(std::optional<ChangeRequest> request,
                          tx.order_changes().FindChangeRequest(change_id));
    if (!request || request->order_no != order_no) {
      return Status::NotFound("order " + order_no + " has no change " + std::to_string(change_id));
    }
    if (request->status != ChangeRequestStatus::kPending) {
      return Status::Conflict(Code::kAlreadyDecided,
                              "change " + std::to_string(change_id) + " was already " +
                                  std::string(ChangeRequestStatusName(request->status)));
    }
    const Actor actor = context.Now();
    if (!confirm) {
      if (reason.empty()) {
        return Status::Invalid("reason", Code::kRequired, "a declined change needs a reason");
      }
      ORDO_RETURN_IF_ERROR(Decline(tx, order, *request, reason, actor));
      out->request = std::move(request);
      out->order = std::move(order);
      return Status::Ok();
    }
    ORDO_RETURN_IF_ERROR(RouteChange(order).status());
    ORDO_ASSIGN_OR_RETURN(auto catalog, CatalogFor(tx, request->change));
    ORDO_ASSIGN_OR_RETURN(CheckedChange checked, CheckChange(order, request->change, catalog));
    const int64_t loaded_version = order.version;
    const auto held = checked.lines_changed ? HeldStock(order)
                                            : std::vector<std::pair<std::string, std::string>>();
    ORDO_ASSIGN_OR_RETURN(Events events, ApplyChecked(tx, order, checked, context, *out));
    events.front().details.insert(events.front().details.begin(),
                                  {"change_id", std::to_string(change_id)});
    request->status = ChangeRequestStatus::kConfirmed;
    request->decided_by = actor.name;
    request->decided_at = actor.at;
    request->decision_reason = reason;
    ORDO_RETURN_IF_ERROR(tx.order_changes().SaveChangeDecision(*request, "confirm"));
    ORDO_RETURN_IF_ERROR(SaveChanged(tx, order, loaded_version, events, held, context));
    out->applied = true;
    out->request = std::move(request);
    out->order = std::move(order);
    return Status::Ok();
  };
}

Status PullFromWaves(WriteTx& tx, const Order& order, const Actor& actor, Events& events) {
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  for (const Shipment& parcel : parcels) {
    if (Unshipped(parcel) && parcel.wave_id != 0) {
      ORDO_RETURN_IF_ERROR(LeaveWave(tx, order, parcel, actor, events));
    }
  }
  return Status::Ok();
}

Status DeclinePendingChange(WriteTx& tx, const Order& order, const Actor& actor, Events& events) {
  ORDO_ASSIGN_OR_RETURN(std::optional<ChangeRequest> pending,
                        tx.order_changes().FindPendingChangeRequest(order.order_no));
  if (!pending) {
    return Status::Ok();
  }
  pending->status = ChangeRequestStatus::kDeclined;
  pending->decided_by = actor.name;
  pending->decided_at = actor.at;
  pending->decision_reason = "order cancelled";
  ORDO_RETURN_IF_ERROR(tx.order_changes().SaveChangeDecision(*pending, "decline"));
  events.push_back(
      Note("change_declined", actor,
           {{"change_id", std::to_string(pending->id)}, {"reason", pending->decision_reason}}));
  return Status::Ok();
}

}  // namespace ordo::app
