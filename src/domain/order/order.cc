#include "domain/order/order.h"

#include "domain/order/cod.h"
#include "domain/order/money.h"

namespace ordo {

// The transitions an order on hold may not take: it does not advance, nor does staff confirm
// its delivery. Payment, delivery the carrier reports (a fact: RecordDelivery), cancellation
// and rejection still apply.
bool HeldBack(Transition transition) {
  return transition == Transition::kApprove || transition == Transition::kStartPicking ||
         transition == Transition::kPack || transition == Transition::kShip ||
         transition == Transition::kDeliver || transition == Transition::kComplete;
}

namespace {

// The moves that take goods to or through the warehouse: refused while money is owed.
bool ToWarehouse(Transition transition) {
  return transition == Transition::kStartPicking || transition == Transition::kPack ||
         transition == Transition::kShip;
}

}  // namespace

std::vector<Transition> AvailableTransitions(const Order& order) {
  std::vector<Transition> available;
  const bool owing = !CheckNothingDue(order).ok();
  for (const TransitionRule& rule : TransitionTable()) {
    if (rule.from == order.status && !(order.on_hold() && HeldBack(rule.transition)) &&
        !(owing && ToWarehouse(rule.transition))) {
      available.push_back(rule.transition);
    }
  }
  return available;
}

namespace {

Status Illegal(const Order& order, Transition transition) {
  return Status::Conflict(Code::kIllegalTransition, "cannot " +
                                                        std::string(TransitionName(transition)) +
                                                        " order " + order.order_no + " in status " +
                                                        std::string(StatusName(order.status)));
}

// Moves `order` along `transition`, returning the status_changed event, or refuses. A fact
// reported from outside (`reported`) is recorded even on hold.
Result<OrderEvent> Move(Order& order, Transition transition, const Actor& actor,
                        bool reported = false) {
  const std::optional<OrderStatus> next = NextStatus(order.status, transition);
  if (!next) {
    return Illegal(order, transition);
  }
  if (ToWarehouse(transition)) {
    ORDO_RETURN_IF_ERROR(CheckNothingDue(order));
  }
  if (order.on_hold() && HeldBack(transition) && !reported) {
    return Status::Conflict(Code::kOrderOnHold,
                            "order " + order.order_no + " is on hold until its abnormal case " +
                                std::to_string(order.holds.front()) + " is closed");
  }
  OrderEvent event;
  event.type = std::string(TransitionName(transition));
  event.at = actor.at;
  event.actor = actor.name;
  event.from_status = std::string(StatusName(order.status));
  event.to_status = std::string(StatusName(*next));
  order.status = *next;
  order.updated_at = actor.at;
  order.version += 1;
  if (IsTerminal(*next)) {
    order.finished_at = actor.at;
  }
  return event;
}

bool IsUnpaid(const Order& order) {
  return order.payment_status == PaymentStatus::kUnpaid ||
         order.payment_status == PaymentStatus::kCodPending;
}

OrderEvent Note(const Order& order, std::string type, const Actor& actor) {
  OrderEvent event;
  event.type = std::move(type);
  event.at = actor.at;
  event.actor = actor.name;
  (void)order;
  return event;
}

std::vector<std::pair<std::string, std::string>> PaymentDetails(const Payment& payment) {
  return {{"provider", payment.provider},
          {"transaction_id", payment.transaction_id},
          {"amount", std::to_string(payment.amount)}};
}

// Records `payment` (received at actor.at, with `outcome`) on the order's books. The caller
// moves the version on (Move, or Touch).
void Record(Order& order, Payment payment, PaymentOutcome outcome, bool duplicate,
            const Actor& actor) {
  payment.at = actor.at;
  payment.outcome = outcome;
  payment.duplicate = duplicate;
  BookPayment(order, payment.amount);
  order.payments.push_back(std::move(payment));
}

void Touch(Order& order, const Actor& actor) {
  order.version += 1;
  order.updated_at = actor.at;
}

bool Ended(const Order& order) {
  return order.status == OrderStatus::kClosed || order.status == OrderStatus::kCancelled;
}

Result<ReceivedPayment> ReceiveAfterClose(Order& order, const Payment& payment,
                                          const Actor& actor) {
  Record(order, payment, PaymentOutcome::kAfterClose, false, actor);
  Touch(order, actor);
  OrderEvent event = Note(order, "payment_after_close", actor);
  event.details = PaymentDetails(payment);
  event.details.emplace_back("order_status", std::string(StatusName(order.status)));
  return ReceivedPayment{Events{std::move(event)}, Receipt::kAfterClose};
}

// The order waits for its payment: the amount due confirms it, less is held for the balance.
Result<ReceivedPayment> ReceiveFirst(Order& order, const Payment& payment, int64_t balance,
                                     const Actor& actor) {
  if (payment.amount < balance) {
    Record(order, payment, PaymentOutcome::kAmountMismatch, false, actor);
    Touch(order, actor);
    OrderEvent event = Note(order, "payment_amount_mismatch", actor);
    event.details = PaymentDetails(payment);
    event.details.emplace_back("expected_amount", std::to_string(balance));
    event.details.emplace_back("held_amount", std::to_string(Refundable(order)));
    return ReceivedPayment{Events{std::move(event)}, Receipt::kShort};
  }
  const int64_t credited = Refundable(order);
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kConfirmPayment, actor));
  Record(order, payment, PaymentOutcome::kSucceeded, false, actor);
  order.payment_status = PaymentStatus::kPaid;
  order.paid_at = actor.at;
  event.details = PaymentDetails(payment);
  if (credited > 0) {
    event.details.emplace_back("credited_amount", std::to_string(credited));
  }
  return ReceivedPayment{Events{std::move(event)}, Receipt::kConfirmed};
}

}  // namespace

