#include <gtest/gtest.h>

#include "domain/audit/detectors.h"
#include "domain/audit/test_records.h"

namespace ordo {
namespace {

using testing::AtMinute;
using testing::Entry;

TEST(EntryCorrected, AReceiptAdjustedWithinTheWindowIsTheReceiversViolation) {
  const std::vector<LedgerEntry> ledger = {
      Entry(10, MovementType::kReceipt, 100, "user:bob", 0),
      Entry(11, MovementType::kReservation, 2, "token:web", 5),
      Entry(12, MovementType::kAdjustment, -10, "user:carol", 120),
  };
  const std::vector<Violation> found = DetectEntryCorrections(ledger, SupervisionPolicy{});
  ASSERT_EQ(found.size(), 1u);
  const Violation& violation = found[0];
  EXPECT_EQ(violation.type, ViolationType::kEntryCorrected);
  EXPECT_EQ(violation.actor, "user:bob");
  EXPECT_EQ(violation.entity, "stock");
  EXPECT_EQ(violation.entity_id, "TEA-1@SH-01");
  EXPECT_EQ(violation.occurrence, "adjustment:12");
  EXPECT_EQ(violation.at, AtMinute(120));
  EXPECT_NE(violation.explanation.find("receipt #10 of 100 by user:bob"), std::string::npos)
      << violation.explanation;
  EXPECT_NE(violation.explanation.find("adjustment #12 of -10 by user:carol"), std::string::npos);
}

TEST(EntryCorrected, AnAdjustmentAfterTheWindowCorrectsNothing) {
  SupervisionPolicy policy;
  policy.correction_window_ms = 60 * 60 * 1000;
  const std::vector<LedgerEntry> ledger = {
      Entry(1, MovementType::kReceipt, 100, "user:bob", 0),
      Entry(2, MovementType::kAdjustment, -10, "user:carol", 61),
  };
  EXPECT_TRUE(DetectEntryCorrections(ledger, policy).empty());
  policy.correction_window_ms = 61 * 60 * 1000;
  EXPECT_EQ(DetectEntryCorrections(ledger, policy).size(), 1u);
}

TEST(EntryCorrected, OnlyTheSameStockAndTheLatestEntryCount) {
  const std::vector<LedgerEntry> ledger = {
      Entry(1, MovementType::kReceipt, 100, "user:bob", 0),
      Entry(2, MovementType::kReceipt, 50, "user:dan", 5, "TEA-1", "BJ-01"),
      Entry(3, MovementType::kReceipt, 30, "user:eve", 6, "TEA-2"),
      Entry(4, MovementType::kReturn, 1, "user:fay", 7),
      Entry(5, MovementType::kAdjustment, -1, "user:carol", 8),
  };
  const std::vector<EntryCorrection> found = FindEntryCorrections(ledger, SupervisionPolicy{});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].original.id, 4);  // the return, not bob's earlier receipt
  EXPECT_EQ(found[0].correction.id, 5);
}

TEST(EntryCorrected, OrderMovementsAreNeverCorrectedEntries) {
  const std::vector<LedgerEntry> ledger = {
      Entry(1, MovementType::kConsumption, -3, "user:wang", 0),
      Entry(2, MovementType::kAdjustment, 3, "user:carol", 1),
  };
  EXPECT_TRUE(DetectEntryCorrections(ledger, SupervisionPolicy{}).empty());
  EXPECT_FALSE(IsManualEntry(MovementType::kReservation));
  EXPECT_TRUE(IsManualEntry(MovementType::kStocktake));
}

TEST(EntryCorrected, EntriesMayArriveInAnyOrder) {
  const std::vector<LedgerEntry> ledger = {
      Entry(9, MovementType::kAdjustment, 5, "user:carol", 30),
      Entry(8, MovementType::kReceipt, 20, "user:bob", 10),
  };
  const std::vector<Violation> found = DetectEntryCorrections(ledger, SupervisionPolicy{});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].actor, "user:bob");
}

}  // namespace
}  // namespace ordo
