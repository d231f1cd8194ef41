// Refunds (domain.md AFS-5, CHG-2, INV-3; issue "four eyes on money going out"): money going
// back to a customer, from the moment it is owed until the provider paid it out.
//
// Life cycle:
//   awaiting_approval → pending (approved) | rejected
//   pending → succeeded (paid out, with the provider's reference) | failed (the payout failed)
//   failed → succeeded | failed (finance executes it again: the money is still owed)
// A refund is booked on its order when it is created (domain/order/money.h BookRefund): from then
// on the order no longer keeps that money. A rejected refund is taken off the books again.
//
// Four eyes: a refund whose amount a person decided (a change that lowered the price, an
// after-sales refund) waits for the approval of someone else; any refund above the settings'
// refund_approval_threshold_amount waits for finance's. Refunds that return exactly what the
// rules say is not the merchant's (a cancellation, a duplicate payment, …) need no approval below
// the threshold. Who approves is never who asked.
//
// Timing: a refund is due at 00:00 (China time) of the first business day after the day it was
// requested (or approved, when it waited for approval), on the settings' business calendar. So
// one requested on a business day waits for the next one (Friday → Monday), and one requested on
// a day off waits for the next business day after it (Saturday → Monday).
//
// Executing a refund moves it to succeeded, and the order's payment status follows the money the
// order itself was paid (surplus payments, refunded separately, do not count): partially_refunded
// while some of it is still kept, refunded once all of it is returned. The order's main status
// does not change here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/fulfillment/time_limit.h"
#include "domain/order/money.h"
#include "domain/order/order.h"

namespace ordo {

enum class RefundStatus {
  kAwaitingApproval,  // 待审批: waits for a second person (or finance) to approve it
  kPending,           // 待退款: approved or needing no approval; paid out when due
  kSucceeded,         // 已退款: paid out; the provider's reference is recorded
  kFailed,            // 退款失败: the payout failed; still owed, executed again by finance
  kRejected,          // 已驳回: refused before it was paid out; off the order's books
};

inline constexpr EnumName<RefundStatus> kRefundStatusNames[] = {
    {RefundStatus::kAwaitingApproval, "awaiting_approval"},
    {RefundStatus::kPending, "pending"},
    {RefundStatus::kSucceeded, "succeeded"},
    {RefundStatus::kFailed, "failed"},
    {RefundStatus::kRejected, "rejected"},
};
constexpr std::span<const EnumName<RefundStatus>> EnumNames(RefundStatus) {
  return kRefundStatusNames;
}
static_assert(IsNameTable(kRefundStatusNames));

std::string_view RefundStatusName(RefundStatus status);
std::optional<RefundStatus> ParseRefundStatus(std::string_view text);

// Whose approval a refund waits for.
enum class RefundApproval {
  kNone,     // none needed
  kPeer,     // anyone allowed to approve refunds but the person who asked
  kFinance,  // finance (refunds:approve_large), not the person who asked
};

inline constexpr EnumName<RefundApproval> kRefundApprovalNames[] = {
    {RefundApproval::kNone, "none"},
    {RefundApproval::kPeer, "peer"},
    {RefundApproval::kFinance, "finance"},
};
constexpr std::span<const EnumName<RefundApproval>> EnumNames(RefundApproval) {
  return kRefundApprovalNames;
}
static_assert(IsNameTable(kRefundApprovalNames));

std::string_view RefundApprovalName(RefundApproval approval);
std::optional<RefundApproval> ParseRefundApproval(std::string_view text);

struct Refund {
  int64_t id = 0;  // assigned by the store
  std::string order_no;
  int64_t amount = 0;  // fen, > 0
  RefundCause cause = RefundCause::kOrderClosed;
  std::string note;  // free text: the customer's words, the backorder note; no personal data
  RefundStatus status = RefundStatus::kPending;
  std::string lines;           // "line_no:units,…" refunded, when the refund is for lines
  int64_t after_sales_id = 0;  // the after-sales case it refunds (0: none)
  Timestamp created_at;
  std::string created_by;
  // When it is due (RefundDueAt); unset for rows written before due dates were stored.
  std::optional<Timestamp> due_at;
  RefundApproval approval = RefundApproval::kNone;
  std::string decided_by;  // who approved or rejected it
  std::optional<Timestamp> decided_at;
  std::string decision_note;
  std::optional<Timestamp> executed_at;  // the last attempt to pay it out
  std::string executed_by;
  std::string provider_ref;    // the provider's reference of the payout (or of the failure)
  std::string failure_reason;  // why the last attempt failed
};

// 00:00 China time of the first business day after the China day of `requested_at`. When the
// calendar has no working day within ten years, every day is taken to be one.
Timestamp RefundDueAt(Timestamp requested_at, const BusinessCalendar& calendar);

// The approval a new refund of `amount` for `cause`, asked for by a person (`by_person`: a staff
// user or token, not the system or a provider), needs: finance above `threshold_amount`; a peer
// for the causes whose amount a person decided (order_change, after_sales); none otherwise.
RefundApproval ApprovalFor(RefundCause cause, int64_t amount, bool by_person,
                           int64_t threshold_amount);

// A new refund of `amount` for `cause` on `order`, booked on the order (BookRefund): awaiting
// approval when `approval` says so, else pending; due on `calendar` from actor.at. Refusals
// leave the order untouched: those of BookRefund.
Result<Refund> OpenRefund(Order& order, int64_t amount, RefundCause cause, RefundApproval approval,
                          const BusinessCalendar& calendar, const Actor& actor);

// Who may decide a refund: never who asked (kConflict self_approval); for a finance approval only
// someone with `may_approve_large` (kForbidden finance_approval_required).
struct Approver {
  std::string name;
  bool may_approve_large = false;
};

// awaiting_approval → pending, due from the approval (RefundDueAt on `calendar`). kConflict
// illegal_transition when not awaiting approval; the refusals of the approver (above).
Status ApproveRefund(Refund& refund, const Approver& approver, const std::string& note,
                     const BusinessCalendar& calendar, Timestamp at);

// awaiting_approval → rejected, taken off the order's books (UnbookRefund). Only an after-sales
// refund (a concession: the charge goes back up) may be rejected; any other refund returns
// money the order no longer charges and is owed (kConflict refund_owed). A note is required
// (kInvalid note). kConflict illegal_transition when not awaiting approval; the approver's
// refusals. The order's version moves on; the returned "refund_rejected" event records it.
Result<OrderEvent> RejectRefund(Refund& refund, Order& order, const Approver& approver,
                                const std::string& note, const Actor& actor);

// The other refunds of the same order already paid out, surplus payments' refunds left out: the
// order's own money returned so far.
struct ExecutedRefunds {
  int64_t order_amount = 0;
};

// What the provider answered for one payout.
struct Payout {
  bool succeeded = true;
  std::string provider_ref;    // required for a success (at most 128 bytes)
  std::string failure_reason;  // for a failure, at most 200 bytes
};

// Pays `refund` out on `order`: pending or failed → succeeded (the order's payment status
// follows, see above) or failed (nothing changes on the order but its history: the money is
// still owed). Returns the "refund_executed" or "refund_failed" event. An already executed
// (succeeded) refund is a no-op: no events. kConflict illegal_transition for a refund awaiting
// approval or rejected; kInvalid provider_ref (required for a success) / failure_reason.
Result<Events> ExecuteRefund(Order& order, Refund& refund, const ExecutedRefunds& before,
                             const Payout& payout, const Actor& actor);

}  // namespace ordo