bool Order::has_backorder() const {
  for (const OrderLine& line : lines) {
    if (line.quantity_backordered > 0) {
      return true;
    }
  }
  return false;
}

int64_t Order::expected_weight_g() const {
  int64_t total = 0;
  for (const OrderLine& line : lines) {
    total += line.weight_g * line.quantity;
  }
  return total;
}

Result<ReceivedPayment> ReceivePayment(Order& order, const Payment& payment, bool exact,
                                       const Actor& actor) {
  for (const Payment& recorded : order.payments) {
    if (SameCode(recorded.provider, payment.provider) &&
        recorded.transaction_id == payment.transaction_id) {
      return ReceivedPayment{};
    }
  }
  if (payment.amount <= 0) {
    return Status::Invalid("amount", Code::kInvalidValue, "amount must be positive");
  }
  if (order.payment_method == PaymentMethod::kCod) {
    return Status::Conflict(Code::kIllegalTransition,
                            "order " + order.order_no + " is cash on delivery");
  }
  if (Ended(order)) {
    return ReceiveAfterClose(order, payment, actor);
  }
  const int64_t balance = MoneyOf(order).balance;
  if (balance == 0) {
    if (!PaidInFull(order)) {
      return Illegal(order, Transition::kConfirmPayment);
    }
    Record(order, payment, PaymentOutcome::kSucceeded, true, actor);
    Touch(order, actor);
    OrderEvent event = Note(order, "duplicate_payment", actor);
    event.details = PaymentDetails(payment);
    return ReceivedPayment{Events{std::move(event)}, Receipt::kDuplicate};
  }
  if (exact && payment.amount != balance) {
    return Status::Invalid("amount", Code::kPaymentAmountMismatch,
                           "paid " + std::to_string(payment.amount) + " but " +
                               std::to_string(balance) + " is due" +
                               (PaidInFull(order) ? " as a supplementary payment" : ""));
  }
  if (!PaidInFull(order)) {
    if (!NextStatus(order.status, Transition::kConfirmPayment)) {
      return Illegal(order, Transition::kConfirmPayment);
    }
    return ReceiveFirst(order, payment, balance, actor);
  }
  Record(order, payment, PaymentOutcome::kSucceeded, false, actor);
  Touch(order, actor);
  OrderEvent event = Note(order, "supplement_paid", actor);
  event.details = PaymentDetails(payment);
  event.details.emplace_back("paid_amount", std::to_string(order.paid_amount));
  event.details.emplace_back("balance_amount", std::to_string(MoneyOf(order).balance));
  return ReceivedPayment{Events{std::move(event)}, Receipt::kSupplement};
}

Result<Events> ConfirmPayment(Order& order, const Payment& payment, const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(ReceivedPayment received, ReceivePayment(order, payment, true, actor));
  return std::move(received.events);
}

Result<Events> Approve(Order& order, const std::string& reason, const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kApprove, actor));
  if (!reason.empty()) {
    event.details.emplace_back("reason", reason);
  }
  return Events{std::move(event)};
}

Result<Events> Reject(Order& order, const std::string& reason, const Actor& actor) {
  if (reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "a rejection needs a reason");
  }
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kReject, actor));
  order.close_reason = "rejected: " + reason;
  event.details.emplace_back("reason", reason);
  return Events{std::move(event)};
}

