// Abnormal cases (异常订单, domain.md EXC-1, EXC-2): what a detection rule found about an order,
// classified by type, severity and whether it blocks the order, then assigned, handled and
// closed with a resolution, root cause and improvement note, or dismissed.
//
// Life cycle: open → assigned (→ assigned again to someone else) → resolved | dismissed; an open
// case may also be resolved or dismissed directly. Resolved and dismissed are final.
//
// A blocking case holds its order: the order lists the case among its holds (order.h
// Order::holds) and does not advance (approve, pick, pack, ship, complete are refused with
// order_on_hold) until every blocking case is closed. Payment, delivery reported by the carrier,
// cancellation and rejection still apply: nothing is lost while on hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/order/order.h"

namespace ordo {

enum class CaseSeverity { kLow, kMedium, kHigh };

inline constexpr EnumName<CaseSeverity> kCaseSeverityNames[] = {
    {CaseSeverity::kLow, "low"},
    {CaseSeverity::kMedium, "medium"},
    {CaseSeverity::kHigh, "high"},
};
constexpr std::span<const EnumName<CaseSeverity>> EnumNames(CaseSeverity) {
  return kCaseSeverityNames;
}
static_assert(IsNameTable(kCaseSeverityNames));
std::string_view CaseSeverityName(CaseSeverity severity);

enum class CaseStatus { kOpen, kAssigned, kResolved, kDismissed };

inline constexpr EnumName<CaseStatus> kCaseStatusNames[] = {
    {CaseStatus::kOpen, "open"},
    {CaseStatus::kAssigned, "assigned"},
    {CaseStatus::kResolved, "resolved"},
    {CaseStatus::kDismissed, "dismissed"},
};
constexpr std::span<const EnumName<CaseStatus>> EnumNames(CaseStatus) {
  return kCaseStatusNames;
}
static_assert(IsNameTable(kCaseStatusNames));
std::string_view CaseStatusName(CaseStatus status);
std::optional<CaseStatus> ParseCaseStatus(std::string_view text);
bool IsClosed(CaseStatus status);

// What makes a case's cause go away by itself (a bit set): when it happens to the order, its
// live cases of the type close themselves (app/anomaly.h CloseCasesWhoseCauseIsGone).
enum CauseGone : unsigned {
  kNeverGone = 0,
  kGoneWhenPaid = 1,       // the order's payment is confirmed (a short payment's balance came)
  kGoneWhenShipped = 2,    // the order shipped
  kGoneWhenDelivered = 4,  // the order was delivered
  kGoneWhenEnded = 8,      // the order was cancelled or closed: nothing left to handle
};

// A kind of case and how it is classified. New rules add a row (case.cc).
struct CaseType {
  std::string_view name;
  CaseSeverity severity;
  bool blocking;
  std::string_view description;
  // The roles whose people handle it, space-separated, the handling department first (its code
  // is the role's name, domain/staff/department.h); supervisors and admins handle every type.
  std::string_view handlers;
  unsigned gone_when = kGoneWhenEnded;  // CauseGone bits
  // Besides anomalies:handle, the permission of those whose own work the case is about and who
  // may therefore handle it (assign, resolve, dismiss); empty: none. The warehouse (orders:fulfil)
  // clears its own weight and scan cases.
  std::string_view handled_with = "";
};

// The department that handles cases of `type` (the first of its handlers).
std::string_view HandlingDepartment(const CaseType& type);
// True when someone of `role` may be assigned a case of `type`.
bool MayHandle(const CaseType& type, std::string_view role);

// Every known type, in documented order.
const std::vector<CaseType>& CaseTypes();
const CaseType* FindCaseType(std::string_view name);

using CaseDetails = std::vector<std::pair<std::string, std::string>>;

struct AbnormalCase {
  int64_t id = 0;  // assigned by the store
  std::string order_no;
  std::string type;
  // What within the order the case is about ("parcel:SH-01", "shipment:12"; "" for the whole
  // order). An order has at most one live (open or assigned) case per type and subject.
  std::string subject;
  CaseSeverity severity = CaseSeverity::kMedium;
  bool blocking = false;
  std::string explanation;  // observed against expected or the threshold, in words
  CaseDetails details;      // the same as values: "observed_g", "threshold", …
  CaseStatus status = CaseStatus::kOpen;
  std::string assignee;
  std::string resolution;
  std::string root_cause;
  std::string improvement;
  Timestamp opened_at;
  std::string opened_by;
  Timestamp updated_at;
  std::string updated_by;  // who made the last change
  std::optional<Timestamp> closed_at;
  std::string closed_by;
};

// A new open case of `type` (which must be known: FindCaseType) with the type's severity and
// blocking flag.
AbnormalCase OpenCase(const CaseType& type, std::string order_no, std::string subject,
                      std::string explanation, CaseDetails details, const Actor& actor);

// Each refuses a closed case with kConflict case_closed and bad input with kInvalid naming the
// field; otherwise changes the case and stamps the actor and time.
// assignee: 1-100 bytes.
Status AssignCase(AbnormalCase& abnormal, const std::string& assignee, const Actor& actor);
// resolution and root_cause required (1-2000 bytes); improvement optional (up to 2000).
Status ResolveCase(AbnormalCase& abnormal, const std::string& resolution,
                   const std::string& root_cause, const std::string& improvement,
                   const Actor& actor);
// reason required (1-2000 bytes): kept as the resolution.
Status DismissCase(AbnormalCase& abnormal, const std::string& reason, const Actor& actor);

// Holds `order` for the blocking case `abnormal` (already stored, with its id): the order's
// version moves on and the returned "hold_placed" event records it.
OrderEvent PlaceHold(Order& order, const AbnormalCase& abnormal, const Actor& actor);
// Lifts the hold of case `case_id`: the "hold_released" event, or nullopt when the order was
// not held by it.
std::optional<OrderEvent> ReleaseHold(Order& order, const AbnormalCase& abnormal,
                                      const Actor& actor);

}  // namespace ordo
