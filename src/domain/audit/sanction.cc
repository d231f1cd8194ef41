#include "domain/audit/sanction.h"

#include <array>
#include <utility>

namespace ordo {
namespace {

// Checks a quantity (amount or points) that the kind requires, or forbids.
void CheckQuantity(std::string_view field, int64_t value, bool required, int64_t maximum,
                   std::string_view kind, std::vector<FieldError>& errors) {
  const std::string name(field);
  if (value < 0 || value > maximum) {
    errors.push_back(
        {name, Code::kInvalidValue, name + " must be between 1 and " + std::to_string(maximum)});
  } else if (required && value == 0) {
    errors.push_back({name, Code::kRequired, "a " + std::string(kind) + " needs " + name + " > 0"});
  } else if (!required && value != 0) {
    errors.push_back({name, Code::kInvalidValue, "a " + std::string(kind) + " carries no " + name});
  }
}

// The kind's name and whether it needs an amount / points; false when the kind is unknown.
bool ReadKind(const SanctionProposal& proposal, bool& needs_amount, bool& needs_points) {
  if (proposal.category == SanctionCategory::kPenalty) {
    std::optional<PenaltyKind> kind = ParsePenaltyKind(proposal.kind);
    needs_amount = kind == PenaltyKind::kFine;
    needs_points = kind == PenaltyKind::kPoints;
    return kind.has_value();
  }
  std::optional<RewardKind> kind = ParseRewardKind(proposal.kind);
  needs_amount = kind == RewardKind::kBonus;
  needs_points = kind == RewardKind::kPoints;
  return kind.has_value();
}

// The person concerned: the one named, or the one the violation names.
std::string ResolvePerson(const SanctionProposal& proposal,
                          const std::optional<ViolationRef>& violation,
                          std::vector<FieldError>& errors) {
  std::string person = proposal.person;
  if (violation && !violation->actor.empty()) {
    if (!person.empty() && person != violation->actor) {
      errors.push_back({"person", Code::kInvalidValue,
                        "violation " + std::to_string(violation->id) + " names " +
                            violation->actor + ", not " + person});
    }
    person = violation->actor;
  }
  if (person.empty()) {
    errors.push_back({"person", Code::kRequired,
                      violation ? "the violation names no person: say who is penalised"
                                : "person (or violation_id) is required"});
  } else if (!IsPersonActor(person)) {
    errors.push_back({"person", Code::kInvalidValue, "person must be an actor such as user:alice"});
  }
  return person;
}

}  // namespace

std::string_view SanctionCategoryName(SanctionCategory category) {
  return Name(category);
}
std::string_view PenaltyKindName(PenaltyKind kind) {
  return Name(kind);
}
std::optional<PenaltyKind> ParsePenaltyKind(std::string_view text) {
  return ParseEnum<PenaltyKind>(text);
}
const std::vector<PenaltyKind>& AllPenaltyKinds() {
  static const std::vector<PenaltyKind> kAll = [] {
    std::vector<PenaltyKind> all;
    for (const EnumName<PenaltyKind>& entry : kPenaltyKindNames) {
      all.push_back(entry.value);
    }
    return all;
  }();
  return kAll;
}
std::string_view RewardKindName(RewardKind kind) {
  return Name(kind);
}
std::optional<RewardKind> ParseRewardKind(std::string_view text) {
  return ParseEnum<RewardKind>(text);
}
const std::vector<RewardKind>& AllRewardKinds() {
  static const std::vector<RewardKind> kAll = [] {
    std::vector<RewardKind> all;
    for (const EnumName<RewardKind>& entry : kRewardKindNames) {
      all.push_back(entry.value);
    }
    return all;
  }();
  return kAll;
}
std::string_view ProposalStateName(ProposalState state) {
  return Name(state);
}
std::optional<ProposalState> ParseProposalState(std::string_view text) {
  return ParseEnum<ProposalState>(text);
}

bool IsPersonActor(std::string_view actor) {
  for (std::string_view prefix : {std::string_view("user:"), std::string_view("token:")}) {
    if (actor.size() > prefix.size() && actor.starts_with(prefix) && actor.size() <= 200) {
      return true;
    }
  }
  return false;
}

Result<Sanction> ProposeSanction(const SanctionProposal& proposal,
                                 const std::optional<ViolationRef>& violation,
                                 const Actor& proposer) {
  std::vector<FieldError> errors;
  const bool penalty = proposal.category == SanctionCategory::kPenalty;
  bool needs_amount = false;
  bool needs_points = false;
  if (!ReadKind(proposal, needs_amount, needs_points)) {
    errors.push_back({"kind", Code::kInvalidValue,
                      "unknown " + std::string(SanctionCategoryName(proposal.category)) +
                          " kind '" + proposal.kind + "'"});
  }
  if (proposal.violation_id != 0 && !penalty) {
    errors.push_back({"violation_id", Code::kInvalidValue, "a reward names no violation"});
  } else if (proposal.violation_id != 0 && !violation) {
    errors.push_back({"violation_id", Code::kUnknownViolation,
                      "no violation " + std::to_string(proposal.violation_id)});
  }
  const std::string person = ResolvePerson(proposal, violation, errors);
  if (proposal.reason.empty() && (!penalty || !violation)) {
    errors.push_back({"reason", Code::kRequired,
                      penalty ? "a penalty without a violation needs a written reason"
                              : "a reward needs a written reason"});
  } else if (proposal.reason.size() > 1000) {
    errors.push_back({"reason", Code::kInvalidValue, "reason must be at most 1000 bytes"});
  }
  CheckQuantity("amount", proposal.amount, needs_amount, kMaxSanctionAmount, proposal.kind, errors);
  CheckQuantity("points", proposal.points, needs_points, kMaxSanctionPoints, proposal.kind, errors);
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  if (!penalty && person == proposer.name) {
    return Status(Kind::kForbidden, Code::kForbidden, "nobody proposes a reward for themselves");
  }
  Sanction sanction;
  sanction.category = proposal.category;
  sanction.kind = proposal.kind;
  sanction.person = person;
  sanction.violation_id = violation ? violation->id : 0;
  sanction.period = proposal.period;
  sanction.reason = proposal.reason;
  sanction.points = proposal.points;
  sanction.amount = proposal.amount;
  sanction.state = ProposalState::kProposed;
  sanction.proposed_by = proposer.name;
  sanction.proposed_at = proposer.at;
  return sanction;
}

Status DecideSanction(Sanction& sanction, bool approve, const std::string& reason,
                      const Actor& decider) {
  const std::string what =
      std::string(SanctionCategoryName(sanction.category)) + " " + std::to_string(sanction.id);
  if (sanction.state != ProposalState::kProposed) {
    return Status::Conflict(Code::kAlreadyDecided,
                            what + " was already " +
                                std::string(ProposalStateName(sanction.state)) + " by " +
                                sanction.decided_by);
  }
  if (decider.name == sanction.proposed_by) {
    return Status(Kind::kForbidden, Code::kSelfApproval,
                  what + " was proposed by " + decider.name + ": another person must decide it");
  }
  if (decider.name == sanction.person) {
    return Status(Kind::kForbidden, Code::kSelfApproval,
                  what + " concerns " + decider.name + ", who may not decide it");
  }
  if (!approve && reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "a rejection needs a reason");
  }
  if (reason.size() > 1000) {
    return Status::Invalid("reason", Code::kInvalidValue, "reason must be at most 1000 bytes");
  }
  sanction.state = approve ? ProposalState::kApproved : ProposalState::kRejected;
  sanction.decided_by = decider.name;
  sanction.decided_at = decider.at;
  sanction.decision_reason = reason;
  return Status::Ok();
}

MoneyRequest MoneyRequestOf(const Sanction& reward) {
  return MoneyRequest{reward.person,
                      "reward:" + reward.kind,
                      reward.amount > 0 ? reward.amount : reward.points,
                      reward.proposed_at,
                      "reward " + std::to_string(reward.id) + " proposed by " + reward.proposed_by,
                      reward.state != ProposalState::kRejected};
}

}  // namespace ordo
