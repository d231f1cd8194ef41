// After-sales cases (售后, domain.md AFS-2…AFS-4, §12): what a customer asks for after shipment
// (refund only, return and refund, exchange, reship, partial refund), decided, tracked and
// closed with its own life cycle.
//
// Life cycle (the transition table in case.cc is the single source of truth):
//   requested → approved | rejected | closed
//   approved → awaiting_return (return types) | refunding (refund_only, partial_refund)
//            | completed (reship: the replacement order is placed) | closed
//   awaiting_return → awaiting_return (return tracking recorded) | received | closed
//   received → inspected (passed) | closed (failed: goods written off or sent back)
//   inspected → refunding (return_refund) | completed (exchange: replacement order placed)
//   refunding → completed (finance confirms the refund went out)
//            | approved, inspected (the refund was rejected by its approver: decided again)
// Rejected, completed and closed are final.
//
// Freight (AFS-3) follows the reason: quality, wrong_item, damaged and logistics are the
// merchant's fault and the merchant pays both ways; size, no_reason_7_days and other are the
// buyer's and the buyer pays the return (and prepays an exchange's). Freight amounts are not
// modelled: the case records who pays.
//
// Each named function below checks the table and the case's own preconditions, then changes
// the case and appends one history entry per move; on refusal it returns a Status and leaves the
// case untouched.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/ids.h"
#include "base/status.h"
#include "domain/order/order.h"
#include "domain/payment/repeat.h"

