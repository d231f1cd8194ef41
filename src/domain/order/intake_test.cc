#include "domain/order/intake.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ordo {
namespace {

Sku MakeSku(std::string code, int64_t price_amount, int64_t weight_g, Quantity min_quantity = 1,
            Quantity step_quantity = 1) {
  Sku sku;
  sku.code = std::move(code);
  sku.name = "name of " + sku.code;
  sku.spec = "500g";
  sku.price_amount = price_amount;
  sku.weight_g = weight_g;
  sku.min_quantity = min_quantity;
  sku.step_quantity = step_quantity;
  return sku;
}

// TEA-001 66.00 CNY, 500 g; CUP-002 12.50 CNY, 200 g, sold from 4 in pairs; OLD-003 not for sale;
// USD-004 priced in dollars.
std::map<std::string, Sku> Catalog() {
  std::map<std::string, Sku> catalog;
  catalog["TEA-001"] = MakeSku("TEA-001", 6600, 500);
  catalog["CUP-002"] = MakeSku("CUP-002", 1250, 200, 4, 2);
  Sku old = MakeSku("OLD-003", 100, 10);
  old.sellable = false;
  catalog["OLD-003"] = old;
  Sku dollars = MakeSku("USD-004", 999, 10);
  dollars.currency = Currency::Of("USD");
  catalog["USD-004"] = dollars;
  return catalog;
}

Timestamp Now() {
  return Timestamp{ParseDate("2026-11-20")->unix_ms + 2 * 3600000};
}

// A valid online order for 2 × TEA-001 and 4 × CUP-002: 132.00 + 50.00 = 182.00 CNY.
NewOrder ValidOrder() {
  NewOrder order;
  order.channel = "web";
  order.external_id = "TB-0001";
  order.customer = Customer{"M-1", "张三", "13812345678"};
  order.consignee.name = "李四";
  order.consignee.phone = "+86 139-0000-1111";
  order.consignee.address =
      Address{"上海市", "上海市", "浦东新区", "世纪大道100号8栋801室", "310115"};
  order.lines = {NewOrderLine{"TEA-001", 2, std::nullopt, ""},
                 NewOrderLine{"CUP-002", 4, std::nullopt, ""}};
  order.payment_method = "online";
  order.total_amount = 18200;
  return order;
}

std::string ErrorsText(const Status& status) {
  return status.ToString();
}

// Builds `input` and expects exactly one field error, at `field` with `code`.
void ExpectOnlyError(const NewOrder& input, const std::string& field, Code code) {
  const Result<Order> result = BuildOrder(input, Catalog(), Now());
  ASSERT_FALSE(result.ok()) << "built an order; expected " << field << " " << CodeName(code);
  EXPECT_EQ(result.status().kind(), Kind::kInvalid);
  EXPECT_EQ(result.status().code(), Code::kValidationFailed);
  ASSERT_EQ(result.status().field_errors().size(), 1u) << ErrorsText(result.status());
  EXPECT_EQ(result.status().field_errors()[0].field, field) << ErrorsText(result.status());
  EXPECT_EQ(result.status().field_errors()[0].code, code) << ErrorsText(result.status());
  EXPECT_FALSE(result.status().field_errors()[0].message.empty());
}

// --- A valid order ------------------------------------------------------------------------------

TEST(Intake, ValidOnlineOrderBuildsPricedAndWeighedFromTheCatalogue) {
  const Result<Order> result = BuildOrder(ValidOrder(), Catalog(), Now());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const Order& order = *result;
  EXPECT_EQ(order.status, OrderStatus::kPendingPayment);
  EXPECT_EQ(order.payment_status, PaymentStatus::kUnpaid);
  EXPECT_EQ(order.payment_method, PaymentMethod::kOnline);
  EXPECT_EQ(order.total_amount, 18200);
  EXPECT_EQ(order.paid_amount, 0);
  EXPECT_EQ(order.currency, Currency::Of("CNY"));
  EXPECT_EQ(order.channel, "web");
  EXPECT_EQ(order.external_id, "TB-0001");
  EXPECT_EQ(order.created_at, Now());
  EXPECT_EQ(order.updated_at, Now());
  EXPECT_EQ(order.version, 1);
  EXPECT_FALSE(order.id.valid());
  EXPECT_TRUE(order.order_no.empty());
  ASSERT_EQ(order.lines.size(), 2u);
  EXPECT_EQ(order.lines[0].line_no, 1);
  EXPECT_EQ(order.lines[0].sku, "TEA-001");
  EXPECT_EQ(order.lines[0].name, "name of TEA-001");
  EXPECT_EQ(order.lines[0].spec, "500g");
  EXPECT_EQ(order.lines[0].quantity, 2);
  EXPECT_EQ(order.lines[0].unit_price_amount, 6600);
  EXPECT_EQ(order.lines[0].weight_g, 500);
  EXPECT_FALSE(order.lines[0].price_overridden);
  EXPECT_EQ(order.lines[0].quantity_reserved, 0);
  EXPECT_TRUE(order.lines[0].allocations.empty());
  EXPECT_EQ(order.lines[1].line_no, 2);
  EXPECT_EQ(order.lines[1].unit_price_amount, 1250);
  EXPECT_EQ(order.lines[1].line_amount(), 5000);
  EXPECT_EQ(order.expected_weight_g(), 2 * 500 + 4 * 200);
}

TEST(Intake, PhonesAreStoredInCanonicalForm) {
  const Result<Order> result = BuildOrder(ValidOrder(), Catalog(), Now());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->customer.phone, "13812345678");
  EXPECT_EQ(result->consignee.phone, "13900001111");
}

