// The records supervision reads (domain.md AUD-2, AUD-3): each order's history, stock entries,
// refused attempts, after-sales cases, and (once they exist) customer messages. The store
// loads them; the detectors and KPIs here only read them, with "now" passed in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "domain/audit/violation.h"
#include "domain/order/order.h"

namespace ordo {

// One order's facts and history, without personal data.
struct OrderHistory {
  int64_t order_id = 0;  // for paging through orders
  std::string order_no;
  int priority = 0;
  std::string order_class;
  std::string shipping_service = "standard";
  PaymentMethod payment_method = PaymentMethod::kOnline;
  OrderStatus status = OrderStatus::kPendingPayment;      // now
  PaymentStatus payment_status = PaymentStatus::kUnpaid;  // now
  Timestamp created_at;
  std::vector<OrderEvent> events;  // oldest first
};

// The history's landmarks. Pointers point into the OrderHistory's events and are valid while it
// lives and is not changed.
struct OrderMilestones {
  // When the order entered review: paid online, or placed for cash on delivery. Its time limits
  // (review, shipment, delivery) run from here.
  std::optional<Timestamp> accepted_at;
  const OrderEvent* review_decision = nullptr;  // the first approve or reject after acceptance
  const OrderEvent* shipment = nullptr;         // the first ship
  const OrderEvent* delivery = nullptr;         // the first deliver
  const OrderEvent* packing = nullptr;          // the last pack (verification and weighing)
  // Review and fulfilment steps done by staff: approve, reject, start_picking, pack, ship.
  std::vector<const OrderEvent*> handling_steps;
};

OrderMilestones MilestonesOf(const OrderHistory& order);

// True for the statuses an order has once it has left the warehouse.
bool IsShippedStatus(std::string_view status);

// A refused staff request, recorded in the audit trail (entity "attempt") when it happened.
struct Attempt {
  int64_t seq = 0;  // its audit entry
  Timestamp at;
  std::string actor;
  std::string role;
  std::string method;        // "POST", "PATCH"
  std::string target;        // the request path, e.g. "/api/v1/orders/20261126000042/cancel"
  std::string action;        // "cancel", "change", "pick", "pack", "ship", "reveal", …
  std::string order_no;      // when the target is an order
  std::string order_status;  // the order's status when refused; empty when unknown
  std::string code;          // the refusal: "illegal_transition", "change_not_allowed", …
  std::string permission;    // for a refusal by permission: the permission the route needs
};

// The violation an attempt amounts to, or nullopt for an ordinary refusal:
//   change_after_shipment: cancel or change refused (illegal_transition, change_not_allowed)
//     on an order that is shipped, delivered or completed;
//   review_bypass_attempt: pick, pack or ship refused on an order still pending_review or
//     pending_payment;
//   unauthorised_pii_access: refused (forbidden) on a route that needs pii:read.
// Only attempts that amount to a violation are recorded.
std::optional<ViolationType> ClassifyAttempt(const Attempt& attempt);

// An after-sales case (售后) as supervision sees it: the store reads these from the cases whose
// inspection confirmed the reason (domain/aftersales/case.h, AfterSalesReadView).
struct AfterSalesCase {
  std::string case_id;
  std::string order_no;
  std::string reason;             // "wrong_item", "quality", "damaged", …
  bool reason_confirmed = false;  // the inspection confirmed the reason
  std::optional<Timestamp> confirmed_at;
};

// A customer message about an order (客户咨询). None are recorded yet: customer messages
// arrive with the customer-service module.
struct CustomerMessage {
  std::string message_id;
  std::string order_no;  // may be empty
  Timestamp received_at;
  std::optional<Timestamp> replied_at;
  std::string replied_by;   // the actor who answered
  std::string assigned_to;  // the actor it waits for; empty when unassigned
};

// Who belongs to which department: "user:alice" → "warehouse". API tokens and unknown actors
// have none.
class StaffDirectory {
 public:
  void Add(std::string actor, std::string department) {
    departments_[std::move(actor)] = std::move(department);
  }
  // The department of `actor`, or "" when it is not known.
  const std::string& DepartmentOf(const std::string& actor) const;

 private:
  std::map<std::string, std::string, std::less<>> departments_;
};

}  // namespace ordo
