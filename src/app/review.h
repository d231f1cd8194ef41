// Automatic and manual review (domain.md REV-1, REV-3; domain/anomaly/rules/): the rules run
// when an order enters pending_review, each hit opens an abnormal case on the order, and an
// order no rule flags is approved at once; the others wait in the manual review queue, where a
// reviewer approves (refused while a blocking case holds it) or rejects with a reason.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/anomaly/rules/review_context.h"
#include "domain/settings/settings.h"

namespace ordo::app {

// Who approves the orders no rule flags, in their history and the audit trail.
inline constexpr const char* kAutoReviewActor = "system:auto-review";

struct ReviewReport {
  bool ran = false;               // false: auto_review is off and the rules were not run
  std::vector<RuleHit> hits;      // in rule order
  std::vector<int64_t> case_ids;  // the case of each hit (opened now or already live)
  bool approved = false;          // approved by kAutoReviewActor
};

// Loads what the rules need for `order` (settings, the customer's profile and recent orders,
// the SKUs, the channel's usual amount) inside the writer's transaction: a primary-key look-up
// of the profile, the member search key for the history (at most kHistoryOrders orders), and a
// bounded range of the latest orders for the channel.
constexpr int kHistoryOrders = 50;
Result<ReviewContext> LoadReviewContext(WriteTx& tx, const Order& order, const Settings& settings,
                                        std::optional<CustomerProfile>& profile);

// Runs the rules on `order`, which is in pending_review, and opens a case per hit (a type
// already live on the order is not opened twice). With `approve_when_clean` and no hit (and no
// hold left from earlier cases) it approves the order as kAutoReviewActor. Records an
// "auto_review" event naming the rules checked and the hits. The order is changed in memory
// and its events appended to `events`: the caller saves both. A customer seen for the first
// time gets a profile (audited as "create").
Result<ReviewReport> ReviewOrder(WriteTx& tx, Order& order, const Settings& settings,
                                 bool approve_when_clean, Timestamp now, Events& events);

// The hook for every path that moves an order into pending_review (a payment confirmation, a
// cash-on-delivery intake): with the setting auto_review on, ReviewOrder with approval; off,
// nothing (the order waits for a person). Loads the settings itself.
Status ReviewOnEntry(WriteTx& tx, Order& order, Timestamp now, Events& events);

// Queues the customer's notification (CS-3, template "order_rejected") of an order rejected
// in review; its stock is released by the rejection itself (app/order_commands.h).
Status NotifyRejected(WriteTx& tx, const Order& order, const Actor& actor);

struct RerunOutcome {
  Order order;
  ReviewReport report;
};

// POST /orders/{order_no}/rerun-review: runs the rules again on an order in pending_review
// after its data changed (a customer blacklisted, a COD order re-confirmed, a case closed),
// opening cases for new hits; with auto_review on and no hit, approves it. kNotFound for an
// unknown order; kConflict illegal_transition when it is not in pending_review.
WriteFn RerunReview(std::string order_no, CommandContext context,
                    std::shared_ptr<RerunOutcome> out);

}  // namespace ordo::app
