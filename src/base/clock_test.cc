#include "base/clock.h"

#include <gtest/gtest.h>

namespace ordo {

TEST(Clock, FormatsEpochAsRfc3339) {
  EXPECT_EQ(FormatRfc3339(Timestamp{0}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatRfc3339(Timestamp{1795689045123}), "2026-11-26T10:30:45.123Z");
}

TEST(Clock, ParsesWhatItFormats) {
  const Timestamp t{1795689045123};
  auto parsed = ParseRfc3339(FormatRfc3339(t));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->unix_ms, t.unix_ms);
}

TEST(Clock, ParsesOffsets) {
  auto parsed = ParseRfc3339("2026-11-26T14:30:45+08:00");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(FormatRfc3339(*parsed), "2026-11-26T06:30:45.000Z");
}

TEST(Clock, RejectsMalformedTimes) {
  EXPECT_FALSE(ParseRfc3339("2026-11-26").ok());
  EXPECT_FALSE(ParseRfc3339("2026-13-26T00:00:00Z").ok());
  EXPECT_FALSE(ParseRfc3339("2026-11-26T25:00:00Z").ok());
  EXPECT_FALSE(ParseRfc3339("2026-11-26T10:00:00").ok());
  EXPECT_FALSE(ParseRfc3339("2026-11-26T10:00:00Zjunk").ok());
}

TEST(Clock, ChinaDateRollsOverAtSixteenUtc) {
  EXPECT_EQ(ChinaDate(*ParseRfc3339("2026-11-26T15:59:59Z")), 20261126);
  EXPECT_EQ(ChinaDate(*ParseRfc3339("2026-11-26T16:00:00Z")), 20261127);
}

TEST(Clock, ManualClockMovesOnlyWhenTold) {
  ManualClock clock(Timestamp{1000});
  EXPECT_EQ(clock.Now().unix_ms, 1000);
  clock.AdvanceMs(500);
  EXPECT_EQ(clock.Now().unix_ms, 1500);
}

}  // namespace ordo
