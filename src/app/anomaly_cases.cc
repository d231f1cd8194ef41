#include "app/anomaly.h"

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

}  // namespace

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
