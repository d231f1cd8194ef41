#include "app/inventory.h"
#include "app/order_commands.h"
#include "app/order_stock.h"
#include "app/payments.h"
#include "app/review.h"
#include "domain/inventory/allocation.h"

namespace ordo::app {

// Used by intake and by order changes (app/order_changes.h): one reservation path.
Status ReserveOrderLines(WriteTx& tx, Order& order, const CommandContext& context, Timestamp now,
                         const std::string& reason) {
  std::vector<std::string> skus;
  std::vector<AllocationRequest> requests;
  for (const OrderLine& line : order.lines) {
    skus.push_back(line.sku);
    requests.push_back({line.sku, line.quantity});
  }
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock(skus));
  ORDO_ASSIGN_OR_RETURN(auto rules, tx.inventory().LoadAllocationRules());
  const std::vector<LinePlan> plans = PlanAllocation(requests, stock, *rules, DestinationOf(order));
  bool short_of_stock = false;
  const MovementContext movement{context.actor, reason, order.order_no, now};
  for (size_t i = 0; i < order.lines.size(); ++i) {
    OrderLine& line = order.lines[i];
    for (const PlannedAllocation& planned : plans[i].allocations) {
      auto& levels = stock[line.sku];
      auto level = std::find_if(levels.begin(), levels.end(), [&](const StockLevel& l) {
        return l.warehouse() == planned.warehouse;
      });
      ORDO_ASSERT(level != levels.end());
      ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, level->Reserve(planned.quantity, movement));
      ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*level, entry));
      line.allocations.push_back({planned.warehouse, planned.quantity});
      line.quantity_reserved += planned.quantity;
    }
    line.quantity_backordered = plans[i].backordered;
    short_of_stock = short_of_stock || line.quantity_backordered > 0;
    ORDO_ASSERT(line.quantity_reserved + line.quantity_backordered == line.quantity);
  }
  return short_of_stock ? RecordShortages(tx, order, plans, context) : Status::Ok();
}

namespace {

OrderEvent CreatedEvent(const Order& order, const NewOrder& input, const CommandContext& context,
                        Timestamp now) {
  OrderEvent event;
  event.type = "created";
  event.at = now;
  event.actor = context.actor;
  event.to_status = std::string(StatusName(order.status));
  event.details = {{"channel", order.channel},
                   {"external_id", order.external_id},
                   {"total_amount", std::to_string(order.total_amount)},
                   {"priority", std::to_string(order.priority)}};
  for (const OrderLine& line : order.lines) {
    if (line.price_overridden) {
      event.details.emplace_back("price_override_line_" + std::to_string(line.line_no),
                                 std::to_string(line.unit_price_amount));
      for (const NewOrderLine& asked : input.lines) {
        if (asked.sku == line.sku) {
          event.details.emplace_back("price_override_reason_line_" + std::to_string(line.line_no),
                                     asked.price_override_reason);
        }
      }
    }
    if (line.quantity_backordered > 0) {
      event.details.emplace_back("backordered_" + line.sku,
                                 std::to_string(line.quantity_backordered));
    }
  }
  return event;
}

}  // namespace

namespace {

// Intake, and a platform's paid order taken in as paid (imports): one write of the order with
// its history, whatever follows the payment (REV-3 review, a case) in the same transaction.
Status Place(WriteTx& tx, const NewOrder& input, const PaymentInput* paid,
             const CommandContext& context, OrderOutcome& out) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> existing,
                        tx.FindOrderByExternalId(input.channel, input.external_id));
  if (existing) {
    out.order = std::move(*existing);
    out.created = false;
    return Status::Ok();
  }
  std::vector<std::string> codes;
  for (const NewOrderLine& line : input.lines) {
    codes.push_back(line.sku);
  }
  ORDO_ASSIGN_OR_RETURN(auto catalog, tx.FindSkus(codes));
  const Timestamp now = context.clock->Now();
  ORDO_ASSIGN_OR_RETURN(Order order, BuildOrder(input, catalog, now));
  ORDO_ASSIGN_OR_RETURN(order.order_no, tx.NextOrderNo(now));
  ORDO_RETURN_IF_ERROR(ReserveOrderLines(tx, order, context, now, "order accepted"));
  Events events{CreatedEvent(order, input, context, now)};
  std::optional<PaymentDecision> payment;
  if (paid != nullptr && order.status == OrderStatus::kPendingPayment) {
    // The same decision as a payment of the stored order (app/order_transitions.cc). It pays
    // the total exactly, so no surplus is left to refund (that would need the stored payments).
    const Actor actor = context.Now();
    const Payment received{paid->provider, paid->transaction_id, order.total_amount, {}, false,
                           PaymentOutcome::kSucceeded};
    ORDO_ASSIGN_OR_RETURN(ReceivedPayment result,
                          ReceivePayment(order, received, /*exact=*/true, actor));
    if (paid->provider_at && !result.events.empty()) {
      result.events.front().details.emplace_back("provider_at",
                                                 std::to_string(paid->provider_at->unix_ms));
    }
    payment = FollowReceipt(order, std::move(result));
    ORDO_ASSERT(payment->refund_amount == 0);
    events.insert(events.end(), payment->events.begin(), payment->events.end());
  }
  if (order.status == OrderStatus::kPendingReview) {
    // A cash-on-delivery order enters at pending_review, a paid one gets there: automatic review
    // (REV-3) runs now, before the insert, so its cases and approval cost no second write.
    ORDO_RETURN_IF_ERROR(ReviewOnEntry(tx, order, now, events));
  }
  ORDO_RETURN_IF_ERROR(tx.InsertOrder(order));
  ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, events));
  if (payment) {
    ORDO_RETURN_IF_ERROR(FollowPayment(tx, order, *payment, context.Now(), paid->follow_up.get()));
  }
  out.order = std::move(order);
  out.created = true;
  return Status::Ok();
}

}  // namespace

WriteFn PlaceOrder(NewOrder input, CommandContext context, std::shared_ptr<OrderOutcome> out) {
  return [input = std::move(input), context, out](WriteTx& tx) -> Status {
    return Place(tx, input, nullptr, context, *out);
  };
}

WriteFn PlacePaidOrder(NewOrder input, PaymentInput payment, CommandContext context,
                       std::shared_ptr<OrderOutcome> out) {
  return [input = std::move(input), payment = std::move(payment), context,
          out](WriteTx& tx) -> Status { return Place(tx, input, &payment, context, *out); };
}

}  // namespace ordo::app