TEST(Intake, TotalAmountMayBeOmitted) {
  NewOrder input = ValidOrder();
  input.total_amount.reset();
  const Result<Order> result = BuildOrder(input, Catalog(), Now());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->total_amount, 18200);
}

TEST(Intake, CashOnDeliveryOrderEntersAtPendingReview) {
  NewOrder input = ValidOrder();
  input.payment_method = "cod";
  const Result<Order> result = BuildOrder(input, Catalog(), Now());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->status, OrderStatus::kPendingReview);
  EXPECT_EQ(result->payment_status, PaymentStatus::kCodPending);
  EXPECT_EQ(result->payment_method, PaymentMethod::kCod);
}

TEST(Intake, PriceOverrideWithAReasonIsAcceptedAndMarked) {
  NewOrder input = ValidOrder();
  input.lines[0].unit_price_amount = 6000;
  input.lines[0].price_override_reason = "compensation for a late parcel";
  input.total_amount = 2 * 6000 + 5000;
  const Result<Order> result = BuildOrder(input, Catalog(), Now());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->lines[0].unit_price_amount, 6000);
  EXPECT_TRUE(result->lines[0].price_overridden);
  EXPECT_FALSE(result->lines[1].price_overridden);
  EXPECT_EQ(result->total_amount, 17000);
}

TEST(Intake, GivenPriceEqualToTheCatalogueIsNotAnOverride) {
  NewOrder input = ValidOrder();
  input.lines[0].unit_price_amount = 6600;
  const Result<Order> result = BuildOrder(input, Catalog(), Now());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_FALSE(result->lines[0].price_overridden);
}

TEST(Intake, OrderCarriesClassificationAndShippingDetails) {
  NewOrder input = ValidOrder();
  input.shipping_service = "express";
  input.buyer_note = "请周末送";
  const Result<Order> result = BuildOrder(input, Catalog(), Now());
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->shipping_service, "express");
  EXPECT_EQ(result->buyer_note, "请周末送");
  EXPECT_EQ(result->priority, 80);
  EXPECT_EQ(result->order_class, "expedited");
}

// --- Required fields ----------------------------------------------------------------------------

