#include <algorithm>

#include "app/anomaly.h"
#include "app/fulfillment.h"
#include "app/inventory.h"
#include "app/order_changes.h"
#include "app/order_commands.h"
#include "app/order_stock.h"
#include "app/payments.h"
#include "app/review.h"

namespace ordo::app {

// Shared with order changes (app/order_stock.h).
Status MoveReservedStock(WriteTx& tx, Order& order, MovementType type, const Actor& actor,
                         const std::string& reason) {
  std::vector<std::string> skus;
  for (const OrderLine& line : order.lines) {
    skus.push_back(line.sku);
  }
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock(skus));
  const MovementContext movement{actor.name, reason, order.order_no, actor.at};
  for (OrderLine& line : order.lines) {
    for (const Allocation& allocation : line.allocations) {
      auto& levels = stock[line.sku];
      auto level = std::find_if(levels.begin(), levels.end(), [&](const StockLevel& l) {
        return l.warehouse() == allocation.warehouse;
      });
      ORDO_ASSERT(level != levels.end());
      Result<LedgerEntry> entry = type == MovementType::kRelease
                                      ? level->Release(allocation.quantity, movement)
                                      : level->Consume(allocation.quantity, movement);
      ORDO_RETURN_IF_ERROR(entry.status());
      ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*level, *entry));
    }
    if (type == MovementType::kRelease) {
      line.allocations.clear();
      line.quantity_reserved = 0;
      line.quantity_backordered = 0;
    }
  }
  return Status::Ok();
}

namespace {

// Where a payment's follow-up (refund and case ids) is reported, if anywhere.
PaymentCallbackOutcome* PaymentFollowUp(const OrderCommand& command) {
  const auto* in = std::get_if<PaymentInput>(&command);
  return in != nullptr ? in->follow_up.get() : nullptr;
}

// The domain decision for one command, plus the stock that follows it. A payment leaves what
// follows it (a surplus refunded, a case) in `payment`.
Result<Events> Decide(WriteTx& tx, Order& order, const OrderCommand& command,
                      const CommandContext& context, std::optional<PaymentDecision>& payment) {
  struct Visitor {
    WriteTx& tx;
    Order& order;
    const CommandContext& context;
    const Actor actor;
    std::optional<PaymentDecision>& payment;

    Result<Events> operator()(const PaymentInput& in) {
      const Payment received{in.provider, in.transaction_id, in.amount, {}, false,
                             PaymentOutcome::kSucceeded};
      ORDO_ASSIGN_OR_RETURN(ReceivedPayment result,
                            ReceivePayment(order, received, in.exact, actor));
      if (in.provider_at && !result.events.empty()) {
        result.events.front().details.emplace_back("provider_at",
                                                   std::to_string(in.provider_at->unix_ms));
      }
      payment = FollowReceipt(order, std::move(result));
      return payment->events;
    }
    Result<Events> operator()(const ReviewInput& in) {
      if (in.decision == "approve") {
        return Approve(order, in.reason, actor);
      }
      if (in.decision != "reject") {
        return Status::Invalid("decision", Code::kInvalidValue,
                               "decision must be 'approve' or 'reject'");
      }
      ORDO_ASSIGN_OR_RETURN(Events events, Reject(order, in.reason, actor));
      ORDO_RETURN_IF_ERROR(
          MoveReservedStock(tx, order, MovementType::kRelease, actor, "order rejected"));
      ORDO_RETURN_IF_ERROR(SettleShipments(tx, order, actor));
      // A rejected order that was paid gets its money back (domain/order/money.h).
      ORDO_RETURN_IF_ERROR(RefundEndedOrder(tx, order, actor, events.front()));
      return events;
    }
    Result<Events> operator()(const PickInput&) { return StartPicking(order, actor); }
    // Packing and shipping go parcel by parcel (app/fulfillment.h): the weighing check, the
    // carrier choice and the stock of each warehouse.
    Result<Events> operator()(const PackInput& in) {
      return PackOrderParcel(tx, order, in, context);
    }
    Result<Events> operator()(const ShipInput& in) {
      return ShipOrderParcel(tx, order, in, context);
    }
    Result<Events> operator()(const DeliverInput&) {
      ORDO_ASSIGN_OR_RETURN(Events events, Deliver(order, actor));
      ORDO_RETURN_IF_ERROR(SettleShipments(tx, order, actor));
      return events;
    }
    // An order refunded in full closes instead of completing; while that refund awaits
    // approval it may still be rejected, and a closed order cannot take its money back: the
    // order waits for the decision.
    Result<Events> operator()(const CompleteInput&) {
      if (RefundedInFull(order)) {
        ORDO_ASSIGN_OR_RETURN(std::vector<Refund> refunds,
                              tx.payments().FindOrderRefunds(order.order_no));
        for (const Refund& refund : refunds) {
          if (refund.status == RefundStatus::kAwaitingApproval) {
            return Status::Conflict(Code::kRefundAwaitingApproval,
                                    "order " + order.order_no + " is refunded in full by refund " +
                                        std::to_string(refund.id) +
                                        ", which awaits approval: the order closes once it is "
                                        "approved, or can complete if it is rejected");
          }
        }
      }
      return Complete(order, actor);
    }
    // CHG-2: the warehouse stops picking (the order leaves its wave, logistics is told the
    // pick-up is off, the parcels are cancelled) and what the order holds goes back.
    Result<Events> operator()(const CancelInput& in) {
      ORDO_ASSIGN_OR_RETURN(Events events, Cancel(order, in.reason, actor));
      ORDO_RETURN_IF_ERROR(
          MoveReservedStock(tx, order, MovementType::kRelease, actor, "order cancelled"));
      ORDO_RETURN_IF_ERROR(PullFromWaves(tx, order, actor, events));
      ORDO_RETURN_IF_ERROR(SettleShipments(tx, order, actor));
      ORDO_RETURN_IF_ERROR(RefundEndedOrder(tx, order, actor, events.front()));
      ORDO_RETURN_IF_ERROR(DeclinePendingChange(tx, order, actor, events));
      return events;
    }
  };
  return std::visit(Visitor{tx, order, context, context.Now(), payment}, command);
}

}  // namespace

