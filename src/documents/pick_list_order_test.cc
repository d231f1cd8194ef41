#include "documents/pick_list_order.h"

#include <gtest/gtest.h>

namespace ordo::documents {
namespace {

TEST(PickListOrder, DigitRunsCompareByValue) {
  EXPECT_TRUE(LocationLess("A-2-1", "A-10-1"));
  EXPECT_FALSE(LocationLess("A-10-1", "A-2-1"));
  EXPECT_TRUE(LocationLess("A-9", "B-1"));
  EXPECT_TRUE(LocationLess("A-01-02", "A-01-10"));
  EXPECT_TRUE(LocationLess("A", "A-1"));
  // Equal values with different zero padding still have an order, one way only.
  EXPECT_NE(LocationLess("A-02", "A-2"), LocationLess("A-2", "A-02"));
  EXPECT_FALSE(LocationLess("A-2", "A-2"));
}

TEST(PickListOrder, SortsByLocationThenSkuAndKeepsTies) {
  std::vector<PickListLine> lines(5);
  lines[0].location = "B-10";
  lines[0].sku = "X";
  lines[1].location = "B-2";
  lines[1].sku = "Y";
  lines[2].location = "B-2";
  lines[2].sku = "A";
  lines[3].location = "A-1";
  lines[3].sku = "Z";
  lines[4].location = "B-2";
  lines[4].sku = "A";
  EXPECT_EQ(PickOrder(lines), (std::vector<size_t>{3, 2, 4, 1, 0}));
}

}  // namespace
}  // namespace ordo::documents
