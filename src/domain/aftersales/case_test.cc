#include "domain/aftersales/case.h"

#include <gtest/gtest.h>

#include "domain/settings/settings.h"

namespace ordo {
namespace {

constexpr int64_t kDay = 86400000;
const Timestamp kShippedAt{1'000'000'000'000};
const Actor kService{"user:cs", kShippedAt.PlusMs(2 * kDay)};
const Actor kWarehouse{"user:wh", kShippedAt.PlusMs(5 * kDay)};

Order ShippedOrder() {
  Order order;
  order.order_no = "N1";
  order.status = OrderStatus::kShipped;
  order.payment_status = PaymentStatus::kPaid;
  order.paid_amount = 3 * 6600 + 1000;
  order.shipped_at = kShippedAt;
  OrderLine tea;
  tea.line_no = 1;
  tea.sku = "TEA-001";
  tea.quantity = 3;
  tea.quantity_shipped = 3;
  tea.unit_price_amount = 6600;
  tea.allocations = {{"SH-01", 3}};
  OrderLine cup;
  cup.line_no = 2;
  cup.sku = "CUP-001";
  cup.quantity = 1;
  cup.quantity_shipped = 1;
  cup.unit_price_amount = 1000;
  cup.allocations = {{"SH-01", 1}};
  order.lines = {tea, cup};
  return order;
}

AfterSalesRequest Request(std::string type, std::string reason, Quantity quantity = 1) {
  AfterSalesRequest request;
  request.order_no = "N1";
  request.type = std::move(type);
  request.reason = std::move(reason);
  request.lines = {{"TEA-001", quantity, ""}};
  return request;
}

AfterSales Open(std::string type, std::string reason = "quality") {
  Result<AfterSales> opened =
      OpenAfterSales(Request(std::move(type), std::move(reason)), ShippedOrder(), {}, {}, kService);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  AfterSales c = std::move(*opened);
  c.id = 7;
  return c;
}

Code FirstFieldCode(const Status& status) {
  return status.field_errors().empty() ? Code::kOk : status.field_errors()[0].code;
}

// --- The transition table ---

TEST(AfterSalesTable, EveryMoveNotInTheTableIsRefused) {
  const AfterSalesStatus statuses[] = {
      AfterSalesStatus::kRequested,      AfterSalesStatus::kApproved,  AfterSalesStatus::kRejected,
      AfterSalesStatus::kAwaitingReturn, AfterSalesStatus::kReceived,  AfterSalesStatus::kInspected,
      AfterSalesStatus::kRefunding,      AfterSalesStatus::kCompleted, AfterSalesStatus::kClosed};
  int allowed = 0;
  for (AfterSalesStatus from : statuses) {
    for (int t = 0; t <= static_cast<int>(AfterSalesTransition::kReturnRefundRejected); ++t) {
      const auto transition = static_cast<AfterSalesTransition>(t);
      const std::optional<AfterSalesStatus> next = NextAfterSalesStatus(from, transition);
      bool listed = false;
      for (const AfterSalesRule& rule : AfterSalesTable()) {
        listed = listed || (rule.from == from && rule.transition == transition);
      }
      EXPECT_EQ(next.has_value(), listed);
      allowed += next ? 1 : 0;
      if (IsFinal(from)) {
        EXPECT_FALSE(next) << AfterSalesStatusName(from) << " is final";
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(AfterSalesTable().size()));
}

TEST(AfterSalesTable, NamesRoundTrip) {
  for (const char* name :
       {"refund_only", "return_refund", "exchange", "reship", "partial_refund"}) {
    EXPECT_EQ(AfterSalesTypeName(*ParseAfterSalesType(name)), name);
  }
  for (const char* name : {"requested", "approved", "rejected", "awaiting_return", "received",
                           "inspected", "refunding", "completed", "closed"}) {
    EXPECT_EQ(AfterSalesStatusName(*ParseAfterSalesStatus(name)), name);
  }
  EXPECT_FALSE(ParseAfterSalesReason("bored"));
  EXPECT_FALSE(ParseAfterSalesStatus("open"));
}

TEST(AfterSalesTransitions, IllegalMovesAreRefusedAndLeaveTheCaseUntouched) {
  AfterSales c = Open("refund_only");
  // Nothing but approve, reject or close from requested.
  EXPECT_EQ(ReceiveReturn(c, "", "", kWarehouse).code(), Code::kIllegalTransition);
  EXPECT_EQ(StartAfterSalesRefund(c, 1, 100, kService).code(), Code::kIllegalTransition);
  EXPECT_EQ(CompleteAfterSales(c, "", kService).code(), Code::kIllegalTransition);
  EXPECT_EQ(InspectAfterSales(c, {true, "", {}, {}, ""}, kWarehouse).code(),
            Code::kIllegalTransition);
  EXPECT_EQ(c.status, AfterSalesStatus::kRequested);
  EXPECT_EQ(c.history.size(), 1u);
  ASSERT_TRUE(ApproveAfterSales(c, "", kService).ok());
  EXPECT_EQ(ApproveAfterSales(c, "", kService).code(), Code::kIllegalTransition);
  EXPECT_EQ(RejectAfterSales(c, "late", kService).code(), Code::kIllegalTransition);
  // A refund-only case never takes goods back.
  EXPECT_EQ(RecordReturnShipment(c, "SF", "SF1", kService).code(), Code::kIllegalTransition);
  EXPECT_EQ(ReceiveReturn(c, "", "", kWarehouse).code(), Code::kIllegalTransition);
}

// --- Flows ---

TEST(AfterSalesTransitions, RefundOnlyIsApprovedThenRefundedThenCompleted) {
  AfterSales c = Open("refund_only");
  EXPECT_EQ(c.requested_amount, 6600);  // the line's value by default
  ASSERT_TRUE(ApproveAfterSales(c, "ok", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kApproved);
  EXPECT_EQ(RefundDue(c), 6600);
  ASSERT_TRUE(StartAfterSalesRefund(c, 3, 6600, kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kRefunding);
  EXPECT_EQ(c.refund_id, 3);
  ASSERT_TRUE(CompleteAfterSales(c, "", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kCompleted);
  ASSERT_EQ(c.history.size(), 4u);
  EXPECT_EQ(c.history[1].action, "approve");
  EXPECT_EQ(c.history[2].action, "refund");
  EXPECT_EQ(c.history[3].to_status, "completed");
  EXPECT_EQ(c.history[3].actor, "user:cs");
}

TEST(AfterSalesTransitions, ReturnRefundWaitsForTheParcelAndItsInspection) {
  AfterSales c = Open("return_refund", "size");
  ASSERT_TRUE(ApproveAfterSales(c, "", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kAwaitingReturn);
  // Not refunded before the goods are back and inspected.
  EXPECT_EQ(StartAfterSalesRefund(c, 1, 6600, kService).code(), Code::kIllegalTransition);
  EXPECT_EQ(InspectAfterSales(c, {true, "", {}, {}, ""}, kWarehouse).code(),
            Code::kIllegalTransition);
  EXPECT_EQ(FirstFieldCode(RecordReturnShipment(c, "", "", kService)), Code::kRequired);
  ASSERT_TRUE(RecordReturnShipment(c, "SF", "SF100", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kAwaitingReturn);
  EXPECT_EQ(c.return_tracking_no, "SF100");
  ASSERT_TRUE(ReceiveReturn(c, "", "", kWarehouse).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kReceived);
  EXPECT_EQ(c.received_at, kWarehouse.at);
  ASSERT_TRUE(InspectAfterSales(c, {true, "as new", true, true, ""}, kWarehouse).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kInspected);
  EXPECT_EQ(c.inspection->disposition, "sellable");
  EXPECT_TRUE(Restocks(*c.inspection));
  EXPECT_FALSE(c.reason_confirmed);  // size is the buyer's reason: nothing to confirm
  EXPECT_EQ(RefundDue(c), 6600);
  // An inspected return_refund is refunded, not completed straight away.
  EXPECT_EQ(CompleteAfterSales(c, "R1", kService).code(), Code::kIllegalTransition);
  ASSERT_TRUE(StartAfterSalesRefund(c, 4, 6600, kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kRefunding);
}

TEST(AfterSalesTransitions, FailedInspectionClosesTheCaseWithItsRecord) {
  AfterSales c = Open("return_refund", "no_reason_7_days");
  ASSERT_TRUE(ApproveAfterSales(c, "", kService).ok());
  ASSERT_TRUE(ReceiveReturn(c, "YTO", "YT1", kWarehouse).ok());
  EXPECT_EQ(FirstFieldCode(InspectAfterSales(c, {false, "", {}, {}, "burnt"}, kWarehouse)),
            Code::kInvalidValue);
  EXPECT_EQ(c.status, AfterSalesStatus::kReceived);
  ASSERT_TRUE(InspectAfterSales(c, {false, "tags cut", false, true, ""}, kWarehouse).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kClosed);
  EXPECT_EQ(c.inspection->disposition, "written_off");
  EXPECT_EQ(c.inspection->tags_intact, false);
  EXPECT_EQ(c.history.back().action, "inspect_failed");
  EXPECT_EQ(StartAfterSalesRefund(c, 1, 6600, kService).code(), Code::kIllegalTransition);
  EXPECT_FALSE(CoversQuantities(c.status));
}

TEST(AfterSalesTransitions, AQualityOrDamageReturnNeedsADispositionAndOnlySellableRestocks) {
  for (const char* reason : {"quality", "damaged"}) {
    AfterSales c = Open("return_refund", reason);
    ASSERT_TRUE(ApproveAfterSales(c, "", kService).ok());
    ASSERT_TRUE(ReceiveReturn(c, "", "", kWarehouse).ok());
    EXPECT_EQ(FirstFieldCode(InspectAfterSales(c, {true, "", {}, {}, ""}, kWarehouse)),
              Code::kRequired)
        << reason;
    EXPECT_EQ(FirstFieldCode(
                  InspectAfterSales(c, {true, "", {}, {}, "returned_to_customer"}, kWarehouse)),
              Code::kInvalidValue);
    EXPECT_EQ(c.status, AfterSalesStatus::kReceived) << "refusals change nothing";
    ASSERT_TRUE(InspectAfterSales(c, {true, "", {}, {}, "return_to_supplier"}, kWarehouse).ok());
    EXPECT_EQ(c.status, AfterSalesStatus::kInspected);
    EXPECT_FALSE(Restocks(*c.inspection));
    EXPECT_TRUE(ReportedToPurchasing(c.reason));
  }
  EXPECT_FALSE(ReportedToPurchasing(AfterSalesReason::kSize));
}

TEST(AfterSalesTransitions, WrongItemConfirmedByAPassedInspection) {
  AfterSales c = Open("exchange", "wrong_item");
  ASSERT_TRUE(ApproveAfterSales(c, "", kService).ok());
  ASSERT_TRUE(ReceiveReturn(c, "", "", kWarehouse).ok());
  ASSERT_TRUE(InspectAfterSales(c, {true, "", {}, {}, "written_off"}, kWarehouse).ok());
  EXPECT_TRUE(c.reason_confirmed);
  EXPECT_EQ(c.inspection->disposition, "written_off") << "the inspector's word stands";
  EXPECT_FALSE(Restocks(*c.inspection));
  EXPECT_EQ(StartAfterSalesRefund(c, 1, 100, kService).code(), Code::kIllegalTransition);
  ASSERT_TRUE(CompleteAfterSales(c, "20261127000009", kService).ok());
  EXPECT_EQ(c.replacement_order_no, "20261127000009");
}

TEST(AfterSalesTransitions, ReshipCompletesWithItsReplacementOrder) {
  AfterSales c = Open("reship", "logistics");
  ASSERT_TRUE(ApproveAfterSales(c, "", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kApproved);
  EXPECT_EQ(RecordReturnShipment(c, "SF", "1", kService).code(), Code::kIllegalTransition);
  EXPECT_EQ(StartAfterSalesRefund(c, 1, 100, kService).code(), Code::kIllegalTransition);
  ASSERT_TRUE(CompleteAfterSales(c, "R2", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kCompleted);
}

TEST(AfterSalesTransitions, RejectNeedsAReasonAndIsFinal) {
  AfterSales c = Open("refund_only");
  EXPECT_EQ(FirstFieldCode(RejectAfterSales(c, "", kService)), Code::kRequired);
  EXPECT_EQ(c.status, AfterSalesStatus::kRequested);
  ASSERT_TRUE(RejectAfterSales(c, "used goods", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kRejected);
  EXPECT_EQ(c.reject_reason, "used goods");
  EXPECT_EQ(ApproveAfterSales(c, "", kService).code(), Code::kIllegalTransition);
  EXPECT_EQ(CloseAfterSales(c, "x", kService).code(), Code::kIllegalTransition);
}

TEST(AfterSalesTransitions, CloseOnlyBeforeGoodsArrive) {
  AfterSales c = Open("return_refund");
  ASSERT_TRUE(ApproveAfterSales(c, "", kService).ok());
  EXPECT_EQ(FirstFieldCode(CloseAfterSales(c, "", kService)), Code::kRequired);
  AfterSales received = c;
  ASSERT_TRUE(CloseAfterSales(c, "customer kept it", kService).ok());
  EXPECT_EQ(c.status, AfterSalesStatus::kClosed);
  ASSERT_TRUE(ReceiveReturn(received, "", "", kWarehouse).ok());
  EXPECT_EQ(CloseAfterSales(received, "x", kService).code(), Code::kIllegalTransition);
}

// --- Eligibility ---

TEST(AfterSalesEligibility, BeforeShipmentPointsToChangeOrCancel) {
  Order order = ShippedOrder();
  for (OrderStatus status :
       {OrderStatus::kPendingPayment, OrderStatus::kPendingReview,
        OrderStatus::kAwaitingFulfillment, OrderStatus::kPicking, OrderStatus::kPacked}) {
    order.status = status;
    EXPECT_EQ(CheckEligibility(order, AfterSalesReason::kQuality, {}, kService.at).code(),
              Code::kAfterSalesBeforeShipment);
  }
  order.status = OrderStatus::kCancelled;
  EXPECT_EQ(CheckEligibility(order, AfterSalesReason::kQuality, {}, kService.at).code(),
            Code::kIllegalTransition);
  for (OrderStatus status :
       {OrderStatus::kShipped, OrderStatus::kDelivered, OrderStatus::kCompleted}) {
    order.status = status;
    EXPECT_TRUE(CheckEligibility(order, AfterSalesReason::kQuality, {}, kService.at).ok());
  }
}

TEST(AfterSalesEligibility, WindowCountsFromShipmentToTheLastMillisecond) {
  const Order order = ShippedOrder();
  const AfterSalesWindows windows{15, 7};
  const Timestamp last = kShippedAt.PlusMs(15 * kDay);
  EXPECT_TRUE(CheckEligibility(order, AfterSalesReason::kSize, windows, last).ok());
  EXPECT_EQ(CheckEligibility(order, AfterSalesReason::kSize, windows, last.PlusMs(1)).code(),
            Code::kAfterSalesWindowExpired);
}

TEST(AfterSalesEligibility, WindowCountsFromDeliveryWhenDelivered) {
  Order order = ShippedOrder();
  order.status = OrderStatus::kDelivered;
  order.delivered_at = kShippedAt.PlusMs(3 * kDay);
  const Timestamp day17 = kShippedAt.PlusMs(17 * kDay);
  EXPECT_TRUE(CheckEligibility(order, AfterSalesReason::kQuality, {15, 7}, day17).ok());
  EXPECT_EQ(
      CheckEligibility(order, AfterSalesReason::kQuality, {15, 7}, day17.PlusMs(kDay + 1)).code(),
      Code::kAfterSalesWindowExpired);
}

TEST(AfterSalesEligibility, NoReasonReturnsHaveTheirOwnShorterWindow) {
  const Order order = ShippedOrder();
  const Timestamp day8 = kShippedAt.PlusMs(8 * kDay);
  EXPECT_EQ(CheckEligibility(order, AfterSalesReason::kNoReason7Days, {15, 7}, day8).code(),
            Code::kAfterSalesWindowExpired);
  EXPECT_TRUE(CheckEligibility(order, AfterSalesReason::kQuality, {15, 7}, day8).ok());
  EXPECT_TRUE(CheckEligibility(order, AfterSalesReason::kNoReason7Days, {15, 7},
                               kShippedAt.PlusMs(7 * kDay))
                  .ok());
}

// --- Freight ---

TEST(AfterSalesFreight, MerchantFaultMeansMerchantPays) {
  for (AfterSalesReason reason : {AfterSalesReason::kQuality, AfterSalesReason::kWrongItem,
                                  AfterSalesReason::kDamaged, AfterSalesReason::kLogistics}) {
    EXPECT_EQ(FreightPayerFor(reason), FreightPayer::kMerchant);
  }
  for (AfterSalesReason reason :
       {AfterSalesReason::kSize, AfterSalesReason::kNoReason7Days, AfterSalesReason::kOther}) {
    EXPECT_EQ(FreightPayerFor(reason), FreightPayer::kBuyer);
  }
  EXPECT_EQ(Open("return_refund", "damaged").freight_payer, FreightPayer::kMerchant);
  EXPECT_EQ(Open("exchange", "size").freight_payer, FreightPayer::kBuyer);
}

// --- Opening: quantities and amounts ---

TEST(AfterSalesOpen, RefusesUnknownTypeReasonAndLines) {
  AfterSalesRequest request = Request("swap", "");
  request.lines = {{"NOPE", 1, ""}};
  Result<AfterSales> refused = OpenAfterSales(request, ShippedOrder(), {}, {}, kService);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.status().field_errors().size(), 2u);
  EXPECT_EQ(refused.status().field_errors()[0].field, "type");
  EXPECT_EQ(refused.status().field_errors()[1].field, "reason");
  request = Request("return_refund", "quality");
  request.lines = {{"NOPE", 1, ""}, {"TEA-001", 0, ""}};
  refused = OpenAfterSales(request, ShippedOrder(), {}, {}, kService);
  ASSERT_EQ(refused.status().field_errors().size(), 2u);
  EXPECT_EQ(refused.status().field_errors()[0].field, "lines[0].sku");
  EXPECT_EQ(refused.status().field_errors()[1].field, "lines[1].quantity");
  request.lines = {};
  EXPECT_EQ(FirstFieldCode(OpenAfterSales(request, ShippedOrder(), {}, {}, kService).status()),
            Code::kRequired);
}

TEST(AfterSalesOpen, QuantityCannotExceedShippedMinusCovered) {
  EXPECT_EQ(FirstFieldCode(OpenAfterSales(Request("return_refund", "quality", 4), ShippedOrder(),
                                          {}, {}, kService)
                               .status()),
            Code::kQuantityExceedsShipped);
  const CoveredUnits covered{{1, 2}};
  EXPECT_TRUE(
      OpenAfterSales(Request("return_refund", "quality", 1), ShippedOrder(), covered, {}, kService)
          .ok());
  Result<AfterSales> refused =
      OpenAfterSales(Request("return_refund", "quality", 2), ShippedOrder(), covered, {}, kService);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().field_errors()[0].field, "lines[0].quantity");
  EXPECT_EQ(refused.status().field_errors()[0].code, Code::kQuantityExceedsShipped);
}

TEST(AfterSalesOpen, AmountWithinRefundableAndTheLinesValue) {
  Order order = ShippedOrder();
  AfterSalesRequest partial = Request("partial_refund", "quality");
  partial.lines = {};
  EXPECT_EQ(FirstFieldCode(OpenAfterSales(partial, order, {}, {}, kService).status()),
            Code::kRequired);
  partial.amount = order.paid_amount + 1;
  EXPECT_EQ(FirstFieldCode(OpenAfterSales(partial, order, {}, {}, kService).status()),
            Code::kAmountExceedsRefundable);
  order.refunded_amount = 20000;
  partial.amount = 800;
  EXPECT_TRUE(OpenAfterSales(partial, order, {}, {}, kService).ok());
  partial.amount = 801;
  EXPECT_EQ(FirstFieldCode(OpenAfterSales(partial, order, {}, {}, kService).status()),
            Code::kAmountExceedsRefundable);
  partial.amount = 0;
  EXPECT_EQ(FirstFieldCode(OpenAfterSales(partial, order, {}, {}, kService).status()),
            Code::kInvalidValue);
  AfterSalesRequest refund_only = Request("refund_only", "damaged");
  refund_only.amount = 6601;  // one unit of TEA-001 is worth 6600
  EXPECT_EQ(FirstFieldCode(OpenAfterSales(refund_only, ShippedOrder(), {}, {}, kService).status()),
            Code::kAmountExceedsRefundable);
  AfterSalesRequest exchange = Request("exchange", "size");
  exchange.amount = 100;
  EXPECT_EQ(
      OpenAfterSales(exchange, ShippedOrder(), {}, {}, kService).status().field_errors()[0].field,
      "amount");
}

TEST(AfterSalesOpen, ExchangeSkuOnlyForExchanges) {
  AfterSalesRequest request = Request("return_refund", "size");
  request.lines[0].exchange_sku = "TEA-002";
  EXPECT_EQ(
      OpenAfterSales(request, ShippedOrder(), {}, {}, kService).status().field_errors()[0].field,
      "lines[0].exchange_sku");
  request.type = "exchange";
  Result<AfterSales> opened = OpenAfterSales(request, ShippedOrder(), {}, {}, kService);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->lines[0].exchange_sku, "TEA-002");
  EXPECT_EQ(opened->lines[0].warehouse, "SH-01");
  EXPECT_EQ(opened->lines[0].unit_price_amount, 6600);
}

TEST(AfterSalesOpen, RefusesBeforeShipmentWithoutFieldErrors) {
  Order order = ShippedOrder();
  order.status = OrderStatus::kPacked;
  EXPECT_EQ(
      OpenAfterSales(Request("refund_only", "quality"), order, {}, {}, kService).status().code(),
      Code::kAfterSalesBeforeShipment);
}

// --- Refunds on the order ---

TEST(AfterSalesRefund, ARejectedRefundSendsTheCaseBackToBeDecidedAgain) {
  AfterSales refund_only;
  refund_only.id = 7;
  refund_only.type = AfterSalesType::kRefundOnly;
  refund_only.status = AfterSalesStatus::kRefunding;
  refund_only.refund_id = 3;
  refund_only.refund_amount = 6600;
  ASSERT_TRUE(ReturnAfterSalesRefund(refund_only, "not agreed", kService).ok());
  EXPECT_EQ(refund_only.status, AfterSalesStatus::kApproved);
  EXPECT_EQ(refund_only.refund_id, 0);
  EXPECT_EQ(refund_only.history.back().action, "refund_rejected");
  AfterSales returned = refund_only;
  returned.type = AfterSalesType::kReturnRefund;
  returned.status = AfterSalesStatus::kRefunding;
  ASSERT_TRUE(ReturnAfterSalesRefund(returned, "not agreed", kService).ok());
  EXPECT_EQ(returned.status, AfterSalesStatus::kInspected);
  EXPECT_EQ(returned.history.back().action, "return_refund_rejected");
  EXPECT_EQ(ReturnAfterSalesRefund(returned, "again", kService).code(), Code::kIllegalTransition);
}

TEST(AfterSalesMoney, AReplacementsAllowanceIsWhatTheReturnedGoodsCost) {
  AfterSales exchange;
  exchange.type = AfterSalesType::kExchange;
  exchange.lines = {{1, "TEA-001", 1, 7900, "SH-01", "TEA-GOLD"}};
  EXPECT_EQ(ReplacementCredit(exchange, 59900), 7900) << "the customer pays 52000 more";
  EXPECT_EQ(ReplacementCredit(exchange, 5000), 5000) << "cheaper: nothing left to pay";
}

TEST(AfterSalesMoney, OnlyRefundsAreMoneyRequestsForTheRepeatCheck) {
  AfterSales partial;
  partial.id = 4;
  partial.order_no = "N1";
  partial.type = AfterSalesType::kPartialRefund;
  partial.requested_amount = 3000;
  const std::optional<MoneyRequest> asked = MoneyRequestOf(partial);
  ASSERT_TRUE(asked.has_value());
  EXPECT_EQ(asked->subject, "N1");
  EXPECT_EQ(asked->type, "partial_refund");
  EXPECT_EQ(asked->amount, 3000);
  EXPECT_TRUE(asked->open);
  partial.status = AfterSalesStatus::kClosed;
  EXPECT_FALSE(MoneyRequestOf(partial)->open);
  partial.type = AfterSalesType::kReship;
  EXPECT_FALSE(MoneyRequestOf(partial).has_value());
}

}  // namespace
}  // namespace ordo

namespace ordo {
namespace {

TEST(AfterSalesReplacement, AFreeOrderGoesStraightToTheWarehouse) {
  Order order;
  order.order_no = "R1";
  order.status = OrderStatus::kPendingPayment;
  order.payment_status = PaymentStatus::kUnpaid;
  order.total_amount = 0;
  order.version = 1;
  Result<Events> events = ReleaseReplacementOrder(order, 7, "N1", kService);
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  EXPECT_EQ(order.status, OrderStatus::kAwaitingFulfillment);
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].to_status, "pending_review");
  EXPECT_EQ((*events)[1].type, "approve");
  EXPECT_EQ(order.version, 3);
  // Only once, and never for an order that costs something.
  EXPECT_EQ(ReleaseReplacementOrder(order, 7, "N1", kService).status().code(),
            Code::kIllegalTransition);
  Order priced;
  priced.status = OrderStatus::kPendingPayment;
  priced.total_amount = 100;
  EXPECT_EQ(ReleaseReplacementOrder(priced, 7, "N1", kService).status().code(),
            Code::kIllegalTransition);
  priced.credit_amount = 100;  // the returned goods pay for it all
  EXPECT_TRUE(ReleaseReplacementOrder(priced, 7, "N1", kService).ok());
}

}  // namespace
}  // namespace ordo

namespace ordo {
namespace {

TEST(AfterSalesSettings, WindowsAreValidatedAndDefaultToFifteenAndSevenDays) {
  Settings settings;
  EXPECT_EQ(settings.after_sales_window_days, 15);
  EXPECT_EQ(settings.no_reason_return_days, 7);
  EXPECT_TRUE(IsSettingKey("after_sales_window_days"));
  EXPECT_TRUE(IsSettingKey("no_reason_return_days"));
  settings.after_sales_window_days = 0;
  settings.no_reason_return_days = 366;
  const Status refused = ValidateSettings(settings);
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> fields;
  for (const FieldError& error : refused.field_errors()) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"after_sales_window_days", "no_reason_return_days"}));
  settings.after_sales_window_days = 365;
  settings.no_reason_return_days = 1;
  EXPECT_TRUE(ValidateSettings(settings).ok());
}

}  // namespace
}  // namespace ordo
