// change_after_shipment, review_bypass_attempt, unauthorised_pii_access: refused attempts that
// the audit trail recorded (see ClassifyAttempt in records.h for the rules).
#include "domain/audit/detectors.h"

namespace ordo {
namespace {

std::string Explain(ViolationType type, const Attempt& attempt) {
  const std::string who = attempt.actor + " (role " + attempt.role + ")";
  const std::string when = " at " + FormatRfc3339(attempt.at);
  switch (type) {
    case ViolationType::kChangeAfterShipment:
      return who + " tried to " + attempt.action + " order " + attempt.order_no + when +
             " while it was " + attempt.order_status + "; orders cannot be changed after " +
             "shipment (refused: " + attempt.code + ")";
    case ViolationType::kReviewBypassAttempt:
      return who + " tried to " + attempt.action + " order " + attempt.order_no + when +
             " while it was still " + attempt.order_status +
             ", before review (refused: " + attempt.code + ")";
    case ViolationType::kUnauthorisedPiiAccess:
      return who + " asked for personal data (" + attempt.method + " " + attempt.target + ")" +
             when + " without the " + attempt.permission + " permission (refused: " + attempt.code +
             ")";
    default:
      return who + " was refused " + attempt.method + " " + attempt.target + when;
  }
}

}  // namespace

std::vector<Violation> DetectAttemptViolations(const std::vector<Attempt>& attempts) {
  std::vector<Violation> violations;
  for (const Attempt& attempt : attempts) {
    std::optional<ViolationType> type = ClassifyAttempt(attempt);
    if (!type) {
      continue;
    }
    const std::string seq = std::to_string(attempt.seq);
    Violation violation = MakeViolation(*type, attempt.actor, "attempt", seq, seq, attempt.at);
    violation.explanation = Explain(*type, attempt);
    violation.details = {{"action", attempt.action}, {"method", attempt.method},
                         {"target", attempt.target}, {"code", attempt.code},
                         {"role", attempt.role},     {"audit_seq", seq}};
    if (!attempt.order_no.empty()) {
      violation.details.emplace_back("order_no", attempt.order_no);
    }
    if (!attempt.order_status.empty()) {
      violation.details.emplace_back("order_status", attempt.order_status);
    }
    if (!attempt.permission.empty()) {
      violation.details.emplace_back("permission", attempt.permission);
    }
    violations.push_back(std::move(violation));
  }
  return violations;
}

void AssignDepartments(std::vector<Violation>& violations, const StaffDirectory& directory) {
  for (Violation& violation : violations) {
    if (violation.actor.empty()) {
      continue;
    }
    const std::string& department = directory.DepartmentOf(violation.actor);
    if (!department.empty()) {
      violation.department = department;
    }
  }
}

}  // namespace ordo
