// wrong_item_shipped: an after-sales inspection confirmed that the customer received a wrong item.
// Its source records are the after-sales cases (domain/aftersales/case.h) whose passed
// inspection confirmed the reason wrong_item.
#include "domain/audit/detectors.h"

namespace ordo {

std::vector<Violation> DetectWrongItemsShipped(const std::vector<AfterSalesCase>& cases,
                                               const OrderHistories& orders,
                                               const SupervisionPolicy& policy) {
  std::vector<Violation> violations;
  for (const AfterSalesCase& after_sales : cases) {
    if (after_sales.reason != "wrong_item" || !after_sales.reason_confirmed ||
        !after_sales.confirmed_at) {
      continue;
    }
    const OrderEvent* step = nullptr;
    auto order = orders.find(after_sales.order_no);
    if (order != orders.end()) {
      const OrderMilestones milestones = MilestonesOf(order->second);
      step = milestones.packing != nullptr ? milestones.packing : milestones.shipment;
    }
    Violation violation = MakeViolation(
        ViolationType::kWrongItemShipped, step != nullptr ? step->actor : "", "order",
        after_sales.order_no, "after_sales:" + after_sales.case_id, *after_sales.confirmed_at);
    if (step == nullptr) {
      violation.department = policy.fulfilment_department;
    }
    violation.explanation =
        "after-sales case " + after_sales.case_id + " confirmed at " +
        FormatRfc3339(*after_sales.confirmed_at) + " that order " + after_sales.order_no +
        " was shipped with a wrong item; " +
        (step != nullptr ? step->type + " (with its scan check) was done by " + step->actor +
                               " at " + FormatRfc3339(step->at)
                         : "nobody is recorded as having packed it, so the " +
                               policy.fulfilment_department + " department answers for it");
    violation.details = {{"case_id", after_sales.case_id}, {"reason", after_sales.reason}};
    if (step != nullptr) {
      violation.details.emplace_back("step", step->type);
      violation.details.emplace_back("step_at", FormatRfc3339(step->at));
    }
    violations.push_back(std::move(violation));
  }
  return violations;
}

}  // namespace ordo
