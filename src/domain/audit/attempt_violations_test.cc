#include <gtest/gtest.h>

#include "domain/audit/detectors.h"
#include "domain/audit/test_records.h"

namespace ordo {
namespace {

using testing::RefusedAttempt;

TEST(AttemptViolations, CancellingAShippedOrderIsAChangeAfterShipment) {
  for (const char* status : {"shipped", "delivered", "completed"}) {
    const Attempt attempt = RefusedAttempt(41, "user:zhao", "cancel", status);
    const std::vector<Violation> found = DetectAttemptViolations({attempt});
    ASSERT_EQ(found.size(), 1u) << status;
    EXPECT_EQ(found[0].type, ViolationType::kChangeAfterShipment);
    EXPECT_EQ(found[0].actor, "user:zhao");
    EXPECT_EQ(found[0].entity, "attempt");
    EXPECT_EQ(found[0].entity_id, "41");
    EXPECT_EQ(found[0].severity, Severity::kHigh);
    EXPECT_NE(found[0].explanation.find(status), std::string::npos);
  }
  EXPECT_EQ(
      ClassifyAttempt(RefusedAttempt(1, "user:zhao", "change", "shipped", "change_not_allowed")),
      ViolationType::kChangeAfterShipment);
}

TEST(AttemptViolations, FulfillingAnUnreviewedOrderIsAReviewBypassAttempt) {
  for (const char* action : {"pick", "pack", "ship"}) {
    for (const char* status : {"pending_review", "pending_payment"}) {
      EXPECT_EQ(ClassifyAttempt(RefusedAttempt(2, "user:wang", action, status)),
                ViolationType::kReviewBypassAttempt)
          << action << " on " << status;
    }
  }
}

TEST(AttemptViolations, AForbiddenRevealIsUnauthorisedPersonalDataAccess) {
  Attempt attempt = RefusedAttempt(3, "user:wang", "reveal", "", "forbidden");
  attempt.permission = "pii:read";
  const std::vector<Violation> found = DetectAttemptViolations({attempt});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].type, ViolationType::kUnauthorisedPiiAccess);
  EXPECT_NE(found[0].explanation.find("without the pii:read permission"), std::string::npos);
}

TEST(AttemptViolations, OrdinaryRefusalsAreNotViolations) {
  // Picking twice, shipping before packing, cancelling what is already cancelled: mistakes of
  // sequence, not breaches of a rule.
  EXPECT_FALSE(ClassifyAttempt(RefusedAttempt(4, "user:wang", "pick", "picking")));
  EXPECT_FALSE(ClassifyAttempt(RefusedAttempt(5, "user:wang", "ship", "awaiting_fulfillment")));
  EXPECT_FALSE(ClassifyAttempt(RefusedAttempt(6, "user:zhao", "cancel", "cancelled")));
  // A refusal for another reason, or for another permission.
  EXPECT_FALSE(ClassifyAttempt(RefusedAttempt(7, "user:zhao", "cancel", "shipped", "not_found")));
  Attempt forbidden = RefusedAttempt(8, "user:wang", "users", "", "forbidden");
  forbidden.permission = "users:write";
  EXPECT_FALSE(ClassifyAttempt(forbidden));
  EXPECT_TRUE(DetectAttemptViolations({forbidden}).empty());
}

TEST(AttemptViolations, DepartmentsComeFromTheDirectory) {
  std::vector<Violation> found =
      DetectAttemptViolations({RefusedAttempt(9, "user:zhao", "cancel", "shipped"),
                               RefusedAttempt(10, "token:ops", "cancel", "shipped")});
  StaffDirectory directory;
  directory.Add("user:zhao", "customer_service");
  AssignDepartments(found, directory);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].department, "customer_service");
  EXPECT_EQ(found[1].department, "");
}

}  // namespace
}  // namespace ordo
