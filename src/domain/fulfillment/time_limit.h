// Time limits of fulfilment (domain.md FUL-2): the business calendar, the ship-by deadline of an
// order, and who answers for an order that is late.
//
// The rule, kept simple on purpose: an order must ship within N hours of its payment (of its
// acceptance for cash on delivery), N set per order class; only hours of working days count.
// Days are China Standard Time calendar days. A working day counts whole (00:00–24:00): the
// warehouse works in shifts, so hours are not cut to office hours. An order paid on a day off
// starts its clock at 00:00 of the next working day.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "domain/order/order.h"

namespace ordo {

struct BusinessCalendar {
  // ISO weekdays the warehouse works: 1 = Monday … 7 = Sunday. By default every day (the
  // settings default to ChinaBusinessCalendar()).
  std::set<int> working_days = {1, 2, 3, 4, 5, 6, 7};
  // China dates as yyyymmdd (20261001) that are off although their weekday is worked
  // (法定节假日), and dates that are worked although their weekday is not (调休上班).
  std::set<int32_t> holidays;
  std::set<int32_t> extra_working_days;

  // True when the China calendar day `days_since_epoch` (days since 1970-01-01) is worked.
  bool IsWorkingDay(int64_t days_since_epoch) const;
};

// The business calendar of the settings unless changed (AFS-5 "weekend requests on Monday"):
// Monday to Friday, the public holidays of mainland China (法定节假日) with their make-up
// working days (调休上班) as the State Council published them for 2025 and 2026. Later years are
// added through the settings (business_calendar) as they are published.
BusinessCalendar ChinaBusinessCalendar();

// The ISO weekday (1 = Monday … 7 = Sunday) of the day `days_since_epoch`.
int IsoWeekday(int64_t days_since_epoch);

// The moment `hours` business hours after `start` on `calendar` (see the rule above). When the
// calendar has no working day within ten years, working days are taken to be every day, so a
// deadline always exists.
Timestamp AddBusinessHours(Timestamp start, int64_t hours, const BusinessCalendar& calendar);

// What the deadline of one unshipped order is computed from: a few columns of the order.
struct ShipClock {
  std::string order_no;
  OrderStatus status = OrderStatus::kPendingPayment;
  PaymentMethod payment_method = PaymentMethod::kOnline;
  int priority = 0;
  std::string order_class;
  Timestamp created_at;
  std::optional<Timestamp> paid_at;
};

// When the ship-by clock started: the payment of an online order, the acceptance of a cash on
// delivery order; nullopt while an online order is unpaid or once the order has left the
// warehouse (shipped or in a final status).
std::optional<Timestamp> ShipClockStart(const ShipClock& order);

// The stage an unshipped order waits at, and who answers for it.
//   pending_review → "review" (department customer_service),
//   awaiting_fulfillment → "pick" (warehouse),
//   picking → "pack" (warehouse; the person who started picking),
//   packed → "ship" (logistics; the person who packed it).
// The person is the actor of the event that brought the order into its current status, when
// someone of that stage has acted; otherwise only the department answers.
struct Responsibility {
  std::string stage;
  std::string department;
  std::string person;  // "user:…" / "token:…", or empty
  // Why the order waited: "work" (nobody held it back: the stage itself is late), "hold" (a
  // blocking abnormal case held it: its handling department answers, not whoever acts next) or
  // "backorder" (it waited for stock: purchasing answers, not the warehouse).
  std::string reason = "work";
  std::string case_type;  // the blocking case, for a hold
};

// `events` oldest first (may be empty: then only the department is named).
Responsibility ResponsibleFor(OrderStatus status, const std::vector<OrderEvent>& events);

// Who answers for the order of `events` (oldest first) being late at `at` (its deadline): the
// stage it was at then (its status replayed from the events, else `status_now`) and the reason it
// waited. Held by a blocking case at that moment (hold_placed, not yet hold_released): the
// case's handling department (domain/anomaly/case.h), no person. Waiting for stock (lines
// backordered at intake or by a change, not yet filled or settled by the customer's choice):
// purchasing. Otherwise ResponsibleFor the status then. One delay, one answer: the ship-by watch
// and the supervision detector both ask this.
Responsibility AttributeLateness(const std::vector<OrderEvent>& events, Timestamp at,
                                 OrderStatus status_now);

}  // namespace ordo
