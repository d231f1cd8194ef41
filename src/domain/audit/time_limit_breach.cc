// time_limit_breach: a review or a shipment done after its deadline, or an order still waiting
// past one.
#include "domain/audit/detectors.h"

namespace ordo {
namespace {

bool IsWaiting(OrderStatus status, const std::string& step) {
  if (step == "review") {
    return status == OrderStatus::kPendingReview;
  }
  return status == OrderStatus::kPendingReview || status == OrderStatus::kAwaitingFulfillment ||
         status == OrderStatus::kPicking || status == OrderStatus::kPacked;
}

void AddLimitDetails(Violation& violation, const std::string& step, Timestamp started_at,
                     int64_t limit_ms, int64_t observed_ms, int priority) {
  violation.details = {{"step", step},
                       {"accepted_at", FormatRfc3339(started_at)},
                       {"deadline", FormatRfc3339(started_at.PlusMs(limit_ms))},
                       {"limit", FormatDuration(limit_ms)},
                       {"limit_ms", std::to_string(limit_ms)},
                       {"observed", FormatDuration(observed_ms)},
                       {"observed_ms", std::to_string(observed_ms)},
                       {"priority", std::to_string(priority)}};
}

std::string LimitName(const std::string& step, int priority) {
  return step == "review" ? "the review limit"
                          : "the ship-by limit for priority " + std::to_string(priority);
}

Violation LateStep(const OrderHistory& order, const TimedStep& step) {
  Violation violation = MakeViolation(ViolationType::kTimeLimitBreach, step.event->actor, "order",
                                      order.order_no, step.step, step.event->at);
  const int64_t observed = step.elapsed_ms();
  violation.explanation =
      step.event->type + " by " + step.event->actor + " at " + FormatRfc3339(step.event->at) +
      ", " + FormatDuration(observed) + " after the order was accepted at " +
      FormatRfc3339(step.started_at) + "; " + LimitName(step.step, order.priority) + " is " +
      FormatDuration(step.limit_ms) + " (deadline " + FormatRfc3339(step.deadline()) +
      "), exceeded by " + FormatDuration(observed - step.limit_ms);
  AddLimitDetails(violation, step.step, step.started_at, step.limit_ms, observed, order.priority);
  violation.details.emplace_back("done_at", FormatRfc3339(step.event->at));
  return violation;
}

Violation StillWaiting(const OrderHistory& order, const std::string& step, Timestamp accepted_at,
                       int64_t limit_ms, Timestamp now, const SupervisionPolicy& policy) {
  const Timestamp deadline = accepted_at.PlusMs(limit_ms);
  Violation violation =
      MakeViolation(ViolationType::kTimeLimitBreach, "", "order", order.order_no, step, deadline);
  violation.department = order.status == OrderStatus::kPendingReview ? policy.review_department
                                                                     : policy.fulfilment_department;
  const int64_t observed = now.unix_ms - accepted_at.unix_ms;
  violation.explanation =
      "still " + std::string(StatusName(order.status)) + " at " + FormatRfc3339(now) + ", " +
      FormatDuration(observed) + " after the order was accepted at " + FormatRfc3339(accepted_at) +
      "; " + LimitName(step, order.priority) + " is " + FormatDuration(limit_ms) + " (deadline " +
      FormatRfc3339(deadline) + "); nobody has acted yet, so the " + violation.department +
      " department answers for it";
  AddLimitDetails(violation, step, accepted_at, limit_ms, observed, order.priority);
  violation.details.emplace_back("status", std::string(StatusName(order.status)));
  return violation;
}

}  // namespace

std::vector<TimedStep> TimedStepsOf(const OrderHistory& order, const SupervisionPolicy& policy) {
  const OrderMilestones milestones = MilestonesOf(order);
  std::vector<TimedStep> steps;
  if (!milestones.accepted_at) {
    return steps;
  }
  if (milestones.review_decision != nullptr) {
    steps.push_back(
        {"review", milestones.review_decision, *milestones.accepted_at, policy.review_within_ms});
  }
  if (milestones.shipment != nullptr) {
    steps.push_back({"ship", milestones.shipment, *milestones.accepted_at,
                     policy.ShipWithinMs(order.priority)});
  }
  return steps;
}

std::vector<Violation> DetectTimeLimitBreaches(const OrderHistory& order,
                                               const SupervisionPolicy& policy, Timestamp now) {
  std::vector<Violation> violations;
  for (const TimedStep& step : TimedStepsOf(order, policy)) {
    if (!step.within_limit()) {
      violations.push_back(LateStep(order, step));
    }
  }
  const OrderMilestones milestones = MilestonesOf(order);
  if (!milestones.accepted_at) {
    return violations;
  }
  const std::pair<std::string, int64_t> limits[] = {{"review", policy.review_within_ms},
                                                    {"ship", policy.ShipWithinMs(order.priority)}};
  for (const auto& [step, limit_ms] : limits) {
    const bool done =
        step == "review" ? milestones.review_decision != nullptr : milestones.shipment != nullptr;
    const Timestamp deadline = milestones.accepted_at->PlusMs(limit_ms);
    if (!done && IsWaiting(order.status, step) && now > deadline) {
      violations.push_back(
          StillWaiting(order, step, *milestones.accepted_at, limit_ms, now, policy));
    }
  }
  return violations;
}

}  // namespace ordo
