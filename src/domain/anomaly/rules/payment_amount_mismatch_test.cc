#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(PaymentAmountMismatch, APaymentOfTheTotalPasses) {
  Fixture fixture;
  EXPECT_TRUE(CheckPaymentAmountMismatch(fixture.Context()).empty());
}

TEST(PaymentAmountMismatch, ARecordedMismatchIsFlagged) {
  Fixture fixture;
  fixture.order.payments[0].amount = 13100;
  fixture.order.payments[0].outcome = "amount_mismatch";
  const std::vector<RuleHit> hits = CheckPaymentAmountMismatch(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].details[1].second, "13100");
}

TEST(PaymentAmountMismatch, APaidAmountOffTheTotalIsFlagged) {
  Fixture fixture;
  fixture.order.paid_amount = 13199;
  EXPECT_EQ(CheckPaymentAmountMismatch(fixture.Context()).size(), 1u);
}

TEST(PaymentAmountMismatch, ARefundedDuplicatePaymentIsNotAMismatch) {
  Fixture fixture;
  Payment duplicate = fixture.order.payments[0];
  duplicate.transaction_id = "T-DUP";
  duplicate.duplicate = true;
  fixture.order.payments.push_back(duplicate);
  fixture.order.paid_amount += duplicate.amount;
  fixture.order.refunded_amount += duplicate.amount;
  EXPECT_TRUE(CheckPaymentAmountMismatch(fixture.Context()).empty());
  fixture.order.paid_amount -= 1;  // the order's own payment is a fen short
  EXPECT_EQ(CheckPaymentAmountMismatch(fixture.Context()).size(), 1u);
}

TEST(PaymentAmountMismatch, ASupplementDueAfterAChangeIsNotAMismatch) {
  Fixture fixture;
  fixture.order.total_amount += 500;
  fixture.order.supplement_due_amount = 500;
  EXPECT_TRUE(CheckPaymentAmountMismatch(fixture.Context()).empty());
  fixture.order.supplement_due_amount = 400;
  EXPECT_EQ(CheckPaymentAmountMismatch(fixture.Context()).size(), 1u);
}

}  // namespace
}  // namespace ordo
