#include "domain/order/change.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "domain/order/money.h"

namespace ordo {
namespace {

using S = OrderStatus;

Sku SkuOf(std::string code, int64_t price, Quantity min = 1, Quantity step = 1) {
  Sku sku;
  sku.code = std::move(code);
  sku.name = sku.code;
  sku.price_amount = price;
  sku.min_quantity = min;
  sku.step_quantity = step;
  sku.weight_g = 500;
  sku.sellable = true;
  return sku;
}

std::map<std::string, Sku> Catalog() {
  std::map<std::string, Sku> catalog;
  catalog["TEA-001"] = SkuOf("TEA-001", 6600);
  catalog["CUP-002"] = SkuOf("CUP-002", 1000, 2, 2);
  Sku withdrawn = SkuOf("OLD-003", 500);
  withdrawn.sellable = false;
  catalog["OLD-003"] = withdrawn;
  return catalog;
}

Consignee Shanghai() {
  return Consignee{"张三", "13812345678",
                   Address{"上海市", "上海市", "浦东新区", "世纪大道100号 8楼 801室", ""}};
}

// A paid order of two TEA-001 at 66.00, reserved in SH-01, awaiting fulfilment.
Order PaidOrder(S status = S::kAwaitingFulfillment) {
  Order order;
  order.order_no = "20261127000001";
  order.status = status;
  order.payment_status = PaymentStatus::kPaid;
  order.consignee = Shanghai();
  OrderLine line;
  line.line_no = 1;
  line.sku = "TEA-001";
  line.quantity = 2;
  line.unit_price_amount = 6600;
  line.quantity_reserved = 2;
  line.weight_g = 500;
  line.allocations = {{"SH-01", 2}};
  order.lines = {line};
  order.total_amount = 13200;
  order.paid_amount = 13200;
  order.version = 3;
  return order;
}

OrderChange LinesChange(std::vector<NewOrderLine> lines) {
  OrderChange change;
  change.lines = std::move(lines);
  return change;
}

Actor At(int64_t ms) {
  return Actor{"user:cs", Timestamp{ms}};
}

std::string Detail(const OrderEvent& event, const std::string& key) {
  for (const auto& [name, value] : event.details) {
    if (name == key) {
      return value;
    }
  }
  return "<absent>";
}

TEST(ChangeRoute, BeforePickingIsAppliedAtOnce) {
  for (S status : {S::kPendingPayment, S::kPendingReview, S::kAwaitingFulfillment}) {
    Result<ChangeRoute> route = RouteChange(PaidOrder(status));
    ASSERT_TRUE(route.ok()) << StatusName(status);
    EXPECT_EQ(*route, ChangeRoute::kApplyNow) << StatusName(status);
  }
}

TEST(ChangeRoute, OncePickingStartedTheWarehouseMustConfirm) {
  for (S status : {S::kPicking, S::kPacked}) {
    Result<ChangeRoute> route = RouteChange(PaidOrder(status));
    ASSERT_TRUE(route.ok()) << StatusName(status);
    EXPECT_EQ(*route, ChangeRoute::kNeedsWarehouse) << StatusName(status);
  }
}

TEST(ChangeRoute, AfterShipmentOrOnceEndedIsRefused) {
  for (S status : {S::kShipped, S::kDelivered, S::kCompleted, S::kCancelled, S::kClosed}) {
    Result<ChangeRoute> route = RouteChange(PaidOrder(status));
    ASSERT_FALSE(route.ok()) << StatusName(status);
    EXPECT_EQ(route.status().code(), Code::kChangeNotAllowed) << StatusName(status);
    EXPECT_EQ(route.status().kind(), Kind::kConflict);
  }
}

TEST(ChangeRoute, PartlyShippedOrderIsRefused) {
  Order order = PaidOrder(S::kPacked);
  order.lines[0].quantity_shipped = 1;
  order.lines[0].quantity_reserved = 1;
  EXPECT_EQ(RouteChange(order).status().code(), Code::kChangeNotAllowed);
}

TEST(ChangeRoute, AnOrderOnHoldCanStillBeChanged) {
  Order order = PaidOrder();
  order.holds = {42};
  Result<ChangeRoute> route = RouteChange(order);
  ASSERT_TRUE(route.ok());
  EXPECT_EQ(*route, ChangeRoute::kApplyNow);
}

TEST(CheckChange, AnAddressAloneKeepsTheNameAndPhone) {
  Order order = PaidOrder();
  order.consignee.phone = "021-5888-1234";  // accepted at intake, held for confirmation
  OrderChange change;
  change.consignee = Consignee{"", "", Address{"湖南省", "长沙市", "岳麓区", "麓山南路1号", ""}};
  Result<CheckedChange> checked = CheckChange(order, change, Catalog());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->change.consignee->name, "张三");
  EXPECT_EQ(checked->change.consignee->phone, "021-5888-1234") << "kept, not judged again";
  EXPECT_EQ(checked->consignee_fields, (std::vector<std::string>{"address"}));
  OrderChange phone;
  phone.consignee = Consignee{"", "139-0000-1111", Address{}};
  checked = CheckChange(order, phone, Catalog());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->change.consignee->address.detail, order.consignee.address.detail);
  EXPECT_EQ(checked->consignee_fields, (std::vector<std::string>{"phone"}));
}