TEST(Intake, EachMissingRequiredFieldIsReportedByItsPath) {
  struct Case {
    std::string field;
    void (*clear)(NewOrder&);
  };
  const Case cases[] = {
      {"channel", [](NewOrder& o) { o.channel.clear(); }},
      {"external_id", [](NewOrder& o) { o.external_id.clear(); }},
      {"customer.name", [](NewOrder& o) { o.customer.name.clear(); }},
      {"customer.phone", [](NewOrder& o) { o.customer.phone.clear(); }},
      {"consignee.name", [](NewOrder& o) { o.consignee.name.clear(); }},
      {"consignee.phone", [](NewOrder& o) { o.consignee.phone.clear(); }},
      {"payment_method", [](NewOrder& o) { o.payment_method.clear(); }},
      {"lines", [](NewOrder& o) { o.lines.clear(); }},
      {"lines[1].sku", [](NewOrder& o) { o.lines[1].sku.clear(); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.field);
    NewOrder input = ValidOrder();
    c.clear(input);
    ExpectOnlyError(input, c.field, Code::kRequired);
  }
}

TEST(Intake, AnIncompleteAddressIsAcceptedAsGivenForReviewToHold) {
  // A platform cannot re-send its customer's order: the address_incomplete review rule holds it.
  for (void (*edit)(Address&) : {
           +[](Address& a) { a.detail.clear(); },
           +[](Address& a) { a.detail = "华新镇王家村"; },
           +[](Address& a) { a.province.clear(); },
           +[](Address& a) { a.city = "火星市"; },
           +[](Address& a) { a.district.clear(); },
       }) {
    NewOrder input = ValidOrder();
    edit(input.consignee.address);
    const Result<Order> order = BuildOrder(input, Catalog(), Now());
    ASSERT_TRUE(order.ok()) << ErrorsText(order.status());
    EXPECT_EQ(order->consignee.address.detail, input.consignee.address.detail);
    EXPECT_EQ(order->consignee.address.city, input.consignee.address.city);
  }
}

TEST(Intake, OverlongTextIsInvalid) {
  NewOrder input = ValidOrder();
  input.customer.name = std::string(501, 'a');
  ExpectOnlyError(input, "customer.name", Code::kInvalidValue);
  NewOrder note = ValidOrder();
  note.buyer_note = std::string(2001, 'x');
  ExpectOnlyError(note, "buyer_note", Code::kInvalidValue);
}

// --- Phones and addresses -----------------------------------------------------------------------

TEST(Intake, APhoneThatIsNotAMainlandMobileIsKeptAsGivenForReviewToFlag) {
  NewOrder input = ValidOrder();
  input.customer.phone = "12812345678";
  input.consignee.phone = " 021-5888-1234 ";
  const Result<Order> order = BuildOrder(input, Catalog(), Now());
  ASSERT_TRUE(order.ok()) << ErrorsText(order.status());
  EXPECT_EQ(order->customer.phone, "12812345678");
  EXPECT_EQ(order->consignee.phone, "021-5888-1234");
}

TEST(Intake, AnOverlongPhoneOrAddressPartIsInvalid) {
  NewOrder input = ValidOrder();
  input.consignee.phone = std::string(41, '1');
  ExpectOnlyError(input, "consignee.phone", Code::kInvalidValue);
  NewOrder address = ValidOrder();
  address.consignee.address.detail = std::string(501, 'x');
  ExpectOnlyError(address, "consignee.address.detail", Code::kInvalidValue);
}

TEST(Intake, MalformedDivisionCodeIsRefused) {
  for (std::string code : {"31011", "3101150", "31O115"}) {
    SCOPED_TRACE(code);
    NewOrder input = ValidOrder();
    input.consignee.address.division_code = code;
    ExpectOnlyError(input, "consignee.address.division_code", Code::kInvalidValue);
  }
}

TEST(Intake, DivisionCodeIsOptional) {
  NewOrder input = ValidOrder();
  input.consignee.address.division_code.clear();
  EXPECT_TRUE(BuildOrder(input, Catalog(), Now()).ok());
}

TEST(NormalizeMobile, AcceptsMainlandMobilesInCommonSpellings) {
  const std::pair<std::string, std::string> cases[] = {
      {"13812345678", "13812345678"},    {"+86 138-1234-5678", "13812345678"},
      {"+8613812345678", "13812345678"}, {"8613812345678", "13812345678"},
      {"138 1234 5678", "13812345678"},  {"19912345678", "19912345678"},
  };
  for (const auto& [text, canonical] : cases) {
    const std::optional<std::string> normal = NormalizeMobile(text);
    ASSERT_TRUE(normal.has_value()) << text;
    EXPECT_EQ(*normal, canonical) << text;
  }
}

TEST(NormalizeMobile, RefusesWhatIsNotAMainlandMobile) {
  for (std::string_view text :
       {"", "12812345678", "10812345678", "23812345678", "1381234567", "138123456789",
        "+13812345678", "+85212345678", "138-1234-567a", "(138)12345678", "138.1234.5678",
        "1+3812345678", "+86 128 1234 5678", "021-58881234"}) {
    EXPECT_FALSE(NormalizeMobile(text).has_value()) << "'" << text << "'";
  }
}

TEST(IsPreciseAddressDetail, NeedsANumberAndAHouseMarker) {
  for (std::string_view detail :
       {"世纪大道100号", "幸福小区3栋2单元501室", "长寿路十二弄", "人民路18号楼", "光明村五组",
        "Room 801, No. 100 Century Avenue"}) {
    EXPECT_TRUE(IsPreciseAddressDetail(detail)) << detail;
  }
  for (std::string_view detail :
       {"", "浦东新区世纪大道", "世纪大道100", "小区门口", "Century Avenue", "12", "1A"}) {
    EXPECT_FALSE(IsPreciseAddressDetail(detail)) << detail;
  }
}

// --- Lines against the catalogue ----------------------------------------------------------------

TEST(Intake, UnknownSkuIsReportedOnItsLine) {
  NewOrder input = ValidOrder();
  input.lines[1].sku = "NOPE-999";
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[1].sku", Code::kUnknownSku);
}

TEST(Intake, UnsellableSkuIsRefused) {
  NewOrder input = ValidOrder();
  input.lines[0] = NewOrderLine{"OLD-003", 1, std::nullopt, ""};
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[0].sku", Code::kSkuNotSellable);
}

TEST(Intake, SkuPricedInAnotherCurrencyIsRefused) {
  NewOrder input = ValidOrder();
  input.lines[0] = NewOrderLine{"USD-004", 1, std::nullopt, ""};
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[0].sku", Code::kCurrencyMismatch);
}

TEST(Intake, QuantityBelowTheSkuMinimumIsRefused) {
  NewOrder input = ValidOrder();
  input.lines[1].quantity = 2;
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[1].quantity", Code::kQuantityBelowMinimum);
}

TEST(Intake, QuantityNotAMultipleOfTheStepIsRefused) {
  NewOrder input = ValidOrder();
  input.lines[1].quantity = 5;
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[1].quantity", Code::kQuantityNotMultipleOfStep);
}

TEST(Intake, NonPositiveOrHugeQuantityIsInvalid) {
  for (Quantity quantity : {Quantity{0}, Quantity{-2}, Quantity{1000001}}) {
    SCOPED_TRACE(quantity);
    NewOrder input = ValidOrder();
    input.lines[0].quantity = quantity;
    input.total_amount.reset();
    ExpectOnlyError(input, "lines[0].quantity", Code::kInvalidValue);
  }
}

TEST(Intake, PriceDifferentFromTheCatalogueNeedsAnOverrideReason) {
  NewOrder input = ValidOrder();
  input.lines[0].unit_price_amount = 6000;
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[0].unit_price_amount", Code::kPriceMismatch);
}

TEST(Intake, NegativePriceIsInvalidEvenWithAReason) {
  NewOrder input = ValidOrder();
  input.lines[0].unit_price_amount = -1;
  input.lines[0].price_override_reason = "refund";
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[0].unit_price_amount", Code::kInvalidValue);
}

TEST(Intake, TotalThatDoesNotAddUpIsRefused) {
  for (int64_t total : {int64_t{18199}, int64_t{18201}, int64_t{0}}) {
    SCOPED_TRACE(total);
    NewOrder input = ValidOrder();
    input.total_amount = total;
    ExpectOnlyError(input, "total_amount", Code::kTotalMismatch);
  }
}

TEST(Intake, SameSkuOnTwoLinesIsADuplicateLine) {
  NewOrder input = ValidOrder();
  input.lines.push_back(NewOrderLine{"TEA-001", 1, std::nullopt, ""});
  input.total_amount.reset();
  ExpectOnlyError(input, "lines[2].sku", Code::kDuplicateLine);
}

TEST(Intake, MoreThanTwoHundredLinesIsInvalid) {
  NewOrder input = ValidOrder();
  input.lines.assign(201, NewOrderLine{"TEA-001", 1, std::nullopt, ""});
  input.total_amount.reset();
  ExpectOnlyError(input, "lines", Code::kInvalidValue);
}

TEST(Intake, TotalThatOverflowsIsInvalid) {
  std::map<std::string, Sku> catalog = Catalog();
  catalog["GOLD-005"] = MakeSku("GOLD-005", int64_t{1} << 60, 10);
  NewOrder input = ValidOrder();
  input.lines = {NewOrderLine{"GOLD-005", 1000, std::nullopt, ""}};
  input.total_amount.reset();
  const Result<Order> result = BuildOrder(input, catalog, Now());
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.status().field_errors().size(), 1u);
  EXPECT_EQ(result.status().field_errors()[0].field, "lines");
  EXPECT_EQ(result.status().field_errors()[0].code, Code::kInvalidValue);
}

