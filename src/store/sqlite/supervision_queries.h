// The SQL of supervision (domain.md AUD-2, AUD-3): violations, penalties and rewards with their
// history, refused attempts (kept in the audit trail), and the reads of the records the
// detectors and KPIs work on. Each function runs on the connection it is given and never opens a
// transaction itself. No function here reads or writes personal data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// Audit entries: an attempt ("attempt", order number or path, its action); a violation
// ("violation", id, "detect"); a penalty or reward ("penalty"/"reward", id, "propose",
// "approve" or "reject", with the state before and after).
AuditEntry AttemptAudit(const Attempt& attempt);
AuditEntry ViolationAudit(const Violation& violation);
AuditEntry SanctionAudit(const Sanction& sanction, std::optional<ProposalState> before);

// Inserts the violation unless one with its key exists: true and the new id when inserted,
// false (id left 0) when it was already stored.
Result<bool> InsertViolationRow(Connection& conn, Violation& violation);
Result<std::optional<Violation>> SelectViolation(Connection& conn, int64_t id);
// Newest first.
Result<std::vector<Violation>> SelectViolations(Connection& conn, const ViolationFilter& filter);

// Inserts the proposed sanction and its first history entry; kAlreadyExists (with a message
// saying why) when a unique rule of the schema refuses it.
Status InsertSanctionRow(Connection& conn, Sanction& sanction);
Result<std::optional<Sanction>> SelectSanction(Connection& conn, SanctionCategory category,
                                               int64_t id);
// Writes the decision and its history entry; kConflict already_decided unless the stored
// sanction is still proposed.
Status UpdateSanctionDecisionRow(Connection& conn, const Sanction& sanction);
// Newest first.
Result<std::vector<Sanction>> SelectSanctions(Connection& conn, const SanctionFilter& filter);
Result<std::vector<SanctionChange>> SelectSanctionHistory(Connection& conn, int64_t sanction_id);

// See ReadView::ScanOrderHistories.
Result<std::vector<OrderHistory>> SelectOrderHistories(Connection& conn, Timestamp from,
                                                       Timestamp to, int64_t after_id, int limit);
Result<std::vector<LedgerEntry>> SelectManualEntries(Connection& conn, Timestamp from,
                                                     Timestamp to);
// Attempts from the audit trail's "attempt" entries, by seq.
Result<std::vector<Attempt>> SelectAttempts(Connection& conn, Timestamp from, Timestamp to);

}  // namespace ordo::sqlite
