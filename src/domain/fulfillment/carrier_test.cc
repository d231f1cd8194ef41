#include "domain/fulfillment/carrier.h"

#include <gtest/gtest.h>

#include <limits>

namespace ordo {
namespace {

CarrierRequest Parcel(std::string province, int64_t weight_g, std::string service = "standard",
                      int priority = 50) {
  return CarrierRequest{std::move(province), weight_g, std::move(service), priority};
}

TEST(CarrierRule, CostsTheFirstKilogramPlusEachFurtherKilogramOrPart) {
  CarrierRule rule;
  rule.first_kg_amount = 800;
  rule.extra_kg_amount = 300;
  EXPECT_EQ(rule.CostAmount(0), 800);
  EXPECT_EQ(rule.CostAmount(1000), 800);
  EXPECT_EQ(rule.CostAmount(1001), 1100);
  EXPECT_EQ(rule.CostAmount(3000), 1400);
  EXPECT_EQ(rule.CostAmount(3001), 1700);
}

TEST(CarrierRule, ATariffTooLargeForInt64SaturatesInsteadOfOverflowing) {
  // Found by fuzzing: carrier costs of INT64_MAX overflowed when a wave priced its parcels.
  CarrierRule rule;
  rule.first_kg_amount = std::numeric_limits<int64_t>::max();
  rule.extra_kg_amount = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(rule.CostAmount(500), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(rule.CostAmount(30000), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(rule.CostAmount(std::numeric_limits<int64_t>::max()),
            std::numeric_limits<int64_t>::max());
}

TEST(ChooseCarrier, TheCheapestEligibleRuleWinsAndSaysWhy) {
  auto choice = ChooseCarrier(DefaultCarrierRules(), Parcel("上海市", 1040));
  ASSERT_TRUE(choice.ok()) << choice.status().ToString();
  EXPECT_EQ(choice->carrier, "ZTO");
  EXPECT_EQ(choice->name, "中通快递");
  EXPECT_EQ(choice->cost_amount, 1100);
  EXPECT_NE(choice->reason.find("cheapest of 4 eligible"), std::string::npos) << choice->reason;
  EXPECT_NE(choice->reason.find("YTO 1150 fen"), std::string::npos) << choice->reason;
}

TEST(ChooseCarrier, ServiceLevelAndPriorityNarrowTheChoice) {
  auto express = ChooseCarrier(DefaultCarrierRules(), Parcel("上海市", 500, "express", 80));
  ASSERT_TRUE(express.ok());
  EXPECT_EQ(express->carrier, "JD");
  EXPECT_NE(express->reason.find("ZTO no express service"), std::string::npos) << express->reason;
  // A standard parcel of an urgent order (priority 85: an occasion) is not for the network
  // carriers either.
  auto urgent = ChooseCarrier(DefaultCarrierRules(), Parcel("上海市", 500, "standard", 85));
  ASSERT_TRUE(urgent.ok());
  EXPECT_EQ(urgent->carrier, "JD");
}

TEST(ChooseCarrier, ProvincesAndWeightLimitsExclude) {
  auto far = ChooseCarrier(DefaultCarrierRules(), Parcel("新疆维吾尔自治区", 500));
  ASSERT_TRUE(far.ok());
  EXPECT_EQ(far->carrier, "JD");
  std::vector<CarrierRule> rules = {
      {"A", "甲", {"上海市"}, {}, {}, 0, 100, 5000, 500, 100, true},
      {"B", "乙", {}, {}, {}, 0, 100, 2000, 900, 100, true},
  };
  EXPECT_EQ(ChooseCarrier(rules, Parcel("上海市", 3000))->carrier, "A");
  EXPECT_EQ(ChooseCarrier(rules, Parcel("浙江省", 1500))->carrier, "B");
  auto none = ChooseCarrier(rules, Parcel("浙江省", 2500));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), Code::kNoEligibleCarrier);
  EXPECT_NE(none.status().message().find("A does not serve 浙江省"), std::string::npos)
      << none.status().message();
  EXPECT_NE(none.status().message().find("B 2500 g over its 2000 g limit"), std::string::npos)
      << none.status().message();
}

TEST(ChooseCarrier, TiesGoToTheRuleListedFirstAndDisabledRulesAreSkipped) {
  std::vector<CarrierRule> rules = {
      {"A", "甲", {}, {}, {}, 0, 100, 5000, 500, 100, false},
      {"B", "乙", {}, {}, {}, 0, 100, 5000, 700, 100, true},
      {"C", "丙", {}, {}, {}, 0, 100, 5000, 700, 100, true},
  };
  auto choice = ChooseCarrier(rules, Parcel("上海市", 100));
  ASSERT_TRUE(choice.ok());
  EXPECT_EQ(choice->carrier, "B");
  EXPECT_NE(choice->reason.find("A disabled"), std::string::npos) << choice->reason;
}

TEST(CarrierRules, InvalidRulesAreNamedFieldByField) {
  std::vector<CarrierRule> rules = DefaultCarrierRules();
  rules[1].carrier = "bad code!";
  rules[1].min_priority = 60;
  rules[1].max_priority = 40;
  rules[2].services = {"standard", "teleport"};
  rules[3].first_kg_amount = -1;
  // Costs and weights beyond any real tariff are refused where they enter (fuzzing found
  // INT64_MAX costs accepted).
  rules[0].extra_kg_amount = std::numeric_limits<int64_t>::max();
  rules[0].max_weight_g = std::numeric_limits<int64_t>::max();
  std::vector<FieldError> errors;
  ValidateCarrierRules(rules, errors);
  std::vector<std::string> fields;
  for (const FieldError& error : errors) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "carrier_rules[0].max_weight_g", "carrier_rules[0].extra_kg_amount",
                        "carrier_rules[1].carrier", "carrier_rules[1].max_priority",
                        "carrier_rules[2].services[1]", "carrier_rules[3].first_kg_amount"}));
  std::vector<FieldError> none;
  ValidateCarrierRules(DefaultCarrierRules(), none);
  EXPECT_TRUE(none.empty());
}

