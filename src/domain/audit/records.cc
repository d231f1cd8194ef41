#include "domain/audit/records.h"

namespace ordo {
namespace {

bool IsOneOf(std::string_view value, std::initializer_list<std::string_view> candidates) {
  for (std::string_view candidate : candidates) {
    if (value == candidate) {
      return true;
    }
  }
  return false;
}

}  // namespace

OrderMilestones MilestonesOf(const OrderHistory& order) {
  OrderMilestones milestones;
  for (const OrderEvent& event : order.events) {
    if (!milestones.accepted_at && event.to_status == "pending_review") {
      milestones.accepted_at = event.at;
    }
    const bool decision = event.type == "approve" || event.type == "reject";
    if (decision && milestones.accepted_at && milestones.review_decision == nullptr) {
      milestones.review_decision = &event;
    }
    if (event.type == "ship" && milestones.shipment == nullptr) {
      milestones.shipment = &event;
    }
    if (event.type == "deliver" && milestones.delivery == nullptr) {
      milestones.delivery = &event;
    }
    if (event.type == "pack") {
      milestones.packing = &event;
    }
    if (decision || IsOneOf(event.type, {"start_picking", "pack", "ship"})) {
      milestones.handling_steps.push_back(&event);
    }
  }
  return milestones;
}

bool IsShippedStatus(std::string_view status) {
  return IsOneOf(status, {"shipped", "delivered", "completed"});
}

std::optional<ViolationType> ClassifyAttempt(const Attempt& attempt) {
  if (attempt.code == CodeName(Code::kForbidden) && attempt.permission == "pii:read") {
    return ViolationType::kUnauthorisedPiiAccess;
  }
  const bool refused_move = attempt.code == CodeName(Code::kIllegalTransition) ||
                            attempt.code == CodeName(Code::kChangeNotAllowed);
  if (!refused_move) {
    return std::nullopt;
  }
  if (IsOneOf(attempt.action, {"cancel", "change"}) && IsShippedStatus(attempt.order_status)) {
    return ViolationType::kChangeAfterShipment;
  }
  if (IsOneOf(attempt.action, {"pick", "pack", "ship"}) &&
      IsOneOf(attempt.order_status, {"pending_review", "pending_payment"})) {
    return ViolationType::kReviewBypassAttempt;
  }
  return std::nullopt;
}

const std::string& StaffDirectory::DepartmentOf(const std::string& actor) const {
  static const std::string kNone;
  auto it = departments_.find(actor);
  return it == departments_.end() ? kNone : it->second;
}

}  // namespace ordo
