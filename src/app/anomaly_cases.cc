#include "app/anomaly.h"
#include "domain/order/money.h"

namespace ordo::app {
namespace {

Result<AbnormalCase> LoadCase(WriteTx& tx, int64_t id) {
  ORDO_ASSIGN_OR_RETURN(std::optional<AbnormalCase> found, tx.fulfillment().FindCase(id));
  if (!found) {
    return Status::NotFound("no abnormal case " + std::to_string(id));
  }
  return std::move(*found);
}

// Stores the closed case and lifts its hold on the order, if it held it.
Status CloseCase(WriteTx& tx, AbnormalCase& abnormal, CaseStatus before, std::string_view action,
                 const Actor& actor, CaseOutcome& out) {
  ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateCase(abnormal, before, action));
  out.abnormal = abnormal;
  if (!abnormal.blocking) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(abnormal.order_no));
  if (!order) {
    return Status::Ok();  // a case about an order that is gone holds nothing
  }
  const int64_t loaded_version = order->version;
  std::optional<OrderEvent> released = ReleaseHold(*order, abnormal, actor);
  if (!released) {
    return Status::Ok();
  }
  released->details.emplace_back("resolution", abnormal.resolution);
  out.hold_released = true;
  return SaveOrder(tx, *order, loaded_version, Events{std::move(*released)});
}

// An assignee is a person who may handle the case: "user:<username>" of an enabled account
// whose role handles the case's type.
Status CheckAssignee(WriteTx& tx, const AbnormalCase& abnormal, const std::string& assignee) {
  const CaseType* type = FindCaseType(abnormal.type);
  const auto refuse = [&](const std::string& why) {
    return Status::Invalid("assignee", Code::kAssigneeNotAllowed,
                           assignee + " may not handle case " + std::to_string(abnormal.id) + " (" +
                               abnormal.type + "): " + why);
  };
  if (!assignee.starts_with("user:")) {
    return assignee.empty() ? Status::Ok() : refuse("an assignee is a staff account, user:<name>");
  }
  ORDO_ASSIGN_OR_RETURN(std::optional<User> user, tx.FindUser(assignee.substr(5)));
  if (!user || user->disabled) {
    return refuse("no enabled staff account of that name");
  }
  if (type != nullptr && !MayHandle(*type, user->role)) {
    return refuse("the " + user->role + " role does not handle it (" + std::string(type->handlers) +
                  " do)");
  }
  return Status::Ok();
}

// The CauseGone bits of what happened to `order` since `before`.
unsigned WhatHappened(const Order& order, const OrderBefore& before) {
  const auto shipped = [](OrderStatus status) {
    return status == OrderStatus::kShipped || status == OrderStatus::kDelivered ||
           status == OrderStatus::kCompleted;
  };
  const auto delivered = [](OrderStatus status) {
    return status == OrderStatus::kDelivered || status == OrderStatus::kCompleted;
  };
  const auto ended = [](OrderStatus status) {
    return status == OrderStatus::kCancelled || status == OrderStatus::kClosed;
  };
  unsigned happened = 0;
  if (!before.paid_in_full && PaidInFull(order)) {
    happened |= kGoneWhenPaid;
  }
  if (!shipped(before.status) && shipped(order.status)) {
    happened |= kGoneWhenShipped;
  }
  if (!delivered(before.status) && delivered(order.status)) {
    happened |= kGoneWhenDelivered;
  }
  if (!ended(before.status) && ended(order.status)) {
    happened |= kGoneWhenEnded;
  }
  return happened;
}

std::string Happened(unsigned happened) {
  if ((happened & kGoneWhenEnded) != 0) {
    return "the order ended";
  }
  if ((happened & kGoneWhenDelivered) != 0) {
    return "the order was delivered";
  }
  if ((happened & kGoneWhenShipped) != 0) {
    return "the order shipped";
  }
  return "the payment succeeded";
}

}  // namespace

OrderBefore OrderBefore::Of(const Order& order) {
  return OrderBefore{order.status, PaidInFull(order)};
}

Status CloseCasesWhoseCauseIsGone(WriteTx& tx, Order& order, const OrderBefore& before,
                                  const Actor& actor, Events& events) {
  const unsigned happened = WhatHappened(order, before);
  if (happened == 0) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<AbnormalCase> live,
                        tx.fulfillment().FindLiveCases(order.order_no));
  for (AbnormalCase& abnormal : live) {
    const CaseType* type = FindCaseType(abnormal.type);
    if (type == nullptr || (type->gone_when & happened) == 0) {
      continue;
    }
    const CaseStatus status_before = abnormal.status;
    ORDO_RETURN_IF_ERROR(ResolveCase(abnormal,
                                     "cause gone: " + Happened(happened & type->gone_when),
                                     "closed by itself", "", actor));
    ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateCase(abnormal, status_before, "resolve"));
    OrderEvent closed;
    closed.type = "anomaly_closed";
    closed.at = actor.at;
    closed.actor = actor.name;
    closed.details = {{"case_id", std::to_string(abnormal.id)},
                      {"case_type", abnormal.type},
                      {"resolution", abnormal.resolution}};
    events.push_back(std::move(closed));
    if (abnormal.blocking) {
      if (std::optional<OrderEvent> released = ReleaseHold(order, abnormal, actor)) {
        released->details.emplace_back("resolution", abnormal.resolution);
        events.push_back(std::move(*released));
      }
    }
  }
  return Status::Ok();
}