TEST(PlanBoxes, AHeavyParcelGoesInTheFewestBoxesACarrierTakes) {
  // 94 kg in four 23.5 kg units: no rule takes it whole; in two boxes of 47 kg JD does (the
  // network carriers stop at 30 kg).
  auto plan = PlanBoxes(DefaultCarrierRules(), Parcel("上海市", 0), 94000, 23500, 50, 20);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->boxes, 2);
  EXPECT_EQ(plan->box_weight_g, 47050);
  EXPECT_EQ(plan->choice.carrier, "JD");
  EXPECT_NE(plan->choice.reason.find("94000 g of goods in 2 boxes of up to 47050 g"),
            std::string::npos)
      << plan->choice.reason;
  auto light = PlanBoxes(DefaultCarrierRules(), Parcel("上海市", 0), 1000, 500, 50, 20);
  ASSERT_TRUE(light.ok());
  EXPECT_EQ((std::pair{light->boxes, light->choice.carrier}), (std::pair{1, std::string("ZTO")}));
  EXPECT_EQ(light->choice.reason.find("boxes"), std::string::npos) << "one box: nothing to say";
}

TEST(PlanBoxes, AUnitNoCarrierTakesCannotBeSplit) {
  auto plan = PlanBoxes(DefaultCarrierRules(), Parcel("上海市", 0), 120000, 60000, 50, 20);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), Code::kNoEligibleCarrier);
  EXPECT_NE(plan.status().message().find("120050 g"), std::string::npos)
      << "it says why not in one box: " << plan.status().message();
}

TEST(CarrierRules, NamesComeFromTheRules) {
  EXPECT_EQ(CarrierName(DefaultCarrierRules(), "SF"), "顺丰速运");
  EXPECT_EQ(CarrierName(DefaultCarrierRules(), "EMS"), "EMS");
}

// What PreferredCarrier reads of an order: the consignee's province and the expected weight
// (two 500 g units), with the default service and priority.
Order ShanghaiOrder() {
  Order order;
  order.consignee.address.province = "上海市";
  OrderLine line;
  line.quantity = 2;
  line.weight_g = 500;
  order.lines = {line};
  return order;
}

TEST(PreferredCarrier, ANewProvinceReselectsTheCarrier) {
  CarrierRule local{"YTO", "圆通", {"上海市"}, {}, {}, 0, 100, 30000, 800, 200, true};
  CarrierRule national{"SF", "顺丰", {}, {}, {}, 0, 100, 30000, 2300, 1000, true};
  const std::vector<CarrierRule> rules{local, national};
  Order order = ShanghaiOrder();
  EXPECT_EQ(PreferredCarrier(rules, order), "YTO");
  order.consignee.address.province = "新疆维吾尔自治区";
  EXPECT_EQ(PreferredCarrier(rules, order), "SF");
  EXPECT_EQ(PreferredCarrier({local}, order), "");  // nobody serves it
}

}  // namespace
}  // namespace ordo
