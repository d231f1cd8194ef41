#include "domain/fulfillment/carrier.h"

#include <algorithm>
#include <limits>

#include "base/limits.h"
#include "base/money.h"
#include "domain/catalog/catalog.h"
#include "domain/order/intake.h"

namespace ordo {
namespace {

constexpr size_t kMaxRules = 100;
constexpr size_t kMaxReasonsShown = 4;

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

int64_t CeilDiv(int64_t a, int64_t b) {
  return (a + b - 1) / b;
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

// Why `rule` cannot take the parcel, or "" when it can.
std::string Exclusion(const CarrierRule& rule, const CarrierRequest& request) {
  if (!rule.enabled) {
    return "disabled";
  }
  if (!rule.provinces.empty() && !Contains(rule.provinces, request.province)) {
    return "does not serve " + request.province;
  }
  if (Contains(rule.excluded_provinces, request.province)) {
    return "does not serve " + request.province;
  }
  if (!rule.services.empty() && !Contains(rule.services, request.service)) {
    return "no " + request.service + " service";
  }
  if (request.priority < rule.min_priority || request.priority > rule.max_priority) {
    return "priority " + std::to_string(request.priority) + " outside " +
           std::to_string(rule.min_priority) + ".." + std::to_string(rule.max_priority);
  }
  if (request.weight_g > rule.max_weight_g) {
    return std::to_string(request.weight_g) + " g over its " + std::to_string(rule.max_weight_g) +
           " g limit";
  }
  return "";
}

std::string Describe(const CarrierRequest& request) {
  return std::to_string(request.weight_g) + " g to " +
         (request.province.empty() ? std::string("an unknown province") : request.province) + ", " +
         request.service + ", priority " + std::to_string(request.priority);
}

}  // namespace

int64_t CarrierRule::CostAmount(int64_t weight_g) const {
  const int64_t extra_kg = weight_g <= 1000 ? 0 : (weight_g - 1) / 1000;
  int64_t cost = 0;
  if (!CheckedMultiply(extra_kg, extra_kg_amount, &cost) ||
      !CheckedAdd(cost, first_kg_amount, &cost)) {
    return std::numeric_limits<int64_t>::max();
  }
  return cost;
}

Result<CarrierChoice> ChooseCarrier(const std::vector<CarrierRule>& rules,
                                    const CarrierRequest& request) {
  struct Eligible {
    const CarrierRule* rule;
    int64_t cost;
  };
  std::vector<Eligible> eligible;
  std::vector<std::string> excluded;
  for (const CarrierRule& rule : rules) {
    const std::string why = Exclusion(rule, request);
    if (why.empty()) {
      eligible.push_back({&rule, rule.CostAmount(request.weight_g)});
    } else if (excluded.size() < kMaxReasonsShown) {
      excluded.push_back(rule.carrier + " " + why);
    }
  }
  if (eligible.empty()) {
    std::string message = "no carrier rule takes " + Describe(request);
    if (!excluded.empty()) {
      message += ": ";
      for (size_t i = 0; i < excluded.size(); ++i) {
        message += (i > 0 ? "; " : "") + excluded[i];
      }
    }
    return Status::Conflict(Code::kNoEligibleCarrier, message);
  }
  std::stable_sort(eligible.begin(), eligible.end(),
                   [](const Eligible& a, const Eligible& b) { return a.cost < b.cost; });
  const CarrierRule& best = *eligible.front().rule;
  CarrierChoice choice{best.carrier, best.name, eligible.front().cost, ""};
  choice.reason = best.carrier + " is the cheapest of " + std::to_string(eligible.size()) +
                  " eligible rule" + (eligible.size() == 1 ? "" : "s") + " for " +
                  Describe(request) + " (";
  for (size_t i = 0; i < eligible.size() && i < kMaxReasonsShown; ++i) {
    choice.reason += (i > 0 ? ", " : "") + eligible[i].rule->carrier + " " +
                     std::to_string(eligible[i].cost) + " fen";
  }
  choice.reason += ")";
  if (!excluded.empty()) {
    choice.reason += "; not eligible: ";
    for (size_t i = 0; i < excluded.size(); ++i) {
      choice.reason += (i > 0 ? "; " : "") + excluded[i];
    }
  }
  return choice;
}

Result<BoxPlan> PlanBoxes(const std::vector<CarrierRule>& rules, CarrierRequest request,
                          int64_t goods_g, int64_t unit_g, int64_t packaging_g, int max_boxes) {
  Status first_refusal;
  for (int boxes = 1; boxes <= std::max(max_boxes, 1); ++boxes) {
    const int64_t goods_per_box = std::max(CeilDiv(std::max<int64_t>(goods_g, 0), boxes), unit_g);
    request.weight_g = goods_per_box + packaging_g;
    Result<CarrierChoice> choice = ChooseCarrier(rules, request);
    if (choice.ok()) {
      BoxPlan plan{std::move(choice).value(), boxes, request.weight_g};
      if (boxes > 1) {
        plan.choice.reason = std::to_string(goods_g) + " g of goods in " + std::to_string(boxes) +
                             " boxes of up to " + std::to_string(request.weight_g) +
                             " g: " + plan.choice.reason;
      }
      return plan;
    }
    if (boxes == 1) {
      first_refusal = choice.status();
    }
    if (goods_per_box == unit_g) {
      break;  // more boxes would not make one lighter: a single unit is too heavy
    }
  }
  return first_refusal;
}

std::optional<std::string> ConfiguredCarrier(const std::vector<CarrierRule>& rules,
                                             std::string_view code) {
  for (const CarrierRule& rule : rules) {
    if (SameIgnoringCase(rule.carrier, code)) {
      return rule.carrier;
    }
  }
  return std::nullopt;
}

std::vector<std::string> ConfiguredCarriers(const std::vector<CarrierRule>& rules) {
  std::vector<std::string> carriers;
  for (const CarrierRule& rule : rules) {
    if (!Contains(carriers, rule.carrier)) {
      carriers.push_back(rule.carrier);
    }
  }
  return carriers;
}

std::string CarrierName(const std::vector<CarrierRule>& rules, const std::string& carrier) {
  for (const CarrierRule& rule : rules) {
    if (rule.carrier == carrier && !rule.name.empty()) {
      return rule.name;
    }
  }
  return carrier;
}

std::vector<CarrierRule> DefaultCarrierRules() {
  const std::vector<std::string> network = {"economy", "standard"};
  const std::vector<std::string> far = {"西藏自治区", "新疆维吾尔自治区"};
  return {
      {"ZTO", "中通快递", {}, far, network, 0, 79, 30000, 800, 300, true},
      {"YTO", "圆通速递", {}, far, network, 0, 79, 30000, 850, 300, true},
      {"JD", "京东物流", {}, {}, {}, 0, 100, 50000, 1500, 400, true},
      {"SF", "顺丰速运", {}, {}, {}, 0, 100, 50000, 1800, 500, true},
  };
}

void ValidateCarrierRules(const std::vector<CarrierRule>& rules, std::vector<FieldError>& errors) {
  if (rules.size() > kMaxRules) {
    errors.push_back({"carrier_rules", Code::kInvalidValue, "at most 100 carrier rules"});
    return;
  }
  const std::vector<std::string>& services = ShippingServices();
  for (size_t i = 0; i < rules.size(); ++i) {
    const CarrierRule& rule = rules[i];
    const std::string at = "carrier_rules[" + std::to_string(i) + "].";
    if (!IsValidCode(rule.carrier) || rule.carrier.size() > 16) {
      errors.push_back({at + "carrier", Code::kInvalidValue,
                        "carrier must be 1-16 characters of A-Z a-z 0-9 - _ ."});
    }
    if (rule.name.empty() || rule.name.size() > 100) {
      errors.push_back({at + "name", Code::kInvalidValue, "name must be 1-100 bytes"});
    }
    if (rule.min_priority < 0 || rule.min_priority > 100) {
      errors.push_back({at + "min_priority", Code::kInvalidValue, "min_priority must be 0..100"});
    }
    if (rule.max_priority < 0 || rule.max_priority > 100 || rule.max_priority < rule.min_priority) {
      errors.push_back({at + "max_priority", Code::kInvalidValue,
                        "max_priority must be 0..100 and not below min_priority"});
    }
    if (rule.max_weight_g <= 0 || rule.max_weight_g > kMaxWeightG) {
      errors.push_back({at + "max_weight_g", Code::kInvalidValue,
                        "max_weight_g must be 1.." + std::to_string(kMaxWeightG)});
    }
    if (rule.first_kg_amount < 0 || rule.first_kg_amount > kMaxAmount) {
      errors.push_back({at + "first_kg_amount", Code::kInvalidValue,
                        "must be 0.." + std::to_string(kMaxAmount)});
    }
    if (rule.extra_kg_amount < 0 || rule.extra_kg_amount > kMaxAmount) {
      errors.push_back({at + "extra_kg_amount", Code::kInvalidValue,
                        "must be 0.." + std::to_string(kMaxAmount)});
    }
    for (size_t s = 0; s < rule.services.size(); ++s) {
      if (!Contains(services, rule.services[s])) {
        errors.push_back({at + "services[" + std::to_string(s) + "]", Code::kInvalidValue,
                          "unknown shipping service " + rule.services[s]});
      }
    }
  }
}

std::string PreferredCarrier(const std::vector<CarrierRule>& rules, const Order& order) {
  const CarrierRequest request{order.consignee.address.province, order.expected_weight_g(),
                               order.shipping_service, order.priority};
  Result<CarrierChoice> choice = ChooseCarrier(rules, request);
  return choice.ok() ? choice->carrier : std::string();
}

}  // namespace ordo