namespace ordo {

enum class AfterSalesType {
  kRefundOnly,     // 仅退款: money back, the goods stay with the customer.
  kReturnRefund,   // 退货退款: the goods come back, are inspected, then refunded.
  kExchange,       // 换货: the goods come back, a replacement order ships.
  kReship,         // 补发: missing or damaged items are sent again, nothing comes back.
  kPartialRefund,  // 部分退款: an agreed amount back, nothing comes back.
};

inline constexpr EnumName<AfterSalesType> kAfterSalesTypeNames[] = {
    {AfterSalesType::kRefundOnly, "refund_only"},
    {AfterSalesType::kReturnRefund, "return_refund"},
    {AfterSalesType::kExchange, "exchange"},
    {AfterSalesType::kReship, "reship"},
    {AfterSalesType::kPartialRefund, "partial_refund"},
};
constexpr std::span<const EnumName<AfterSalesType>> EnumNames(AfterSalesType) {
  return kAfterSalesTypeNames;
}
static_assert(IsNameTable(kAfterSalesTypeNames));

enum class AfterSalesReason {
  kQuality,        // 质量问题
  kWrongItem,      // 发错货
  kDamaged,        // 破损
  kSize,           // 尺码不合适
  kNoReason7Days,  // 七天无理由
  kLogistics,      // 物流问题
  kOther,
};

inline constexpr EnumName<AfterSalesReason> kAfterSalesReasonNames[] = {
    {AfterSalesReason::kQuality, "quality"},
    {AfterSalesReason::kWrongItem, "wrong_item"},
    {AfterSalesReason::kDamaged, "damaged"},
    {AfterSalesReason::kSize, "size"},
    {AfterSalesReason::kNoReason7Days, "no_reason_7_days"},
    {AfterSalesReason::kLogistics, "logistics"},
    {AfterSalesReason::kOther, "other"},
};
constexpr std::span<const EnumName<AfterSalesReason>> EnumNames(AfterSalesReason) {
  return kAfterSalesReasonNames;
}
static_assert(IsNameTable(kAfterSalesReasonNames));

enum class AfterSalesStatus {
  kRequested,       // 待审核: the customer asked; customer service decides.
  kApproved,        // 已同意
  kRejected,        // 已拒绝 (final)
  kAwaitingReturn,  // 待退货: waiting for the customer's parcel.
  kReceived,        // 已收货: the returned parcel arrived; waiting for inspection.
  kInspected,       // 已质检: passed inspection.
  kRefunding,       // 退款中: the refund row exists; finance executes it.
  kCompleted,       // 已完成 (final)
  kClosed,          // 已关闭 (final): withdrawn, or failed inspection.
};

inline constexpr EnumName<AfterSalesStatus> kAfterSalesStatusNames[] = {
    {AfterSalesStatus::kRequested, "requested"},
    {AfterSalesStatus::kApproved, "approved"},
    {AfterSalesStatus::kRejected, "rejected"},
    {AfterSalesStatus::kAwaitingReturn, "awaiting_return"},
    {AfterSalesStatus::kReceived, "received"},
    {AfterSalesStatus::kInspected, "inspected"},
    {AfterSalesStatus::kRefunding, "refunding"},
    {AfterSalesStatus::kCompleted, "completed"},
    {AfterSalesStatus::kClosed, "closed"},
};
constexpr std::span<const EnumName<AfterSalesStatus>> EnumNames(AfterSalesStatus) {
  return kAfterSalesStatusNames;
}
static_assert(IsNameTable(kAfterSalesStatusNames));

enum class FreightPayer { kMerchant, kBuyer };

inline constexpr EnumName<FreightPayer> kFreightPayerNames[] = {
    {FreightPayer::kMerchant, "merchant"},
    {FreightPayer::kBuyer, "buyer"},
};
constexpr std::span<const EnumName<FreightPayer>> EnumNames(FreightPayer) {
  return kFreightPayerNames;
}
static_assert(IsNameTable(kFreightPayerNames));

// Each named transition; one function per value below.
enum class AfterSalesTransition {
  kApprove,               // requested → approved
  kReject,                // requested → rejected
  kAwaitReturn,           // approved → awaiting_return
  kRecordReturnShipment,  // awaiting_return → awaiting_return
  kReceive,               // awaiting_return → received
  kPassInspection,        // received → inspected
  kFailInspection,        // received → closed
  kStartRefund,           // approved | inspected → refunding
  kComplete,              // refunding | inspected | approved → completed
  kClose,                 // requested | approved | awaiting_return → closed
  kRefundRejected,        // refunding → approved (refund_only, partial_refund: refund rejected)
  kReturnRefundRejected,  // refunding → inspected (return_refund: its refund was rejected)
};

inline constexpr EnumName<AfterSalesTransition> kAfterSalesTransitionNames[] = {
    {AfterSalesTransition::kApprove, "approve"},
    {AfterSalesTransition::kReject, "reject"},
    {AfterSalesTransition::kAwaitReturn, "await_return"},
    {AfterSalesTransition::kRecordReturnShipment, "return_shipment"},
    {AfterSalesTransition::kReceive, "receive"},
    {AfterSalesTransition::kPassInspection, "inspect_passed"},
    {AfterSalesTransition::kFailInspection, "inspect_failed"},
    {AfterSalesTransition::kStartRefund, "refund"},
    {AfterSalesTransition::kComplete, "complete"},
    {AfterSalesTransition::kClose, "close"},
    {AfterSalesTransition::kRefundRejected, "refund_rejected"},
    {AfterSalesTransition::kReturnRefundRejected, "return_refund_rejected"},
};
constexpr std::span<const EnumName<AfterSalesTransition>> EnumNames(AfterSalesTransition) {
  return kAfterSalesTransitionNames;
}
static_assert(IsNameTable(kAfterSalesTransitionNames));

struct AfterSalesRule {
  AfterSalesTransition transition;
  AfterSalesStatus from;
  AfterSalesStatus to;
};

std::span<const AfterSalesRule> AfterSalesTable();
std::optional<AfterSalesStatus> NextAfterSalesStatus(AfterSalesStatus from,
                                                     AfterSalesTransition transition);

std::string_view AfterSalesTypeName(AfterSalesType type);
std::optional<AfterSalesType> ParseAfterSalesType(std::string_view text);
std::string_view AfterSalesReasonName(AfterSalesReason reason);
std::optional<AfterSalesReason> ParseAfterSalesReason(std::string_view text);
std::string_view AfterSalesStatusName(AfterSalesStatus status);
std::optional<AfterSalesStatus> ParseAfterSalesStatus(std::string_view text);
std::string_view AfterSalesTransitionName(AfterSalesTransition transition);
std::string_view FreightPayerName(FreightPayer payer);
bool IsFinal(AfterSalesStatus status);
// True while a case counts against the order's quantities: every status but rejected and closed.
bool CoversQuantities(AfterSalesStatus status);
// True for the types whose goods come back (return_refund, exchange).
bool NeedsReturn(AfterSalesType type);

// Who pays the freight for `reason` (AFS-3).
FreightPayer FreightPayerFor(AfterSalesReason reason);

struct AfterSalesLine {
  int line_no = 0;  // the original order's line
  std::string sku;
  Quantity quantity = 0;
  int64_t unit_price_amount = 0;  // what the customer paid per unit on the original order
  std::string warehouse;          // where the line shipped from: returned units go back there
  std::string exchange_sku;       // exchange: the replacement (the same SKU when empty)

