#include "domain/inventory/stocktake.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ordo {
namespace {

const Timestamp kAt{1'000'000};

Stocktake OpenOf(std::vector<std::string> skus, bool whole = false) {
  Result<Stocktake> opened =
      OpenStocktake("SH-01", std::move(skus), whole, "双十一前盘点", kAt, "user:wh-wang");
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  Stocktake stocktake = std::move(*opened);
  stocktake.id = 12;
  return stocktake;
}

std::vector<StockLevel> Levels() {
  return {StockLevel("SH-01", "CUP", 20, 0), StockLevel("SH-01", "TEA", 100, 30)};
}

TEST(Stocktake, OpeningNeedsAReasonAndListsEachSkuOnce) {
  Stocktake stocktake = OpenOf({"TEA", "CUP", "TEA"});
  ASSERT_EQ(stocktake.lines.size(), 2u);
  EXPECT_EQ(stocktake.lines[0].sku, "CUP");
  EXPECT_EQ(stocktake.lines[1].sku, "TEA");
  EXPECT_FALSE(stocktake.lines[0].counted.has_value());
  const Status no_reason = OpenStocktake("SH-01", {"TEA"}, false, "", kAt, "a").status();
  ASSERT_EQ(no_reason.kind(), Kind::kInvalid);
  EXPECT_EQ(no_reason.field_errors()[0].field, "reason");
  EXPECT_EQ(OpenStocktake("SH-01", {}, false, "x", kAt, "a").status().field_errors()[0].field,
            "skus");
  EXPECT_TRUE(OpenStocktake("SH-01", {}, true, "x", kAt, "a").ok()) << "an empty warehouse";
}

TEST(Stocktake, VarianceIsCountedMinusOnHandAtCountTime) {
  Stocktake stocktake = OpenOf({"TEA", "CUP"});
  ASSERT_TRUE(
      RecordCounts(stocktake, {{"TEA", 97}, {"CUP", 23}}, Levels(), "user:wh-wang", kAt.PlusMs(10))
          .ok());
  EXPECT_EQ(stocktake.lines[1].book_on_hand, 100);
  EXPECT_EQ(stocktake.lines[1].book_reserved, 30);
  EXPECT_EQ(stocktake.lines[1].variance(), -3);
  EXPECT_EQ(stocktake.lines[0].variance(), 3);
  // A recount replaces the count, against the book as it is then.
  const std::vector<StockLevel> later = {StockLevel("SH-01", "TEA", 90, 20)};
  ASSERT_TRUE(RecordCounts(stocktake, {{"TEA", 88}}, later, "user:wh-zhao", kAt).ok());
  EXPECT_EQ(stocktake.lines[1].variance(), -2);
  EXPECT_EQ(stocktake.lines[1].counted_by, "user:wh-zhao");
}

TEST(Stocktake, CountsOutsideTheListNegativeOrTwiceAreRefused) {
  Stocktake stocktake = OpenOf({"TEA"});
  const Status refused =
      RecordCounts(stocktake, {{"MUG", 1}, {"TEA", -1}, {"TEA", 2}}, Levels(), "user:wh-wang", kAt);
  ASSERT_EQ(refused.kind(), Kind::kInvalid);
  std::vector<std::pair<std::string, Code>> errors;
  for (const FieldError& error : refused.field_errors()) {
    errors.emplace_back(error.field, error.code);
  }
  const std::vector<std::pair<std::string, Code>> expected = {
      {"counts[0].sku", Code::kNotInStocktake},
      {"counts[1].counted", Code::kInvalidValue},
      {"counts[2].sku", Code::kDuplicateLine}};
  EXPECT_EQ(errors, expected);
  EXPECT_FALSE(stocktake.lines[0].counted.has_value()) << "a refusal records nothing";
}

TEST(Stocktake, AWholeWarehouseCountTakesInSkusFoundThere) {
  Stocktake stocktake = OpenOf({"TEA"}, /*whole=*/true);
  ASSERT_TRUE(RecordCounts(stocktake, {{"MUG", 4}}, Levels(), "user:wh-wang", kAt).ok());
  ASSERT_EQ(stocktake.lines.size(), 2u);
  EXPECT_EQ(stocktake.lines[0].sku, "MUG");
  EXPECT_EQ(stocktake.lines[0].variance(), 4) << "no book quantity: all of it is a variance";
}

TEST(Stocktake, ApprovalNeedsEveryCountAndAnotherPerson) {
  Stocktake stocktake = OpenOf({"TEA", "CUP"});
  ASSERT_TRUE(RecordCounts(stocktake, {{"TEA", 97}}, Levels(), "user:wh-wang", kAt).ok());
  const Status incomplete = PlanApproval(stocktake, "user:buyer-chen", Levels()).status();
  EXPECT_EQ(incomplete.code(), Code::kStocktakeIncomplete);
  EXPECT_NE(incomplete.message().find("CUP"), std::string::npos) << incomplete.message();
  ASSERT_TRUE(RecordCounts(stocktake, {{"CUP", 20}}, Levels(), "user:wh-wang", kAt).ok());
  const Status self = PlanApproval(stocktake, "user:wh-wang", Levels()).status();
  EXPECT_EQ(self.kind(), Kind::kForbidden);
  EXPECT_EQ(self.code(), Code::kSelfApproval);
  Result<std::vector<Variance>> variances = PlanApproval(stocktake, "user:buyer-chen", Levels());
  ASSERT_TRUE(variances.ok()) << variances.status().ToString();
  ASSERT_EQ(variances->size(), 1u) << "CUP matched the books: nothing to apply";
  EXPECT_EQ((*variances)[0].sku, "TEA");
  EXPECT_EQ((*variances)[0].variance, -3);
  MarkApproved(stocktake, *variances, "user:buyer-chen", kAt);
  EXPECT_EQ(stocktake.status, StocktakeStatus::kApproved);
  EXPECT_EQ(stocktake.lines[1].applied, -3);
  EXPECT_EQ(PlanApproval(stocktake, "user:buyer-chen", Levels()).status().code(),
            Code::kAlreadyDecided);
  EXPECT_EQ(RecordCounts(stocktake, {{"TEA", 1}}, Levels(), "user:x", kAt).code(),
            Code::kAlreadyDecided);
}

TEST(Stocktake, WhoeverCountedAnyLineMayNotApproveEvenAfterARecountBySomeoneElse) {
  Stocktake stocktake = OpenOf({"TEA", "CUP"});
  ASSERT_TRUE(
      RecordCounts(stocktake, {{"TEA", 500}, {"CUP", 20}}, Levels(), "user:wh-wang", kAt).ok());
  // A colleague recounts both lines: no line names wang any more, but wang counted.
  ASSERT_TRUE(
      RecordCounts(stocktake, {{"TEA", 97}, {"CUP", 20}}, Levels(), "user:wh-zhao", kAt).ok());
  EXPECT_EQ(stocktake.counters, (std::vector<std::string>{"user:wh-wang", "user:wh-zhao"}));
  for (const char* counter : {"user:wh-wang", "user:wh-zhao"}) {
    const Status self = PlanApproval(stocktake, counter, Levels()).status();
    EXPECT_EQ(self.code(), Code::kSelfApproval) << counter;
  }
  EXPECT_TRUE(PlanApproval(stocktake, "user:buyer-chen", Levels()).ok());
}

TEST(Stocktake, AVarianceThatWouldLeaveLessThanIsReservedIsRefusedNamingTheSku) {
  Stocktake stocktake = OpenOf({"TEA"});
  ASSERT_TRUE(RecordCounts(stocktake, {{"TEA", 60}}, Levels(), "user:wh-wang", kAt).ok());
  // Since the count, orders reserved more: 100 on hand, 50 reserved; 100 - 40 = 60 is fine.
  EXPECT_TRUE(
      PlanApproval(stocktake, "user:buyer-chen", {StockLevel("SH-01", "TEA", 100, 50)}).ok());
  // 70 reserved now: 60 on hand would be below it.
  const Status refused =
      PlanApproval(stocktake, "user:buyer-chen", {StockLevel("SH-01", "TEA", 100, 70)}).status();
  EXPECT_EQ(refused.code(), Code::kStocktakeBelowReserved);
  EXPECT_EQ(refused.kind(), Kind::kConflict);
  EXPECT_NE(refused.message().find("SKU TEA"), std::string::npos) << refused.message();
}

TEST(Stocktake, TheMovementAppliesTheVarianceToTheLevelAsItIsNow) {
  StockLevel level("SH-01", "TEA", 90, 20);  // ten shipped since the count of 97 (book 100)
  const MovementContext context{"user:buyer-chen", "stocktake 12", "", kAt};
  Result<LedgerEntry> entry = level.ApplyStocktakeVariance(-3, context);
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(level.on_hand(), 87);
  EXPECT_EQ(entry->type, MovementType::kStocktake);
  EXPECT_EQ(entry->quantity, -3);
  EXPECT_EQ(level.ApplyStocktakeVariance(-80, context).status().code(),
            Code::kStocktakeBelowReserved);
  EXPECT_EQ(level.on_hand(), 87) << "a refusal changes nothing";
  EXPECT_EQ(level.ApplyStocktakeVariance(0, context).status().kind(), Kind::kInvalid);
}

TEST(Stocktake, ACancelledStocktakeCannotBeApprovedOrCancelledAgain) {
  Stocktake stocktake = OpenOf({"TEA"});
  ASSERT_TRUE(CancelStocktake(stocktake, "user:wh-wang", kAt).ok());
  EXPECT_EQ(stocktake.status, StocktakeStatus::kCancelled);
  EXPECT_EQ(CancelStocktake(stocktake, "user:wh-wang", kAt).code(), Code::kAlreadyDecided);
  EXPECT_EQ(ParseStocktakeStatus("cancelled"), StocktakeStatus::kCancelled);
  EXPECT_FALSE(ParseStocktakeStatus("done").has_value());
}

}  // namespace
}  // namespace ordo
