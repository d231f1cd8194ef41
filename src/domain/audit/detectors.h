// The violation detectors (domain.md AUD-2): pure functions from records to violations, one file
// each. They see only what they are given, with "now" passed in, so running one twice over the
// same records yields the same violations (the same keys).
//
// Detected from existing records: time_limit_breach (order histories), entry_corrected (stock
// ledger), change_after_shipment, review_bypass_attempt and unauthorised_pii_access (refused
// attempts), wrong_item_shipped (after-sales cases whose inspection confirmed a wrong item).
// late_customer_reply has a detector but no source records yet: customer messages are not
// recorded by Ordo so far.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "domain/audit/policy.h"
#include "domain/audit/records.h"
#include "domain/audit/violation.h"
#include "domain/inventory/stock.h"

namespace ordo {

// --- time_limit_breach (time_limit_breach.cc) ---

// A step with a time limit, done: the review decision (review_within from acceptance, time held
// by a blocking case added) or the shipment (ship_within_hours of the order's class, in business
// hours on the settings' calendar, from acceptance).
struct TimedStep {
  std::string step;  // "review" or "ship"
  const OrderEvent* event = nullptr;
  Timestamp started_at;
  int64_t limit_ms = 0;  // the limit as configured, for display
  Timestamp deadline_at;

  Timestamp deadline() const { return deadline_at; }
  int64_t elapsed_ms() const { return event->at.unix_ms - started_at.unix_ms; }
  bool within_limit() const { return event->at <= deadline_at; }
};

// The timed steps done in `order` (pointers into order.events).
std::vector<TimedStep> TimedStepsOf(const OrderHistory& order, const SupervisionPolicy& policy);

// One delay, one violation, charged to the stage that held the order and the reason it waited
// (domain/fulfillment/time_limit.h AttributeLateness). An order shipped after its ship-by
// deadline, or still waiting at `now` past it, is one violation (occurrence "ship", dated at the
// deadline) charged to what held it when the deadline passed: the person of the late stage (who
// started picking, who packed), else its department; a blocking case's handling department
// while it was held (so a reviewer picking it up later is not charged); purchasing while it
// waited for stock. Only when the ship-by deadline was kept can the review itself be late
// (occurrence "review"): decided after review_within, hold time not counted, it names the
// reviewer; still undecided past it, the review department.
std::vector<Violation> DetectTimeLimitBreaches(const OrderHistory& order,
                                               const SupervisionPolicy& policy, Timestamp now);

// --- entry_corrected (entry_corrected.cc) ---

// Receipts, returns, adjustments and stocktakes: entries made by hand, which a later adjustment
// may correct. Reservations, releases and consumptions follow orders and are never corrected.
bool IsManualEntry(MovementType type);

struct EntryCorrection {
  LedgerEntry original;    // the entry corrected
  LedgerEntry correction;  // the adjustment that corrected it
};

// Pairs each adjustment with the latest earlier manual entry of the same SKU in the same
// warehouse made at most correction_window before it. `entries` may come in any order and may
// hold other movements (ignored).
std::vector<EntryCorrection> FindEntryCorrections(const std::vector<LedgerEntry>& entries,
                                                  const SupervisionPolicy& policy);

// One violation per correction, naming the original entry's actor, dated at the correction
// (entity "stock", id "SKU@WAREHOUSE", occurrence "adjustment:<ledger id>").
std::vector<Violation> DetectEntryCorrections(const std::vector<LedgerEntry>& entries,
                                              const SupervisionPolicy& policy);

// --- attempts (attempt_violations.cc) ---

// One violation per attempt that ClassifyAttempt recognises, naming its actor (entity
// "attempt", id the audit seq; occurrence the seq too, so each attempt counts once).
std::vector<Violation> DetectAttemptViolations(const std::vector<Attempt>& attempts);

// --- wrong_item_shipped (wrong_item_shipped.cc) ---

using OrderHistories = std::map<std::string, OrderHistory, std::less<>>;

// One violation per after-sales case whose inspection confirmed a wrong item, naming who packed
// the order (packing includes the scan check), else who shipped it, else no person but the
// fulfilment department; dated at the confirmation (occurrence "after_sales:<case id>").
std::vector<Violation> DetectWrongItemsShipped(const std::vector<AfterSalesCase>& cases,
                                               const OrderHistories& orders,
                                               const SupervisionPolicy& policy);

// --- late_customer_reply (late_customer_reply.cc) ---

// One violation per message answered after reply_within (naming who answered), or still
// unanswered at `now` past it (naming whom it was assigned to, else the reply department, dated
// at the deadline).
std::vector<Violation> DetectLateReplies(const std::vector<CustomerMessage>& messages,
                                         const SupervisionPolicy& policy, Timestamp now);

// Fills in the department of every violation naming a person whose department is known.
void AssignDepartments(std::vector<Violation>& violations, const StaffDirectory& directory);

}  // namespace ordo
