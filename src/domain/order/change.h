// Changing an order before shipment (domain.md CHG-1, AFS-1): the consignee (name, phone,
// address), the lines and the buyer note.
//
// Stage rules: an order nobody has started picking (pending_payment, pending_review,
// awaiting_fulfillment) is changed at once by customer service; once picking has started
// (picking, packed) the change becomes a request the warehouse confirms or declines; a shipped,
// delivered, completed, cancelled or closed order refuses every change (change_not_allowed).
// An order on hold (an open blocking abnormal case) may still be changed: a change does not
// advance the order, and correcting it is often how the case gets resolved.
//
// Pure: the caller loads the catalogue and the carrier rules, re-reserves the stock of changed
// lines and persists the order, the refund and the events.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/enum_names.h"
#include "domain/catalog/catalog.h"
#include "domain/order/intake.h"
#include "domain/order/order.h"

namespace ordo {

// What a change submits. Absent parts are left as they are; `lines`, when given, replaces
// every line of the order (a line left out is removed). In `consignee`, an empty name or phone
// and an address with no part given keep the order's, so the address alone can be changed.
struct OrderChange {
  std::optional<Consignee> consignee;
  std::optional<std::vector<NewOrderLine>> lines;
  std::optional<std::string> buyer_note;
  std::string reason;
};

enum class ChangeRoute {
  kApplyNow,        // not yet with the warehouse: customer service applies it
  kNeedsWarehouse,  // picking started: a change request the warehouse confirms
};

// How a change of `order` proceeds, or kConflict change_not_allowed once it has shipped (also
// part of a split order) or ended.
Result<ChangeRoute> RouteChange(const Order& order);

// A change checked against the catalogue, ready to apply.
struct CheckedChange {
  OrderChange change;            // phones normalised
  std::vector<OrderLine> lines;  // the new lines, priced and weighed, nothing reserved
  int64_t total_amount = 0;      // of the new lines (or the current total when unchanged)
  bool lines_changed = false;    // the SKUs, quantities or prices differ from the order's
  std::vector<std::string> consignee_fields;  // "name", "phone", "address" that differ
};

// Checks `change` with intake's own field checks (field names as at intake: "consignee.phone",
// "lines[1].quantity"; prices must match the catalogue, quantities its minimum and step, SKUs
// be sellable) and compares it with `order`. `catalog` holds every SKU the change names that
// exists. kInvalid with every field error at once; kInvalid "body" when the change changes
// nothing at all.
Result<CheckedChange> CheckChange(const Order& order, OrderChange change,
                                  const std::map<std::string, Sku>& catalog);

// What a new total means for the money of `order` (domain.md CHG-1 补差价; domain/order/money.h).
// Unpaid and cash on delivery orders simply owe the new total. A paid order owes a supplementary
// payment when the total rises (added to any supplement still due); when it falls, a supplement
// still due shrinks first and the rest is refunded.
struct PriceDifference {
  int64_t supplement_due_amount = 0;  // the order's supplement due after the change
  int64_t refund_amount = 0;          // to refund now (> 0) because of the change
};
PriceDifference PriceDifferenceOf(const Order& order, int64_t new_total_amount);

// Applies a checked change to `order`: consignee and note replaced, lines replaced by
// `checked.lines` when they changed (the caller reserves them afterwards), total and supplement
// updated, version and updated_at moved on; a changed consignee is appended, before and after, to
// the order's consignee_changes. Returns the "changed" event with the non-personal
// facts before → after: lines (SKU and quantity), totals, carriers, the price difference, and
// for the consignee only which fields changed, never their values. `carrier_before` and
// `carrier_after` are the rules' choices before and after the change
// (domain/fulfillment/carrier.h PreferredCarrier). `difference` must be the
// one PriceDifferenceOf gave: the caller refunds its refund_amount (app/payments.h IssueRefund),
// which books it on the order; the supplement is what the order then owes (MoneyOf).
OrderEvent ApplyChange(Order& order, const CheckedChange& checked,
                       const PriceDifference& difference, const std::string& carrier_before,
                       const std::string& carrier_after, const Actor& actor);

// Records on `order` that the change it describes was requested and waits for the warehouse
// (the order itself does not change; its version does not move): "change_requested".
OrderEvent ChangeRequestedEvent(int64_t change_id, const CheckedChange& checked,
                                const Actor& actor);

// Confirming a change of a picking or packed order whose lines changed sends it back to
// awaiting_fulfillment: what was picked is put back and the order is picked again. Returns the
// status event, or nullopt when the status stays. Refused (change_not_allowed) when the order
// may no longer be changed.
Result<std::optional<OrderEvent>> ReturnToFulfillment(Order& order, const Actor& actor);

// A change asked for once picking started, waiting for the warehouse (stored by
// store/order_change_store.h).
enum class ChangeRequestStatus { kPending, kConfirmed, kDeclined };

inline constexpr EnumName<ChangeRequestStatus> kChangeRequestStatusNames[] = {
    {ChangeRequestStatus::kPending, "pending"},
    {ChangeRequestStatus::kConfirmed, "confirmed"},
    {ChangeRequestStatus::kDeclined, "declined"},
};
constexpr std::span<const EnumName<ChangeRequestStatus>> EnumNames(ChangeRequestStatus) {
  return kChangeRequestStatusNames;
}
static_assert(IsNameTable(kChangeRequestStatusNames));

std::string_view ChangeRequestStatusName(ChangeRequestStatus status);
std::optional<ChangeRequestStatus> ParseChangeRequestStatus(std::string_view text);

struct ChangeRequest {
  int64_t id = 0;  // assigned by the store
  std::string order_no;
  // A cancellation asked for once picking started (change.reason is its reason): confirmed, the
  // warehouse has intercepted the parcel and put the goods back, and the order is cancelled.
  bool cancel = false;
  ChangeRequestStatus status = ChangeRequestStatus::kPending;
  OrderChange change;
  // Non-personal facts of the change as requested, for lists and the audit trail.
  std::vector<std::string> consignee_fields;  // "name", "phone", "address"
  std::string lines_summary;                  // "SKU x2,…" when the lines change, else ""
  std::string requested_by;
  Timestamp requested_at;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_reason;
};

// "SKU x2,SKU2 x1": the lines as the history shows them.
std::string LinesSummary(const std::vector<OrderLine>& lines);

}  // namespace ordo
