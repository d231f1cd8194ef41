#include "domain/inventory/movement_request.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

MovementRequest Pending() {
  MovementRequest request;
  request.id = 7;
  request.type = "adjustment";
  request.warehouse = "SH-01";
  request.sku = "TEA";
  request.quantity = -5000;
  request.reason = "盘亏";
  request.requested_by = "user:wh-wang";
  return request;
}

TEST(MovementRequest, OnlyMovementsAboveTheThresholdEitherWayWaitForASecondPerson) {
  EXPECT_FALSE(NeedsSecondPerson(1000, 1000));
  EXPECT_FALSE(NeedsSecondPerson(-1000, 1000));
  EXPECT_TRUE(NeedsSecondPerson(1001, 1000));
  EXPECT_TRUE(NeedsSecondPerson(-1001, 1000));
  EXPECT_TRUE(NeedsSecondPerson(1'000'000'000'000, 1000));
}

TEST(MovementRequest, TheRequesterMayNotDecideAndARejectionNeedsAReason) {
  MovementRequest request = Pending();
  const Status self = DecideMovementRequest(request, true, "user:wh-wang", Timestamp{5}, "");
  EXPECT_EQ(self.kind(), Kind::kForbidden);
  EXPECT_EQ(self.code(), Code::kSelfApproval);
  EXPECT_EQ(DecideMovementRequest(request, false, "user:buyer-chen", Timestamp{5}, "")
                .field_errors()[0]
                .field,
            "reason");
  EXPECT_EQ(request.status, MovementRequestStatus::kPending) << "refusals change nothing";
  ASSERT_TRUE(DecideMovementRequest(request, true, "user:buyer-chen", Timestamp{5}, "").ok());
  EXPECT_EQ(request.status, MovementRequestStatus::kApproved);
  EXPECT_EQ(request.decided_by, "user:buyer-chen");
  EXPECT_EQ(DecideMovementRequest(request, false, "user:boss", Timestamp{6}, "late").code(),
            Code::kAlreadyDecided);
}

TEST(MovementRequest, StatusNamesRoundTrip) {
  for (auto status : {MovementRequestStatus::kPending, MovementRequestStatus::kApproved,
                      MovementRequestStatus::kRejected}) {
    EXPECT_EQ(ParseMovementRequestStatus(MovementRequestStatusName(status)), status);
  }
  EXPECT_FALSE(ParseMovementRequestStatus("maybe"));
}

}  // namespace
}  // namespace ordo
