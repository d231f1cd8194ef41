// Penalties and rewards (domain.md AUD-2): what may be proposed, and the approval flow they share.
//
// A proposal starts `proposed` and is decided once, to `approved` or `rejected`, by someone
// other than its proposer and other than the person it concerns (four eyes: nobody decides on
// their own proposal, penalty or reward). Amounts are integer fen, never floating point.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/order/order.h"
#include "domain/payment/repeat.h"

namespace ordo {

enum class SanctionCategory {
  kPenalty,  // 处罚
  kReward,   // 奖励
};

inline constexpr EnumName<SanctionCategory> kSanctionCategoryNames[] = {
    {SanctionCategory::kPenalty, "penalty"},
    {SanctionCategory::kReward, "reward"},
};
constexpr std::span<const EnumName<SanctionCategory>> EnumNames(SanctionCategory) {
  return kSanctionCategoryNames;
}
static_assert(IsNameTable(kSanctionCategoryNames));

enum class PenaltyKind {
  kWarning,     // 警告: a written warning.
  kCriticism,   // 通报批评: criticism announced to the department.
  kPoints,      // 扣分: points deducted from the person's assessment; needs `points` > 0.
  kFine,        // 罚款: a fine; needs `amount` > 0 (fen).
  kRetraining,  // 再培训: the person repeats the training for the rule broken.
};

inline constexpr EnumName<PenaltyKind> kPenaltyKindNames[] = {
    {PenaltyKind::kWarning, "warning"},       {PenaltyKind::kCriticism, "criticism"},
    {PenaltyKind::kPoints, "points"},         {PenaltyKind::kFine, "fine"},
    {PenaltyKind::kRetraining, "retraining"},
};
constexpr std::span<const EnumName<PenaltyKind>> EnumNames(PenaltyKind) {
  return kPenaltyKindNames;
}
static_assert(IsNameTable(kPenaltyKindNames));

enum class RewardKind {
  kCommendation,  // 通报表扬: praise announced to the department.
  kBonus,         // 奖金: a bonus; needs `amount` > 0 (fen).
  kPoints,        // 加分: points added to the person's assessment; needs `points` > 0.
  kCertificate,   // 荣誉证书: a certificate of honour.
};

inline constexpr EnumName<RewardKind> kRewardKindNames[] = {
    {RewardKind::kCommendation, "commendation"},
    {RewardKind::kBonus, "bonus"},
    {RewardKind::kPoints, "points"},
    {RewardKind::kCertificate, "certificate"},
};
constexpr std::span<const EnumName<RewardKind>> EnumNames(RewardKind) {
  return kRewardKindNames;
}
static_assert(IsNameTable(kRewardKindNames));

enum class ProposalState {
  kProposed,  // waiting for a decision
  kApproved,  // in force
  kRejected,  // refused, with a reason; never reopened
};

inline constexpr EnumName<ProposalState> kProposalStateNames[] = {
    {ProposalState::kProposed, "proposed"},
    {ProposalState::kApproved, "approved"},
    {ProposalState::kRejected, "rejected"},
};
constexpr std::span<const EnumName<ProposalState>> EnumNames(ProposalState) {
  return kProposalStateNames;
}
static_assert(IsNameTable(kProposalStateNames));

std::string_view SanctionCategoryName(SanctionCategory category);  // "penalty", "reward"
std::string_view PenaltyKindName(PenaltyKind kind);
std::optional<PenaltyKind> ParsePenaltyKind(std::string_view text);
const std::vector<PenaltyKind>& AllPenaltyKinds();
std::string_view RewardKindName(RewardKind kind);
std::optional<RewardKind> ParseRewardKind(std::string_view text);
const std::vector<RewardKind>& AllRewardKinds();
std::string_view ProposalStateName(ProposalState state);
std::optional<ProposalState> ParseProposalState(std::string_view text);

// The largest fine or bonus accepted, in fen (¥1,000,000): anything larger is a typing error.
constexpr int64_t kMaxSanctionAmount = 100'000'000;
constexpr int64_t kMaxSanctionPoints = 100;

// A penalty or a reward, with the state of its approval.
struct Sanction {
  int64_t id = 0;  // assigned by the store
  SanctionCategory category = SanctionCategory::kPenalty;
  std::string kind;          // PenaltyKindName or RewardKindName, by category
  std::string person;        // the actor concerned, e.g. "user:alice"
  std::string department;    // the person's department when known
  int64_t violation_id = 0;  // the violation penalised; 0 for none (always 0 for rewards)
  std::string period;        // for rewards proposed from a KPI period, e.g. "2026-11"
  std::string reason;
  int64_t points = 0;
  int64_t amount = 0;  // fen; only fines and bonuses carry one
  ProposalState state = ProposalState::kProposed;
  std::string proposed_by;
  Timestamp proposed_at;
  std::string decided_by;  // empty while proposed
  std::optional<Timestamp> decided_at;
  std::string decision_reason;
};

// What a proposer submits. Field names follow the API, so field errors name API fields.
struct SanctionProposal {
  SanctionCategory category = SanctionCategory::kPenalty;
  std::string kind;
  std::string person;        // may be left empty for a penalty of a violation naming someone
  int64_t violation_id = 0;  // penalties only; 0 for none
  std::string period;
  std::string reason;
  int64_t points = 0;
  int64_t amount = 0;
  // The proposer means it although it repeats an identical reward still open (proposed or
  // approved) for the same person minutes before (domain/payment/repeat.h).
  bool confirm_duplicate = false;
};

// The money-moving request a reward is (domain/payment/repeat.h): the person, "reward:<kind>",
// the amount (or the points), open unless rejected.
MoneyRequest MoneyRequestOf(const Sanction& reward);

// The violation a penalty proposal names, as the caller found it.
struct ViolationRef {
  int64_t id = 0;
  std::string actor;  // empty when the violation names a department, not a person
  std::string department;
};

// True for "user:NAME" and "token:NAME" (a person or an API client acting for one).
bool IsPersonActor(std::string_view actor);

// Validates `proposal` and builds the proposed sanction. `violation` is the violation named by
// proposal.violation_id, or nullopt when none was named or none exists. Refusals, all
// collected as field errors (422) unless stated:
//   kind      invalid_value: not a kind of the category
//   violation_id unknown_violation: named but not found; invalid_value: on a reward
//   person    required: no person and no violation naming one; invalid_value: not an actor,
//             or another person than the violation names
//   reason    required: a penalty without a violation, or any reward
//   amount    required: a fine or bonus without a positive amount; invalid_value: negative,
//             too large, or given with another kind
//   points    the same for the points kinds
//   403 forbidden: a reward proposed by its own beneficiary
// The department is the caller's to fill in.
Result<Sanction> ProposeSanction(const SanctionProposal& proposal,
                                 const std::optional<ViolationRef>& violation,
                                 const Actor& proposer);

// Decides a proposal. Refusals: 409 already_decided when it is no longer proposed; 403
// self_approval when `decider` proposed it or is the person concerned; 422 reason required
// for a rejection. On success the sanction is approved or rejected by `decider` at its time.
Status DecideSanction(Sanction& sanction, bool approve, const std::string& reason,
                      const Actor& decider);

}  // namespace ordo
