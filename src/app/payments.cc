#include "app/payments.h"

#include "app/aftersales.h"
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

bool ByPerson(const std::string& actor) {
  return actor != "system" && !actor.starts_with("system:") && !actor.starts_with("provider:");
}

Status ExecuteOne(WriteTx& tx, Refund refund, const Payout& payout,
                  const BusinessCalendar& calendar, const Actor& actor, RefundExecution& out) {
  ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, refund.order_no));
  ORDO_ASSIGN_OR_RETURN(std::vector<Refund> refunds,
                        tx.payments().FindOrderRefunds(refund.order_no));
  ExecutedRefunds before;
  for (const Refund& other : refunds) {
    if (other.id != refund.id && other.status == RefundStatus::kSucceeded &&
        !IsSurplusPayment(other.cause)) {
      before.order_amount += other.amount;
    }
  }
  const int64_t loaded_version = order.version;
  const RefundStatus previous = refund.status;
  ORDO_ASSIGN_OR_RETURN(Events events, ExecuteRefund(order, refund, before, payout, actor));
  if (events.empty()) {
    out.refund = std::move(refund);
    return Status::Ok();  // already executed
  }
  refund.due_at = DueAt(refund, calendar);
  ORDO_RETURN_IF_ERROR(tx.payments().SaveRefund(refund, previous, "execute"));
  if (refund.status == RefundStatus::kFailed) {
    ORDO_RETURN_IF_ERROR(
        RaiseCase(tx, order, "refund_failed", "refund:" + std::to_string(refund.id),
                  "the payout of refund " + std::to_string(refund.id) + " (" +
                      std::to_string(refund.amount) + " fen) failed: " + refund.failure_reason +
                      "; it is still owed",
                  {{"refund_id", std::to_string(refund.id)},
                   {"amount", std::to_string(refund.amount)},
                   {"provider_ref", refund.provider_ref}},
                  actor, events)
            .status());
  } else {
    out.executed.push_back(refund);
  }
  ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
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

Result<Refund> IssueRefund(WriteTx& tx, Order& order, RefundRequest request, const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
  const RefundApproval approval =
      ApprovalFor(request.cause, request.amount, ByPerson(actor.name) && !request.amount_by_rule,
                  settings.refund_approval_threshold_amount);
  ORDO_ASSIGN_OR_RETURN(Refund refund, OpenRefund(order, request.amount, request.cause, approval,
                                                  settings.business_calendar, actor));
  refund.lines = std::move(request.lines);
  refund.note = std::move(request.note);
  refund.after_sales_id = request.after_sales_id;
  ORDO_RETURN_IF_ERROR(tx.inventory().InsertRefund(refund));
  return refund;
}

Status RefundEndedOrder(WriteTx& tx, Order& order, const Actor& actor, OrderEvent& event) {
  const int64_t amount = SurplusOf(order);
  if (!IsTerminal(order.status) || order.status == OrderStatus::kCompleted || amount <= 0) {
    return Status::Ok();
  }
  RefundRequest request{amount, RefundCause::kOrderClosed, "", "", 0};
  for (const OrderLine& line : order.lines) {
    request.lines += (request.lines.empty() ? "" : ",") + std::to_string(line.line_no) + ":" +
                     std::to_string(line.quantity);
  }
  ORDO_ASSIGN_OR_RETURN(Refund refund, IssueRefund(tx, order, std::move(request), actor));
  event.details.emplace_back("refund_id", std::to_string(refund.id));
  event.details.emplace_back("refund_amount", std::to_string(amount));
  return Status::Ok();
}

Status RefundPaymentSurplus(WriteTx& tx, Order& order, const PaymentDecision& decision,
                            const Actor& actor, PaymentCallbackOutcome* out) {
  if (decision.refund_amount <= 0) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(Refund refund,
                        IssueRefund(tx, order,
                                    {decision.refund_amount, decision.refund_cause, "",
                                     decision.payment.provider + " " +
                                         decision.payment.transaction_id,
                                     0, true},
                                    actor));
  if (out != nullptr) {
    out->refund_id = refund.id;
  }
  order.version += 1;
  order.updated_at = actor.at;
  return Status::Ok();
}

