// Refund execution (domain.md AFS-5): every refund is paid out within 1–2 business days of its
// request, on the business calendar of the settings (domain/fulfillment/time_limit.h: China
// calendar days, working weekdays, holidays, extra working days).
//
// The rule: a refund is due at 00:00 (China time) of the first business day after the day it was
// requested. So one requested on a business day waits for the next one (Friday → Monday with a
// Monday-to-Friday week), and one requested on a day off waits for the next business day after
// it (Saturday or Sunday → Monday; the day before a holiday → the first day back).
//
// Executing a refund moves it from pending to succeeded, and the order's payment status follows
// the money the order itself was paid (duplicate payments, refunded separately, do not count):
// partially_refunded while some of it is still kept, refunded once all of it is returned. The
// order's main status does not change: whoever created the refund (a cancellation, an
// after-sales case, a shortage) already moved the order where it belongs, and paying the money
// out must not advance or close an order that is still being fulfilled.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/fulfillment/time_limit.h"
#include "domain/order/order.h"

namespace ordo {

// The reason of the refund a duplicate payment gets.
inline constexpr char kDuplicatePaymentReason[] = "duplicate_payment";

// 00:00 China time of the first business day after the China day of `requested_at`. When the
// calendar has no working day within ten years, every day is taken to be one.
Timestamp RefundDueAt(Timestamp requested_at, const BusinessCalendar& calendar);

// What the execution of one refund needs to know about it.
struct RefundToExecute {
  int64_t id = 0;
  int64_t amount = 0;
  std::string reason;
  std::string status;  // only "pending" may be executed
};

// The other refunds of the same order already executed (status succeeded), duplicate payments
// refunds left out: the order's own money returned so far.
struct ExecutedRefunds {
  int64_t order_amount = 0;
};

// Executes `refund` on `order`: sets the order's payment status (see above) and returns the
// "refund_executed" event. An already executed (succeeded) refund is a no-op: no events. Any
// other status (failed) is refused with kConflict illegal_transition.
Result<Events> ExecuteRefund(Order& order, const RefundToExecute& refund,
                             const ExecutedRefunds& before, const std::string& provider_ref,
                             const Actor& actor);

}  // namespace ordo
