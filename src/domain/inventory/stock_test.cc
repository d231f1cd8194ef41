#include "domain/inventory/stock.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace ordo {
namespace {

MovementContext Context(std::string reason = "test", std::string order_no = "") {
  return MovementContext{"user:keeper", std::move(reason), std::move(order_no), Timestamp{4200}};
}

// 10 on hand, 4 of them reserved: 6 available.
StockLevel Level() {
  return StockLevel("SH-01", "TEA-001", 10, 4);
}

void ExpectEntry(const LedgerEntry& entry, MovementType type, Quantity quantity,
                 Quantity on_hand_after, Quantity reserved_after) {
  EXPECT_EQ(entry.type, type) << MovementTypeName(entry.type);
  EXPECT_EQ(entry.quantity, quantity);
  EXPECT_EQ(entry.on_hand_after, on_hand_after);
  EXPECT_EQ(entry.reserved_after, reserved_after);
  EXPECT_EQ(entry.warehouse, "SH-01");
  EXPECT_EQ(entry.sku, "TEA-001");
  EXPECT_EQ(entry.actor, "user:keeper");
  EXPECT_EQ(entry.at, Timestamp{4200});
  EXPECT_EQ(entry.id, 0);
}

void ExpectLevel(const StockLevel& level, Quantity on_hand, Quantity reserved) {
  EXPECT_EQ(level.on_hand(), on_hand);
  EXPECT_EQ(level.reserved(), reserved);
  EXPECT_EQ(level.available(), on_hand - reserved);
}

// Expects `result` refused with `code` (and, for kInvalidValue, a "quantity" field error) and
// the level still at 10 on hand, 4 reserved.
void ExpectRefused(const Result<LedgerEntry>& result, const StockLevel& level, Code code) {
  ASSERT_FALSE(result.ok());
  if (code == Code::kInvalidValue) {
    EXPECT_EQ(result.status().kind(), Kind::kInvalid);
    ASSERT_EQ(result.status().field_errors().size(), 1u);
    EXPECT_EQ(result.status().field_errors()[0].field, "quantity");
    EXPECT_EQ(result.status().field_errors()[0].code, code);
  } else {
    EXPECT_EQ(result.status().kind(), Kind::kConflict);
    EXPECT_EQ(result.status().code(), code) << result.status().ToString();
  }
  ExpectLevel(level, 10, 4);
}

TEST(StockLevel, AvailableIsOnHandLessReserved) {
  const StockLevel level = Level();
  EXPECT_EQ(level.warehouse(), "SH-01");
  EXPECT_EQ(level.sku(), "TEA-001");
  ExpectLevel(level, 10, 4);
  EXPECT_EQ(level.available(), 6);
}

TEST(StockLevel, ReceiveAddsToOnHand) {
  StockLevel level = Level();
  const Result<LedgerEntry> entry = level.Receive(5, Context("PO-17 arrived"));
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  ExpectLevel(level, 15, 4);
  ExpectEntry(*entry, MovementType::kReceipt, 5, 15, 4);
  EXPECT_EQ(entry->reason, "PO-17 arrived");
  EXPECT_TRUE(entry->order_no.empty());
}

TEST(StockLevel, ReserveTakesFromAvailable) {
  StockLevel level = Level();
  const Result<LedgerEntry> entry = level.Reserve(6, Context("order", "SO-1"));
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  ExpectLevel(level, 10, 10);
  ExpectEntry(*entry, MovementType::kReservation, 6, 10, 10);
  EXPECT_EQ(entry->order_no, "SO-1");
  EXPECT_EQ(entry->reason, "order");
}

TEST(StockLevel, ReleaseGivesReservedBack) {
  StockLevel level = Level();
  const Result<LedgerEntry> entry = level.Release(3, Context("cancelled", "SO-1"));
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  ExpectLevel(level, 10, 1);
  ExpectEntry(*entry, MovementType::kRelease, -3, 10, 1);
  EXPECT_EQ(entry->reason, "cancelled");
}

TEST(StockLevel, ConsumeTakesFromOnHandAndReserved) {
  StockLevel level = Level();
  const Result<LedgerEntry> entry = level.Consume(4, Context("shipped", "SO-1"));
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  ExpectLevel(level, 6, 0);
  ExpectEntry(*entry, MovementType::kConsumption, -4, 6, 0);
}

TEST(StockLevel, ReturnToStockAddsToOnHand) {
  StockLevel level = Level();
  const Result<LedgerEntry> entry = level.ReturnToStock(1, Context("RMA-3 passed inspection"));
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  ExpectLevel(level, 11, 4);
  ExpectEntry(*entry, MovementType::kReturn, 1, 11, 4);
  EXPECT_EQ(entry->reason, "RMA-3 passed inspection");
}

TEST(StockLevel, AdjustMovesOnHandEitherWay) {
  StockLevel level = Level();
  const Result<LedgerEntry> up = level.Adjust(3, Context("found a carton"));
  ASSERT_TRUE(up.ok()) << up.status().ToString();
  ExpectEntry(*up, MovementType::kAdjustment, 3, 13, 4);
  const Result<LedgerEntry> down = level.Adjust(-9, Context("water damage"));
  ASSERT_TRUE(down.ok()) << down.status().ToString();
  ExpectEntry(*down, MovementType::kAdjustment, -9, 4, 4);
  EXPECT_EQ(down->reason, "water damage");
  ExpectLevel(level, 4, 4);
}

TEST(StockLevel, CountReplacesOnHandAndRecordsTheDifference) {
  StockLevel level = Level();
  const Result<LedgerEntry> lower = level.Count(7, Context("stocktake"));
  ASSERT_TRUE(lower.ok()) << lower.status().ToString();
  ExpectEntry(*lower, MovementType::kStocktake, -3, 7, 4);
  const Result<LedgerEntry> higher = level.Count(12, Context("stocktake"));
  ASSERT_TRUE(higher.ok());
  ExpectEntry(*higher, MovementType::kStocktake, 5, 12, 4);
  const Result<LedgerEntry> same = level.Count(12, Context("stocktake"));
  ASSERT_TRUE(same.ok());
  ExpectEntry(*same, MovementType::kStocktake, 0, 12, 4);
  ExpectLevel(level, 12, 4);
}

TEST(StockLevel, CountDownToExactlyReservedIsAllowed) {
  StockLevel level = Level();
  ASSERT_TRUE(level.Count(4, Context()).ok());
  ExpectLevel(level, 4, 4);
}

TEST(StockLevel, ReserveBeyondAvailableIsRefused) {
  StockLevel level = Level();
  ExpectRefused(level.Reserve(7, Context()), level, Code::kInsufficientStock);
}

TEST(StockLevel, ReleaseOfMoreThanReservedIsRefused) {
  StockLevel level = Level();
  ExpectRefused(level.Release(5, Context()), level, Code::kInsufficientStock);
}

TEST(StockLevel, ConsumeOfUnreservedStockIsRefused) {
  StockLevel level = Level();
  ExpectRefused(level.Consume(5, Context()), level, Code::kInsufficientStock);
}

TEST(StockLevel, AdjustBelowReservedIsRefused) {
  StockLevel level = Level();
  ExpectRefused(level.Adjust(-7, Context()), level, Code::kInsufficientStock);
}

TEST(StockLevel, CountBelowReservedIsRefused) {
  StockLevel level = Level();
  ExpectRefused(level.Count(3, Context()), level, Code::kInsufficientStock);
}

TEST(StockLevel, ZeroAdjustmentAndNegativeCountAreInvalid) {
  StockLevel level = Level();
  ExpectRefused(level.Adjust(0, Context()), level, Code::kInvalidValue);
  ExpectRefused(level.Count(-1, Context()), level, Code::kInvalidValue);
}

TEST(StockLevel, NonPositiveQuantitiesAreInvalidForEveryMovement) {
  using Movement = std::function<Result<LedgerEntry>(StockLevel&, Quantity)>;
  const std::vector<std::pair<std::string, Movement>> movements = {
      {"Receive", [](StockLevel& l, Quantity q) { return l.Receive(q, Context()); }},
      {"Reserve", [](StockLevel& l, Quantity q) { return l.Reserve(q, Context()); }},
      {"Release", [](StockLevel& l, Quantity q) { return l.Release(q, Context()); }},
      {"Consume", [](StockLevel& l, Quantity q) { return l.Consume(q, Context()); }},
      {"ReturnToStock", [](StockLevel& l, Quantity q) { return l.ReturnToStock(q, Context()); }},
  };
  for (const auto& [name, movement] : movements) {
    for (Quantity quantity : {Quantity{0}, Quantity{-1}, Quantity{-100}}) {
      SCOPED_TRACE(name + " " + std::to_string(quantity));
      StockLevel level = Level();
      ExpectRefused(movement(level, quantity), level, Code::kInvalidValue);
    }
  }
}

TEST(StockLevel, ReservationsAddUpToExactlyWhatIsAvailable) {
  StockLevel level = Level();
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(level.Reserve(1, Context()).ok()) << i;
  }
  ExpectLevel(level, 10, 10);
  const Result<LedgerEntry> one_more = level.Reserve(1, Context());
  ASSERT_FALSE(one_more.ok());
  EXPECT_EQ(one_more.status().code(), Code::kInsufficientStock);
  ExpectLevel(level, 10, 10);
}

