#include "domain/fulfillment/shipment.h"

#include <gtest/gtest.h>

#include <limits>

#include "domain/fulfillment/verification.h"

namespace ordo {
namespace {

// Two lines: tea split over two warehouses, cups only in Shanghai.
Order SplitOrder() {
  Order order;
  order.order_no = "20261126000001";
  OrderLine tea;
  tea.line_no = 1;
  tea.sku = "TEA";
  tea.name = "龙井";
  tea.quantity = 3;
  tea.quantity_reserved = 3;
  tea.weight_g = 500;
  tea.allocations = {{"SH-01", 1}, {"GZ-01", 2}};
  OrderLine cup;
  cup.line_no = 2;
  cup.sku = "CUP";
  cup.name = "杯";
  cup.quantity = 1;
  cup.quantity_reserved = 1;
  cup.weight_g = 200;
  cup.allocations = {{"SH-01", 1}};
  order.lines = {tea, cup};
  return order;
}

TEST(Parcels, AnOrderHasOneParcelPerWarehouseHoldingItsStock) {
  const Order order = SplitOrder();
  EXPECT_EQ(WarehousesOf(order), (std::vector<std::string>{"GZ-01", "SH-01"}));
  const std::vector<ShipmentLine> shanghai = ParcelLines(order, "SH-01");
  ASSERT_EQ(shanghai.size(), 2u);
  EXPECT_EQ(shanghai[0].sku, "TEA");
  EXPECT_EQ(shanghai[0].quantity, 1);
  EXPECT_EQ(shanghai[1].sku, "CUP");
  const Shipment guangzhou = PlanShipment(order, "GZ-01", Timestamp{1});
  ASSERT_EQ(guangzhou.lines.size(), 1u);
  EXPECT_EQ(guangzhou.lines[0].quantity, 2);
  EXPECT_EQ(guangzhou.expected_weight_g(), 1000);
  EXPECT_EQ(guangzhou.status, ShipmentStatus::kPlanned);
}

TEST(Parcels, ShippingOneParcelMovesOnlyItsUnits) {
  Order order = SplitOrder();
  MarkParcelShipped(order, PlanShipment(order, "GZ-01", Timestamp{1}));
  EXPECT_EQ(order.lines[0].quantity_reserved, 1);
  EXPECT_EQ(order.lines[0].quantity_shipped, 2);
  EXPECT_EQ(order.lines[1].quantity_reserved, 1);
  EXPECT_EQ(order.lines[1].quantity_shipped, 0);
}

TEST(WeightCheck, TheToleranceBoundsAreIncluded) {
  // 10% of 1040 g is 104 g: 936 and 1144 pass, 935 and 1145 do not.
  for (int64_t weight : {936, 1040, 1144}) {
    EXPECT_TRUE(CheckWeight(1040, 0, weight, {10, 0}).within) << weight;
  }
  for (int64_t weight : {935, 1145, 2000, 1}) {
    EXPECT_FALSE(CheckWeight(1040, 0, weight, {10, 0}).within) << weight;
  }
  const WeightCheck check = CheckWeight(1040, 0, 1300, {10, 0});
  EXPECT_EQ(check.lower_g, 936);
  EXPECT_EQ(check.upper_g, 1144);
  EXPECT_EQ(check.explanation,
            "measured 1300 g, expected 1040 g (1040 g from the SKUs + 0 g packaging; +260 g, "
            "+25.0%); a tolerance of 10% or 0 g accepts 936–1144 g");
}

TEST(WeightCheck, ASmallParcelIsJudgedWithItsCartonAndAToleranceInGrams) {
  // One 110 g mouse weighed at 190 g in its carton: +72.7% against the SKU alone.
  EXPECT_FALSE(CheckWeight(110, 0, 190, {10, 0}).within) << "the defect: no allowance at all";
  const WeightCheck check = CheckWeight(110, 60, 190, {10, 50});
  EXPECT_TRUE(check.within) << check.explanation;
  EXPECT_EQ(check.expected_g, 170);
  EXPECT_EQ((std::pair{check.lower_g, check.upper_g}), (std::pair<int64_t, int64_t>{120, 220}))
      << "50 g is more than 10% of 170 g";
  EXPECT_FALSE(CheckWeight(110, 60, 221, {10, 50}).within);
  EXPECT_EQ(CheckWeight(5000, 300, 5000, {10, 50}).upper_g, 5830) << "10% is more than 50 g";
}

TEST(WeightCheck, FractionalBoundsRoundInward) {
  // 10% of 1005 g is 100.5 g: 904.5 .. 1105.5, so 905 .. 1105 in whole grams.
  const WeightCheck check = CheckWeight(1005, 0, 905, {10, 0});
  EXPECT_TRUE(check.within);
  EXPECT_EQ(check.lower_g, 905);
  EXPECT_EQ(check.upper_g, 1105);
  EXPECT_FALSE(CheckWeight(1005, 0, 904, {10, 0}).within);
  EXPECT_TRUE(CheckWeight(1005, 0, 1105, {10, 0}).within);
  EXPECT_FALSE(CheckWeight(1005, 0, 1106, {10, 0}).within);
}

TEST(WeightCheck, ZeroToleranceNeedsTheExactWeightAndNoExpectedWeightPasses) {
  EXPECT_TRUE(CheckWeight(500, 0, 500, {0, 0}).within);
  EXPECT_FALSE(CheckWeight(500, 0, 501, {0, 0}).within);
  EXPECT_TRUE(CheckWeight(0, 0, 750, {10, 0}).within);
}

TEST(WeightCheck, AnAbsurdWeightIsOutsideTheToleranceInsteadOfOverflowing) {
  // Found by fuzzing: INT64_MAX grams overflowed |measured - expected| * 100 and passed.
  for (int64_t weight : {std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(),
                         int64_t{1} << 62, -(int64_t{1} << 62)}) {
    const WeightCheck check = CheckWeight(1040, 0, weight, {10, 0});
    EXPECT_FALSE(check.within) << weight;
    EXPECT_NE(check.explanation.find("far off"), std::string::npos) << check.explanation;
  }
  // An expected weight beyond any real parcel saturates its bound instead of overflowing.
  const WeightCheck huge = CheckWeight(std::numeric_limits<int64_t>::max() / 50, 0, 1, {100, 0});
  EXPECT_EQ(huge.upper_g, std::numeric_limits<int64_t>::max());
}

TEST(ShipmentStatus, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(ShipmentStatus::kCancelled); ++i) {
    const auto status = static_cast<ShipmentStatus>(i);
    EXPECT_EQ(ParseShipmentStatus(ShipmentStatusName(status)), status);
  }
  EXPECT_FALSE(ParseShipmentStatus("teleported"));
}

TEST(Verification, MatchingScansHaveNoDifferences) {
  const std::vector<ShipmentLine> parcel = ParcelLines(SplitOrder(), "SH-01");
  EXPECT_TRUE(CompareScans(parcel, {{"CUP", 1}, {"TEA", 1}}).empty());
  // One scan per unit adds up.
  const std::vector<ShipmentLine> guangzhou = ParcelLines(SplitOrder(), "GZ-01");
  EXPECT_TRUE(CompareScans(guangzhou, {{"TEA", 1}, {"TEA", 1}}).empty());
}

TEST(Verification, MissingExtraAndWrongQuantitiesAreEachReported) {
  const std::vector<ShipmentLine> parcel = ParcelLines(SplitOrder(), "SH-01");
  const auto differences = CompareScans(parcel, {{"TEA", 2}, {"PEN", 1}});
  ASSERT_EQ(differences.size(), 3u);
  EXPECT_EQ(differences[0].sku, "CUP");
  EXPECT_EQ(differences[0].kind, ScanDifferenceKind::kMissing);
  EXPECT_EQ(differences[1].sku, "PEN");
  EXPECT_EQ(differences[1].kind, ScanDifferenceKind::kExtra);
  EXPECT_EQ(differences[2].sku, "TEA");
  EXPECT_EQ(differences[2].kind, ScanDifferenceKind::kWrongQuantity);
  EXPECT_EQ(differences[2].expected, 1);
  EXPECT_EQ(differences[2].scanned, 2);
  EXPECT_EQ(DescribeDifferences(differences),
            "CUP missing (expected 1); PEN extra (scanned 1); TEA scanned 2, expected 1");
}

}  // namespace
}  // namespace ordo
