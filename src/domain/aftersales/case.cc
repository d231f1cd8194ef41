#include "domain/aftersales/case.h"

#include <algorithm>
#include <set>

#include "domain/order/money.h"

namespace ordo {
namespace {

using T = AfterSalesTransition;
using S = AfterSalesStatus;

constexpr AfterSalesRule kTable[] = {
    {T::kApprove, S::kRequested, S::kApproved},
    {T::kReject, S::kRequested, S::kRejected},
    {T::kAwaitReturn, S::kApproved, S::kAwaitingReturn},
    {T::kRecordReturnShipment, S::kAwaitingReturn, S::kAwaitingReturn},
    {T::kReceive, S::kAwaitingReturn, S::kReceived},
    {T::kPassInspection, S::kReceived, S::kInspected},
    {T::kFailInspection, S::kReceived, S::kClosed},
    {T::kStartRefund, S::kApproved, S::kRefunding},
    {T::kStartRefund, S::kInspected, S::kRefunding},
    {T::kComplete, S::kRefunding, S::kCompleted},
    {T::kComplete, S::kInspected, S::kCompleted},
    {T::kComplete, S::kApproved, S::kCompleted},
    {T::kClose, S::kRequested, S::kClosed},
    {T::kClose, S::kApproved, S::kClosed},
    {T::kClose, S::kAwaitingReturn, S::kClosed},
    {T::kRefundRejected, S::kRefunding, S::kApproved},
    {T::kReturnRefundRejected, S::kRefunding, S::kInspected},
};

constexpr int64_t kDayMs = 86400000;
constexpr size_t kMaxText = 2000;

Status Illegal(const AfterSales& c, AfterSalesTransition transition) {
  return Status::Conflict(Code::kIllegalTransition,
                          "cannot " + std::string(AfterSalesTransitionName(transition)) +
                              " after-sales case " + std::to_string(c.id) + " (" +
                              std::string(AfterSalesTypeName(c.type)) + ") in status " +
                              std::string(AfterSalesStatusName(c.status)));
}

// Moves the case along the table, stamping the actor and appending the history entry.
Status Move(AfterSales& c, AfterSalesTransition transition, const Actor& actor, std::string note) {
  const std::optional<S> next = NextAfterSalesStatus(c.status, transition);
  if (!next) {
    return Illegal(c, transition);
  }
  c.history.push_back({std::string(AfterSalesTransitionName(transition)),
                       std::string(AfterSalesStatusName(c.status)),
                       std::string(AfterSalesStatusName(*next)), actor.name, actor.at,
                       std::move(note)});
  c.status = *next;
  c.updated_at = actor.at;
  c.updated_by = actor.name;
  return Status::Ok();
}

Status TooLong(const std::string& field, const std::string& text) {
  if (text.size() > kMaxText) {
    return Status::Invalid(field, Code::kInvalidValue, field + " is too long (2000 bytes at most)");
  }
  return Status::Ok();
}

// The warehouse a line shipped from: its (first) allocation's.
std::string WarehouseOf(const OrderLine& line) {
  return line.allocations.empty() ? "" : line.allocations.front().warehouse;
}

void CheckLines(const AfterSalesRequest& request, AfterSalesType type, const Order& order,
                const CoveredUnits& covered, std::vector<FieldError>& errors,
                std::vector<AfterSalesLine>& lines) {
  if (request.lines.empty()) {
    if (type != AfterSalesType::kPartialRefund) {
      errors.push_back({"lines", Code::kRequired, "name the lines (sku, quantity) concerned"});
    }
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < request.lines.size(); ++i) {
    const RequestedLine& wanted = request.lines[i];
    const std::string at = "lines[" + std::to_string(i) + "]";
    auto line = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const OrderLine& l) { return l.sku == wanted.sku; });
    if (wanted.sku.empty()) {
      errors.push_back({at + ".sku", Code::kRequired, at + ".sku is required"});
      continue;
    }
    if (line == order.lines.end()) {
      errors.push_back({at + ".sku", Code::kInvalidValue,
                        "order " + order.order_no + " has no line of " + wanted.sku});
      continue;
    }
    if (!seen.insert(wanted.sku).second) {
      errors.push_back({at + ".sku", Code::kDuplicateLine,
                        wanted.sku + " appears twice; combine the quantities"});
      continue;
    }
    auto cover = covered.find(line->line_no);
    const Quantity left = line->quantity_shipped - (cover == covered.end() ? 0 : cover->second);
    if (wanted.quantity <= 0) {
      errors.push_back({at + ".quantity", Code::kInvalidValue, "quantity must be at least 1"});
      continue;
    }
    if (wanted.quantity > left) {
      errors.push_back({at + ".quantity", Code::kQuantityExceedsShipped,
                        std::to_string(wanted.quantity) + " units of " + wanted.sku +
                            " asked for, but only " + std::to_string(left) +
                            " shipped units are not covered by other cases"});
      continue;
    }
    if (!wanted.exchange_sku.empty() && type != AfterSalesType::kExchange) {
      errors.push_back(
          {at + ".exchange_sku", Code::kInvalidValue, "exchange_sku is only for an exchange"});
      continue;
    }
    lines.push_back({line->line_no, line->sku, wanted.quantity, line->unit_price_amount,
                     WarehouseOf(*line), wanted.exchange_sku});
  }
}

