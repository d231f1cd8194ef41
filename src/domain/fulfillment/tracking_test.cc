#include "domain/fulfillment/tracking.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

Timestamp At(const char* text) {
  return ParseRfc3339(text).value();
}

Shipment Shipped() {
  Shipment shipment;
  shipment.id = 7;
  shipment.status = ShipmentStatus::kShipped;
  shipment.shipped_at = At("2026-11-26T10:00:00Z");
  return shipment;
}

// Applies `status` at `at` as the app would, returning the decision.
TrackingDecision Feed(Shipment& shipment, TrackingStatus status, const char* at) {
  const TrackingDecision decision = DecideTracking(shipment, status, At(at));
  if (decision.applied) {
    ApplyTracking(shipment, decision, At(at), "上海转运中心");
  }
  return decision;
}

TEST(Tracking, ANormalJourneyEndsDelivered) {
  Shipment shipment = Shipped();
  EXPECT_TRUE(Feed(shipment, TrackingStatus::kInTransit, "2026-11-26T12:00:00Z").applied);
  EXPECT_EQ(shipment.status, ShipmentStatus::kInTransit);
  Feed(shipment, TrackingStatus::kOutForDelivery, "2026-11-27T08:00:00Z");
  EXPECT_EQ(shipment.status, ShipmentStatus::kOutForDelivery);
  const TrackingDecision delivered =
      Feed(shipment, TrackingStatus::kDelivered, "2026-11-27T10:00:00Z");
  EXPECT_TRUE(delivered.applied);
  EXPECT_TRUE(delivered.case_type.empty());
  EXPECT_EQ(shipment.status, ShipmentStatus::kDelivered);
  EXPECT_EQ(shipment.delivered_at, At("2026-11-27T10:00:00Z"));
  EXPECT_EQ(shipment.last_location, "上海转运中心");
}

TEST(Tracking, AnOlderEventIsRecordedButNeverMovesTheParcelBack) {
  Shipment shipment = Shipped();
  Feed(shipment, TrackingStatus::kOutForDelivery, "2026-11-27T08:00:00Z");
  const TrackingDecision late = Feed(shipment, TrackingStatus::kInTransit, "2026-11-26T12:00:00Z");
  EXPECT_FALSE(late.applied);
  EXPECT_NE(late.note.find("older than the last event"), std::string::npos) << late.note;
  EXPECT_EQ(shipment.status, ShipmentStatus::kOutForDelivery);
  EXPECT_EQ(shipment.last_event_at, At("2026-11-27T08:00:00Z"));
  // An event at the same time as the last one is not older: it applies.
  EXPECT_TRUE(Feed(shipment, TrackingStatus::kDelivered, "2026-11-27T08:00:00Z").applied);
}

TEST(Tracking, ExceptionsOpenTheirCaseAndNotify) {
  const std::pair<TrackingStatus, const char*> cases[] = {
      {TrackingStatus::kLost, "logistics_lost"},
      {TrackingStatus::kDamaged, "logistics_damaged"},
      {TrackingStatus::kDelayed, "logistics_delayed"},
      {TrackingStatus::kRefused, "logistics_refused"},
      {TrackingStatus::kUndeliverable, "logistics_undeliverable"},
  };
  for (const auto& [status, type] : cases) {
    Shipment shipment = Shipped();
    const TrackingDecision decision = Feed(shipment, status, "2026-11-27T08:00:00Z");
    EXPECT_TRUE(decision.applied) << type;
    EXPECT_EQ(decision.case_type, type);
    EXPECT_EQ(decision.notification, "shipment_" + std::string(TrackingStatusName(status)));
  }
}

TEST(Tracking, ADelayFlagsTheParcelWithoutChangingItsStatus) {
  Shipment shipment = Shipped();
  Feed(shipment, TrackingStatus::kInTransit, "2026-11-26T12:00:00Z");
  Feed(shipment, TrackingStatus::kDelayed, "2026-11-27T12:00:00Z");
  EXPECT_EQ(shipment.status, ShipmentStatus::kInTransit);
  EXPECT_TRUE(shipment.delayed);
}

TEST(Tracking, ALostParcelFoundAgainMovesOnAndARefusedOneComesBack) {
  Shipment shipment = Shipped();
  Feed(shipment, TrackingStatus::kLost, "2026-11-27T08:00:00Z");
  EXPECT_TRUE(Feed(shipment, TrackingStatus::kInTransit, "2026-11-28T08:00:00Z").applied);
  EXPECT_EQ(shipment.status, ShipmentStatus::kInTransit);
  Feed(shipment, TrackingStatus::kRefused, "2026-11-29T08:00:00Z");
  const TrackingDecision back = Feed(shipment, TrackingStatus::kReturned, "2026-12-01T08:00:00Z");
  EXPECT_EQ(back.notification, "shipment_returned");
  EXPECT_EQ(shipment.status, ShipmentStatus::kReturned);
  EXPECT_EQ(shipment.returned_at, At("2026-12-01T08:00:00Z"));
  EXPECT_FALSE(Feed(shipment, TrackingStatus::kDelivered, "2026-12-02T08:00:00Z").applied)
      << "a returned parcel is back at the sender";
}

TEST(Tracking, NothingAppliesBeforeShipmentOrAfterDelivery) {
  Shipment planned;
  planned.status = ShipmentStatus::kPacked;
  const TrackingDecision early =
      DecideTracking(planned, TrackingStatus::kInTransit, At("2026-11-26T12:00:00Z"));
  EXPECT_FALSE(early.applied);
  EXPECT_NE(early.note.find("not been handed to the carrier"), std::string::npos);
  Shipment delivered = Shipped();
  Feed(delivered, TrackingStatus::kDelivered, "2026-11-27T10:00:00Z");
  EXPECT_FALSE(Feed(delivered, TrackingStatus::kLost, "2026-11-28T10:00:00Z").applied);
  EXPECT_EQ(delivered.status, ShipmentStatus::kDelivered);
}

TEST(Tracking, StatusNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(TrackingStatus::kReturned); ++i) {
    const auto status = static_cast<TrackingStatus>(i);
    EXPECT_EQ(ParseTrackingStatus(TrackingStatusName(status)), status);
  }
  EXPECT_FALSE(ParseTrackingStatus("teleported"));
}

}  // namespace
}  // namespace ordo
