#include "domain/anomaly/case.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

const Actor kSystem{"system", Timestamp{1000}};
const Actor kLead{"user:lead", Timestamp{2000}};

AbnormalCase WeightCase() {
  AbnormalCase abnormal =
      OpenCase(*FindCaseType("weight_mismatch"), "N1", "parcel:SH-01",
               "measured 1300 g, expected 1040 g", {{"measured_g", "1300"}}, kSystem);
  abnormal.id = 5;
  return abnormal;
}

Order PackedOrder() {
  Order order;
  order.order_no = "N1";
  order.status = OrderStatus::kPacked;
  order.payment_status = PaymentStatus::kPaid;
  order.version = 4;
  return order;
}

TEST(CaseTypes, CarryTheirClassification) {
  const CaseType* weight = FindCaseType("weight_mismatch");
  ASSERT_NE(weight, nullptr);
  EXPECT_TRUE(weight->blocking);
  EXPECT_FALSE(FindCaseType("verification_mismatch")->blocking);
  EXPECT_FALSE(FindCaseType("ship_time_limit_breached")->blocking);
  EXPECT_TRUE(FindCaseType("logistics_lost")->blocking);
  EXPECT_EQ(FindCaseType("logistics_lost")->severity, CaseSeverity::kHigh);
  EXPECT_EQ(FindCaseType("no_such_rule"), nullptr);
  for (const CaseType& type : CaseTypes()) {
    EXPECT_FALSE(type.description.empty()) << type.name;
  }
}

TEST(AbnormalCase, OpensWithItsTypesClassification) {
  const AbnormalCase abnormal = WeightCase();
  EXPECT_EQ(abnormal.status, CaseStatus::kOpen);
  EXPECT_TRUE(abnormal.blocking);
  EXPECT_EQ(abnormal.severity, CaseSeverity::kMedium);
  EXPECT_EQ(abnormal.opened_by, "system");
}

TEST(AbnormalCase, IsAssignedThenResolvedWithRootCause) {
  AbnormalCase abnormal = WeightCase();
  ASSERT_TRUE(AssignCase(abnormal, "user:zhao", kLead).ok());
  EXPECT_EQ(abnormal.status, CaseStatus::kAssigned);
  ASSERT_TRUE(AssignCase(abnormal, "user:qian", kLead).ok()) << "a case may be reassigned";
  EXPECT_EQ(abnormal.assignee, "user:qian");
  ASSERT_TRUE(ResolveCase(abnormal, "repacked", "wrong carton", "weigh twice", kLead).ok());
  EXPECT_EQ(abnormal.status, CaseStatus::kResolved);
  EXPECT_EQ(abnormal.closed_by, "user:lead");
  EXPECT_EQ(abnormal.closed_at, Timestamp{2000});
}

TEST(AbnormalCase, ResolvingNeedsAResolutionAndARootCause) {
  AbnormalCase abnormal = WeightCase();
  const Status status = ResolveCase(abnormal, "", "", "", kLead);
  ASSERT_EQ(status.kind(), Kind::kInvalid);
  ASSERT_EQ(status.field_errors().size(), 2u);
  EXPECT_EQ(status.field_errors()[0].field, "resolution");
  EXPECT_EQ(status.field_errors()[1].field, "root_cause");
  EXPECT_EQ(abnormal.status, CaseStatus::kOpen) << "a refusal changes nothing";
  EXPECT_EQ(AssignCase(abnormal, "", kLead).field_errors()[0].code, Code::kRequired);
  EXPECT_EQ(DismissCase(abnormal, "", kLead).field_errors()[0].field, "reason");
}

TEST(AbnormalCase, AClosedCaseRefusesEveryChange) {
  AbnormalCase resolved = WeightCase();
  ASSERT_TRUE(ResolveCase(resolved, "fixed", "cause", "", kLead).ok());
  EXPECT_EQ(AssignCase(resolved, "user:x", kLead).code(), Code::kCaseClosed);
  EXPECT_EQ(ResolveCase(resolved, "again", "cause", "", kLead).code(), Code::kCaseClosed);
  EXPECT_EQ(DismissCase(resolved, "no", kLead).code(), Code::kCaseClosed);
  AbnormalCase dismissed = WeightCase();
  ASSERT_TRUE(DismissCase(dismissed, "scale was off", kLead).ok());
  EXPECT_EQ(dismissed.resolution, "scale was off");
  EXPECT_EQ(ResolveCase(dismissed, "fixed", "cause", "", kLead).kind(), Kind::kConflict);
}

TEST(Holds, AHeldOrderDoesNotAdvanceUntilReleased) {
  Order order = PackedOrder();
  const AbnormalCase abnormal = WeightCase();
  const OrderEvent placed = PlaceHold(order, abnormal, kSystem);
  EXPECT_EQ(placed.type, "hold_placed");
  EXPECT_TRUE(order.on_hold());
  EXPECT_EQ(order.version, 5);
  auto shipped = Ship(order, "SF", "SF1", kLead);
  ASSERT_FALSE(shipped.ok());
  EXPECT_EQ(shipped.status().code(), Code::kOrderOnHold);
  EXPECT_EQ(order.status, OrderStatus::kPacked);
  // Cancellation is not advancing: it still applies to a held order.
  Order cancellable = order;
  EXPECT_TRUE(Cancel(cancellable, "customer gave up", kLead).ok());

  const std::optional<OrderEvent> released = ReleaseHold(order, abnormal, kLead);
  ASSERT_TRUE(released);
  EXPECT_EQ(released->type, "hold_released");
  EXPECT_FALSE(order.on_hold());
  EXPECT_FALSE(ReleaseHold(order, abnormal, kLead)) << "released once";
  EXPECT_TRUE(Ship(order, "SF", "SF1", kLead).ok());
}

TEST(Holds, OnlyTheCarriersDeliveryAppliesAndCompletionWaits) {
  Order order = PackedOrder();
  order.status = OrderStatus::kShipped;
  AbnormalCase damaged =
      OpenCase(*FindCaseType("logistics_damaged"), "N1", "shipment:1", "damaged", {}, kSystem);
  damaged.id = 9;
  PlaceHold(order, damaged, kSystem);
  EXPECT_EQ(Deliver(order, kLead).status().code(), Code::kOrderOnHold)
      << "staff do not deliver a damaged parcel's order by hand";
  EXPECT_TRUE(RecordDelivery(order, kLead.at, kSystem).ok()) << "the carrier's word is a fact";
  EXPECT_EQ(Complete(order, kLead).status().code(), Code::kOrderOnHold);
}

TEST(Holds, PartOfASplitOrderShippedBlocksCancellation) {
  Order order = PackedOrder();
  OrderLine line;
  line.sku = "TEA";
  line.quantity = 2;
  line.quantity_reserved = 1;
  line.quantity_shipped = 1;
  order.lines = {line};
  const auto cancelled = Cancel(order, "too slow", kLead);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.status().code(), Code::kIllegalTransition);
  EXPECT_EQ(order.status, OrderStatus::kPacked);
}

}  // namespace
}  // namespace ordo
