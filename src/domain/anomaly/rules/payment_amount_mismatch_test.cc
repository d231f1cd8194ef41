#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(PaymentAmountMismatch, APaymentOfTheTotalPasses) {
  Fixture fixture;
  EXPECT_TRUE(CheckPaymentAmountMismatch(fixture.Context()).empty());
}

TEST(PaymentAmountMismatch, AShortPaymentWaitingForItsBalanceIsFlagged) {
  Fixture fixture;
  fixture.order.payments[0].amount = 13100;
  fixture.order.payments[0].outcome = PaymentOutcome::kAmountMismatch;
  fixture.order.paid_amount = 13100;
  const std::vector<RuleHit> hits = CheckPaymentAmountMismatch(fixture.Context());
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].details[1].second, "13100");
}

TEST(PaymentAmountMismatch, AShortPaymentWhoseBalanceWasPaidPasses) {
  Fixture fixture;
  fixture.order.payments[0].amount = 13100;
  fixture.order.payments[0].outcome = PaymentOutcome::kAmountMismatch;
  Payment balance = fixture.order.payments[0];
  balance.transaction_id = "T-BAL";
  balance.amount = 100;
  balance.outcome = PaymentOutcome::kSucceeded;
  fixture.order.payments.push_back(balance);
  EXPECT_TRUE(CheckPaymentAmountMismatch(fixture.Context()).empty());
}

TEST(PaymentAmountMismatch, APaidOrderHoldingMoreThanItIsChargedIsFlagged) {
  Fixture fixture;
  fixture.order.paid_amount = 13201;
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
  fixture.order.refunded_amount -= 1;  // a fen of the duplicate was not refunded
  EXPECT_EQ(CheckPaymentAmountMismatch(fixture.Context()).size(), 1u);
}

TEST(PaymentAmountMismatch, ASupplementDueAfterAChangeIsNotAMismatch) {
  Fixture fixture;
  fixture.order.total_amount += 500;  // owed, and nothing ships until it is paid
  EXPECT_TRUE(CheckPaymentAmountMismatch(fixture.Context()).empty());
}

}  // namespace
}  // namespace ordo