WriteFn TransitionOrder(std::string order_no, OrderCommand command, std::optional<int64_t> if_match,
                        CommandContext context, std::shared_ptr<OrderOutcome> out) {
  return [order_no = std::move(order_no), command = std::move(command), if_match, context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
    if (!loaded) {
      return Status::NotFound("no order " + order_no);
    }
    Order& order = *loaded;
    if (if_match && *if_match != order.version) {
      return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                    "order " + order_no + " is at version " + std::to_string(order.version) +
                        ", not " + std::to_string(*if_match));
    }
    const int64_t loaded_version = order.version;
    // What a cancellation or rejection frees goes to the orders waiting for it (INV-4).
    const bool may_release = std::holds_alternative<CancelInput>(command) ||
                             std::holds_alternative<ReviewInput>(command);
    const auto held =
        may_release ? HeldStock(order) : std::vector<std::pair<std::string, std::string>>();
    const OrderStatus status_before = order.status;
    const OrderBefore before = OrderBefore::Of(order);
    std::optional<PaymentDecision> payment;
    ORDO_ASSIGN_OR_RETURN(Events events, Decide(tx, order, command, context, payment));
    int64_t saved_version = loaded_version;
    if (payment && payment->refund_amount > 0) {
      // What the payment brought beyond the charge goes back before anything else looks at the
      // order (the review rules see balanced books). The refund row is checked against the
      // stored payments, so the order is saved with the payment first.
      ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, saved_version));
      saved_version = order.version;
      ORDO_RETURN_IF_ERROR(
          RefundPaymentSurplus(tx, order, *payment, context.Now(), PaymentFollowUp(command)));
    }
    // A case whose cause this step took away closes itself (paid, shipped, ended).
    ORDO_RETURN_IF_ERROR(CloseCasesWhoseCauseIsGone(tx, order, before, context.Now(), events));
    // REV-3: an order that has just entered pending_review (a payment confirmed) is reviewed by
    // the rules in this same transaction; a rejected one tells the customer.
    if (status_before != OrderStatus::kPendingReview &&
        order.status == OrderStatus::kPendingReview) {
      ORDO_RETURN_IF_ERROR(ReviewOnEntry(tx, order, context.clock->Now(), events));
    }
    if (status_before == OrderStatus::kPendingReview &&
        std::holds_alternative<ReviewInput>(command) && order.status == OrderStatus::kClosed) {
      ORDO_RETURN_IF_ERROR(NotifyRejected(tx, order, context.Now()));
    }
    if (!events.empty()) {
      if (order.version != saved_version) {
        ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, saved_version));
      }
      ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, events));
      if (IsTerminal(order.status)) {
        ORDO_RETURN_IF_ERROR(FillReleased(tx, held, context));
      }
      if (payment) {
        // The case the payment calls for (app/payments.h); its surplus was refunded above.
        ORDO_RETURN_IF_ERROR(
            FollowPayment(tx, order, *payment, context.Now(), PaymentFollowUp(command)));
      }
    }
    out->order = std::move(order);
    return Status::Ok();
  };
}

}  // namespace ordo::app
