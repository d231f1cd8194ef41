// address_incomplete (EXC-1): a delivery address a courier could not use. Intake already
// refuses a detail without any house number; this catches what passes that check but is still
// suspicious: a missing region part, a detail that is only numbers and signs, or a placeholder
// ("test", "xxx", "测试", "不详", "未知").
#include <algorithm>
#include <array>
#include <cctype>

#include "domain/anomaly/rules/review_context.h"
#include "domain/order/intake.h"

namespace ordo {
namespace {

constexpr std::array<std::string_view, 8> kPlaceholders = {"test", "xxx",  "asdf", "测试",
                                                           "不详", "未知", "无",   "某某"};

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// Only ASCII digits, spaces and signs: "101", "1-2-3", "#8".
bool OnlyNumbersAndSigns(std::string_view detail) {
  return std::all_of(detail.begin(), detail.end(),
                     [](unsigned char c) { return c < 0x80 && !std::isalpha(c); });
}

std::string Fault(const Address& address) {
  if (address.province.empty() || address.city.empty() || address.district.empty()) {
    return "the address lacks its province, city or district";
  }
  if (!IsPreciseAddressDetail(address.detail)) {
    return "the address detail names no house number, building, floor or room";
  }
  if (OnlyNumbersAndSigns(address.detail)) {
    return "the address detail is only numbers, without a street or building";
  }
  const std::string lower = Lower(address.detail);
  for (std::string_view placeholder : kPlaceholders) {
    if (lower.find(placeholder) != std::string::npos) {
      return "the address detail holds the placeholder \"" + std::string(placeholder) + "\"";
    }
  }
  return "";
}

}  // namespace

std::vector<RuleHit> CheckAddressIncomplete(const ReviewContext& context) {
  const std::string fault = Fault(context.order->consignee.address);
  if (fault.empty()) {
    return {};
  }
  // The explanation names the fault, never the address itself (personal data).
  return {RuleHit{"address_incomplete",
                  "",
                  fault + "; confirm the address with the customer",
                  {{"field", "consignee.address"}}}};
}

}  // namespace ordo
