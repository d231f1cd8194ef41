#include "app/review.h"

#include "app/anomaly.h"
#include "app/settings.h"

namespace ordo::app {
namespace {

ReviewThresholds ThresholdsOf(const Settings& settings) {
  ReviewThresholds thresholds;
  thresholds.amount_too_large_amount = settings.amount_too_large_amount;
  thresholds.usual_amount_factor = settings.usual_amount_factor;
  thresholds.quantity_surge_factor = settings.quantity_surge_factor;
  thresholds.duplicate_order_window_minutes = settings.duplicate_order_window_minutes;
  thresholds.high_risk_refusal_count = settings.high_risk_refusal_count;
  return thresholds;
}

OrderEvent ReviewEvent(const Order& order, const ReviewReport& report, const Actor& actor) {
  OrderEvent event;
  event.type = "auto_review";
  event.at = actor.at;
  event.actor = actor.name;
  std::string rules;
  for (const ReviewRule& rule : ReviewRules()) {
    rules += (rules.empty() ? "" : ",") + std::string(rule.name);
  }
  std::string hits;
  for (const RuleHit& hit : report.hits) {
    hits += (hits.empty() ? "" : ",") + hit.rule;
  }
  event.details = {{"rules_checked", rules},
                   {"hits", hits},
                   {"outcome", report.hits.empty() && !order.on_hold() ? "passed" : "queued"}};
  return event;
}

// Creates the profile of a customer seen for the first time, so staff can find and judge them.
Status RememberCustomer(WriteTx& tx, const Order& order,
                        const std::optional<CustomerProfile>& profile, const Actor& actor) {
  if (profile || order.customer.member_id.empty()) {
    return Status::Ok();
  }
  return tx.customers().InsertCustomer(NewProfile(order.customer, actor), "create");
}

}  // namespace

Result<ReviewContext> LoadReviewContext(WriteTx& tx, const Order& order, const Settings& settings,
                                        std::optional<CustomerProfile>& profile) {
  ReviewContext context;
  context.order = &order;
  context.thresholds = ThresholdsOf(settings);
  const std::string& member_id = order.customer.member_id;
  if (!member_id.empty()) {
    ORDO_ASSIGN_OR_RETURN(profile, tx.customers().FindCustomer(member_id));
    ORDO_ASSIGN_OR_RETURN(context.recent_orders,
                          tx.customers().FindCustomerOrders(member_id, kHistoryOrders));
    std::erase_if(context.recent_orders,
                  [&](const Order& other) { return other.order_no == order.order_no; });
  }
  context.profile = profile ? &*profile : nullptr;
  ORDO_ASSIGN_OR_RETURN(context.blacklist_matches, tx.customers().FindBlacklistMatches(order));
  context.history = SummarizeHistory(context.recent_orders, order.order_no);
  std::vector<std::string> codes;
  for (const OrderLine& line : order.lines) {
    codes.push_back(line.sku);
  }
  ORDO_ASSIGN_OR_RETURN(context.skus, tx.FindSkus(codes));
  ORDO_ASSIGN_OR_RETURN(context.channel_usual_amount,
                        tx.customers().ChannelUsualAmount(order.channel));
  return context;
}

Result<ReviewReport> ReviewOrder(WriteTx& tx, Order& order, const Settings& settings,
                                 bool approve_when_clean, Timestamp now, Events& events) {
  const Actor actor{kAutoReviewActor, now};
  std::optional<CustomerProfile> profile;
  ORDO_ASSIGN_OR_RETURN(ReviewContext context, LoadReviewContext(tx, order, settings, profile));
  ReviewReport report;
  report.ran = true;
  report.hits = RunReviewRules(context);
  ORDO_RETURN_IF_ERROR(RememberCustomer(tx, order, profile, actor));
  for (const RuleHit& hit : report.hits) {
    ORDO_ASSIGN_OR_RETURN(
        RaisedCase raised,
        RaiseCase(tx, order, hit.rule, hit.subject, hit.explanation, hit.details, actor, events));
    report.case_ids.push_back(raised.abnormal.id);
  }
  events.push_back(ReviewEvent(order, report, actor));
  if (approve_when_clean && report.hits.empty() && !order.on_hold()) {
    ORDO_ASSIGN_OR_RETURN(Events approved, Approve(order, "passed automatic review", actor));
    for (OrderEvent& event : approved) {
      events.push_back(std::move(event));
    }
    report.approved = true;
  }
  return report;
}

Status ReviewOnEntry(WriteTx& tx, Order& order, Timestamp now, Events& events) {
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
  if (!settings.auto_review || order.status != OrderStatus::kPendingReview) {
    return Status::Ok();
  }
  return ReviewOrder(tx, order, settings, /*approve_when_clean=*/true, now, events).status();
}

Status NotifyRejected(WriteTx& tx, const Order& order, const Actor& actor) {
  Notification notification;
  notification.order_no = order.order_no;
  notification.template_key = "order_rejected";
  notification.at = actor.at;
  notification.created_by = actor.name;
  return tx.fulfillment().InsertNotification(notification);
}

WriteFn RerunReview(std::string order_no, CommandContext context,
                    std::shared_ptr<RerunOutcome> out) {
  return [order_no = std::move(order_no), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
    if (!loaded) {
      return Status::NotFound("no order " + order_no);
    }
    Order& order = *loaded;
    if (order.status != OrderStatus::kPendingReview) {
      return Status::Conflict(Code::kIllegalTransition,
                              "order " + order_no + " is " + std::string(StatusName(order.status)) +
                                  ", not pending_review: there is nothing to review");
    }
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    const int64_t loaded_version = order.version;
    const Timestamp now = context.clock->Now();
    Events events;
    // Who asked for the rerun is recorded beside the rules' own actor.
    OrderEvent requested;
    requested.type = "review_rerun_requested";
    requested.at = now;
    requested.actor = context.actor;
    events.push_back(std::move(requested));
    ORDO_ASSIGN_OR_RETURN(out->report,
                          ReviewOrder(tx, order, settings, settings.auto_review, now, events));
    ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
    out->order = std::move(order);
    return Status::Ok();
  };
}

}  // namespace ordo::app
