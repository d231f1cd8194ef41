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

TEST(AddressIncomplete, AVillageWithoutAHouseNumberIsHeldForConfirmation) {
  for (const std::string detail : {"华新镇王家村", "", "无", "暂无 "}) {
    Fixture fixture;
    fixture.order.consignee.address.detail = detail;
    EXPECT_EQ(CheckAddressIncomplete(fixture.Context()).size(), 1u) << "'" << detail << "'";
  }
}

TEST(AddressIncomplete, RealPlaceNamesContainingPlaceholderCharactersPass) {
  for (const std::string detail : {"无锡路18号", "无量山街3号楼2单元", "空港大道1号"}) {
    Fixture fixture;
    fixture.order.consignee.address.detail = detail;
    EXPECT_TRUE(CheckAddressIncomplete(fixture.Context()).empty()) << detail;
  }
  Fixture wuxi;
  wuxi.order.consignee.address = {"江苏省", "无锡市", "梁溪区", "中山路1号", ""};
  EXPECT_TRUE(CheckAddressIncomplete(wuxi.Context()).empty());
}

TEST(AddressIncomplete, AnUnknownProvinceOrCityIsHeld) {
  const Address cases[] = {
      {"火星省", "上海市", "浦东新区", "世纪大道100号", ""},
      {"江苏省", "江苏省", "玄武区", "中山路1号", ""},
      {"江苏省", "玄武", "玄武区", "中山路1号", ""},
      {"上海市", "苏州市", "姑苏区", "人民路1号", ""},
  };
  for (const Address& address : cases) {
    Fixture fixture;
    fixture.order.consignee.address = address;
    const std::vector<RuleHit> hits = CheckAddressIncomplete(fixture.Context());
    ASSERT_EQ(hits.size(), 1u) << address.province << address.city;
    EXPECT_EQ(hits[0].explanation.find(address.province + address.city), std::string::npos);
  }
  const Address known[] = {
      {"广西", "南宁市", "青秀区", "民族大道1号", ""},
      {"上海", "上海市", "浦东新区", "世纪大道100号", ""},
      {"湖北省", "恩施土家族苗族自治州", "恩施市", "舞阳大街1号", ""},
      {"内蒙古自治区", "锡林郭勒盟", "锡林浩特市", "那达慕大街1号", ""},
      {"广东省", "东莞市", "虎门镇", "连升路1号", ""},
  };
  for (const Address& address : known) {
    Fixture fixture;
    fixture.order.consignee.address = address;
    EXPECT_TRUE(CheckAddressIncomplete(fixture.Context()).empty()) << address.city;
  }
}

}  // namespace
}  // namespace ordo
