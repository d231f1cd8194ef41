#include "app/payments.h"

#include "app/anomaly.h"
#include "app/inventory.h"
#include "app/order_commands.h"
#include "app/review.h"
#include "app/settings.h"

namespace ordo::app {
namespace {

constexpr int64_t kMinuteMs = 60 * 1000LL;

Result<Order> LoadOrder(WriteTx& tx, const std::string& order_no) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
  if (!loaded) {
    return Status::NotFound("no order " + order_no);
  }
  return std::move(*loaded);
}

// Creates the refund and opens the case a payment decision names, once the order carrying the
// payment is saved (the store checks refunds against the saved paid_amount).
Status FollowUp(WriteTx& tx, Order& order, const PaymentDecision& decision, const Actor& actor,
                PaymentCallbackOutcome* out) {
  if (decision.refund_amount > 0) {
    ORDO_ASSIGN_OR_RETURN(Refund refund, CreateRefund(tx, order.order_no, decision.refund_amount,
                                                      kDuplicatePaymentReason, "", actor));
    if (out != nullptr) {
      out->refund_id = refund.id;
    }
  }
  if (!decision.abnormal) {
    return Status::Ok();
  }
  const PaymentCase& abnormal = *decision.abnormal;
  const int64_t loaded_version = order.version;
  Events events;
  ORDO_ASSIGN_OR_RETURN(RaisedCase raised,
                        RaiseCase(tx, order, abnormal.type, abnormal.subject, abnormal.explanation,
                                  abnormal.details, actor, events));
  if (out != nullptr) {
    out->case_id = raised.abnormal.id;
  }
  return SaveOrder(tx, order, loaded_version, events);
}

Status ExecuteOne(WriteTx& tx, Refund refund, const std::string& provider_ref,
                  const BusinessCalendar& calendar, const Actor& actor, RefundExecution& out) {
  ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, refund.order_no));
  ORDO_ASSIGN_OR_RETURN(std::vector<Refund> refunds,
                        tx.payments().FindOrderRefunds(refund.order_no));
  ExecutedRefunds before;
  for (const Refund& other : refunds) {
    if (other.id != refund.id && other.status == "succeeded" &&
        other.reason != kDuplicatePaymentReason) {
      before.order_amount += other.amount;
    }
  }
  const int64_t loaded_version = order.version;
  const RefundToExecute what{refund.id, refund.amount, refund.reason, refund.status};
  ORDO_ASSIGN_OR_RETURN(Events events, ExecuteRefund(order, what, before, provider_ref, actor));
  if (events.empty()) {
    out.refund = std::move(refund);
    return Status::Ok();  // already executed
  }
  const std::string previous = refund.status;
  refund.due_at = DueAt(refund, calendar);
  refund.status = "succeeded";
  refund.executed_at = actor.at;
  refund.executed_by = actor.name;
  refund.provider_ref = provider_ref;
  ORDO_RETURN_IF_ERROR(tx.payments().SaveRefundExecution(refund, previous));
  ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
  out.executed.push_back(refund);
  out.refund = std::move(refund);
  return Status::Ok();
}

bool StillUnpaid(const Order& order, Timestamp created_before) {
  return order.status == OrderStatus::kPendingPayment &&
         order.payment_status == PaymentStatus::kUnpaid &&
         order.created_at.unix_ms <= created_before.unix_ms;
}

}  // namespace

Timestamp DueAt(const Refund& refund, const BusinessCalendar& calendar) {
  return refund.due_at ? *refund.due_at : RefundDueAt(refund.created_at, calendar);
}

Result<Refund> CreateRefund(WriteTx& tx, const std::string& order_no, int64_t amount,
                            std::string reason, std::string lines, const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
  Refund refund;
  refund.order_no = order_no;
  refund.amount = amount;
  refund.reason = std::move(reason);
  refund.lines = std::move(lines);
  refund.created_at = actor.at;
  refund.created_by = actor.name;
  refund.due_at = RefundDueAt(actor.at, settings.business_calendar);
  ORDO_RETURN_IF_ERROR(tx.inventory().InsertRefund(refund));
  return refund;
}