Status FollowPayment(WriteTx& tx, Order& order, const PaymentDecision& decision,
                     const Actor& actor, PaymentCallbackOutcome* out) {
  if (!decision.abnormal) {
    return Status::Ok();
  }
  const int64_t loaded_version = order.version;
  Events events;
  const PaymentCase& abnormal = *decision.abnormal;
  ORDO_ASSIGN_OR_RETURN(RaisedCase raised,
                        RaiseCase(tx, order, abnormal.type, abnormal.subject, abnormal.explanation,
                                  abnormal.details, actor, events));
  if (out != nullptr) {
    out->case_id = raised.abnormal.id;
  }
  return SaveOrder(tx, order, loaded_version, events);
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
    if (decision.payment.outcome == PaymentOutcome::kFailed) {
      ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, decision.events));
      return FollowPayment(tx, order, decision, actor, out.get());
    }
    // A success takes the staff confirmation's path, so everything that follows a payment
    // (review on entry, a surplus refunded, causes gone) happens alike for both.
    auto confirmed = std::make_shared<OrderOutcome>();
    PaymentInput input{notice.provider, notice.transaction_id, notice.amount,
                       false,           notice.paid_at,        out};
    ORDO_RETURN_IF_ERROR(
        TransitionOrder(order_no, std::move(input), std::nullopt, context, confirmed)(tx));
    out->payment = decision.payment;
    out->order_status = confirmed->order.status;
    return Status::Ok();
  };
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
        ORDO_RETURN_IF_ERROR(ResolveCase(*waiting,
                                         "re-confirmed with the customer by " + answer.channel,
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

WriteFn ExecuteRefundNow(int64_t id, Payout payout, CommandContext context,
                         std::shared_ptr<RefundExecution> out) {
  return [id, payout = std::move(payout), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Refund> refund, tx.payments().FindRefund(id));
    if (!refund) {
      return Status::NotFound("no refund " + std::to_string(id));
    }
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    return ExecuteOne(tx, std::move(*refund), payout, settings.business_calendar, context.Now(),
                      *out);
  };
}

WriteFn DecideRefund(int64_t id, bool approve, std::string note, Approver approver,
                     CommandContext context, std::shared_ptr<RefundExecution> out) {
  return [id, approve, note = std::move(note), approver = std::move(approver), context,
          out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Refund> found, tx.payments().FindRefund(id));
    if (!found) {
      return Status::NotFound("no refund " + std::to_string(id));
    }
    Refund& refund = *found;
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, refund.order_no));
    const int64_t loaded_version = order.version;
    const Actor actor = context.Now();
    const RefundStatus before = refund.status;
    Events events;
    if (approve) {
      ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
      ORDO_RETURN_IF_ERROR(
          ApproveRefund(refund, approver, note, settings.business_calendar, actor.at));
      OrderEvent event;
      event.type = "refund_approved";
      event.at = actor.at;
      event.actor = actor.name;
      event.details = {{"refund_id", std::to_string(refund.id)},
                       {"amount", std::to_string(refund.amount)},
                       {"approval", std::string(RefundApprovalName(refund.approval))}};
      events.push_back(std::move(event));
    } else {
      ORDO_ASSIGN_OR_RETURN(OrderEvent event, RejectRefund(refund, order, approver, note, actor));
      events.push_back(std::move(event));
      if (refund.after_sales_id != 0) {
        ORDO_RETURN_IF_ERROR(ReopenAfterSalesRefund(tx, refund.after_sales_id, actor, note));
      }
    }
    ORDO_RETURN_IF_ERROR(tx.payments().SaveRefund(refund, before, approve ? "approve" : "reject"));
    ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
    out->refund = std::move(refund);
    return Status::Ok();
  };
}

WriteFn ExecuteDueRefunds(std::vector<int64_t> ids, BusinessCalendar calendar,
                          CommandContext context, std::shared_ptr<RefundExecution> out) {
  return
      [ids = std::move(ids), calendar = std::move(calendar), context, out](WriteTx& tx) -> Status {
        const Actor actor = context.Now();
        for (int64_t id : ids) {
          ORDO_ASSIGN_OR_RETURN(std::optional<Refund> refund, tx.payments().FindRefund(id));
          if (!refund || refund->status != RefundStatus::kPending ||
              DueAt(*refund, calendar).unix_ms > actor.at.unix_ms) {
            continue;  // executed meanwhile, or not yet due
          }
          // One refund the store refuses (its order's refunds over what was paid) must not hold up
          // the others: it stays pending, and the failure is reported.
          const Status status = tx.RunNested([&](WriteTx& nested) {
            RefundExecution one;
            const Payout payout{true, "ordo-refund-" + std::to_string(id), ""};
            ORDO_RETURN_IF_ERROR(ExecuteOne(nested, *refund, payout, calendar, actor, one));
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
