#include "app/order_commands.h"

namespace ordo::app {

WriteFn RevealOrder(std::string order_no, RevealInput input, CommandContext context,
                    std::shared_ptr<OrderOutcome> out) {
  return [order_no = std::move(order_no), input = std::move(input), context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(order_no));
    // Another channel's order is reported missing, not forbidden, so its existence stays hidden.
    if (!order ||
        (!input.visible_to_channel.empty() && order->channel != input.visible_to_channel)) {
      return Status::NotFound("no order " + order_no);
    }
    const Actor actor = context.Now();
    OrderEvent event;
    event.type = "pii_revealed";
    event.at = actor.at;
    event.actor = actor.name;
    if (!input.reason.empty()) {
      event.details.emplace_back("reason", input.reason);
    }
    // The access record commits in the same transaction as the read, so no reveal goes
    // unrecorded: the caller answers only after this command is durable.
    ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(*order, {event}));
    out->order = std::move(*order);
    return Status::Ok();
  };
}

}  // namespace ordo::app
