// invalid_phone (EXC-1, INT-3): a phone a courier may not reach. Intake accepts any number (a
// platform cannot re-send an order), so this flags one that is not a mainland mobile (a landline,
// a virtual number with an extension, a typo), and a mobile that looks made up: its last eight
// digits all the same (13888888888) or a straight run up or down (13812345678, 13987654321).
// The explanation names the field, never the number (personal data).
#include "domain/anomaly/rules/review_context.h"
#include "domain/order/intake.h"

namespace ordo {
namespace {

bool Suspicious(const std::string& phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    }
  }
  if (digits.size() < 8) {
    return !phone.empty();
  }
  const std::string tail = digits.substr(digits.size() - 8);
  bool same = true;
  bool up = true;
  bool down = true;
  for (size_t i = 1; i < tail.size(); ++i) {
    same = same && tail[i] == tail[0];
    up = up && tail[i] == tail[i - 1] + 1;
    down = down && tail[i] == tail[i - 1] - 1;
  }
  return same || up || down;
}

}  // namespace

std::vector<RuleHit> CheckInvalidPhone(const ReviewContext& context) {
  const Order& order = *context.order;
  std::vector<RuleHit> hits;
  const std::pair<const char*, const std::string*> phones[] = {
      {"customer.phone", &order.customer.phone}, {"consignee.phone", &order.consignee.phone}};
  for (const auto& [field, phone] : phones) {
    const char* fault = nullptr;
    if (phone->empty()) {
      continue;  // Intake requires both phones; an internal order without one is not judged.
    }
    if (!NormalizeMobile(*phone)) {
      fault = " is not a mainland mobile number";
    } else if (Suspicious(*phone)) {
      fault = " looks made up (repeated or sequential digits)";
    } else {
      continue;
    }
    hits.push_back(RuleHit{"invalid_phone",
                           field,
                           std::string(field) + fault + "; call the customer to confirm it",
                           {{"field", field}}});
  }
  return hits;
}

}  // namespace ordo
