// time_limit_breach: a review or a shipment done after its deadline, or an order still waiting
// past one.
#include <optional>

#include "domain/audit/detectors.h"
#include "domain/fulfillment/time_limit.h"

namespace ordo {
namespace {

bool IsWaitingToShip(OrderStatus status) {
  return status == OrderStatus::kPendingReview || status == OrderStatus::kAwaitingFulfillment ||
         status == OrderStatus::kPicking || status == OrderStatus::kPacked;
}

// How long blocking cases held the order between `from` and `to`.
int64_t HeldMs(const OrderHistory& order, Timestamp from, Timestamp to) {
  int open = 0;
  Timestamp since = from;
  int64_t held = 0;
  for (const OrderEvent& event : order.events) {
    if (event.at >= to) {
      break;
    }
    const Timestamp at = event.at < from ? from : event.at;
    if (event.type == "hold_placed") {
      if (open++ == 0) {
        since = at;
      }
    } else if (event.type == "hold_released" && open > 0 && --open == 0) {
      held += at.unix_ms - since.unix_ms;
    }
  }
  if (open > 0) {
    held += to.unix_ms - (since < from ? from : since).unix_ms;
  }
  return held;
}

void AddLimitDetails(Violation& violation, const std::string& step, Timestamp started_at,
                     Timestamp deadline, int64_t limit_ms, int64_t observed_ms,
                     const OrderHistory& order) {
  violation.details = {{"step", step},
                       {"accepted_at", FormatRfc3339(started_at)},
                       {"deadline", FormatRfc3339(deadline)},
                       {"limit", FormatDuration(limit_ms)},
                       {"limit_ms", std::to_string(limit_ms)},
                       {"observed", FormatDuration(observed_ms)},
                       {"observed_ms", std::to_string(observed_ms)},
                       {"priority", std::to_string(order.priority)},
                       {"order_class", order.order_class}};
}

// The one violation of an order that missed its ship-by deadline.
Violation LateShipment(const OrderHistory& order, Timestamp accepted_at, Timestamp deadline,
                       int64_t limit_ms, const OrderEvent* shipment, Timestamp now) {
  const Responsibility who = AttributeLateness(order.events, deadline, order.status);
  Violation violation = MakeViolation(ViolationType::kTimeLimitBreach, who.person, "order",
                                      order.order_no, "ship", deadline);
  violation.department = who.department;
  const Timestamp end = shipment != nullptr ? shipment->at : now;
  const int64_t observed = end.unix_ms - accepted_at.unix_ms;
  std::string why = "the " + who.stage + " stage held it";
  if (who.reason == "hold") {
    why += ", held by a blocking " + who.case_type + " case";
  } else if (who.reason == "backorder") {
    why += ", waiting for stock";
  }
  violation.explanation =
      (shipment != nullptr
           ? "shipped by " + shipment->actor + " at " + FormatRfc3339(end)
           : "still " + std::string(StatusName(order.status)) + " at " + FormatRfc3339(now)) +
      ", " + FormatDuration(observed) + " after the order was accepted at " +
      FormatRfc3339(accepted_at) + "; the ship-by deadline was " + FormatRfc3339(deadline) + " (" +
      FormatDuration(limit_ms) + " of business time); when it passed " + why + ": " +
      (who.person.empty() ? "the " + who.department + " department answers for it"
                          : who.person + " (" + who.department + ") answers for it");
  AddLimitDetails(violation, "ship", accepted_at, deadline, limit_ms, observed, order);
  violation.details.emplace_back("stage", who.stage);
  violation.details.emplace_back("reason", who.reason);
  if (!who.case_type.empty()) {
    violation.details.emplace_back("case_type", who.case_type);
  }
  if (shipment != nullptr) {
    violation.details.emplace_back("done_at", FormatRfc3339(shipment->at));
  } else {
    violation.details.emplace_back("status", std::string(StatusName(order.status)));
  }
  return violation;
}

// The review's own lateness: decided (or still undecided at `now`) after review_within, the
// time a blocking case held the order not counted.
std::optional<Violation> LateReview(const OrderHistory& order, const OrderMilestones& milestones,
                                    const SupervisionPolicy& policy, Timestamp now) {
  const Timestamp accepted = *milestones.accepted_at;
  const OrderEvent* decision = milestones.review_decision;
  if (decision == nullptr && order.status != OrderStatus::kPendingReview) {
    return std::nullopt;
  }
  const Timestamp end = decision != nullptr ? decision->at : now;
  const int64_t held = HeldMs(order, accepted, end);
  const Timestamp deadline = accepted.PlusMs(policy.review_within_ms + held);
  if (end <= deadline) {
    return std::nullopt;
  }
  const int64_t observed = end.unix_ms - accepted.unix_ms - held;
  Violation violation =
      MakeViolation(ViolationType::kTimeLimitBreach, decision != nullptr ? decision->actor : "",
                    "order", order.order_no, "review", decision != nullptr ? end : deadline);
  if (decision == nullptr) {
    violation.department = policy.review_department;
  }
  violation.explanation =
      (decision != nullptr ? decision->type + " by " + decision->actor + " at "
                           : "still pending_review at ") +
      FormatRfc3339(end) + ", " + FormatDuration(observed) +
      " of review time after the order "
      "was accepted at " +
      FormatRfc3339(accepted) +
      (held > 0 ? " (" + FormatDuration(held) + " on hold not counted)" : "") +
      "; the review limit is " + FormatDuration(policy.review_within_ms) + ", exceeded by " +
      FormatDuration(observed - policy.review_within_ms) +
      (decision != nullptr ? ""
                           : "; nobody has acted yet, so the " + policy.review_department +
                                 " department answers for it");
  AddLimitDetails(violation, "review", accepted, deadline, policy.review_within_ms, observed,
                  order);
  return violation;
}

}  // namespace

std::vector<TimedStep> TimedStepsOf(const OrderHistory& order, const SupervisionPolicy& policy) {
  const OrderMilestones milestones = MilestonesOf(order);
  std::vector<TimedStep> steps;
  if (!milestones.accepted_at) {
    return steps;
  }
  const Timestamp accepted = *milestones.accepted_at;
  if (milestones.review_decision != nullptr) {
    const int64_t held = HeldMs(order, accepted, milestones.review_decision->at);
    steps.push_back({"review", milestones.review_decision, accepted, policy.review_within_ms,
                     accepted.PlusMs(policy.review_within_ms + held)});
  }
  if (milestones.shipment != nullptr) {
    steps.push_back({"ship", milestones.shipment, accepted,
                     policy.ShipWithinHours(order.order_class) * kHourMs,
                     policy.ShipDeadline(order.order_class, accepted)});
  }
  return steps;
}

std::vector<Violation> DetectTimeLimitBreaches(const OrderHistory& order,
                                               const SupervisionPolicy& policy, Timestamp now) {
  const OrderMilestones milestones = MilestonesOf(order);
  if (!milestones.accepted_at) {
    return {};
  }
  const Timestamp accepted = *milestones.accepted_at;
  const Timestamp deadline = policy.ShipDeadline(order.order_class, accepted);
  const int64_t limit_ms = policy.ShipWithinHours(order.order_class) * kHourMs;
  const OrderEvent* shipment = milestones.shipment;
  const bool shipped_late = shipment != nullptr && shipment->at > deadline;
  const bool waiting_late = shipment == nullptr && IsWaitingToShip(order.status) && now > deadline;
  if (shipped_late || waiting_late) {
    return {LateShipment(order, accepted, deadline, limit_ms, shipment, now)};
  }
  if (std::optional<Violation> review = LateReview(order, milestones, policy, now)) {
    return {std::move(*review)};
  }
  return {};
}

}  // namespace ordo