TEST(CheckChange, UsesIntakeFieldChecksAndNamesEveryField) {
  OrderChange change;
  change.consignee = Shanghai();
  change.consignee->phone = "12345";
  change.consignee->address.detail = "浦东";
  change.lines = std::vector<NewOrderLine>{{"TEA-001", 0, std::nullopt, ""},
                                           {"CUP-002", 3, std::nullopt, ""},
                                           {"NOPE", 1, std::nullopt, ""},
                                           {"OLD-003", 1, std::nullopt, ""},
                                           {"TEA-001", 1, 100, ""}};
  Result<CheckedChange> checked = CheckChange(PaidOrder(), change, Catalog());
  ASSERT_FALSE(checked.ok());
  std::map<std::string, Code> fields;
  for (const FieldError& error : checked.status().field_errors()) {
    fields[error.field] = error.code;
  }
  EXPECT_EQ(fields["consignee.phone"], Code::kInvalidPhone);
  EXPECT_EQ(fields["consignee.address.detail"], Code::kAddressIncomplete);
  EXPECT_EQ(fields["lines[0].quantity"], Code::kInvalidValue);
  EXPECT_EQ(fields["lines[1].quantity"], Code::kQuantityNotMultipleOfStep);
  EXPECT_EQ(fields["lines[2].sku"], Code::kUnknownSku);
  EXPECT_EQ(fields["lines[3].sku"], Code::kSkuNotSellable);
  EXPECT_EQ(fields["lines[4].sku"], Code::kDuplicateLine);
}

TEST(CheckChange, RefusesAPriceThatDiffersFromTheCatalogue) {
  Result<CheckedChange> checked =
      CheckChange(PaidOrder(), LinesChange({{"TEA-001", 2, 5000, ""}}), Catalog());
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.status().field_errors().at(0).field, "lines[0].unit_price_amount");
  EXPECT_EQ(checked.status().field_errors().at(0).code, Code::kPriceMismatch);
}

TEST(CheckChange, RefusesAQuantityBelowTheMinimum) {
  Result<CheckedChange> checked =
      CheckChange(PaidOrder(), LinesChange({{"CUP-002", 1, std::nullopt, ""}}), Catalog());
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.status().field_errors().at(0).code, Code::kQuantityBelowMinimum);
}

TEST(CheckChange, RefusesAChangeThatChangesNothing) {
  OrderChange change = LinesChange({{"TEA-001", 2, std::nullopt, ""}});
  change.consignee = Shanghai();
  Result<CheckedChange> checked = CheckChange(PaidOrder(), change, Catalog());
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.status().kind(), Kind::kInvalid);
}

TEST(CheckChange, NamesTheConsigneeFieldsThatDifferAndNormalisesThePhone) {
  OrderChange change;
  change.consignee = Shanghai();
  change.consignee->phone = "+86 139-1234-5678";
  change.consignee->address.detail = "世纪大道200号 9楼 901室";
  Result<CheckedChange> checked = CheckChange(PaidOrder(), change, Catalog());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(checked->consignee_fields, (std::vector<std::string>{"phone", "address"}));
  EXPECT_EQ(checked->change.consignee->phone, "13912345678");
  EXPECT_FALSE(checked->lines_changed);
  EXPECT_EQ(checked->total_amount, 13200);
}