// --- Other fields -------------------------------------------------------------------------------

TEST(Intake, UnknownPaymentMethodIsInvalid) {
  for (std::string method : {"cash", "COD", "alipay"}) {
    SCOPED_TRACE(method);
    NewOrder input = ValidOrder();
    input.payment_method = method;
    ExpectOnlyError(input, "payment_method", Code::kInvalidValue);
  }
}

TEST(Intake, UnknownShippingServiceIsInvalid) {
  for (std::string service : {"", "overnight", "Express"}) {
    SCOPED_TRACE(service);
    NewOrder input = ValidOrder();
    input.shipping_service = service;
    ExpectOnlyError(input, "shipping.service", Code::kInvalidValue);
  }
}

TEST(Intake, EveryListedShippingServiceIsAccepted) {
  for (const std::string& service : ShippingServices()) {
    NewOrder input = ValidOrder();
    input.shipping_service = service;
    EXPECT_TRUE(BuildOrder(input, Catalog(), Now()).ok()) << service;
  }
}

TEST(Intake, MalformedOccasionDateIsInvalid) {
  for (std::string date : {"2026-13-01", "2026-11-00", "22/11/2026", "2026-11-2", "tomorrow", ""}) {
    SCOPED_TRACE(date);
    NewOrder input = ValidOrder();
    input.occasion_date = date;
    ExpectOnlyError(input, "occasion_date", Code::kInvalidValue);
  }
}

