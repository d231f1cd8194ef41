#include "domain/fulfillment/wave.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

TEST(Wave, OrdersAreTakenByPriorityThenAgeThenId) {
  std::vector<WaveCandidate> candidates = {
      {"A", 1, 50, Timestamp{3000}}, {"B", 2, 80, Timestamp{5000}}, {"C", 3, 50, Timestamp{1000}},
      {"D", 4, 90, Timestamp{9000}}, {"E", 5, 50, Timestamp{1000}}, {"F", 6, 30, Timestamp{0}},
  };
  std::vector<std::string> taken;
  for (const WaveCandidate& candidate : SelectWaveOrders(candidates, 5)) {
    taken.push_back(candidate.order_no);
  }
  EXPECT_EQ(taken, (std::vector<std::string>{"D", "B", "C", "E", "A"}));
  EXPECT_EQ(SelectWaveOrders(candidates, 2).size(), 2u);
  EXPECT_TRUE(SelectWaveOrders({}, 10).empty());
}

TEST(Wave, NumbersArePadded) {
  Wave wave;
  wave.id = 42;
  EXPECT_EQ(wave.wave_no(), "W000042");
  wave.id = 1234567;
  EXPECT_EQ(wave.wave_no(), "W1234567");
}

TEST(Wave, LocationsCompareDigitRunsByValueAndUnassignedComesLast) {
  EXPECT_TRUE(LocationBefore("A-2", "A-10"));
  EXPECT_FALSE(LocationBefore("A-10", "A-2"));
  EXPECT_TRUE(LocationBefore("A-03-02", "A-03-10"));
  EXPECT_TRUE(LocationBefore("A-9", "B-1"));
  EXPECT_TRUE(LocationBefore("A", "A-1"));
  EXPECT_TRUE(LocationBefore("Z-99", ""));
  EXPECT_FALSE(LocationBefore("", "A-1"));
  EXPECT_FALSE(LocationBefore("", ""));
  // Equal by value, different text: still a strict order.
  EXPECT_NE(LocationBefore("A-02", "A-2"), LocationBefore("A-2", "A-02"));
}

TEST(Wave, APickListSumsEachSkuOverTheWaveInLocationOrder) {
  Shipment first;
  first.order_no = "N1";
  first.lines = {{"TEA", "龙井", "250g", 2, 500}, {"CUP", "杯", "", 1, 200}};
  Shipment second;
  second.order_no = "N2";
  second.lines = {{"TEA", "龙井", "250g", 1, 500}, {"PEN", "笔", "", 3, 10}};
  const std::vector<PickLine> lines =
      BuildPickLines({first, second}, {{"TEA", "B-10-1"}, {"CUP", "B-2-1"}});
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].sku, "CUP");
  EXPECT_EQ(lines[1].sku, "TEA");
  EXPECT_EQ(lines[1].location, "B-10-1");
  EXPECT_EQ(lines[1].quantity, 3);
  EXPECT_EQ(lines[1].orders, (std::vector<std::pair<std::string, Quantity>>{{"N1", 2}, {"N2", 1}}));
  EXPECT_EQ(lines[2].sku, "PEN");
  EXPECT_EQ(lines[2].location, "") << "no location recorded: walked last";
}

}  // namespace
}  // namespace ordo
