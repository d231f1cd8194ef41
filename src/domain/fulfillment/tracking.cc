#include "domain/fulfillment/tracking.h"

#include <array>

namespace ordo {
namespace {

struct Effect {
  std::optional<ShipmentStatus> next;
  const char* case_type;
  const char* notification;
};

Effect EffectOf(TrackingStatus status) {
  using S = ShipmentStatus;
  switch (status) {
    case TrackingStatus::kInTransit:
      return {S::kInTransit, "", ""};
    case TrackingStatus::kOutForDelivery:
      return {S::kOutForDelivery, "", ""};
    case TrackingStatus::kDelivered:
      return {S::kDelivered, "", ""};
    case TrackingStatus::kLost:
      return {S::kLost, "logistics_lost", "shipment_lost"};
    case TrackingStatus::kDamaged:
      return {S::kDamaged, "logistics_damaged", "shipment_damaged"};
    case TrackingStatus::kDelayed:
      return {std::nullopt, "logistics_delayed", "shipment_delayed"};
    case TrackingStatus::kRefused:
      return {S::kRefused, "logistics_refused", "shipment_refused"};
    case TrackingStatus::kUndeliverable:
      return {S::kUndeliverable, "logistics_undeliverable", "shipment_undeliverable"};
    case TrackingStatus::kReturned:
      return {S::kReturned, "", "shipment_returned"};
  }
  return {std::nullopt, "", ""};
}

}  // namespace

std::string_view TrackingStatusName(TrackingStatus status) {
  return Name(status);
}

std::optional<TrackingStatus> ParseTrackingStatus(std::string_view text) {
  return ParseEnum<TrackingStatus>(text);
}

TrackingDecision DecideTracking(const Shipment& shipment, TrackingStatus status, Timestamp at) {
  TrackingDecision decision;
  const ShipmentStatus now = shipment.status;
  if (!IsWithCarrier(now)) {
    decision.note = now == ShipmentStatus::kReturned || now == ShipmentStatus::kInspected
                        ? "the parcel is already back at the sender"
                        : "the parcel has not been handed to the carrier (it is " +
                              std::string(ShipmentStatusName(now)) + ")";
    return decision;
  }
  if (now == ShipmentStatus::kDelivered) {
    decision.note = "the parcel is already delivered";
    return decision;
  }
  if (shipment.last_event_at && at < *shipment.last_event_at) {
    decision.note = "older than the last event applied (" + FormatRfc3339(*shipment.last_event_at) +
                    "): recorded only";
    return decision;
  }
  const Effect effect = EffectOf(status);
  decision.applied = true;
  decision.next = effect.next;
  decision.delayed = status == TrackingStatus::kDelayed;
  decision.case_type = effect.case_type;
  decision.notification = effect.notification;
  return decision;
}

void ApplyTracking(Shipment& shipment, const TrackingDecision& decision, Timestamp at,
                   const std::string& location) {
  ORDO_ASSERT(decision.applied);
  if (decision.next) {
    shipment.status = *decision.next;
    if (*decision.next == ShipmentStatus::kDelivered) {
      shipment.delivered_at = at;
    } else if (*decision.next == ShipmentStatus::kReturned) {
      shipment.returned_at = at;
    }
  }
  if (decision.delayed) {
    shipment.delayed = true;
  }
  shipment.last_event_at = at;
  if (!location.empty()) {
    shipment.last_location = location;
  }
}

}  // namespace ordo