TEST(Intake, MalformedCurrencyIsInvalid) {
  for (std::string currency : {"", "cny", "RMB1", "元"}) {
    SCOPED_TRACE(currency);
    NewOrder input = ValidOrder();
    input.currency = currency;
    ExpectOnlyError(input, "currency", Code::kInvalidValue);
  }
}

TEST(Intake, EveryErrorIsReportedAtOnce) {
  NewOrder input = ValidOrder();
  input.customer.phone.clear();
  input.consignee.address.division_code = "31O115";
  input.payment_method = "cash";
  input.shipping_service = "teleport";
  input.occasion_date = "soon";
  input.lines[0].sku = "NOPE-999";
  input.lines[1].quantity = 3;
  const Result<Order> result = BuildOrder(input, Catalog(), Now());
  ASSERT_FALSE(result.ok());
  const std::vector<std::pair<std::string, Code>> expected = {
      {"customer.phone", Code::kRequired},
      {"consignee.address.division_code", Code::kInvalidValue},
      {"payment_method", Code::kInvalidValue},
      {"shipping.service", Code::kInvalidValue},
      {"occasion_date", Code::kInvalidValue},
      {"lines[0].sku", Code::kUnknownSku},
      {"lines[1].quantity", Code::kQuantityBelowMinimum},
  };
  std::vector<std::pair<std::string, Code>> actual;
  for (const FieldError& error : result.status().field_errors()) {
    actual.emplace_back(error.field, error.code);
  }
  EXPECT_EQ(actual, expected) << result.status().ToString();
}

TEST(Intake, TotalIsNotComparedWhileLinesAreInvalid) {
  NewOrder input = ValidOrder();
  input.lines[1].quantity = 5;  // Not a multiple of 2; the stated total no longer adds up either.
  ExpectOnlyError(input, "lines[1].quantity", Code::kQuantityNotMultipleOfStep);
}

// --- Classification -----------------------------------------------------------------------------

NewOrder WithService(std::string service, std::optional<std::string> occasion = std::nullopt) {
  NewOrder input = ValidOrder();
  input.shipping_service = std::move(service);
  input.occasion_date = std::move(occasion);
  return input;
}

