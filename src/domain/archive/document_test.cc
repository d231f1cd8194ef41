#include "domain/archive/document.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;

DocumentGrant WarehouseAsksForInvoices() {
  DocumentGrant grant;
  grant.id = 7;
  grant.department = "warehouse";
  grant.document_class = DocumentClass::kInvoice;
  grant.reason = "checking a disputed delivery";
  grant.hours = 24;
  grant.requested_by = "user:li";
  grant.requested_at = Timestamp{1000};
  return grant;
}

TEST(DocumentArchive, EveryClassHasANameAnOwnerAndAtLeastThreeYears) {
  EXPECT_EQ(DocumentClasses().size(), 7u);
  for (DocumentClass c : DocumentClasses()) {
    EXPECT_EQ(ParseDocumentClass(DocumentClassName(c)), c);
    EXPECT_FALSE(OwningDepartment(c).empty());
    EXPECT_GE(DefaultRetentionDays(c), kMinRetentionDays);
  }
  EXPECT_EQ(OwningDepartment(DocumentClass::kInvoice), "finance");
  EXPECT_FALSE(ParseDocumentClass("memo"));
}

TEST(DocumentGrants, TheOwningDepartmentNeedsNoGrantAndIsRefusedOne) {
  DocumentGrant grant = WarehouseAsksForInvoices();
  grant.department = "finance";
  Status status = ValidateGrantRequest(grant);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.field_errors().front().code, Code::kOwnDepartment);
}

TEST(DocumentGrants, OnlyTheOwningDepartmentsHeadDecides) {
  DocumentGrant grant = WarehouseAsksForInvoices();
  Status status = DecideGrant(grant, true, "user:wang", "warehouse", "", Timestamp{2000});
  EXPECT_EQ(status.code(), Code::kNotDepartmentHead);
  EXPECT_EQ(grant.status, GrantStatus::kPending);
  ASSERT_TRUE(DecideGrant(grant, true, "user:zhao", "finance", "ok", Timestamp{2000}).ok());
  EXPECT_EQ(grant.expires_at->unix_ms, 2000 + 24 * kHourMs);
  EXPECT_EQ(DecideGrant(grant, false, "user:zhao", "finance", "", Timestamp{3000}).code(),
            Code::kAlreadyDecided);
}

TEST(DocumentGrants, AGrantReadsOnlyItsClassForItsDepartmentUntilItExpires) {
  DocumentGrant grant = WarehouseAsksForInvoices();
  const Timestamp at{2000};
  EXPECT_FALSE(GrantCovers(grant, "warehouse", DocumentClass::kInvoice, 5, at));  // pending
  ASSERT_TRUE(DecideGrant(grant, true, "user:zhao", "finance", "", at).ok());
  EXPECT_TRUE(GrantCovers(grant, "warehouse", DocumentClass::kInvoice, 5, at.PlusMs(kHourMs)));
  EXPECT_FALSE(GrantCovers(grant, "logistics", DocumentClass::kInvoice, 5, at));
  EXPECT_FALSE(GrantCovers(grant, "warehouse", DocumentClass::kRefundVoucher, 5, at));
  EXPECT_FALSE(GrantCovers(grant, "warehouse", DocumentClass::kInvoice, 5, at.PlusMs(24 * kHourMs)));
  grant.document_id = 9;
  EXPECT_FALSE(GrantCovers(grant, "warehouse", DocumentClass::kInvoice, 5, at));
  EXPECT_TRUE(GrantCovers(grant, "warehouse", DocumentClass::kInvoice, 9, at));
}

TEST(DocumentGrants, ARefusedGrantReadsNothing) {
  DocumentGrant grant = WarehouseAsksForInvoices();
  ASSERT_TRUE(DecideGrant(grant, false, "user:zhao", "finance", "no", Timestamp{2000}).ok());
  EXPECT_FALSE(grant.expires_at);
  EXPECT_FALSE(GrantCovers(grant, "warehouse", DocumentClass::kInvoice, 5, Timestamp{2001}));
}

TEST(DocumentDestructions, TheProposerCannotApproveTheirOwnDestruction) {
  DocumentDestruction destruction;
  destruction.id = 3;
  destruction.proposed_by = "user:sun";
  EXPECT_EQ(DecideDestruction(destruction, true, "user:sun", "", Timestamp{1}).code(),
            Code::kSelfApproval);
  EXPECT_EQ(destruction.status, DestructionStatus::kProposed);
  ASSERT_TRUE(DecideDestruction(destruction, true, "user:qian", "", Timestamp{1}).ok());
  EXPECT_EQ(destruction.status, DestructionStatus::kApproved);
  EXPECT_EQ(DecideDestruction(destruction, false, "user:zhou", "", Timestamp{2}).code(),
            Code::kAlreadyDecided);
}

TEST(DocumentDestructions, RetentionRunsFromTheEndOfTheOrder) {
  const int64_t day_ms = 24 * kHourMs;
  EXPECT_EQ(DestroyableFrom(Timestamp{day_ms}, kMinRetentionDays).unix_ms,
            day_ms * (1 + kMinRetentionDays));
}

}  // namespace
}  // namespace ordo