void CheckAmount(const AfterSalesRequest& request, AfterSalesType type, const Order& order,
                 const std::vector<AfterSalesLine>& lines, std::vector<FieldError>& errors,
                 int64_t& amount) {
  const bool takes_amount =
      type == AfterSalesType::kRefundOnly || type == AfterSalesType::kPartialRefund;
  if (!takes_amount) {
    if (request.amount) {
      errors.push_back({"amount", Code::kInvalidValue,
                        "amount is only for refund_only and partial_refund; this type's refund "
                        "follows its lines"});
    }
    return;
  }
  int64_t lines_value = 0;
  for (const AfterSalesLine& line : lines) {
    lines_value += line.amount();
  }
  if (!request.amount && type == AfterSalesType::kPartialRefund) {
    errors.push_back({"amount", Code::kRequired, "a partial refund needs an amount"});
    return;
  }
  amount = request.amount.value_or(lines_value);
  const int64_t refundable = order.paid_amount - order.refunded_amount;
  if (amount <= 0) {
    errors.push_back({"amount", Code::kInvalidValue, "amount must be positive"});
  } else if (amount > refundable) {
    errors.push_back({"amount", Code::kAmountExceedsRefundable,
                      "amount " + std::to_string(amount) + " exceeds what is still refundable, " +
                          std::to_string(refundable) + " (paid " +
                          std::to_string(order.paid_amount) + ", refunded " +
                          std::to_string(order.refunded_amount) + ")"});
  } else if (!lines.empty() && amount > lines_value) {
    errors.push_back({"amount", Code::kAmountExceedsRefundable,
                      "amount " + std::to_string(amount) + " exceeds what the lines cost, " +
                          std::to_string(lines_value)});
  }
}

}  // namespace

std::span<const AfterSalesRule> AfterSalesTable() {
  return kTable;
}

std::optional<AfterSalesStatus> NextAfterSalesStatus(AfterSalesStatus from,
                                                     AfterSalesTransition transition) {
  for (const AfterSalesRule& rule : kTable) {
    if (rule.transition == transition && rule.from == from) {
      return rule.to;
    }
  }
  return std::nullopt;
}

std::string_view AfterSalesTypeName(AfterSalesType type) {
  return Name(type);
}
std::optional<AfterSalesType> ParseAfterSalesType(std::string_view text) {
  return ParseEnum<AfterSalesType>(text);
}
std::string_view AfterSalesReasonName(AfterSalesReason reason) {
  return Name(reason);
}
std::optional<AfterSalesReason> ParseAfterSalesReason(std::string_view text) {
  return ParseEnum<AfterSalesReason>(text);
}
std::string_view AfterSalesStatusName(AfterSalesStatus status) {
  return Name(status);
}
std::optional<AfterSalesStatus> ParseAfterSalesStatus(std::string_view text) {
  return ParseEnum<AfterSalesStatus>(text);
}
std::string_view AfterSalesTransitionName(AfterSalesTransition transition) {
  return Name(transition);
}
std::string_view FreightPayerName(FreightPayer payer) {
  return Name(payer);
}

