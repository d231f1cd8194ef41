#include "domain/inventory/replenishment.h"

#include <utility>

namespace ordo {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

Status Closed(const ReplenishmentRequest& request) {
  return Status::Conflict(Code::kAlreadyDecided,
                          "replenishment request " + std::to_string(request.id) + " is closed");
}

Status CheckNote(const std::string& note) {
  if (note.size() > 500) {
    return Status::Invalid("note", Code::kInvalidValue, "note must be at most 500 bytes");
  }
  return Status::Ok();
}

}  // namespace

std::string_view ReplenishmentStatusName(ReplenishmentStatus status) {
  return Name(status);
}

std::optional<ReplenishmentStatus> ParseReplenishmentStatus(std::string_view text) {
  return ParseEnum<ReplenishmentStatus>(text);
}

ReplenishmentRequest NewReplenishmentRequest(std::string sku, std::string warehouse,
                                             Quantity quantity, Timestamp at, std::string actor) {
  ORDO_ASSERT(quantity > 0);
  ReplenishmentRequest request;
  request.sku = std::move(sku);
  request.warehouse = std::move(warehouse);
  request.quantity = quantity;
  request.created_at = at;
  request.created_by = actor;
  request.updated_at = at;
  request.updated_by = std::move(actor);
  return request;
}

void AddShortage(ReplenishmentRequest& request, Quantity quantity, Timestamp at,
                 const std::string& actor) {
  ORDO_ASSERT(request.live() && quantity > 0);
  request.quantity += quantity;
  request.updated_at = at;
  request.updated_by = actor;
}

Status Acknowledge(ReplenishmentRequest& request, std::optional<Timestamp> expected_at,
                   std::string note, Timestamp at, const std::string& actor) {
  if (!request.live()) {
    return Closed(request);
  }
  if (!expected_at) {
    return Status::Invalid("expected_at", Code::kRequired,
                           "purchasing says when the goods are expected");
  }
  if (expected_at->unix_ms < at.unix_ms - at.unix_ms % kDayMs) {
    return Status::Invalid("expected_at", Code::kInvalidValue,
                           "expected_at must not be in the past");
  }
  ORDO_RETURN_IF_ERROR(CheckNote(note));
  request.status = ReplenishmentStatus::kAcknowledged;
  request.expected_at = expected_at;
  if (!note.empty()) {
    request.note = std::move(note);
  }
  request.updated_at = at;
  request.updated_by = actor;
  return Status::Ok();
}

Status CloseRequest(ReplenishmentRequest& request, std::string note, Timestamp at,
                    const std::string& actor) {
  if (!request.live()) {
    return Closed(request);
  }
  ORDO_RETURN_IF_ERROR(CheckNote(note));
  request.status = ReplenishmentStatus::kClosed;
  if (!note.empty()) {
    request.note = std::move(note);
  }
  request.updated_at = at;
  request.updated_by = actor;
  request.closed_at = at;
  request.closed_by = actor;
  return Status::Ok();
}

}  // namespace ordo