Result<Events> StartPicking(Order& order, const Actor& actor) {
  if (NextStatus(order.status, Transition::kStartPicking) && order.has_backorder()) {
    return Status::Conflict(Code::kBackordered,
                            "order " + order.order_no + " has lines waiting for stock");
  }
  // Cash on delivery is re-confirmed with the customer before the warehouse works on it (REV-2).
  if (NextStatus(order.status, Transition::kStartPicking)) {
    ORDO_RETURN_IF_ERROR(CheckCodConfirmed(order));
  }
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kStartPicking, actor));
  return Events{std::move(event)};
}

Result<Events> Pack(Order& order, int64_t weight_g, const Actor& actor) {
  if (weight_g <= 0) {
    return Status::Invalid("weight_g", Code::kInvalidValue, "weight_g must be positive");
  }
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kPack, actor));
  order.packed_weight_g = weight_g;
  event.details = {{"weight_g", std::to_string(weight_g)},
                   {"expected_weight_g", std::to_string(order.expected_weight_g())}};
  return Events{std::move(event)};
}

Result<Events> Ship(Order& order, const std::string& carrier, const std::string& tracking_no,
                    const Actor& actor) {
  std::vector<FieldError> errors;
  if (carrier.empty()) {
    errors.push_back({"carrier", Code::kRequired, "carrier is required"});
  }
  if (tracking_no.empty()) {
    errors.push_back({"tracking_no", Code::kRequired, "tracking_no is required"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kShip, actor));
  order.carrier = carrier;
  order.tracking_no = tracking_no;
  order.shipped_at = actor.at;
  // Parcels that left before (a split order) already moved their units: the rest go now.
  for (OrderLine& line : order.lines) {
    line.quantity_shipped += line.quantity_reserved;
    line.quantity_reserved = 0;
  }
  event.details = {{"carrier", carrier}, {"tracking_no", tracking_no}};
  return Events{std::move(event)};
}

namespace {

Result<Events> Delivered(Order& order, const Actor& actor, Timestamp delivered_at, bool reported) {
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kDeliver, actor, reported));
  order.delivered_at = delivered_at;
  if (order.payment_status == PaymentStatus::kCodPending) {
    // The courier collects what was delivered: units dropped or never shipped are not paid for.
    const int64_t collected = CodAmountDue(order);
    order.payment_status = PaymentStatus::kCodCollected;
    if (collected > 0) {
      Record(order, Payment{"cod", "cod-" + order.order_no, collected, delivered_at, false},
             PaymentOutcome::kSucceeded, false, actor);
    }
    order.paid_at = delivered_at;
    event.details.emplace_back("cod_collected_amount", std::to_string(collected));
  }
  return Events{std::move(event)};
}

}  // namespace

Result<Events> Deliver(Order& order, const Actor& actor) {
  return Delivered(order, actor, actor.at, /*reported=*/false);
}

Result<Events> RecordDelivery(Order& order, Timestamp delivered_at, const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(Events events, Delivered(order, actor, delivered_at, /*reported=*/true));
  events.front().details.emplace_back("delivered_at", FormatRfc3339(delivered_at));
  return events;
}

Result<Events> Complete(Order& order, const Actor& actor) {
  if (order.status == OrderStatus::kDelivered && RefundedInFull(order)) {
    return CloseAfterShipment(order, "refunded in full", actor);
  }
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kComplete, actor));
  return Events{std::move(event)};
}

Result<Events> CloseAfterShipment(Order& order, const std::string& reason, const Actor& actor) {
  if (reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "closing an order needs a reason");
  }
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, Transition::kCloseAfterShipment, actor));
  order.close_reason = reason;
  event.details.emplace_back("reason", reason);
  return Events{std::move(event)};
}

Result<Events> Cancel(Order& order, const std::string& reason, const Actor& actor) {
  if (reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "a cancellation needs a reason");
  }
  const Transition transition = IsUnpaid(order) ? Transition::kCloseUnpaid : Transition::kCancel;
  for (const OrderLine& line : order.lines) {
    if (line.quantity_shipped > 0 && NextStatus(order.status, transition)) {
      return Status::Conflict(Code::kIllegalTransition,
                              "part of order " + order.order_no + " has already shipped");
    }
  }
  ORDO_ASSIGN_OR_RETURN(OrderEvent event, Move(order, transition, actor));
  order.close_reason = "cancelled: " + reason;
  event.details.emplace_back("reason", reason);
  // Everything the order still holds goes back (refunds already created are not due twice);
  // a supplement a change asked for is no longer owed: an ended order is charged nothing.
  if (SurplusOf(order) > 0) {
    event.details.emplace_back("refund_due_amount", std::to_string(SurplusOf(order)));
  }
  for (OrderLine& line : order.lines) {
    line.quantity_backordered = 0;
  }
  return Events{std::move(event)};
}

}  // namespace ordo