Result<RaisedCase> RaiseCase(WriteTx& tx, Order& order, std::string_view type, std::string subject,
                             std::string explanation, CaseDetails details, const Actor& actor,
                             Events& events) {
  const CaseType* kind = FindCaseType(type);
  ORDO_ASSERT(kind != nullptr);
  ORDO_ASSIGN_OR_RETURN(std::optional<AbnormalCase> live,
                        tx.fulfillment().FindLiveCase(order.order_no, std::string(type), subject));
  if (live) {
    return RaisedCase{std::move(*live), false};
  }
  AbnormalCase abnormal = OpenCase(*kind, order.order_no, std::move(subject),
                                   std::move(explanation), std::move(details), actor);
  ORDO_RETURN_IF_ERROR(tx.fulfillment().InsertCase(abnormal));
  OrderEvent opened;
  opened.type = "anomaly_opened";
  opened.at = actor.at;
  opened.actor = actor.name;
  opened.details = {{"case_id", std::to_string(abnormal.id)},
                    {"case_type", abnormal.type},
                    {"blocking", abnormal.blocking ? "true" : "false"},
                    {"explanation", abnormal.explanation}};
  events.push_back(std::move(opened));
  if (abnormal.blocking) {
    events.push_back(PlaceHold(order, abnormal, actor));
  }
  return RaisedCase{std::move(abnormal), true};
}

Status SaveOrder(WriteTx& tx, const Order& order, int64_t loaded_version, const Events& events) {
  if (order.version != loaded_version) {
    ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, loaded_version));
  }
  if (!events.empty()) {
    ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, events));
  }
  return Status::Ok();
}

Result<bool> ResolveLiveCase(WriteTx& tx, Order& order, std::string_view type,
                             const std::string& subject, const ResolveInput& input,
                             const Actor& actor, Events& events) {
  ORDO_ASSIGN_OR_RETURN(std::optional<AbnormalCase> live,
                        tx.fulfillment().FindLiveCase(order.order_no, std::string(type), subject));
  if (!live) {
    return false;
  }
  const CaseStatus before = live->status;
  ORDO_RETURN_IF_ERROR(
      ResolveCase(*live, input.resolution, input.root_cause, input.improvement, actor));
  ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateCase(*live, before, "resolve"));
  if (std::optional<OrderEvent> released = ReleaseHold(order, *live, actor)) {
    released->details.emplace_back("resolution", live->resolution);
    events.push_back(std::move(*released));
  }
  return true;
}

WriteFn AssignAbnormalCase(int64_t id, std::string assignee, CommandContext context,
                           std::shared_ptr<CaseOutcome> out) {
  return [id, assignee = std::move(assignee), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(AbnormalCase abnormal, LoadCase(tx, id));
    ORDO_RETURN_IF_ERROR(CheckAssignee(tx, abnormal, assignee));
    const CaseStatus before = abnormal.status;
    ORDO_RETURN_IF_ERROR(AssignCase(abnormal, assignee, context.Now()));
    ORDO_RETURN_IF_ERROR(tx.fulfillment().UpdateCase(abnormal, before, "assign"));
    out->abnormal = std::move(abnormal);
    return Status::Ok();
  };
}

WriteFn ResolveAbnormalCase(int64_t id, ResolveInput input, CommandContext context,
                            std::shared_ptr<CaseOutcome> out) {
  return [id, input = std::move(input), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(AbnormalCase abnormal, LoadCase(tx, id));
    const CaseStatus before = abnormal.status;
    const Actor actor = context.Now();
    ORDO_RETURN_IF_ERROR(
        ResolveCase(abnormal, input.resolution, input.root_cause, input.improvement, actor));
    return CloseCase(tx, abnormal, before, "resolve", actor, *out);
  };
}

WriteFn DismissAbnormalCase(int64_t id, std::string reason, CommandContext context,
                            std::shared_ptr<CaseOutcome> out) {
  return [id, reason = std::move(reason), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(AbnormalCase abnormal, LoadCase(tx, id));
    const CaseStatus before = abnormal.status;
    const Actor actor = context.Now();
    ORDO_RETURN_IF_ERROR(DismissCase(abnormal, reason, actor));
    return CloseCase(tx, abnormal, before, "dismiss", actor, *out);
  };
}

}  // namespace ordo::app