  int64_t amount() const { return unit_price_amount * quantity; }
};

// One move of a case, with who made it and when. Details never hold personal data.
struct AfterSalesHistoryEntry {
  std::string action;  // an AfterSalesTransitionName, or "requested"
  std::string from_status;
  std::string to_status;
  std::string actor;
  Timestamp at;
  std::string note;
};

// The inspection of returned goods (质检).
struct Inspection {
  bool passed = false;
  std::string note;
  std::optional<bool> tags_intact;
  std::optional<bool> packaging_intact;
  // What becomes of the goods. Passed: "sellable" (back on sale), "defective_stock" (kept aside,
  // not for sale), "return_to_supplier" or "written_off". Failed: "written_off" or
  // "returned_to_customer".
  std::string disposition;
};

struct AfterSales {
  int64_t id = 0;  // assigned by the store
  std::string order_no;
  AfterSalesType type = AfterSalesType::kRefundOnly;
  AfterSalesReason reason = AfterSalesReason::kOther;
  AfterSalesStatus status = AfterSalesStatus::kRequested;
  FreightPayer freight_payer = FreightPayer::kBuyer;
  std::vector<AfterSalesLine> lines;
  int64_t requested_amount = 0;  // refund_only / partial_refund: the amount asked for (fen)
  std::string note;
  std::string reject_reason;
  std::string close_reason;
  std::string return_carrier;
  std::string return_tracking_no;
  std::optional<Timestamp> received_at;
  std::optional<Inspection> inspection;
  std::optional<Timestamp> inspected_at;
  // The inspection confirmed the customer's reason (a passed inspection of a wrong_item, quality
  // or damaged return): a source record of supervision (wrong_item_shipped).
  bool reason_confirmed = false;
  int64_t refund_id = 0;
  int64_t refund_amount = 0;
  std::string replacement_order_no;
  // Exchange: replacement catalogue value minus the returned lines' price. Positive: the
  // replacement order charges it, and ships once it is paid; negative: refunded on this order.
  int64_t price_difference_amount = 0;
  Timestamp created_at;
  std::string created_by;
  Timestamp updated_at;
  std::string updated_by;
  std::vector<AfterSalesHistoryEntry> history;  // oldest first