WriteFn RecordPaymentCallback(std::string order_no, PaymentNotice notice, CommandContext context,
                              std::shared_ptr<PaymentCallbackOutcome> out) {
  return [order_no = std::move(order_no), notice = std::move(notice), context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, order_no));
    const Actor actor = context.Now();
    const int64_t loaded_version = order.version;
    ORDO_ASSIGN_OR_RETURN(PaymentDecision decision, ApplyPaymentNotice(order, notice, actor));
    out->order_no = order.order_no;
    out->payment = decision.payment;
    out->repeat = decision.repeat;
    out->order_status = order.status;
    if (decision.repeat) {
      return Status::Ok();
    }
    if (decision.payment.outcome != "succeeded") {
      ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, decision.events));
      return FollowUp(tx, order, decision, actor, out.get());
    }
    // A success takes the staff confirmation's path, so everything that follows a payment
    // (review on entry, a duplicate refunded) happens alike for both.
    auto confirmed = std::make_shared<OrderOutcome>();
    ORDO_RETURN_IF_ERROR(TransitionOrder(
        order_no, PaymentInput{notice.provider, notice.transaction_id, notice.amount}, std::nullopt,
        context, confirmed)(tx));
    out->order_status = confirmed->order.status;
    if (decision.refund_amount > 0) {
      ORDO_ASSIGN_OR_RETURN(std::vector<Refund> refunds, tx.payments().FindOrderRefunds(order_no));
      for (const Refund& refund : refunds) {
        if (refund.reason == kDuplicatePaymentReason) {
          out->refund_id = refund.id;  // the latest: this payment's
        }
      }
    }
    return Status::Ok();
  };
}

Status SettleDuplicatePayment(WriteTx& tx, Order& order, const Events& events, const Actor& actor) {
  const int64_t loaded_version = order.version;
  std::optional<PaymentDecision> duplicate = TakeDuplicatePayment(order, events);
  if (!duplicate) {
    return Status::Ok();
  }
  order.version += 1;
  ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, loaded_version));
  return FollowUp(tx, order, *duplicate, actor, nullptr);
}

WriteFn ConfirmCod(std::string order_no, CodConfirmation answer, std::optional<int64_t> if_match,
                   CommandContext context, std::shared_ptr<Order> out) {
  return [order_no = std::move(order_no), answer = std::move(answer), if_match, context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, order_no));
    if (if_match && *if_match != order.version) {
      return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                    "order " + order_no + " is at version " + std::to_string(order.version) +
                        ", not " + std::to_string(*if_match));
    }
    const Actor actor = context.Now();
    const int64_t loaded_version = order.version;
    ORDO_ASSIGN_OR_RETURN(Events events, ConfirmCashOnDelivery(order, answer, actor));
    ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
    if (answer.confirmed && !events.empty()) {
      // The review rule's case is answered by the confirmation itself, and with automatic review
      // on, an order that waited only for it is reviewed again now (and approved when clean).
      ORDO_ASSIGN_OR_RETURN(std::optional<AbnormalCase> waiting,
                            tx.fulfillment().FindLiveCase(order_no, "cod_not_reconfirmed", ""));
      if (waiting) {
        const CaseStatus before = waiting->status;
        ORDO_RETURN_IF_ERROR(ResolveCase(*waiting, "re-confirmed with the customer by " +
                                                       answer.channel,
                                         "cash on delivery awaiting re-confirmation", "", actor));
        ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateCase(*waiting, before, "resolve"));
      }
      ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
      if (order.status == OrderStatus::kPendingReview && settings.auto_review) {
        auto reviewed = std::make_shared<RerunOutcome>();
        ORDO_RETURN_IF_ERROR(RerunReview(order_no, context, reviewed)(tx));
        order = std::move(reviewed->order);
      }
    }
    if (!answer.confirmed) {
      // The customer will not pay on delivery: the order ends here and its stock goes back,
      // to the orders waiting for it first, through the ordinary cancellation.
      auto cancelled = std::make_shared<OrderOutcome>();
      ORDO_RETURN_IF_ERROR(TransitionOrder(order_no,
                                           CancelInput{"customer refused cash on delivery"},
                                           std::nullopt, context, cancelled)(tx));
      order = std::move(cancelled->order);
    }
    *out = std::move(order);
    return Status::Ok();
  };
}

