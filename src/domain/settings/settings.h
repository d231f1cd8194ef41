// Operational settings: the time limits and thresholds the rules apply, as typed values with
// defaults (api.md "GET/PATCH /api/v1/settings"). Stored ones override the defaults key by key;
// every change is validated here and audited by the store.
//
// Keys, in documented order:
//   ship_within_hours        per order class: hours (business hours, see
//                            domain/fulfillment/time_limit.h) from payment to shipment
//   weight_tolerance_percent a packed parcel may weigh this much more or less than its SKUs
//                            and packaging …
//   weight_tolerance_g       … or this many grams, whichever is more
//   packaging_weight_g       the packaging of a box packed without naming its box type
//   box_types                the packaging the warehouse packs in: code, name, weight_g
//   auto_confirm_days        days after shipment when receipt is confirmed automatically
//   business_calendar        working weekdays, holidays, extra working days
//   require_verification     parcels must pass scan verification before they are packed (on by
//                            default; off, a parcel whose last scan did not match still waits
//                            for a correct one)
//   carrier_rules            carrier selection rules and tariffs (domain/fulfillment/carrier.h)
//   unpaid_reminder_minutes  REV-4: remind an unpaid online order after this long
//   unpaid_close_minutes     REV-4: close an unpaid online order after this long
//   amount_too_large_amount  EXC-1: an order above this many fen is abnormal
//   quantity_surge_factor    EXC-1: a quantity this many times the customer's usual is abnormal
//   usual_amount_factor      EXC-1: a total this many times the customer's (or channel's) usual
//                            amount is abnormal
//   duplicate_order_window_minutes  EXC-1: the same customer's same items within this long
//                            is a probable duplicate order
//   high_risk_refusal_count  REV-1: this many refused orders make a customer high risk
//   auto_review              REV-3: review orders by the rules as they enter pending_review,
//                            approving those no rule flags; off: every order waits for a person
//   after_sales_window_days  AFS-3: after-sales cases are accepted this many days after
//                            delivery (after shipment when not delivered)
//   no_reason_return_days    AFS-3: the window of no_reason_7_days returns (the shorter wins)
//   waybill_low_threshold    a carrier with this many waybill numbers left (or fewer) is
//                            flagged as running low (domain/fulfillment/waybill.h)
//   deliver_within_hours     per shipping service: hours from shipment to delivery promised to
//                            the customer; past it, a delivery_too_long case opens
//   review_within_hours      AUD-2: a paid order is reviewed within this long (time held by a
//                            blocking case not counted)
//   correction_window_hours  AUD-2: an adjustment this soon after an entry corrects it
//   reply_within_hours       AUD-2: a customer message is answered within this long
//   departments              the business's own departments, beside the built-in ones
//                            (domain/staff/department.h)
//   refund_approval_threshold_amount  refunds above this many fen wait for finance's approval
//                            (domain/payment/refund.h)
//   duplicate_request_window_minutes  a money-moving request repeating an open one (same order,
//                            type and amount) within this long needs an explicit confirmation
//   receipt_approval_quantity     a receipt of more units than this waits for a second
//                            person's approval (stock:approve) before it is booked
//   adjustment_approval_quantity  likewise for an adjustment of more units either way
// The last four are defined for the review and abnormal-order rules that read them; they are
// validated and stored like the others.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/archive/document.h"
#include "domain/fulfillment/carrier.h"
#include "domain/fulfillment/shipment.h"
#include "domain/fulfillment/time_limit.h"
#include "domain/staff/department.h"

