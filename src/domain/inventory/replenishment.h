// Replenishment requests (补货, domain.md INV-3): what purchasing is asked to bring in because
// orders wait. One live request per SKU and warehouse gathers the backordered quantities until
// purchasing closes it; purchasing acknowledges it with the date it expects the goods, which
// becomes the expected restock date of the lines waiting there.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/ids.h"
#include "base/status.h"

namespace ordo {

enum class ReplenishmentStatus {
  kOpen,          // Raised by a shortage; purchasing has not answered yet.
  kAcknowledged,  // Purchasing is on it (with an expected date); still gathers quantities.
  kClosed,        // Done (goods received or ordered elsewhere); the next shortage opens anew.
};

inline constexpr EnumName<ReplenishmentStatus> kReplenishmentStatusNames[] = {
    {ReplenishmentStatus::kOpen, "open"},
    {ReplenishmentStatus::kAcknowledged, "acknowledged"},
    {ReplenishmentStatus::kClosed, "closed"},
};
constexpr std::span<const EnumName<ReplenishmentStatus>> EnumNames(ReplenishmentStatus) {
  return kReplenishmentStatusNames;
}
static_assert(IsNameTable(kReplenishmentStatusNames));

std::string_view ReplenishmentStatusName(ReplenishmentStatus status);
std::optional<ReplenishmentStatus> ParseReplenishmentStatus(std::string_view text);

struct ReplenishmentRequest {
  int64_t id = 0;  // assigned by the store
  std::string sku;
  std::string warehouse;
  Quantity quantity = 0;  // units requested so far (the shortages it gathered)
  ReplenishmentStatus status = ReplenishmentStatus::kOpen;
  std::optional<Timestamp> expected_at;
  std::string note;
  Timestamp created_at;
  std::string created_by;
  Timestamp updated_at;
  std::string updated_by;
  std::optional<Timestamp> closed_at;
  std::string closed_by;

  bool live() const { return status != ReplenishmentStatus::kClosed; }
};

// A new open request for `quantity` (> 0) units.
ReplenishmentRequest NewReplenishmentRequest(std::string sku, std::string warehouse,
                                             Quantity quantity, Timestamp at, std::string actor);
// Adds a further shortage to a live request.
void AddShortage(ReplenishmentRequest& request, Quantity quantity, Timestamp at,
                 const std::string& actor);
// Purchasing's answer: open or acknowledged → acknowledged, with the expected date (required,
// not before `at`'s day) and a note. 409 already_decided when closed; 422 expected_at.
Status Acknowledge(ReplenishmentRequest& request, std::optional<Timestamp> expected_at,
                   std::string note, Timestamp at, const std::string& actor);
// Closes a live request. 409 already_decided when closed.
Status CloseRequest(ReplenishmentRequest& request, std::string note, Timestamp at,
                    const std::string& actor);

}  // namespace ordo
