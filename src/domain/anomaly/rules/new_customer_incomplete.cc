// new_customer_incomplete (REV-1): a first order from a customer whose registration is
// incomplete (no member id, name or phone). A returning customer has a history to judge by.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckNewCustomerIncomplete(const ReviewContext& context) {
  const Customer& customer = context.order->customer;
  if (context.history.orders_placed > 0 && !customer.member_id.empty()) {
    return {};
  }
  std::vector<std::string> missing;
  if (customer.member_id.empty()) {
    missing.push_back("customer.member_id");
  }
  if (customer.name.empty()) {
    missing.push_back("customer.name");
  }
  if (customer.phone.empty()) {
    missing.push_back("customer.phone");
  }
  if (missing.empty()) {
    return {};
  }
  std::string fields;
  for (const std::string& field : missing) {
    fields += (fields.empty() ? "" : ", ") + field;
  }
  return {RuleHit{"new_customer_incomplete",
                  "",
                  "first order of a customer whose registration lacks " + fields,
                  {{"missing", fields}}}};
}

}  // namespace ordo
