#include "domain/fulfillment/time_limit.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

Timestamp At(const char* text) {
  return ParseRfc3339(text).value();
}

BusinessCalendar Weekdays() {
  BusinessCalendar calendar;
  calendar.working_days = {1, 2, 3, 4, 5};
  return calendar;
}

TEST(BusinessCalendar, WeekdaysFollowTheChinaDate) {
  // 2026-11-26 is a Thursday; 23:00 UTC on the 27th is already Saturday in Beijing.
  const BusinessCalendar calendar = Weekdays();
  const int64_t thursday = At("2026-11-26T00:00:00Z").unix_ms / 86400000;
  EXPECT_EQ(IsoWeekday(thursday), 4);
  EXPECT_TRUE(calendar.IsWorkingDay(thursday));
  EXPECT_TRUE(calendar.IsWorkingDay(thursday + 1));
  EXPECT_FALSE(calendar.IsWorkingDay(thursday + 2));
  EXPECT_FALSE(calendar.IsWorkingDay(thursday + 3));
  EXPECT_TRUE(calendar.IsWorkingDay(thursday + 4));
}

TEST(BusinessCalendar, EveryDayCountsByDefault) {
  EXPECT_EQ(AddBusinessHours(At("2026-11-27T10:00:00+08:00"), 24, BusinessCalendar{}),
            At("2026-11-28T10:00:00+08:00"));
}

TEST(BusinessCalendar, HoursOverAWeekendDoNotCount) {
  // Paid Friday 10:00: 14 hours are left on Friday, the other 10 fall on Monday.
  EXPECT_EQ(AddBusinessHours(At("2026-11-27T10:00:00+08:00"), 24, Weekdays()),
            At("2026-11-30T10:00:00+08:00"));
}

TEST(BusinessCalendar, PaidOnADayOffStartsAtTheNextWorkingMidnight) {
  EXPECT_EQ(AddBusinessHours(At("2026-11-28T15:30:00+08:00"), 12, Weekdays()),
            At("2026-11-30T12:00:00+08:00"));
}

TEST(BusinessCalendar, ADeadlineExactlyAtMidnightStaysOnTheWorkingDay) {
  EXPECT_EQ(AddBusinessHours(At("2026-11-27T00:00:00+08:00"), 24, Weekdays()),
            At("2026-11-28T00:00:00+08:00"));
}

TEST(BusinessCalendar, HolidaysAreSkippedAndExtraWorkingDaysCount) {
  BusinessCalendar calendar = Weekdays();
  calendar.holidays = {20261001, 20261002, 20261005, 20261006, 20261007, 20261008};
  calendar.extra_working_days = {20261004};  // a Sunday worked (调休)
  // Paid Wednesday 30 September at 20:00: 4 hours that day, the other 20 on Sunday 4 October.
  EXPECT_EQ(AddBusinessHours(At("2026-09-30T20:00:00+08:00"), 24, calendar),
            At("2026-10-04T20:00:00+08:00"));
  // Without the extra day, on Friday 9 October, the first working day after the holidays.
  calendar.extra_working_days.clear();
  EXPECT_EQ(AddBusinessHours(At("2026-09-30T20:00:00+08:00"), 24, calendar),
            At("2026-10-09T20:00:00+08:00"));
}

TEST(BusinessCalendar, ACalendarWithoutWorkingDaysFallsBackToEveryDay) {
  BusinessCalendar calendar;
  calendar.working_days.clear();
  EXPECT_EQ(AddBusinessHours(At("2026-11-28T10:00:00+08:00"), 6, calendar),
            At("2026-11-28T16:00:00+08:00"));
}

TEST(ShipClock, StartsAtPaymentOrAtAcceptanceForCashOnDelivery) {
  ShipClock online{"N1",
                   OrderStatus::kPendingPayment,
                   PaymentMethod::kOnline,
                   50,
                   "standard",
                   At("2026-11-26T09:00:00Z"),
                   std::nullopt};
  EXPECT_FALSE(ShipClockStart(online));
  online.status = OrderStatus::kAwaitingFulfillment;
  online.paid_at = At("2026-11-26T09:10:00Z");
  EXPECT_EQ(ShipClockStart(online), At("2026-11-26T09:10:00Z"));
  ShipClock cod = online;
  cod.payment_method = PaymentMethod::kCod;
  cod.paid_at.reset();
  EXPECT_EQ(ShipClockStart(cod), At("2026-11-26T09:00:00Z"));
  cod.status = OrderStatus::kShipped;
  EXPECT_FALSE(ShipClockStart(cod)) << "a shipped order has no ship-by clock";
}

TEST(Responsibility, NamesTheStageAndTheLastActorOfIt) {
  std::vector<OrderEvent> events = {
      {"created", At("2026-11-26T09:00:00Z"), "token:web", "", "pending_payment", {}},
      {"approve",
       At("2026-11-26T10:00:00Z"),
       "user:li",
       "pending_review",
       "awaiting_fulfillment",
       {}},
      {"start_picking",
       At("2026-11-26T11:00:00Z"),
       "user:wang",
       "awaiting_fulfillment",
       "picking",
       {}},
  };
  const Responsibility review = ResponsibleFor(OrderStatus::kPendingReview, events);
  EXPECT_EQ(review.stage, "review");
  EXPECT_EQ(review.department, "customer_service");
  EXPECT_EQ(review.person, "");
  EXPECT_EQ(ResponsibleFor(OrderStatus::kAwaitingFulfillment, events).stage, "pick");
  EXPECT_EQ(ResponsibleFor(OrderStatus::kAwaitingFulfillment, events).person, "")
      << "nobody in the warehouse has touched it yet";
  const Responsibility pack = ResponsibleFor(OrderStatus::kPicking, events);
  EXPECT_EQ(pack.stage, "pack");
  EXPECT_EQ(pack.person, "user:wang");
  events.push_back({"pack", At("2026-11-26T12:00:00Z"), "user:zhao", "picking", "packed", {}});
  const Responsibility ship = ResponsibleFor(OrderStatus::kPacked, events);
  EXPECT_EQ(ship.stage, "ship");
  EXPECT_EQ(ship.department, "logistics");
  EXPECT_EQ(ship.person, "user:zhao");
}

}  // namespace
}  // namespace ordo
