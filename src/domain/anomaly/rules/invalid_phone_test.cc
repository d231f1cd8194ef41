#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(InvalidPhone, AnOrdinaryNumberPasses) {
  Fixture fixture;
  fixture.order.consignee.phone = "13912345670";  // seven in a row, not eight
  EXPECT_TRUE(CheckInvalidPhone(fixture.Context()).empty());
}

TEST(InvalidPhone, RepeatedOrSequentialDigitsAreFlaggedPerField) {
  Fixture fixture;
  fixture.order.consignee.phone = "13888888888";
  std::vector<RuleHit> hits = CheckInvalidPhone(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].subject, "consignee.phone");
  EXPECT_EQ(hits[0].explanation.find("13888888888"), std::string::npos) << "never the number";
  fixture.order.customer.phone = "13812345678";
  fixture.order.consignee.phone = "13987654321";
  hits = CheckInvalidPhone(fixture.Context());
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].subject, "customer.phone");
}

TEST(InvalidPhone, ANumberThatIsNotAMainlandMobileIsFlaggedForConfirmation) {
  for (const std::string phone : {"021-5888-1234", "13812345678-1234", "1381234567"}) {
    Fixture fixture;
    fixture.order.consignee.phone = phone;
    const std::vector<RuleHit> hits = CheckInvalidPhone(fixture.Context());
    ASSERT_EQ(hits.size(), 1u) << phone;
    EXPECT_EQ(hits[0].subject, "consignee.phone");
    EXPECT_NE(hits[0].explanation.find("not a mainland mobile"), std::string::npos);
    EXPECT_EQ(hits[0].explanation.find(phone), std::string::npos) << "never the number";
  }
}

}  // namespace
}  // namespace ordo
