// blacklisted_customer (REV-1, EXC-1): the customer is on the blacklist.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckBlacklistedCustomer(const ReviewContext& context) {
  const CustomerProfile* profile = context.profile;
  if (profile == nullptr || !profile->blacklisted) {
    return {};
  }
  CaseDetails details = {{"member_id", profile->member_id},
                         {"blacklist_reason", profile->blacklist_reason},
                         {"blacklisted_by", profile->blacklisted_by}};
  if (profile->blacklisted_at) {
    details.emplace_back("blacklisted_at", FormatRfc3339(*profile->blacklisted_at));
  }
  return {
      RuleHit{"blacklisted_customer", "",
              "customer " + profile->member_id + " is blacklisted: " + profile->blacklist_reason,
              std::move(details)}};
}

}  // namespace ordo