TEST(CheckChange, PricesNewLinesFromTheCatalogue) {
  Result<CheckedChange> checked = CheckChange(
      PaidOrder(),
      LinesChange({{"TEA-001", 1, std::nullopt, ""}, {"CUP-002", 4, std::nullopt, ""}}), Catalog());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_TRUE(checked->lines_changed);
  EXPECT_EQ(checked->total_amount, 6600 + 4000);
  ASSERT_EQ(checked->lines.size(), 2u);
  EXPECT_EQ(checked->lines[1].unit_price_amount, 1000);
  EXPECT_EQ(checked->lines[1].quantity_reserved, 0);
}

TEST(PriceDifference, HigherTotalOnAPaidOrderMakesASupplementDue) {
  const PriceDifference difference = PriceDifferenceOf(PaidOrder(), 15000);
  EXPECT_EQ(difference.supplement_due_amount, 1800);
  EXPECT_EQ(difference.refund_amount, 0);
}

TEST(PriceDifference, LowerTotalOnAPaidOrderIsRefunded) {
  const PriceDifference difference = PriceDifferenceOf(PaidOrder(), 6600);
  EXPECT_EQ(difference.supplement_due_amount, 0);
  EXPECT_EQ(difference.refund_amount, 6600);
}

TEST(PriceDifference, LowerTotalFirstReducesASupplementStillDue) {
  Order order = PaidOrder();
  order.total_amount = 15000;  // an earlier change raised it; 1800 still due
  const PriceDifference smaller = PriceDifferenceOf(order, 14000);
  EXPECT_EQ(smaller.supplement_due_amount, 800);
  EXPECT_EQ(smaller.refund_amount, 0);
  const PriceDifference below_paid = PriceDifferenceOf(order, 12000);
  EXPECT_EQ(below_paid.supplement_due_amount, 0);
  EXPECT_EQ(below_paid.refund_amount, 1200);
}

TEST(PriceDifference, AnUnpaidOrderSimplyOwesTheNewTotal) {
  Order order = PaidOrder(S::kPendingPayment);
  order.payment_status = PaymentStatus::kUnpaid;
  order.paid_amount = 0;
  const PriceDifference difference = PriceDifferenceOf(order, 6600);
  EXPECT_EQ(difference.supplement_due_amount, 0);
  EXPECT_EQ(difference.refund_amount, 0);
}

TEST(ApplyChange, RecordsFactsBeforeAndAfterButNoPersonalData) {
  Order order = PaidOrder();
  OrderChange change = LinesChange({{"TEA-001", 3, std::nullopt, ""}});
  change.consignee = Shanghai();
  change.consignee->name = "李四";
  change.reason = "customer asked by phone";
  Result<CheckedChange> checked = CheckChange(order, change, Catalog());
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  const PriceDifference difference = PriceDifferenceOf(order, checked->total_amount);
  const OrderEvent event = ApplyChange(order, *checked, difference, "YTO", "SF", At(5000));
  EXPECT_EQ(event.type, "changed");
  EXPECT_EQ(Detail(event, "consignee_changed"), "name");
  EXPECT_EQ(Detail(event, "lines_before"), "TEA-001 x2");
  EXPECT_EQ(Detail(event, "lines_after"), "TEA-001 x3");
  EXPECT_EQ(Detail(event, "total_amount_before"), "13200");
  EXPECT_EQ(Detail(event, "total_amount_after"), "19800");
  EXPECT_EQ(Detail(event, "carrier_before"), "YTO");
  EXPECT_EQ(Detail(event, "carrier_after"), "SF");
  EXPECT_EQ(Detail(event, "supplement_due_amount"), "6600");
  for (const auto& [key, value] : event.details) {
    EXPECT_EQ(value.find("李四"), std::string::npos) << key;
    EXPECT_EQ(value.find("张三"), std::string::npos) << key;
  }
  EXPECT_EQ(order.consignee.name, "李四");
  ASSERT_EQ(order.consignee_changes.size(), 1u) << "the consignee before and after is kept";
  EXPECT_EQ(order.consignee_changes[0].before.name, "张三");
  EXPECT_EQ(order.consignee_changes[0].after.name, "李四");
  EXPECT_EQ(order.consignee_changes[0].actor, At(5000).name);
  EXPECT_EQ(order.total_amount, 19800);
  EXPECT_EQ(MoneyOf(order).balance, 6600) << "owed as a supplement";
  EXPECT_EQ(order.version, 4);
  EXPECT_EQ(order.lines[0].quantity, 3);
  EXPECT_EQ(order.lines[0].quantity_reserved, 0);  // reserved by the caller afterwards
}