WriteFn ExecuteRefundNow(int64_t id, std::string provider_ref, CommandContext context,
                         std::shared_ptr<RefundExecution> out) {
  return [id, provider_ref = std::move(provider_ref), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Refund> refund, tx.payments().FindRefund(id));
    if (!refund) {
      return Status::NotFound("no refund " + std::to_string(id));
    }
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    return ExecuteOne(tx, std::move(*refund), provider_ref, settings.business_calendar,
                      context.Now(), *out);
  };
}

WriteFn ExecuteDueRefunds(std::vector<int64_t> ids, BusinessCalendar calendar,
                          CommandContext context, std::shared_ptr<RefundExecution> out) {
  return
      [ids = std::move(ids), calendar = std::move(calendar), context, out](WriteTx& tx) -> Status {
        const Actor actor = context.Now();
        for (int64_t id : ids) {
          ORDO_ASSIGN_OR_RETURN(std::optional<Refund> refund, tx.payments().FindRefund(id));
          if (!refund || refund->status != "pending" ||
              DueAt(*refund, calendar).unix_ms > actor.at.unix_ms) {
            continue;  // executed meanwhile, or not yet due
          }
          // One refund the store refuses (its order's refunds over what was paid) must not hold up
          // the others: it stays pending, and the failure is reported.
          const Status status = tx.RunNested([&](WriteTx& nested) {
            RefundExecution one;
            ORDO_RETURN_IF_ERROR(ExecuteOne(nested, *refund, "", calendar, actor, one));
            out->executed.insert(out->executed.end(), one.executed.begin(), one.executed.end());
            return Status::Ok();
          });
          if (!status.ok()) {
            if (status.kind() == Kind::kInternal) {
              return status;
            }
            out->failures.push_back("refund " + std::to_string(id) + ": " + status.ToString());
          }
        }
        return Status::Ok();
      };
}

WriteFn SendPaymentReminders(std::vector<std::string> order_nos, int64_t reminder_minutes,
                             CommandContext context, std::shared_ptr<int> sent) {
  return [order_nos = std::move(order_nos), reminder_minutes, context,
          sent](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    const Timestamp created_before = actor.at.PlusMs(-reminder_minutes * kMinuteMs);
    for (const std::string& order_no : order_nos) {
      ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, order_no));
      if (!StillUnpaid(order, created_before) || order.on_hold()) {
        continue;
      }
      ORDO_ASSIGN_OR_RETURN(bool first, tx.payments().RecordPaymentReminder(order_no, actor.at));
      if (!first) {
        continue;  // reminded already
      }
      Notification notification;
      notification.order_no = order_no;
      notification.template_key = "payment_reminder";
      notification.at = actor.at;
      notification.created_by = actor.name;
      ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertNotification(notification));
      OrderEvent event;
      event.type = "payment_reminder_sent";
      event.at = actor.at;
      event.actor = actor.name;
      event.details = {{"notification_id", std::to_string(notification.id)},
                       {"unpaid_minutes",
                        std::to_string((actor.at.unix_ms - order.created_at.unix_ms) / kMinuteMs)}};
      ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, {event}));
      *sent += 1;
    }
    return Status::Ok();
  };
}

WriteFn CloseUnpaidOrders(std::vector<std::string> order_nos, int64_t close_minutes,
                          CommandContext context, std::shared_ptr<int> closed) {
  return [order_nos = std::move(order_nos), close_minutes, context, closed](WriteTx& tx) -> Status {
    const Timestamp created_before = context.clock->Now().PlusMs(-close_minutes * kMinuteMs);
    for (const std::string& order_no : order_nos) {
      ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, order_no));
      if (!StillUnpaid(order, created_before) || order.on_hold()) {
        continue;  // paid, closed or held meanwhile: nothing to do
      }
      // The ordinary cancellation of an unpaid order: closed (kCloseUnpaid), its stock
      // released and handed to the orders waiting for it (FillReleased).
      const Status status = tx.RunNested([&](WriteTx& nested) {
        auto out = std::make_shared<OrderOutcome>();
        return TransitionOrder(
            order_no, CancelInput{"unpaid after " + std::to_string(close_minutes) + " minutes"},
            std::nullopt, context, out)(nested);
      });
      if (status.ok()) {
        *closed += 1;
      } else if (status.kind() == Kind::kInternal) {
        return status;
      }
    }
    return Status::Ok();
  };
}

}  // namespace ordo::app
