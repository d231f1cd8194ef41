// Every enum of the domain with a wire name (API, stored documents, exports) has one complete
// name table: every enumerator named once, in declaration order, printing and parsing back.
#include <gtest/gtest.h>

#include "base/enum_names_testing.h"
#include "domain/aftersales/case.h"
#include "domain/anomaly/case.h"
#include "domain/archive/document.h"
#include "domain/audit/sanction.h"
#include "domain/audit/violation.h"
#include "domain/backup/retention.h"
#include "domain/customer/customer.h"
#include "domain/fulfillment/shipment.h"
#include "domain/fulfillment/tracking.h"
#include "domain/fulfillment/verification.h"
#include "domain/inventory/backorder.h"
#include "domain/inventory/movement_request.h"
#include "domain/inventory/replenishment.h"
#include "domain/inventory/stock.h"
#include "domain/inventory/stocktake.h"
#include "domain/order/change.h"
#include "domain/order/money.h"
#include "domain/order/status.h"
#include "domain/payment/refund.h"

namespace ordo {
namespace {

template <typename E>
class DomainEnumNames : public ::testing::Test {};

using DomainEnums = ::testing::Types<
    OrderStatus, PaymentStatus, PaymentMethod, Transition, RefundCause, ChangeRequestStatus,
    CreditLevel, AfterSalesType, AfterSalesReason, AfterSalesStatus, AfterSalesTransition,
    FreightPayer, CaseSeverity, CaseStatus, ViolationType, Severity, SanctionCategory, PenaltyKind,
    RewardKind, ProposalState, ShipmentStatus, TrackingStatus, ScanDifferenceKind, RefundStatus,
    RefundApproval, MovementRequestStatus, BackorderChoice, StocktakeStatus, ReplenishmentStatus,
    MovementType, BackupKind, DocumentClass, DocumentStatus, GrantStatus, DestructionStatus>;
TYPED_TEST_SUITE(DomainEnumNames, DomainEnums);

TYPED_TEST(DomainEnumNames, EveryValueHasOneNameThatParsesBack) {
  EXPECT_EQ(testing_enums::NameTableProblems<TypeParam>(), "");
}

// The wire names stay exactly as they were before the tables: API clients, stored documents
// and exports read these words.
TEST(DomainEnumNames, WireNamesAreUnchanged) {
  EXPECT_EQ(Name(OrderStatus::kAwaitingFulfillment), "awaiting_fulfillment");
  EXPECT_EQ(Name(Transition::kCloseUnpaid), "close");
  EXPECT_EQ(Name(AfterSalesTransition::kRecordReturnShipment), "return_shipment");
  EXPECT_EQ(Name(AfterSalesReason::kNoReason7Days), "no_reason_7_days");
  EXPECT_EQ(Name(RefundStatus::kAwaitingApproval), "awaiting_approval");
  EXPECT_EQ(Name(ShipmentStatus::kOutForDelivery), "out_for_delivery");
  EXPECT_EQ(Name(ViolationType::kUnauthorisedPiiAccess), "unauthorised_pii_access");
  EXPECT_EQ(Name(DocumentClass::kRefundVoucher), "refund_voucher");
  EXPECT_EQ(ParseStatus("pending_payment"), OrderStatus::kPendingPayment);
  EXPECT_EQ(ParseStatus("Pending_Payment"), std::nullopt);
  EXPECT_EQ(ParseRefundCause("overpayment"), RefundCause::kOverpayment);
}

}  // namespace
}  // namespace ordo