bool IsFinal(AfterSalesStatus status) {
  return status == S::kRejected || status == S::kCompleted || status == S::kClosed;
}

bool CoversQuantities(AfterSalesStatus status) {
  return status != S::kRejected && status != S::kClosed;
}

bool NeedsReturn(AfterSalesType type) {
  return type == AfterSalesType::kReturnRefund || type == AfterSalesType::kExchange;
}

FreightPayer FreightPayerFor(AfterSalesReason reason) {
  switch (reason) {
    case AfterSalesReason::kQuality:
    case AfterSalesReason::kWrongItem:
    case AfterSalesReason::kDamaged:
    case AfterSalesReason::kLogistics:
      return FreightPayer::kMerchant;
    case AfterSalesReason::kSize:
    case AfterSalesReason::kNoReason7Days:
    case AfterSalesReason::kOther:
      return FreightPayer::kBuyer;
  }
  return FreightPayer::kBuyer;
}

int64_t AfterSales::lines_amount() const {
  int64_t total = 0;
  for (const AfterSalesLine& line : lines) {
    total += line.amount();
  }
  return total;
}

Status CheckEligibility(const Order& order, AfterSalesReason reason,
                        const AfterSalesWindows& windows, Timestamp now) {
  switch (order.status) {
    case OrderStatus::kShipped:
    case OrderStatus::kDelivered:
    case OrderStatus::kCompleted:
      break;
    case OrderStatus::kCancelled:
    case OrderStatus::kClosed:
      return Status::Conflict(Code::kIllegalTransition,
                              "order " + order.order_no + " is " +
                                  std::string(StatusName(order.status)) +
                                  ": it never shipped, so it has no after-sales");
    default:
      return Status::Conflict(Code::kAfterSalesBeforeShipment,
                              "order " + order.order_no + " has not shipped (" +
                                  std::string(StatusName(order.status)) +
                                  "): change it (PATCH) or cancel it instead");
  }
  const std::optional<Timestamp> start = order.delivered_at ? order.delivered_at : order.shipped_at;
  if (!start) {
    return Status::Ok();  // a shipped order always has its time; nothing to count from
  }
  int64_t days = windows.window_days;
  if (reason == AfterSalesReason::kNoReason7Days) {
    days = std::min(days, windows.no_reason_days);
  }
  const Timestamp ends = start->PlusMs(days * kDayMs);
  if (now.unix_ms > ends.unix_ms) {
    return Status::Conflict(Code::kAfterSalesWindowExpired,
                            "the " + std::to_string(days) + "-day after-sales window of order " +
                                order.order_no + " (from " +
                                (order.delivered_at ? "delivery" : "shipment") + ") ended at " +
                                FormatRfc3339(ends));
  }
  return Status::Ok();
}