TEST(StockLevel, ReserveReleaseConsumeCycleKeepsTheBooksStraight) {
  StockLevel level("SH-01", "TEA-001", 0, 0);
  ASSERT_TRUE(level.Receive(20, Context()).ok());
  ASSERT_TRUE(level.Reserve(8, Context()).ok());
  ASSERT_TRUE(level.Release(3, Context()).ok());
  ASSERT_TRUE(level.Consume(5, Context()).ok());
  ExpectLevel(level, 15, 0);
  const Result<LedgerEntry> consume_again = level.Consume(1, Context());
  ASSERT_FALSE(consume_again.ok());
  ExpectLevel(level, 15, 0);
}

TEST(MovementTypeName, EveryTypeHasItsLedgerName) {
  EXPECT_EQ(MovementTypeName(MovementType::kReceipt), "receipt");
  EXPECT_EQ(MovementTypeName(MovementType::kReservation), "reservation");
  EXPECT_EQ(MovementTypeName(MovementType::kRelease), "release");
  EXPECT_EQ(MovementTypeName(MovementType::kConsumption), "consumption");
  EXPECT_EQ(MovementTypeName(MovementType::kReturn), "return");
  EXPECT_EQ(MovementTypeName(MovementType::kAdjustment), "adjustment");
  EXPECT_EQ(MovementTypeName(MovementType::kStocktake), "stocktake");
}

}  // namespace
}  // namespace ordo
