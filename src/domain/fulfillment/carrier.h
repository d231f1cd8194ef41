// Carrier selection (domain.md LOG-1): configurable rules over the destination province, the
// parcel's weight, the shipping service and the order's priority, each with a tariff; the
// cheapest eligible rule wins and the choice is explained in words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/order/order.h"

namespace ordo {

// One way of shipping with one carrier. A carrier may have several rules (e.g. one tariff per
// group of provinces); each is judged on its own.
struct CarrierRule {
  std::string carrier;                 // code used on labels and tracking callbacks, e.g. "SF"
  std::string name;                    // printed on labels, e.g. "顺丰速运"
  std::vector<std::string> provinces;  // served; empty: every province
  std::vector<std::string> excluded_provinces;  // never served
  std::vector<std::string> services;            // shipping services; empty: every service
  int min_priority = 0;                         // orders of priority min..max only
  int max_priority = 100;
  int64_t max_weight_g = 30000;
  int64_t first_kg_amount = 0;  // fen for the first kilogram (or part of one)
  int64_t extra_kg_amount = 0;  // fen for each further kilogram or part
  bool enabled = true;

  // The tariff for a parcel of `weight_g` (0 and below count as one kilogram); INT64_MAX when it
  // does not fit in int64 (such a rule is never cheaper than a real one).
  int64_t CostAmount(int64_t weight_g) const;
};

struct CarrierRequest {
  std::string province;
  int64_t weight_g = 0;
  std::string service = "standard";
  int priority = 0;
};

struct CarrierChoice {
  std::string carrier;
  std::string name;
  int64_t cost_amount = 0;
  // Why, in a sentence: the winner's cost against the other eligible rules, and why the rest
  // were not eligible. Recorded with the shipment.
  std::string reason;
};

// The cheapest eligible rule for `request`; ties go to the rule listed first. Refuses with
// kConflict no_eligible_carrier, explaining each rule's exclusion, when none is eligible.
Result<CarrierChoice> ChooseCarrier(const std::vector<CarrierRule>& rules,
                                    const CarrierRequest& request);

// How a parcel goes out: with which carrier, in how many boxes.
struct BoxPlan {
  CarrierChoice choice;  // its reason also says the boxes
  int boxes = 1;
  int64_t box_weight_g = 0;  // the heaviest box expected, packaging included
};

// The fewest boxes (1..max_boxes) in which some rule takes the parcel (LOG-1 for heavy and
// bulky orders): the goods (`goods_g`) split evenly, no box lighter than the heaviest single
// unit (`unit_g`, which cannot be split), each box with `packaging_g` of packaging, by the
// cheapest eligible rule for that box weight; `request.weight_g` is ignored. kConflict
// no_eligible_carrier, explaining why not in one box, when even max_boxes do not do.
Result<BoxPlan> PlanBoxes(const std::vector<CarrierRule>& rules, CarrierRequest request,
                          int64_t goods_g, int64_t unit_g, int64_t packaging_g, int max_boxes);

// The carrier `code` names among those the rules configure, in the rules' own spelling, matched
// without regard to case ("zto" and "Zto" are "ZTO"); nullopt when no rule names it ("ZT0").
std::optional<std::string> ConfiguredCarrier(const std::vector<CarrierRule>& rules,
                                             std::string_view code);
// The carriers the rules configure, each once, in the order first named.
std::vector<std::string> ConfiguredCarriers(const std::vector<CarrierRule>& rules);

// The display name of `carrier` from the rules (the first rule naming it), else the code.
std::string CarrierName(const std::vector<CarrierRule>& rules, const std::string& carrier);

// Illustrative default tariffs for the four carriers the team uses: two network carriers for
// standard and economy parcels, two premium ones for every service.
std::vector<CarrierRule> DefaultCarrierRules();

// Field errors named "carrier_rules[i].field": a valid code, a name, priorities within 0..100
// with min <= max, a positive maximum weight, tariffs not negative, known services; at most 100
// rules.
void ValidateCarrierRules(const std::vector<CarrierRule>& rules, std::vector<FieldError>& errors);

// The carrier the rules would choose for `order` as it stands (its province, weight, service
// and priority), or "" when no rule is eligible.
std::string PreferredCarrier(const std::vector<CarrierRule>& rules, const Order& order);

}  // namespace ordo
