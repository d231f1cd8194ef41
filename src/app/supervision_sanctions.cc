// Penalties and rewards: proposals and decisions, each in one transaction with its history and
// audit entry.
#include "app/settings.h"
#include "app/supervision.h"

namespace ordo::app {
namespace {

// The department of `person` when it is a staff account. A person named by hand must be one:
// kInvalid otherwise. One named by a violation comes from the records and is taken as it is.
Result<std::string> DepartmentOf(WriteTx& tx, const std::string& person, bool named_by_hand) {
  constexpr std::string_view kUser = "user:";
  if (!person.starts_with(kUser)) {
    return std::string();
  }
  ORDO_ASSIGN_OR_RETURN(std::optional<User> user, tx.FindUser(person.substr(kUser.size())));
  if (user) {
    return user->department;
  }
  if (named_by_hand) {
    return Status::Invalid("person", Code::kInvalidValue, "there is no staff account " + person);
  }
  return std::string();
}

// An identical reward for the same person still open, proposed minutes before, needs the
// proposer's confirmation: rewards are money too.
Status CheckNotARepeatedReward(WriteTx& tx, const Sanction& reward, bool confirmed) {
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
  SanctionFilter filter;
  filter.category = SanctionCategory::kReward;
  filter.person = reward.person;
  ORDO_ASSIGN_OR_RETURN(std::vector<Sanction> earlier, tx.FindSanctions(filter));
  std::vector<MoneyRequest> open;
  for (const Sanction& other : earlier) {
    open.push_back(MoneyRequestOf(other));
  }
  return CheckNotARepeat(MoneyRequestOf(reward), open, settings.duplicate_request_window_minutes,
                         confirmed);
}

WriteFn Propose(SanctionProposal proposal, CommandContext context, std::shared_ptr<Sanction> out) {
  return [proposal = std::move(proposal), context, out](WriteTx& tx) -> Status {
    std::optional<ViolationRef> violation;
    if (proposal.violation_id > 0 && proposal.category == SanctionCategory::kPenalty) {
      ORDO_ASSIGN_OR_RETURN(std::optional<Violation> found,
                            tx.FindViolation(proposal.violation_id));
      if (found) {
        violation = ViolationRef{found->id, found->actor, found->department};
      }
    }
    ORDO_ASSIGN_OR_RETURN(Sanction sanction, ProposeSanction(proposal, violation, context.Now()));
    if (sanction.category == SanctionCategory::kReward) {
      ORDO_RETURN_IF_ERROR(CheckNotARepeatedReward(tx, sanction, proposal.confirm_duplicate));
    }
    const bool from_violation = violation && violation->actor == sanction.person;
    if (from_violation && !violation->department.empty()) {
      sanction.department = violation->department;
    } else {
      ORDO_ASSIGN_OR_RETURN(sanction.department,
                            DepartmentOf(tx, sanction.person, !from_violation));
    }
    ORDO_RETURN_IF_ERROR(tx.InsertSanction(sanction));
    *out = std::move(sanction);
    return Status::Ok();
  };
}

WriteFn Decide(SanctionCategory category, int64_t id, bool approve, std::string reason,
               CommandContext context, std::shared_ptr<Sanction> out) {
  return [category, id, approve, reason = std::move(reason), context, out](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Sanction> sanction, tx.FindSanction(category, id));
    if (!sanction) {
      return Status::NotFound("no " + std::string(SanctionCategoryName(category)) + " " +
                              std::to_string(id));
    }
    ORDO_RETURN_IF_ERROR(DecideSanction(*sanction, approve, reason, context.Now()));
    ORDO_RETURN_IF_ERROR(tx.SaveSanctionDecision(*sanction));
    *out = std::move(*sanction);
    return Status::Ok();
  };
}

}  // namespace

WriteFn ProposePenalty(SanctionProposal proposal, CommandContext context,
                       std::shared_ptr<Sanction> out) {
  proposal.category = SanctionCategory::kPenalty;
  return Propose(std::move(proposal), context, std::move(out));
}

WriteFn ProposeReward(SanctionProposal proposal, CommandContext context,
                      std::shared_ptr<Sanction> out) {
  proposal.category = SanctionCategory::kReward;
  return Propose(std::move(proposal), context, std::move(out));
}

WriteFn DecidePenalty(int64_t id, bool approve, std::string reason, CommandContext context,
                      std::shared_ptr<Sanction> out) {
  return Decide(SanctionCategory::kPenalty, id, approve, std::move(reason), context,
                std::move(out));
}

WriteFn DecideReward(int64_t id, bool approve, std::string reason, CommandContext context,
                     std::shared_ptr<Sanction> out) {
  return Decide(SanctionCategory::kReward, id, approve, std::move(reason), context, std::move(out));
}

WriteFn ProposeEligibleRewards(KpiReport report, std::string kind, CommandContext context,
                               std::shared_ptr<std::vector<Sanction>> out) {
  return [report = std::move(report), kind = std::move(kind), context, out](WriteTx& tx) -> Status {
    out->clear();
    for (const KpiRow& row : report.rows) {
      if (!row.reward_eligible || row.key == context.actor) {
        continue;
      }
      SanctionProposal proposal;
      proposal.category = SanctionCategory::kReward;
      proposal.kind = kind;
      proposal.person = row.key;
      proposal.period = report.period.label;
      proposal.reason = "no violation in " + report.period.label + ", " +
                        std::to_string(row.timeliness.numerator) + " of " +
                        std::to_string(row.timeliness.denominator) +
                        " timed steps within their limit (" +
                        std::to_string(row.timeliness.basis_points().value_or(0)) + " bp)";
      ORDO_ASSIGN_OR_RETURN(Sanction sanction,
                            ProposeSanction(proposal, std::nullopt, context.Now()));
      sanction.department = row.department;
      // One proposal per person and period: a person proposed before (and perhaps rejected) is
      // not proposed again. The nested savepoint keeps that refusal from undoing the others.
      Status inserted =
          tx.RunNested([&sanction](WriteTx& nested) { return nested.InsertSanction(sanction); });
      if (inserted.code() == Code::kAlreadyExists) {
        continue;
      }
      ORDO_RETURN_IF_ERROR(inserted);
      out->push_back(std::move(sanction));
    }
    return Status::Ok();
  };
}

}  // namespace ordo::app
