#include "http/dto.h"

#include <gtest/gtest.h>

namespace ordo::http {
namespace {

TEST(Masking, PhonesKeepTheirFirstThreeAndLastFourDigits) {
  EXPECT_EQ(MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(MaskPhone("12"), "**");
  EXPECT_EQ(MaskPhone("12345"), "1***5");
}

// Found by fuzzing (tests/fuzz/regressions/order_json/): a phone holding a multi-byte character
// was cut inside it, and the order's JSON answer was not valid UTF-8.
TEST(Masking, PhonesAreMaskedByCharacterNotByte) {
  EXPECT_EQ(MaskPhone("+8\xd3\x8arrency34-5678"), "+8\xd3\x8a****5678");
  EXPECT_EQ(MaskPhone("电话１２３４５"), "电话１****２３４５");
  EXPECT_EQ(MaskPhone("电话１２３"), "电***３");
  EXPECT_EQ(MaskPhone("电话"), "**");
}

TEST(Masking, NamesKeepTheirFirstCharacterEvenInChinese) {
  EXPECT_EQ(MaskName("张三"), "张*");
  EXPECT_EQ(MaskName("欧阳娜娜"), "欧***");
  EXPECT_EQ(MaskName("Alice"), "A****");
  EXPECT_EQ(MaskName("张"), "张*");
  EXPECT_EQ(MaskName(""), "");
}

TEST(Masking, AddressDetailsKeepOnlyTheirStart) {
  EXPECT_EQ(MaskDetail("世纪大道100号 8楼 801室"), "世纪大****");
}

TEST(Masking, OrdersShowPersonalDataOnlyWhenRevealed) {
  Order order;
  order.customer = {"m-1", "张三", "13812345678"};
  order.consignee = {"李四", "13987654321", {"上海市", "上海市", "浦东新区", "世纪大道100号", ""}};
  const std::string masked = boost::json::serialize(OrderToJson(order, false));
  for (const char* secret : {"13812345678", "13987654321", "张三", "李四", "世纪大道100号"}) {
    EXPECT_EQ(masked.find(secret), std::string::npos) << secret;
  }
  const std::string revealed = boost::json::serialize(OrderToJson(order, true));
  EXPECT_NE(revealed.find("13812345678"), std::string::npos);
  EXPECT_NE(revealed.find("世纪大道100号"), std::string::npos);
}

TEST(Dto, ParseNewOrderReportsTypeErrorsWithTheirPaths) {
  std::vector<FieldError> errors;
  const auto body = boost::json::parse(
      R"({"customer": "x", "consignee": {"address": {"detail": 5}},
          "lines": [{"sku": "A", "quantity": "two"}, 7]})").as_object();
  ParseNewOrder(body, errors);
  std::vector<std::string> fields;
  for (const FieldError& error : errors) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"customer", "consignee.address.detail",
                                               "lines[0].quantity", "lines[1]"}));
}

}  // namespace
}  // namespace ordo::http
