// address_incomplete (EXC-1, INT-3): a delivery address a courier could not use. Intake accepts
// every address (a platform cannot re-send an order with a better one); this rule holds the
// order for customer service to confirm the address with the customer when a region part is
// missing or unknown (domain/order/region.h), when the detail names no house number, building,
// floor or room, when it is only numbers and signs, or when it is a placeholder ("test", "xxx",
// "测试", "不详", "未知", or a detail that is nothing but "无").
#include <algorithm>
#include <array>
#include <cctype>

#include "domain/anomaly/rules/review_context.h"
#include "domain/order/intake.h"
#include "domain/order/region.h"

namespace ordo {
namespace {

// Placeholders found anywhere in the detail: none is part of a real place name.
constexpr std::array<std::string_view, 7> kPlaceholders = {"test", "xxx",  "asdf", "测试",
                                                           "不详", "未知", "某某"};
// Placeholders only when they are the whole detail: 无 ("none") is also part of real names
// (无锡路, 无量山街), so only a detail that says nothing else is flagged.
constexpr std::array<std::string_view, 4> kWholePlaceholders = {"无", "暂无", "没有", "空"};

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// The detail without ASCII digits, spaces and signs: "无 1" → "无".
std::string Letters(std::string_view detail) {
  std::string letters;
  for (unsigned char c : detail) {
    if (c >= 0x80 || std::isalpha(c)) {
      letters.push_back(static_cast<char>(c));
    }
  }
  return letters;
}

// Only ASCII digits, spaces and signs: "101", "1-2-3", "#8".
bool OnlyNumbersAndSigns(std::string_view detail) {
  return std::all_of(detail.begin(), detail.end(),
                     [](unsigned char c) { return c < 0x80 && !std::isalpha(c); });
}

std::string RegionFault(const Address& address) {
  if (address.province.empty() || address.city.empty() || address.district.empty()) {
    return "the address lacks its province, city or district";
  }
  if (!IsKnownProvince(address.province)) {
    return "the province is not a province-level division of China";
  }
  if (!IsPlausibleCity(address.province, address.city)) {
    return "the city is not a city of the province";
  }
  return "";
}

std::string DetailFault(const std::string& detail) {
  if (detail.empty()) {
    return "the address has no detail (street and house number)";
  }
  if (OnlyNumbersAndSigns(detail)) {
    return "the address detail is only numbers, without a street or building";
  }
  const std::string lower = Lower(detail);
  for (std::string_view placeholder : kPlaceholders) {
    if (lower.find(placeholder) != std::string::npos) {
      return "the address detail holds the placeholder \"" + std::string(placeholder) + "\"";
    }
  }
  const std::string letters = Letters(detail);
  for (std::string_view placeholder : kWholePlaceholders) {
    if (letters == placeholder) {
      return "the address detail is the placeholder \"" + std::string(placeholder) + "\"";
    }
  }
  if (!IsPreciseAddressDetail(detail)) {
    return "the address detail names no house number, building, floor or room";
  }
  return "";
}

}  // namespace

std::vector<RuleHit> CheckAddressIncomplete(const ReviewContext& context) {
  const Address& address = context.order->consignee.address;
  std::string fault = RegionFault(address);
  if (fault.empty()) {
    fault = DetailFault(address.detail);
  }
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
