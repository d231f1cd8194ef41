// Carrier tracking events (domain.md LOG-2, LOG-3) and what each does to a parcel.
//
// Carriers resend events and deliver them out of order. A repeated event (same carrier and
// event id) is recognised by the store and changes nothing. An event older than the newest one
// applied to the parcel is recorded but never moves the parcel backwards. Exceptions (lost,
// damaged, delayed, refused, undeliverable) open the matching abnormal case and notify the
// customer; "returned" means the parcel is back at the sender, waiting for inspection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/enum_names.h"
#include "domain/fulfillment/shipment.h"

namespace ordo {

enum class TrackingStatus {
  kInTransit,
  kOutForDelivery,
  kDelivered,
  kLost,
  kDamaged,
  kDelayed,
  kRefused,
  kUndeliverable,
  kReturned,
};

inline constexpr EnumName<TrackingStatus> kTrackingStatusNames[] = {
    {TrackingStatus::kInTransit, "in_transit"},
    {TrackingStatus::kOutForDelivery, "out_for_delivery"},
    {TrackingStatus::kDelivered, "delivered"},
    {TrackingStatus::kLost, "lost"},
    {TrackingStatus::kDamaged, "damaged"},
    {TrackingStatus::kDelayed, "delayed"},
    {TrackingStatus::kRefused, "refused"},
    {TrackingStatus::kUndeliverable, "undeliverable"},
    {TrackingStatus::kReturned, "returned"},
};
constexpr std::span<const EnumName<TrackingStatus>> EnumNames(TrackingStatus) {
  return kTrackingStatusNames;
}
static_assert(IsNameTable(kTrackingStatusNames));

std::string_view TrackingStatusName(TrackingStatus status);
std::optional<TrackingStatus> ParseTrackingStatus(std::string_view text);

// One event as received and stored.
struct TrackingEvent {
  int64_t id = 0;  // assigned by the store
  std::string carrier;
  std::string event_id;  // the carrier's own id: unique per carrier
  std::string tracking_no;
  int64_t shipment_id = 0;
  TrackingStatus status = TrackingStatus::kInTransit;
  Timestamp at;  // when it happened, by the carrier's clock
  std::string location;
  Timestamp received_at;
  bool applied = false;  // false: recorded only (out of order, or the parcel was past it)
  std::string note;      // why it was not applied
};

// What applying one (new, not repeated) event to a parcel means.
struct TrackingDecision {
  bool applied = false;
  std::optional<ShipmentStatus> next;  // the parcel's new status, when it changes
  bool delayed = false;                // the parcel is now marked delayed
  std::string case_type;               // "logistics_lost", …; empty: no case
  std::string notification;            // template key, e.g. "shipment_delayed"; empty: none
  std::string note;                    // why nothing was applied
};

// Decides `status` at `at` for `shipment` (pure). Not applied when the parcel has not been
// handed to the carrier, when it is already delivered, returned or inspected, or when the event
// is older than the newest applied one (equal times are applied).
TrackingDecision DecideTracking(const Shipment& shipment, TrackingStatus status, Timestamp at);

// Applies a decision that was applied to `shipment` (status, delay flag, times, location).
void ApplyTracking(Shipment& shipment, const TrackingDecision& decision, Timestamp at,
                   const std::string& location);

}  // namespace ordo
