// Changes before shipment and what a cancellation owes the customer and the warehouse
// (app/order_changes.h).
#include <algorithm>

#include "app/fulfillment_internal.h"
#include "app/inventory.h"
#include "app/order_changes.h"
#include "app/order_commands.h"
#include "app/order_stock.h"
#include "app/payments.h"
#include "app/settings.h"
#include "app/waybills.h"
#include "domain/fulfillment/carrier.h"

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

// The carrier (and, before packing, the boxes) of a parcel going to a new address.
Status ChooseAgain(const Settings& settings, const Order& order, Shipment& parcel) {
  if (parcel.status != ShipmentStatus::kPacked) {
    return PlanParcelBoxes(settings, order, "", parcel);  // planned again from its goods
  }
  // Packed boxes keep their weights: the carrier for the heaviest.
  ORDO_ASSIGN_OR_RETURN(std::tie(parcel.carrier, parcel.carrier_reason),
                        ChooseCarrierFor(settings, order, HeaviestBox(parcel)));
  return Status::Ok();
}

// A parcel going to a new address: the carrier chosen again (unless its wave named one), and a
// new waybill, since the label printed for the old address is void (its numbers are never used
// again). A carrier that no longer takes it, or has no numbers left, leaves the parcel without
// a waybill (and carrier) until it ships, which then chooses and draws again.
Status Readdress(WriteTx& tx, const Order& order, const Settings& settings,
                 const CommandContext& context, const Actor& actor, Shipment& parcel,
                 Events& events) {
  const std::string old_tracking_no = parcel.tracking_no;
  ORDO_RETURN_IF_ERROR(tx.fulfillment().VoidWaybills(parcel.id, 1, actor.at, "address changed"));
  parcel.tracking_no.clear();
  for (ParcelBox& box : parcel.boxes) {
    box.tracking_no.clear();
  }
  if (!parcel.carrier_reason.starts_with("named for wave")) {
    const Status chosen = ChooseAgain(settings, order, parcel);
    if (!chosen.ok()) {
      parcel.carrier.clear();
      parcel.carrier_reason = chosen.message();
    }
  }
  if (!parcel.carrier.empty()) {
    const Status numbered = NumberBoxes(tx, settings, context, parcel);
    if (!numbered.ok() && numbered.code() != Code::kNoWaybillNumbers) {
      return numbered;
    }
  }
  events.push_back(Note("waybill_reissued", actor,
                        {{"warehouse", parcel.warehouse},
                         {"shipment_id", std::to_string(parcel.id)},
                         {"carrier", parcel.carrier},
                         {"tracking_no_before", old_tracking_no},
                         {"tracking_no", parcel.tracking_no}}));
  return Status::Ok();
}

// Brings the unshipped parcels of a changed order in line with it: new contents (packed ones
// are to be packed again), a parcel left empty cancelled and out of its wave, and for a new
// address the carrier chosen again and a new waybill (Readdress).
Status SyncParcels(WriteTx& tx, const Order& order, const CheckedChange& checked,
                   const Settings& settings, const CommandContext& context, const Actor& actor,
                   Events& events) {
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
    if (address_changed) {
      ORDO_RETURN_IF_ERROR(Readdress(tx, order, settings, context, actor, parcel, events));
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
  ORDO_RETURN_IF_ERROR(SyncParcels(tx, order, checked, settings, context, actor, events));
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

// The warehouse confirms a cancellation: the request is decided first (so the cancel does not
// decline it as a pending change), then the order is cancelled by the same path as before
// picking, with the parcel intercepted.
Status ConfirmCancel(WriteTx& tx, ChangeRequest& request, const CommandContext& context,
                     ChangeOutcome& out) {
  const Actor actor = context.Now();
  request.status = ChangeRequestStatus::kConfirmed;
  request.decided_by = actor.name;
  request.decided_at = actor.at;
  ORDO_RETURN_IF_ERROR(tx.order_changes().SaveChangeDecision(request, "confirm"));
  auto cancelled = std::make_shared<OrderOutcome>();
  ORDO_RETURN_IF_ERROR(TransitionOrder(request.order_no, CancelInput{request.change.reason},
                                       std::nullopt, context, cancelled)(tx));
  ORDO_RETURN_IF_ERROR(
      tx.AppendOrderEvents(cancelled->order, {Note("cancellation_confirmed", actor,
                                                   {{"change_id", std::to_string(request.id)},
                                                    {"requested_by", request.requested_by},
                                                    {"parcels", "intercepted, goods put back"}})}));
  out.order = std::move(cancelled->order);
  return Status::Ok();
}

}  // namespace

Status CheckNoPendingCancel(WriteTx& tx, const Order& order) {
  ORDO_ASSIGN_OR_RETURN(std::optional<ChangeRequest> pending,
                        tx.order_changes().FindPendingChangeRequest(order.order_no));
  if (pending && pending->cancel) {
    return Status::Conflict(Code::kIllegalTransition, "order " + order.order_no +
                                                          " waits for the warehouse to confirm its "
                                                          "cancellation (change " +
                                                          std::to_string(pending->id) + ")");
  }
  return Status::Ok();
}

WriteFn CancelOrder(std::string order_no, std::string reason, std::optional<int64_t> if_match,
                    std::string visible_to_channel, CommandContext context,
                    std::shared_ptr<ChangeOutcome> out) {
  return [order_no = std::move(order_no), reason = std::move(reason), if_match,
          visible_to_channel = std::move(visible_to_channel), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, order_no, visible_to_channel));
    const bool with_warehouse =
        (order.status == OrderStatus::kPicking || order.status == OrderStatus::kPacked) &&
        std::none_of(order.lines.begin(), order.lines.end(),
                     [](const OrderLine& line) { return line.quantity_shipped > 0; });
    if (!with_warehouse || (if_match && *if_match != order.version)) {
      auto outcome = std::make_shared<OrderOutcome>();
      ORDO_RETURN_IF_ERROR(
          TransitionOrder(order_no, CancelInput{reason}, if_match, context, outcome)(tx));
      out->order = std::move(outcome->order);
      out->applied = true;
      return Status::Ok();
    }
    if (reason.empty()) {
      return Status::Invalid("reason", Code::kRequired, "a cancellation needs a reason");
    }
    const Actor actor = context.Now();
    ChangeRequest request;
    request.order_no = order.order_no;
    request.cancel = true;
    request.change.reason = reason;
    request.requested_by = actor.name;
    request.requested_at = actor.at;
    ORDO_RETURN_IF_ERROR(tx.order_changes().InsertChangeRequest(request));
    ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(
        order, {Note("cancel_requested", actor,
                     {{"change_id", std::to_string(request.id)}, {"reason", reason}})}));
    out->request = std::move(request);
    out->order = std::move(order);
    return Status::Ok();
  };
}

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
    if (request->cancel) {
      request->decision_reason = reason;
      ORDO_RETURN_IF_ERROR(ConfirmCancel(tx, *request, context, *out));
      out->applied = true;
      out->request = std::move(request);
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
