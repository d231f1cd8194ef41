// Supervision use cases (domain.md AUD-2, AUD-3): recording refused attempts, detecting and
// storing violations, proposing and deciding penalties and rewards, and computing KPIs.
//
// Detection and KPIs read through ReadView (on the caller's thread, never on the writer), run
// the pure detectors of domain/audit over what they read, and only then submit what must be
// stored as one WriteFn. Every stored change is audited by the store in its transaction.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/audit/detectors.h"
#include "domain/audit/kpi.h"
#include "domain/audit/period.h"
#include "domain/audit/policy.h"
#include "domain/audit/sanction.h"

namespace ordo::app {

// --- Refused attempts ---

// A refused request, as the HTTP layer saw it. The actor comes from the context.
struct AttemptInput {
  std::string role;
  std::string method;
  std::string target;      // the request path
  std::string action;      // "cancel", "change", "pick", "reveal", …
  std::string order_no;    // when the target is an order
  std::string code;        // the refusal's code, e.g. "illegal_transition"
  std::string permission;  // for a refusal by permission: the permission required
  Timestamp at;            // when it was refused; when unset, when it is recorded
};

// Records the attempt in the audit trail when it amounts to a violation (ClassifyAttempt in
// domain/audit/records.h), loading the order to know its status; does nothing otherwise. It runs
// as its own command after the refused one was rolled back, so the refusal leaves this trace.
WriteFn RecordAttempt(AttemptInput input, CommandContext context);

// --- Violations ---

// The staff directory (department of each "user:NAME") from the store.
Result<StaffDirectory> LoadStaffDirectory(ReadView& reads);

// Runs every detector over the records the store holds for `period`, at `now`, and returns the
// violations dated in the period, with departments. Reads only.
Result<std::vector<Violation>> FindViolations(ReadView& reads, const SupervisionPolicy& policy,
                                              const Period& period, Timestamp now);

struct DetectionOutcome {
  int64_t found = 0;                       // violations in the period, new or not
  std::map<std::string, int64_t> by_type;  // found, by type name
  std::vector<Violation> created;          // stored by this run, with their ids
};

// Stores the violations not stored yet (detection may be re-run: a violation's key makes it
// unique), stamping them detected now by the context's actor.
WriteFn StoreViolations(std::vector<Violation> violations, CommandContext context,
                        std::shared_ptr<DetectionOutcome> out);

// --- Penalties and rewards ---

// Proposes a penalty (of a violation, or of a person with a written reason) or a reward; the
// refusals are those of ProposeSanction (domain/audit/sanction.h), plus 422 person
// invalid_value for a "user:" person with no account, and 409 already_exists when the violation
// already has a live penalty.
WriteFn ProposePenalty(SanctionProposal proposal, CommandContext context,
                       std::shared_ptr<Sanction> out);
WriteFn ProposeReward(SanctionProposal proposal, CommandContext context,
                      std::shared_ptr<Sanction> out);

// Approves or rejects penalty (or reward) `id`: 404 when there is none; otherwise the refusals
// of DecideSanction (self_approval, already_decided, reason required).
WriteFn DecidePenalty(int64_t id, bool approve, std::string reason, CommandContext context,
                      std::shared_ptr<Sanction> out);
WriteFn DecideReward(int64_t id, bool approve, std::string reason, CommandContext context,
                     std::shared_ptr<Sanction> out);

// --- KPIs ---

struct KpiReport {
  Period period;
  KpiGroupBy group_by = KpiGroupBy::kUser;
  std::vector<KpiRow> rows;
};

// The KPIs of `period` from the records the store holds, at `now` (violations are detected on
// the spot, so the figures do not depend on when detection was last run). Reads only.
Result<KpiReport> ComputeKpis(ReadView& reads, const SupervisionPolicy& policy,
                              const Period& period, KpiGroupBy group_by, Timestamp now);

// Proposes a reward of `kind` for every person the report finds eligible (KpiRow::
// reward_eligible) and who has no reward proposal for the period yet, skipping the proposer
// (nobody proposes a reward for themselves). `out` receives the new proposals.
WriteFn ProposeEligibleRewards(KpiReport report, std::string kind, CommandContext context,
                               std::shared_ptr<std::vector<Sanction>> out);

}  // namespace ordo::app
