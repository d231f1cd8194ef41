// Large manual stock movements wait for a second person (four eyes on the books): a receipt or an
// adjustment of more units than the settings allow (receipt_approval_quantity,
// adjustment_approval_quantity) is not booked when asked for; it is kept as a pending request
// until someone else holding stock:approve approves it (then it is booked, as asked, in the same
// transaction) or rejects it with a reason.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/inventory/stock.h"

namespace ordo {

enum class MovementRequestStatus {
  kPending,   // asked for, not booked
  kApproved,  // booked by the approval (ledger_id names the entry)
  kRejected,  // refused with a reason; nothing booked
};

inline constexpr EnumName<MovementRequestStatus> kMovementRequestStatusNames[] = {
    {MovementRequestStatus::kPending, "pending"},
    {MovementRequestStatus::kApproved, "approved"},
    {MovementRequestStatus::kRejected, "rejected"},
};
constexpr std::span<const EnumName<MovementRequestStatus>> EnumNames(MovementRequestStatus) {
  return kMovementRequestStatusNames;
}
static_assert(IsNameTable(kMovementRequestStatusNames));

std::string_view MovementRequestStatusName(MovementRequestStatus status);
std::optional<MovementRequestStatus> ParseMovementRequestStatus(std::string_view text);

struct MovementRequest {
  int64_t id = 0;    // assigned by the store
  std::string type;  // "receipt" | "adjustment"
  std::string warehouse;
  std::string sku;
  Quantity quantity = 0;  // receipts positive; adjustments signed
  std::string reason;
  MovementRequestStatus status = MovementRequestStatus::kPending;
  Timestamp requested_at;
  std::string requested_by;
  std::optional<Timestamp> decided_at;
  std::string decided_by;
  std::string decision_reason;
  int64_t ledger_id = 0;  // the entry the approval booked
};

// True when a movement of `quantity` units (either way) is above `threshold` and so waits for a
// second person.
bool NeedsSecondPerson(Quantity quantity, int64_t threshold);

// Approves (`approve`) or rejects the pending request as `actor` at `at`. 409 already_decided
// unless pending; 403 self_approval when `actor` asked for it; a rejection needs a reason
// (422 "reason", at most 500 bytes).
Status DecideMovementRequest(MovementRequest& request, bool approve, const std::string& actor,
                             Timestamp at, std::string reason);

}  // namespace ordo