Result<AfterSales> OpenAfterSales(const AfterSalesRequest& request, const Order& order,
                                  const CoveredUnits& covered, const AfterSalesWindows& windows,
                                  const Actor& actor) {
  std::vector<FieldError> errors;
  const std::optional<AfterSalesType> type = ParseAfterSalesType(request.type);
  const std::optional<AfterSalesReason> reason = ParseAfterSalesReason(request.reason);
  if (request.type.empty()) {
    errors.push_back({"type", Code::kRequired, "type is required"});
  } else if (!type) {
    errors.push_back({"type", Code::kInvalidValue,
                      "type must be refund_only, return_refund, exchange, reship or "
                      "partial_refund"});
  }
  if (request.reason.empty()) {
    errors.push_back({"reason", Code::kRequired, "reason is required"});
  } else if (!reason) {
    errors.push_back({"reason", Code::kInvalidValue,
                      "reason must be quality, wrong_item, damaged, size, no_reason_7_days, "
                      "logistics or other"});
  }
  if (request.note.size() > kMaxText) {
    errors.push_back({"note", Code::kInvalidValue, "note is too long (2000 bytes at most)"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  ORDO_RETURN_IF_ERROR(CheckEligibility(order, *reason, windows, actor.at));
  AfterSales c;
  CheckLines(request, *type, order, covered, errors, c.lines);
  CheckAmount(request, *type, order, c.lines, errors, c.requested_amount);
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  c.order_no = order.order_no;
  c.type = *type;
  c.reason = *reason;
  c.freight_payer = FreightPayerFor(*reason);
  c.note = request.note;
  c.created_at = actor.at;
  c.created_by = actor.name;
  c.updated_at = actor.at;
  c.updated_by = actor.name;
  c.history.push_back({"requested", "", std::string(AfterSalesStatusName(c.status)), actor.name,
                       actor.at, request.note});
  return c;
}

Status ApproveAfterSales(AfterSales& c, const std::string& note, const Actor& actor) {
  ORDO_RETURN_IF_ERROR(TooLong("note", note));
  if (!NextAfterSalesStatus(c.status, T::kApprove)) {
    return Illegal(c, T::kApprove);
  }
  ORDO_RETURN_IF_ERROR(Move(c, T::kApprove, actor, note));
  if (NeedsReturn(c.type)) {
    ORDO_RETURN_IF_ERROR(Move(
        c, T::kAwaitReturn, actor,
        std::string("return freight paid by ") + std::string(FreightPayerName(c.freight_payer))));
  }
  return Status::Ok();
}

Status RejectAfterSales(AfterSales& c, const std::string& reason, const Actor& actor) {
  if (!NextAfterSalesStatus(c.status, T::kReject)) {
    return Illegal(c, T::kReject);
  }
  if (reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "a rejection needs a reason");
  }
  ORDO_RETURN_IF_ERROR(TooLong("reason", reason));
  c.reject_reason = reason;
  return Move(c, T::kReject, actor, reason);
}

Status RecordReturnShipment(AfterSales& c, const std::string& carrier,
                            const std::string& tracking_no, const Actor& actor) {
  if (!NeedsReturn(c.type) || !NextAfterSalesStatus(c.status, T::kRecordReturnShipment)) {
    return Illegal(c, T::kRecordReturnShipment);
  }
  std::vector<FieldError> errors;
  if (carrier.empty() || carrier.size() > 64) {
    errors.push_back({"carrier", carrier.empty() ? Code::kRequired : Code::kInvalidValue,
                      "carrier is required (64 bytes at most)"});
  }
  if (tracking_no.empty() || tracking_no.size() > 64) {
    errors.push_back({"tracking_no", tracking_no.empty() ? Code::kRequired : Code::kInvalidValue,
                      "tracking_no is required (64 bytes at most)"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  c.return_carrier = carrier;
  c.return_tracking_no = tracking_no;
  return Move(c, T::kRecordReturnShipment, actor, carrier + " " + tracking_no);
}

Status ReceiveReturn(AfterSales& c, const std::string& carrier, const std::string& tracking_no,
                     const Actor& actor) {
  if (!NeedsReturn(c.type) || !NextAfterSalesStatus(c.status, T::kReceive)) {
    return Illegal(c, T::kReceive);
  }
  if (carrier.size() > 64 || tracking_no.size() > 64) {
    return Status::Invalid(carrier.size() > 64 ? "carrier" : "tracking_no", Code::kInvalidValue,
                           "64 bytes at most");
  }
  if (!carrier.empty()) {
    c.return_carrier = carrier;
  }
  if (!tracking_no.empty()) {
    c.return_tracking_no = tracking_no;
  }
  c.received_at = actor.at;
  return Move(c, T::kReceive, actor, c.return_carrier + " " + c.return_tracking_no);
}

bool ReportedToPurchasing(AfterSalesReason reason) {
  return reason == AfterSalesReason::kQuality || reason == AfterSalesReason::kDamaged;
}

bool Restocks(const Inspection& inspection) {
  return inspection.passed && inspection.disposition == "sellable";
}

namespace {

// The disposition an inspection of `c` records: the one given, checked, or the default.
Status Dispose(const AfterSales& c, Inspection& inspection) {
  static const std::vector<std::string> kPassed = {"sellable", "defective_stock",
                                                   "return_to_supplier", "written_off"};
  static const std::vector<std::string> kFailed = {"written_off", "returned_to_customer"};
  const std::vector<std::string>& allowed = inspection.passed ? kPassed : kFailed;
  if (inspection.disposition.empty()) {
    if (inspection.passed && ReportedToPurchasing(c.reason)) {
      return Status::Invalid("disposition", Code::kRequired,
                             "a returned item with a quality problem or damage needs a "
                             "disposition: sellable, defective_stock, return_to_supplier or "
                             "written_off");
    }
    inspection.disposition = allowed.front();
    return Status::Ok();
  }
  if (std::find(allowed.begin(), allowed.end(), inspection.disposition) == allowed.end()) {
    return Status::Invalid("disposition", Code::kInvalidValue,
                           inspection.passed ? "disposition must be sellable, defective_stock, "
                                               "return_to_supplier or written_off"
                                             : "disposition must be written_off or "
                                               "returned_to_customer");
  }
  return Status::Ok();
}

}  // namespace

Status InspectAfterSales(AfterSales& c, Inspection inspection, const Actor& actor) {
  const T transition = inspection.passed ? T::kPassInspection : T::kFailInspection;
  if (!NeedsReturn(c.type) || !NextAfterSalesStatus(c.status, transition)) {
    return Illegal(c, transition);
  }
  ORDO_RETURN_IF_ERROR(TooLong("note", inspection.note));
  ORDO_RETURN_IF_ERROR(Dispose(c, inspection));
  const std::string note =
      inspection.disposition + (inspection.note.empty() ? "" : ": " + inspection.note);
  c.reason_confirmed = inspection.passed && (c.reason == AfterSalesReason::kWrongItem ||
                                             c.reason == AfterSalesReason::kQuality ||
                                             c.reason == AfterSalesReason::kDamaged);
  if (!inspection.passed) {
    c.close_reason = "failed inspection";
  }
  c.inspection = std::move(inspection);
  c.inspected_at = actor.at;
  return Move(c, transition, actor, note);
}

int64_t RefundDue(const AfterSales& c) {
  if (c.type == AfterSalesType::kReturnRefund) {
    return c.lines_amount();
  }
  if (c.type == AfterSalesType::kRefundOnly || c.type == AfterSalesType::kPartialRefund) {
    return c.requested_amount;
  }
  return 0;
}

Status CanStartAfterSalesRefund(const AfterSales& c) {
  const bool from_approved = c.status == S::kApproved && (c.type == AfterSalesType::kRefundOnly ||
                                                          c.type == AfterSalesType::kPartialRefund);
  const bool from_inspected = c.status == S::kInspected && c.type == AfterSalesType::kReturnRefund;
  if (!(from_approved || from_inspected) || !NextAfterSalesStatus(c.status, T::kStartRefund)) {
    return Illegal(c, T::kStartRefund);
  }
  return Status::Ok();
}

Status StartAfterSalesRefund(AfterSales& c, int64_t refund_id, int64_t amount, const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CanStartAfterSalesRefund(c));
  ORDO_ASSERT(amount > 0);
  c.refund_id = refund_id;
  c.refund_amount = amount;
  return Move(c, T::kStartRefund, actor,
              "refund " + std::to_string(refund_id) + " of " + std::to_string(amount));
}

Status CompleteAfterSales(AfterSales& c, const std::string& replacement_order_no,
                          const Actor& actor) {
  const bool allowed = (c.status == S::kRefunding) ||
                       (c.status == S::kInspected && c.type == AfterSalesType::kExchange) ||
                       (c.status == S::kApproved && c.type == AfterSalesType::kReship);
  if (!allowed || !NextAfterSalesStatus(c.status, T::kComplete)) {
    return Illegal(c, T::kComplete);
  }
  if (c.status != S::kRefunding) {
    ORDO_ASSERT(!replacement_order_no.empty());
    c.replacement_order_no = replacement_order_no;
  }
  return Move(c, T::kComplete, actor,
              replacement_order_no.empty() ? "" : "replacement order " + replacement_order_no);
}

std::optional<MoneyRequest> MoneyRequestOf(const AfterSales& c) {
  if (c.type == AfterSalesType::kExchange || c.type == AfterSalesType::kReship) {
    return std::nullopt;
  }
  return MoneyRequest{c.order_no,
                      std::string(AfterSalesTypeName(c.type)),
                      c.requested_amount > 0 ? c.requested_amount : c.lines_amount(),
                      c.created_at,
                      "after-sales case " + std::to_string(c.id) + " by " + c.created_by,
                      !IsFinal(c.status)};
}

Status CloseAfterSales(AfterSales& c, const std::string& reason, const Actor& actor) {
  if (!NextAfterSalesStatus(c.status, T::kClose)) {
    return Illegal(c, T::kClose);
  }
  if (reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "closing a case needs a reason");
  }
  ORDO_RETURN_IF_ERROR(TooLong("reason", reason));
  c.close_reason = reason;
  return Move(c, T::kClose, actor, reason);
}

Status ReturnAfterSalesRefund(AfterSales& c, const std::string& note, const Actor& actor) {
  const T transition =
      c.type == AfterSalesType::kReturnRefund ? T::kReturnRefundRejected : T::kRefundRejected;
  const std::optional<S> back = NextAfterSalesStatus(c.status, transition);
  if (!back) {
    return Illegal(c, transition);
  }
  c.history.push_back({std::string(AfterSalesTransitionName(transition)),
                       std::string(AfterSalesStatusName(c.status)),
                       std::string(AfterSalesStatusName(*back)), actor.name, actor.at, note});
  c.status = *back;
  c.refund_id = 0;
  c.refund_amount = 0;
  c.updated_at = actor.at;
  c.updated_by = actor.name;
  return Status::Ok();
}

int64_t ReplacementCredit(const AfterSales& c, int64_t replacement_total) {
  return std::min(c.lines_amount(), replacement_total);
}

Result<Events> ReleaseReplacementOrder(Order& order, int64_t case_id,
                                       const std::string& original_order_no, const Actor& actor) {
  const std::optional<OrderStatus> paid = NextStatus(order.status, Transition::kConfirmPayment);
  if (!paid || MoneyOf(order).balance != 0 || order.payment_method != PaymentMethod::kOnline ||
      order.payment_status != PaymentStatus::kUnpaid) {
    return Status::Conflict(
        Code::kIllegalTransition,
        "order " + order.order_no + " is not an unpaid replacement order with nothing due");
  }
  OrderEvent confirmed;
  confirmed.type = std::string(TransitionName(Transition::kConfirmPayment));
  confirmed.at = actor.at;
  confirmed.actor = actor.name;
  confirmed.from_status = std::string(StatusName(order.status));
  confirmed.to_status = std::string(StatusName(*paid));
  confirmed.details = {{"amount", "0"},
                       {"credit_amount", std::to_string(order.credit_amount)},
                       {"source", "after-sales replacement: nothing due"},
                       {"after_sales_case_id", std::to_string(case_id)},
                       {"original_order_no", original_order_no}};
  order.status = *paid;
  order.payment_status = PaymentStatus::kPaid;
  order.paid_at = actor.at;
  order.version += 1;
  order.updated_at = actor.at;
  ORDO_ASSIGN_OR_RETURN(Events approved,
                        Approve(order,
                                "after-sales case " + std::to_string(case_id) +
                                    " replaces items of order " + original_order_no,
                                actor));
  Events events{std::move(confirmed)};
  events.insert(events.end(), approved.begin(), approved.end());
  return events;
}

}  // namespace ordo