namespace ordo {

// The default retention of every document class (DefaultRetentionDays), by class name.
std::map<std::string, int64_t, std::less<>> DefaultDocumentRetention();
// The names of the document classes, the keys of document_retention_days.
const std::vector<std::string>& DocumentClassNames();

struct Settings {
  std::map<std::string, int64_t, std::less<>> ship_within_hours = {{"standard", 24},
                                                                   {"expedited", 12},
                                                                   {"occasion", 12},
                                                                   {"economy", 48},
                                                                   {"store_replenishment", 24}};
  int64_t weight_tolerance_percent = 10;
  int64_t auto_confirm_days = 10;
  BusinessCalendar business_calendar = ChinaBusinessCalendar();
  bool require_verification = true;
  std::vector<CarrierRule> carrier_rules = DefaultCarrierRules();
  int64_t unpaid_reminder_minutes = 30;
  int64_t unpaid_close_minutes = 1440;
  int64_t amount_too_large_amount = 500000;
  int64_t quantity_surge_factor = 5;
  int64_t after_sales_window_days = 15;
  int64_t no_reason_return_days = 7;
  int64_t usual_amount_factor = 5;
  int64_t duplicate_order_window_minutes = 30;
  int64_t high_risk_refusal_count = 3;
  bool auto_review = true;
  int64_t waybill_low_threshold = 100;
  int64_t weight_tolerance_g = 50;
  int64_t packaging_weight_g = 50;
  std::vector<BoxType> box_types = DefaultBoxTypes();
  std::map<std::string, int64_t, std::less<>> deliver_within_hours = {
      {"same_day", 24}, {"next_day", 48}, {"express", 72}, {"standard", 120}, {"economy", 168}};
  int64_t review_within_hours = 4;
  int64_t correction_window_hours = 72;
  int64_t reply_within_hours = 24;
  std::vector<Department> departments;
  int64_t refund_approval_threshold_amount = 100000;
  int64_t duplicate_request_window_minutes = 10;
  int64_t receipt_approval_quantity = 100000;
  int64_t adjustment_approval_quantity = 1000;
  // Days each class of archived document (domain/archive/document.h, by its name) is kept after
  // its order ended, before it is due for destruction (DOC-4): at least three years.
  std::map<std::string, int64_t, std::less<>> document_retention_days = DefaultDocumentRetention();

  // The limit for `order_class`; an unknown class gets the standard one.
  int64_t ShipWithinHours(std::string_view order_class) const;
  // The delivery promise of `service`; an unknown service gets the standard one.
  int64_t DeliverWithinHours(std::string_view service) const;
  // The weight of box type `code`, packaging_weight_g for "" (the default packaging), nullopt
  // for a code box_types does not list.
  std::optional<int64_t> PackagingWeight(std::string_view code) const;
  // The retention of `document_class` in days (its default when the map lacks it).
  int64_t RetentionDays(DocumentClass document_class) const;
  WeightTolerance weight_tolerance() const {
    return {weight_tolerance_percent, weight_tolerance_g};
  }
};

// Every setting key, in documented order.
const std::vector<std::string>& SettingKeys();
bool IsSettingKey(std::string_view key);
// The order classes intake assigns (domain/order/intake.h Classify), the keys of
// ship_within_hours.
const std::vector<std::string>& OrderClasses();

// Checks every value's range, naming each field at fault by its API path
// ("ship_within_hours.expedited", "business_calendar.holidays", "carrier_rules[2].name"):
//   ship_within_hours: every order class, 1..720 hours; deliver_within_hours: every shipping
//     service, 1..2160 hours;
//   weight_tolerance_percent 0..100; auto_confirm_days 1..90;
//   business_calendar: at least one working weekday; a date not both a holiday and an extra
//     working day; at most 366 dates in each list;
//   unpaid_reminder_minutes 1..10080, below unpaid_close_minutes (1..43200);
//   amount_too_large_amount >= 1; quantity_surge_factor 2..1000; usual_amount_factor 2..1000;
//   duplicate_order_window_minutes 1..1440; high_risk_refusal_count 1..100; carrier_rules as
//   ValidateCarrierRules; after_sales_window_days 1..365; no_reason_return_days 1..365;
//   waybill_low_threshold 0..1000000; weight_tolerance_g and packaging_weight_g 0..100000;
//   box_types at most 50, each a code (1-16 of A-Z a-z 0-9 - _ .) listed once, a name (1-100
//   bytes) and weight_g 0..100000.
//   refund_approval_threshold_amount >= 0; duplicate_request_window_minutes 0..1440 (0: off);
//   review_within_hours, reply_within_hours 1..720; correction_window_hours 1..2160; the
//   departments as ValidateDepartments.
//   receipt_approval_quantity and adjustment_approval_quantity 1..kMaxQuantity;
//   document_retention_days: every document class, kMinRetentionDays..kMaxRetentionDays.
Status ValidateSettings(const Settings& settings);

}  // namespace ordo
