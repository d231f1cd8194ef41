// entry_corrected: a manual stock entry (a receipt, say) that a later adjustment of the same stock
// corrected within the correction window. The one who made the original entry answers for it.
#include <algorithm>

#include "domain/audit/detectors.h"

namespace ordo {

bool IsManualEntry(MovementType type) {
  return type == MovementType::kReceipt || type == MovementType::kReturn ||
         type == MovementType::kAdjustment || type == MovementType::kStocktake;
}

std::vector<EntryCorrection> FindEntryCorrections(const std::vector<LedgerEntry>& entries,
                                                  const SupervisionPolicy& policy) {
  std::vector<const LedgerEntry*> manual;
  for (const LedgerEntry& entry : entries) {
    if (IsManualEntry(entry.type)) {
      manual.push_back(&entry);
    }
  }
  // Ledger ids follow the order in which entries were written.
  std::sort(manual.begin(), manual.end(),
            [](const LedgerEntry* a, const LedgerEntry* b) { return a->id < b->id; });
  std::vector<EntryCorrection> corrections;
  for (size_t i = 0; i < manual.size(); ++i) {
    const LedgerEntry& adjustment = *manual[i];
    if (adjustment.type != MovementType::kAdjustment) {
      continue;
    }
    for (size_t j = i; j-- > 0;) {
      const LedgerEntry& earlier = *manual[j];
      if (earlier.sku != adjustment.sku || earlier.warehouse != adjustment.warehouse) {
        continue;
      }
      if (adjustment.at.unix_ms - earlier.at.unix_ms <= policy.correction_window_ms) {
        corrections.push_back({earlier, adjustment});
      }
      break;  // only the latest earlier entry of the same stock can be the one corrected
    }
  }
  return corrections;
}

std::vector<Violation> DetectEntryCorrections(const std::vector<LedgerEntry>& entries,
                                              const SupervisionPolicy& policy) {
  std::vector<Violation> violations;
  for (const EntryCorrection& pair : FindEntryCorrections(entries, policy)) {
    const LedgerEntry& original = pair.original;
    const LedgerEntry& correction = pair.correction;
    const int64_t elapsed_ms = correction.at.unix_ms - original.at.unix_ms;
    Violation violation =
        MakeViolation(ViolationType::kEntryCorrected, original.actor, "stock",
                      original.sku + "@" + original.warehouse,
                      "adjustment:" + std::to_string(correction.id), correction.at);
    const std::string signed_quantity =
        (correction.quantity > 0 ? "+" : "") + std::to_string(correction.quantity);
    violation.explanation =
        std::string(MovementTypeName(original.type)) + " #" + std::to_string(original.id) + " of " +
        std::to_string(original.quantity) + " by " + original.actor + " at " +
        FormatRfc3339(original.at) + " was corrected by adjustment #" +
        std::to_string(correction.id) + " of " + signed_quantity + " by " + correction.actor +
        " at " + FormatRfc3339(correction.at) + " (" + FormatDuration(elapsed_ms) +
        " later, within the correction window of " + FormatDuration(policy.correction_window_ms) +
        "); reason given: '" + correction.reason + "'";
    violation.details = {{"corrected_entry_id", std::to_string(original.id)},
                         {"corrected_type", std::string(MovementTypeName(original.type))},
                         {"corrected_quantity", std::to_string(original.quantity)},
                         {"corrected_at", FormatRfc3339(original.at)},
                         {"correction_id", std::to_string(correction.id)},
                         {"correction_quantity", std::to_string(correction.quantity)},
                         {"correction_actor", correction.actor},
                         {"correction_reason", correction.reason},
                         {"observed", FormatDuration(elapsed_ms)},
                         {"window", FormatDuration(policy.correction_window_ms)}};
    violations.push_back(std::move(violation));
  }
  return violations;
}

}  // namespace ordo
