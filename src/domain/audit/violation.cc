#include "domain/audit/violation.h"

#include <array>

namespace ordo {
namespace {

struct TypeInfo {
  ViolationType type;
  Severity severity;
  SuggestedPenalty penalty;
  std::string_view description;
};

// One row per type: the single table of severities and suggestions (names: violation.h).
constexpr std::array<TypeInfo, 7> kTypes = {{
    {ViolationType::kTimeLimitBreach,
     Severity::kMedium,
     {PenaltyKind::kWarning, 0, 0},
     "a step was done after its time limit, or an order waits past its deadline"},
    {ViolationType::kEntryCorrected,
     Severity::kLow,
     {PenaltyKind::kWarning, 0, 0},
     "an entry was corrected by a later adjustment of the same stock"},
    {ViolationType::kChangeAfterShipment,
     Severity::kHigh,
     {PenaltyKind::kCriticism, 0, 0},
     "an attempt to cancel or change a shipped order"},
    {ViolationType::kReviewBypassAttempt,
     Severity::kHigh,
     {PenaltyKind::kCriticism, 0, 0},
     "an attempt to pick, pack or ship an order that was not reviewed"},
    {ViolationType::kUnauthorisedPiiAccess,
     Severity::kHigh,
     {PenaltyKind::kRetraining, 0, 0},
     "an attempt to see personal data without the permission"},
    {ViolationType::kWrongItemShipped,
     Severity::kMedium,
     {PenaltyKind::kPoints, 2, 0},
     "an after-sales inspection confirmed a wrong item shipped"},
    {ViolationType::kLateCustomerReply,
     Severity::kLow,
     {PenaltyKind::kWarning, 0, 0},
     "a customer message was answered after the reply limit"},
}};

const TypeInfo& InfoOf(ViolationType type) {
  for (const TypeInfo& info : kTypes) {
    if (info.type == type) {
      return info;
    }
  }
  ORDO_ASSERT(false && "a violation type without a row in kTypes");
  return kTypes[0];
}

}  // namespace

std::string_view ViolationTypeName(ViolationType type) {
  return Name(type);
}

std::optional<ViolationType> ParseViolationType(std::string_view text) {
  return ParseEnum<ViolationType>(text);
}

const std::vector<ViolationType>& AllViolationTypes() {
  static const std::vector<ViolationType> kAll = [] {
    std::vector<ViolationType> all;
    for (const TypeInfo& info : kTypes) {
      all.push_back(info.type);
    }
    return all;
  }();
  return kAll;
}

std::string_view SeverityName(Severity severity) {
  return Name(severity);
}

Severity DefaultSeverity(ViolationType type) {
  return InfoOf(type).severity;
}
SuggestedPenalty SuggestedPenaltyFor(ViolationType type) {
  return InfoOf(type).penalty;
}
std::string_view ViolationTypeDescription(ViolationType type) {
  return InfoOf(type).description;
}

Violation MakeViolation(ViolationType type, std::string actor, std::string entity,
                        std::string entity_id, std::string occurrence, Timestamp at) {
  Violation violation;
  violation.type = type;
  violation.severity = DefaultSeverity(type);
  violation.actor = std::move(actor);
  violation.entity = std::move(entity);
  violation.entity_id = std::move(entity_id);
  violation.occurrence = std::move(occurrence);
  violation.at = at;
  return violation;
}

std::string FormatDuration(int64_t ms) {
  if (ms < 0) {
    ms = 0;
  }
  if (ms < 1000) {
    return std::to_string(ms) + "ms";
  }
  const int64_t seconds = ms / 1000;
  const int64_t parts[] = {seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60};
  const char* units[] = {"d", "h", "m", "s"};
  std::string text;
  for (int i = 0; i < 4; ++i) {
    if (parts[i] != 0) {
      text += (text.empty() ? "" : " ") + std::to_string(parts[i]) + units[i];
    }
  }
  return text;
}

}  // namespace ordo
