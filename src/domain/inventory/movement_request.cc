#include "domain/inventory/movement_request.h"

#include <array>

namespace ordo {
namespace {

constexpr size_t kMaxReason = 500;

}  // namespace

std::string_view MovementRequestStatusName(MovementRequestStatus status) {
  return Name(status);
}

std::optional<MovementRequestStatus> ParseMovementRequestStatus(std::string_view text) {
  return ParseEnum<MovementRequestStatus>(text);
}

bool NeedsSecondPerson(Quantity quantity, int64_t threshold) {
  return quantity > threshold || quantity < -threshold;
}

Status DecideMovementRequest(MovementRequest& request, bool approve, const std::string& actor,
                             Timestamp at, std::string reason) {
  if (request.status != MovementRequestStatus::kPending) {
    return Status::Conflict(Code::kAlreadyDecided,
                            "stock movement request " + std::to_string(request.id) + " is " +
                                std::string(MovementRequestStatusName(request.status)));
  }
  if (actor == request.requested_by) {
    return Status(Kind::kForbidden, Code::kSelfApproval,
                  actor + " asked for stock movement request " + std::to_string(request.id) +
                      ": it is decided by someone else");
  }
  if (!approve && reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "a rejection needs a reason");
  }
  if (reason.size() > kMaxReason) {
    return Status::Invalid("reason", Code::kInvalidValue, "reason must be at most 500 bytes");
  }
  request.status = approve ? MovementRequestStatus::kApproved : MovementRequestStatus::kRejected;
  request.decided_at = at;
  request.decided_by = actor;
  request.decision_reason = std::move(reason);
  return Status::Ok();
}

}  // namespace ordo