TEST(ApplyChange, ALowerTotalNamesTheRefundTheCallerBooks) {
  Order order = PaidOrder();
  Result<CheckedChange> checked =
      CheckChange(order, LinesChange({{"TEA-001", 1, std::nullopt, ""}}), Catalog());
  ASSERT_TRUE(checked.ok());
  const PriceDifference difference = PriceDifferenceOf(order, checked->total_amount);
  const OrderEvent event = ApplyChange(order, *checked, difference, "SF", "SF", At(5000));
  EXPECT_EQ(Detail(event, "refund_amount"), "6600");
  EXPECT_EQ(Detail(event, "carrier_before"), "<absent>");  // the same carrier: not repeated
  EXPECT_EQ(order.refunded_amount, 0) << "booked with the refund (app/payments.h IssueRefund)";
  EXPECT_EQ(SurplusOf(order), 6600);
  EXPECT_EQ(order.total_amount, 6600);
}

TEST(ReturnToFulfillment, APickingOrderGoesBackToAwaitingFulfillment) {
  Order order = PaidOrder(S::kPacked);
  order.packed_weight_g = 1000;
  Result<std::optional<OrderEvent>> event = ReturnToFulfillment(order, At(1));
  ASSERT_TRUE(event.ok());
  ASSERT_TRUE(event->has_value());
  EXPECT_EQ((*event)->from_status, "packed");
  EXPECT_EQ((*event)->to_status, "awaiting_fulfillment");
  EXPECT_EQ(order.status, S::kAwaitingFulfillment);
  EXPECT_EQ(order.packed_weight_g, 0);
}

TEST(ReturnToFulfillment, AnOrderNotYetPickedStaysWhereItIs) {
  Order order = PaidOrder(S::kPendingReview);
  Result<std::optional<OrderEvent>> event = ReturnToFulfillment(order, At(1));
  ASSERT_TRUE(event.ok());
  EXPECT_FALSE(event->has_value());
  EXPECT_EQ(order.status, S::kPendingReview);
}

TEST(ChangeRequestStatus, NamesRoundTrip) {
  for (ChangeRequestStatus status : {ChangeRequestStatus::kPending, ChangeRequestStatus::kConfirmed,
                                     ChangeRequestStatus::kDeclined}) {
    EXPECT_EQ(ParseChangeRequestStatus(ChangeRequestStatusName(status)), status);
  }
  EXPECT_FALSE(ParseChangeRequestStatus("approved").has_value());
}

TEST(SupplementPayment, IsAcceptedOnAPaidOrderInsteadOfADuplicate) {
  Order order = PaidOrder();
  order.total_amount += 1800;  // a change raised it
  Result<Events> wrong = ConfirmPayment(order, Payment{"alipay", "T-2", 1000, {}, false}, At(9));
  ASSERT_FALSE(wrong.ok());
  ASSERT_EQ(wrong.status().field_errors().size(), 1u);
  EXPECT_EQ(wrong.status().field_errors()[0].code, Code::kPaymentAmountMismatch);
  EXPECT_EQ(MoneyOf(order).balance, 1800);  // refused: nothing changed
  Result<Events> paid = ConfirmPayment(order, Payment{"alipay", "T-2", 1800, {}, false}, At(9));
  ASSERT_TRUE(paid.ok()) << paid.status().ToString();
  ASSERT_EQ(paid->size(), 1u);
  EXPECT_EQ(paid->front().type, "supplement_paid");
  EXPECT_EQ(MoneyOf(order).balance, 0);
  EXPECT_EQ(order.paid_amount, 15000);
  EXPECT_FALSE(order.payments.back().duplicate);
  // With nothing due any more, a further different payment is a duplicate again.
  Result<Events> again = ConfirmPayment(order, Payment{"alipay", "T-3", 1800, {}, false}, At(10));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->front().type, "duplicate_payment");
}

TEST(SupplementPayment, CancellingClearsTheSupplementDue) {
  Order order = PaidOrder();
  order.total_amount += 1800;
  ASSERT_TRUE(Cancel(order, "customer changed their mind", At(9)).ok());
  EXPECT_EQ(order.status, S::kCancelled);
  EXPECT_EQ(MoneyOf(order).balance, 0);
  EXPECT_EQ(SurplusOf(order), order.paid_amount) << "everything paid goes back";
}

}  // namespace
}  // namespace ordo
