// Violations (domain.md AUD-2, 违规操作): the types, their default severity and suggested
// penalty, and the record a detector produces.
//
// A violation names who is responsible (an actor such as "user:alice"; empty when nobody has
// acted yet and the responsible department is named instead), what it concerns (an entity and its
// id), when it happened, and an explanation with the observed values and the rule they broke.
// The key (type, entity, entity_id, actor, occurrence) identifies it, so that detection can be
// run again over the same records without recording anything twice.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "domain/audit/sanction.h"

namespace ordo {

// Stable snake_case names, in documented order; new types are appended.
enum class ViolationType {
  kTimeLimitBreach,        // A step done later than its time limit (review, shipment), or an
                           // order still waiting past its deadline.
  kEntryCorrected,         // An entry (stock receipt, count, …) corrected by a later adjustment.
  kChangeAfterShipment,    // An attempt to cancel or change an order after it was shipped.
  kReviewBypassAttempt,    // An attempt to pick, pack or ship an order that was not reviewed.
  kUnauthorisedPiiAccess,  // An attempt to see personal data without the permission.
  kWrongItemShipped,       // A wrong item confirmed by an after-sales case.
  kLateCustomerReply,      // A customer message answered later than the reply limit.
};

inline constexpr EnumName<ViolationType> kViolationTypeNames[] = {
    {ViolationType::kTimeLimitBreach, "time_limit_breach"},
    {ViolationType::kEntryCorrected, "entry_corrected"},
    {ViolationType::kChangeAfterShipment, "change_after_shipment"},
    {ViolationType::kReviewBypassAttempt, "review_bypass_attempt"},
    {ViolationType::kUnauthorisedPiiAccess, "unauthorised_pii_access"},
    {ViolationType::kWrongItemShipped, "wrong_item_shipped"},
    {ViolationType::kLateCustomerReply, "late_customer_reply"},
};
constexpr std::span<const EnumName<ViolationType>> EnumNames(ViolationType) {
  return kViolationTypeNames;
}
static_assert(IsNameTable(kViolationTypeNames));

enum class Severity {
  kLow,
  kMedium,
  kHigh,
};

inline constexpr EnumName<Severity> kSeverityNames[] = {
    {Severity::kLow, "low"},
    {Severity::kMedium, "medium"},
    {Severity::kHigh, "high"},
};
constexpr std::span<const EnumName<Severity>> EnumNames(Severity) {
  return kSeverityNames;
}
static_assert(IsNameTable(kSeverityNames));

std::string_view ViolationTypeName(ViolationType type);
std::optional<ViolationType> ParseViolationType(std::string_view text);
const std::vector<ViolationType>& AllViolationTypes();
std::string_view SeverityName(Severity severity);

// What the rules suggest for one violation of a type; the proposer decides.
struct SuggestedPenalty {
  PenaltyKind kind = PenaltyKind::kWarning;
  int64_t points = 0;
  int64_t amount = 0;  // fen
};

Severity DefaultSeverity(ViolationType type);
SuggestedPenalty SuggestedPenaltyFor(ViolationType type);
// One line saying what the type means, for the API and reports.
std::string_view ViolationTypeDescription(ViolationType type);

using Details = std::vector<std::pair<std::string, std::string>>;

struct Violation {
  int64_t id = 0;  // assigned by the store
  ViolationType type = ViolationType::kTimeLimitBreach;
  Severity severity = Severity::kMedium;
  std::string actor;       // responsible person; empty when only a department is
  std::string department;  // the actor's department when known, else the responsible one
  std::string entity;      // "order", "stock", "attempt", "after_sales", "customer_message"
  std::string entity_id;   // order number, "SKU@WAREHOUSE", audit seq, case or message id
  std::string occurrence;  // tells apart violations of one type on one entity by one actor
  Timestamp at;            // when it happened (for an open deadline: the deadline)
  std::string explanation;
  Details details;  // observed values and the limit or rule, as text
  Timestamp detected_at;
  std::string detected_by;
};

// A violation of `type` with its default severity.
Violation MakeViolation(ViolationType type, std::string actor, std::string entity,
                        std::string entity_id, std::string occurrence, Timestamp at);

// "1d 2h 3m", "26h 5m", "45s", "350ms": a duration for explanations. Never negative.
std::string FormatDuration(int64_t ms);

}  // namespace ordo
