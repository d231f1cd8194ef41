#include "domain/anomaly/rules/rule_test_util.h"

namespace ordo {
namespace {

using rules_test::Fixture;

TEST(CodNotReconfirmed, OnlineOrdersAreNotConcerned) {
  Fixture fixture;
  EXPECT_TRUE(CheckCodNotReconfirmed(fixture.Context()).empty());
}

TEST(CodNotReconfirmed, ACashOnDeliveryOrderWaitsForItsReconfirmation) {
  Fixture fixture;
  fixture.order.payment_method = PaymentMethod::kCod;
  fixture.order.payment_status = PaymentStatus::kCodPending;
  EXPECT_EQ(CheckCodNotReconfirmed(fixture.Context()).size(), 1u);
  fixture.order.cod_confirmed_at = rules_test::kNow;
  EXPECT_TRUE(CheckCodNotReconfirmed(fixture.Context()).empty());
}

}  // namespace
}  // namespace ordo
