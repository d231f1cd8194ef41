#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(AddressIncomplete, APreciseAddressPasses) {
  Fixture fixture;
  EXPECT_TRUE(CheckAddressIncomplete(fixture.Context()).empty());
}

TEST(AddressIncomplete, PlaceholdersNumbersOnlyAndMissingPartsAreFlagged) {
  for (const std::string detail : {"测试地址1号", "101", "test road 5"}) {
    Fixture fixture;
    fixture.order.consignee.address.detail = detail;
    const std::vector<RuleHit> hits = CheckAddressIncomplete(fixture.Context());
    ASSERT_EQ(hits.size(), 1u) << detail;
    EXPECT_EQ(hits[0].explanation.find(detail), std::string::npos)
        << "the explanation never repeats the address";
  }
  Fixture fixture;
  fixture.order.consignee.address.district = "";
  EXPECT_EQ(CheckAddressIncomplete(fixture.Context()).size(), 1u);
}

}  // namespace
}  // namespace ordo