TEST(Classify, ServiceLevelsRankSameDayExpressStandardEconomy) {
  const Classification same_day = Classify(WithService("same_day"), Now());
  const Classification next_day = Classify(WithService("next_day"), Now());
  const Classification express = Classify(WithService("express"), Now());
  const Classification standard = Classify(WithService("standard"), Now());
  const Classification economy = Classify(WithService("economy"), Now());
  EXPECT_GT(same_day.priority, express.priority);
  EXPECT_EQ(next_day.priority, express.priority);
  EXPECT_GT(express.priority, standard.priority);
  EXPECT_GT(standard.priority, economy.priority);
  EXPECT_EQ(same_day.order_class, "expedited");
  EXPECT_EQ(express.order_class, "expedited");
  EXPECT_EQ(standard.order_class, "standard");
  EXPECT_EQ(economy.order_class, "economy");
  EXPECT_EQ(standard.priority, 50);
}

TEST(Classify, OccasionWithinThreeDaysIsHighPriority) {
  const Classification soon = Classify(WithService("standard", "2026-11-22"), Now());
  EXPECT_EQ(soon.order_class, "occasion");
  EXPECT_GT(soon.priority, Classify(WithService("express"), Now()).priority);
  EXPECT_LT(soon.priority, Classify(WithService("same_day"), Now()).priority);
}

TEST(Classify, OccasionExactlyThreeDaysAheadIsStillHigh) {
  const Timestamp midnight = *ParseDate("2026-11-20");
  const Classification three = Classify(WithService("standard", "2026-11-23"), midnight);
  const Classification four = Classify(WithService("standard", "2026-11-24"), midnight);
  EXPECT_EQ(three.order_class, "occasion");
  EXPECT_GT(three.priority, four.priority);
  EXPECT_EQ(four.order_class, "occasion");
}

TEST(Classify, DistantOccasionRaisesStandardAndEconomyButNotExpress) {
  const Classification standard = Classify(WithService("standard", "2026-12-24"), Now());
  EXPECT_EQ(standard.order_class, "occasion");
  EXPECT_GT(standard.priority, 50);
  const Classification economy = Classify(WithService("economy", "2026-12-24"), Now());
  EXPECT_EQ(economy.order_class, "occasion");
  EXPECT_EQ(economy.priority, standard.priority);
  const Classification express = Classify(WithService("express", "2026-12-24"), Now());
  EXPECT_EQ(express.order_class, "expedited");
  EXPECT_EQ(express.priority, Classify(WithService("express"), Now()).priority);
}

TEST(Classify, SameDayOutranksANearOccasion) {
  const Classification result = Classify(WithService("same_day", "2026-11-21"), Now());
  EXPECT_EQ(result.order_class, "expedited");
  EXPECT_EQ(result.priority, Classify(WithService("same_day"), Now()).priority);
}

TEST(Classify, StoreReplenishmentRanksAboveStandardButBelowUrgentOrders) {
  NewOrder store = WithService("standard");
  store.channel = "store";
  const Classification result = Classify(store, Now());
  EXPECT_EQ(result.order_class, "store_replenishment");
  EXPECT_GT(result.priority, 50);
  NewOrder express = WithService("express");
  express.channel = "store";
  EXPECT_EQ(Classify(express, Now()).order_class, "expedited");
}

TEST(Classify, MalformedOccasionIsIgnored) {
  const Classification result = Classify(WithService("standard", "not a date"), Now());
  EXPECT_EQ(result.order_class, "standard");
  EXPECT_EQ(result.priority, 50);
}

TEST(Intake, ClassificationPlacesANearOccasionOrderAheadOfExpress) {
  const Result<Order> occasion =
      BuildOrder(WithService("standard", "2026-11-21"), Catalog(), Now());
  const Result<Order> express = BuildOrder(WithService("express"), Catalog(), Now());
  ASSERT_TRUE(occasion.ok()) << occasion.status().ToString();
  ASSERT_TRUE(express.ok());
  EXPECT_EQ(occasion->order_class, "occasion");
  ASSERT_TRUE(occasion->occasion_date.has_value());
  EXPECT_EQ(*occasion->occasion_date, "2026-11-21");
  EXPECT_GT(occasion->priority, express->priority);
}

}  // namespace
}  // namespace ordo