  int64_t lines_amount() const;
};

// The after-sales windows (settings after_sales_window_days, no_reason_return_days).
struct AfterSalesWindows {
  int64_t window_days = 15;
  int64_t no_reason_days = 7;
};

// Whether `order` may get an after-sales case for `reason` at `now`: it must be shipped,
// delivered or completed (409 after_sales_before_shipment before shipment: use change or
// cancellation; 409 illegal_transition when cancelled or closed) and within the window counted
// from delivery, or from shipment when not delivered (409 after_sales_window_expired); for
// no_reason_7_days the shorter of the two windows applies.
Status CheckEligibility(const Order& order, AfterSalesReason reason,
                        const AfterSalesWindows& windows, Timestamp now);

struct RequestedLine {
  std::string sku;
  Quantity quantity = 0;
  std::string exchange_sku;
};

// What a new case asks for.
struct AfterSalesRequest {
  std::string order_no;
  std::string type;
  std::string reason;
  std::vector<RequestedLine> lines;
  std::optional<int64_t> amount;
  std::string note;
  // The person means it although it repeats an open case of the same order, type and amount
  // (domain/payment/repeat.h).
  bool confirm_duplicate = false;
};

// Units of each order line (by line_no) that earlier cases of the order already cover.
using CoveredUnits = std::map<int, Quantity>;

// Builds a new requested case from `request`, or every field error at once (422):
//   type, reason: required, known names;
//   lines: required except for partial_refund; each sku a line of the order (invalid_value),
//     once (duplicate_line), quantity >= 1 and at most shipped minus `covered`
//     (quantity_exceeds_shipped); exchange_sku only for exchange;
//   amount: required for partial_refund, optional for refund_only (default: the lines' value),
//     refused for the other types; 1..what is still refundable (paid minus refunded) and, with
//     lines, at most their value (amount_exceeds_refundable);
//   note: at most 2000 bytes.
// The order must be eligible (CheckEligibility). The case's freight payer follows the reason.
Result<AfterSales> OpenAfterSales(const AfterSalesRequest& request, const Order& order,
                                  const CoveredUnits& covered, const AfterSalesWindows& windows,
                                  const Actor& actor);

// The transitions. Each refuses a move the table forbids with 409 illegal_transition.
// Approve: a return type moves on to awaiting_return at once (the customer is told to send it).
Status ApproveAfterSales(AfterSales& c, const std::string& note, const Actor& actor);
// reason required (1-2000 bytes).
Status RejectAfterSales(AfterSales& c, const std::string& reason, const Actor& actor);
// carrier and tracking_no required (1-64 bytes); only a return type awaiting its return.
Status RecordReturnShipment(AfterSales& c, const std::string& carrier,
                            const std::string& tracking_no, const Actor& actor);
// The returned parcel arrived; carrier and tracking_no optional (recorded when given).
Status ReceiveReturn(AfterSales& c, const std::string& carrier, const std::string& tracking_no,
                     const Actor& actor);
// Records the inspection: passed → inspected (the reason confirmed when it is wrong_item, quality
// or damaged); failed → closed. The disposition says what becomes of the goods: passed, a quality
// or damage return needs one (422 disposition required), any other is sellable by default;
// failed, written_off by default or returned_to_customer (422 disposition invalid_value for
// another). note at most 2000 bytes.
Status InspectAfterSales(AfterSales& c, Inspection inspection, const Actor& actor);
// Quality problems and damage are reported to purchasing (AFS-4), whatever the inspection says.
bool ReportedToPurchasing(AfterSalesReason reason);
// Only a passed inspection that found the goods sellable puts them back on sale.
bool Restocks(const Inspection& inspection);
// The refund amount the case is due now: the lines' value for return_refund, the requested
// amount for refund_only and partial_refund.
int64_t RefundDue(const AfterSales& c);
// Whether the case may be refunded now: refund_only and partial_refund once approved,
// return_refund once inspected; 409 illegal_transition otherwise.
Status CanStartAfterSalesRefund(const AfterSales& c);
// approved → refunding (refund_only, partial_refund) or inspected → refunding (return_refund),
// recording the refund's id and amount (> 0).
Status StartAfterSalesRefund(AfterSales& c, int64_t refund_id, int64_t amount, const Actor& actor);
// refunding → completed; inspected → completed for an exchange and approved → completed for a
// reship, both naming the replacement order.
Status CompleteAfterSales(AfterSales& c, const std::string& replacement_order_no,
                          const Actor& actor);
// The money-moving request `c` is (domain/payment/repeat.h): its order, type and refund amount
// (the requested amount, else its lines' value), open while the case is not final. A reship or
// an exchange moves no money back: nothing for them.
std::optional<MoneyRequest> MoneyRequestOf(const AfterSales& c);

// Withdraws the case before any goods arrived; reason required.
Status CloseAfterSales(AfterSales& c, const std::string& reason, const Actor& actor);

// refunding → approved (refund_only, partial_refund) or inspected (return_refund): the case's
// refund was rejected by its approver (domain/payment/refund.h RejectRefund), so the case is
// decided again (refunded anew, or closed). `note` is the approver's.
Status ReturnAfterSalesRefund(AfterSales& c, const std::string& note, const Actor& actor);

// The allowance a replacement order gets for the goods `c` took back (domain/order/money.h
// credit_amount): an exchange's returned lines at what the customer paid for them, a reship's
// whole value (it replaces what never arrived intact). Capped by the replacement's total.
int64_t ReplacementCredit(const AfterSales& c, int64_t replacement_total);

// A replacement order (exchange, reship) is placed at catalogue prices as an online order, so
// intake leaves it pending_payment, with the allowance (ReplacementCredit) as its credit. When
// nothing is left to pay it moves on along the transition table at once: pending_payment →
// pending_review (paid, nothing due) → awaiting_fulfillment (approved for after-sales case
// `case_id`: the case's approval was its review). Otherwise it waits for the difference like any
// unpaid order and is not released here. Refused unless the order is an unpaid online order with
// nothing to pay in pending_payment.
Result<Events> ReleaseReplacementOrder(Order& order, int64_t case_id,
                                       const std::string& original_order_no, const Actor& actor);

}  // namespace ordo
