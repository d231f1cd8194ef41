// blacklisted_customer (REV-1, EXC-1): the customer is on the blacklist, or the order shares a
// phone or delivery address with a blacklisted customer: the same person under a new member id,
// or with none. The explanation names the member and what matched, never the contact itself.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {
namespace {

std::vector<RuleHit> MatchedContacts(const ReviewContext& context) {
  const std::string& own = context.order->customer.member_id;
  std::string members;
  std::string matched;
  CaseDetails details;
  for (const BlacklistMatch& match : context.blacklist_matches) {
    if (match.member_id == own) {
      continue;  // the customer's own marks: judged by the profile
    }
    if (members.find(match.member_id) == std::string::npos) {
      members += (members.empty() ? "" : ", ") + match.member_id + " (" + match.reason + ")";
    }
    if (matched.find(match.matched) == std::string::npos) {
      matched += (matched.empty() ? "" : " and ") + match.matched;
    }
    details.emplace_back("matched_member_id", match.member_id);
  }
  if (members.empty()) {
    return {};
  }
  details.emplace_back("matched", matched);
  return {RuleHit{"blacklisted_customer", "",
                  "the order's " + matched + " matches blacklisted customer " + members,
                  std::move(details)}};
}

}  // namespace

std::vector<RuleHit> CheckBlacklistedCustomer(const ReviewContext& context) {
  const CustomerProfile* profile = context.profile;
  if (profile == nullptr || !profile->blacklisted) {
    return MatchedContacts(context);
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
