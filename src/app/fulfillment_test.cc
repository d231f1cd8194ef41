// The fulfilment use cases against the real embedded store: waves, parcels of split orders,
// the weighing check and holds, verification, tracking, returns and settings.
#include "app/fulfillment.h"

#include "app/anomaly.h"
#include "app/fulfillment_fixture.h"
#include "app/settings.h"
#include "store/settings_codec.h"

namespace ordo::app {
namespace {

constexpr int64_t kHourMs = 3600 * 1000;

class FulfillmentTest : public FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddWarehouse("GZ-01");
    AddSku("TEA", 500);
    AddSku("CUP", 200);
    Receive("SH-01", "TEA", 100);
    Receive("SH-01", "CUP", 100);
  }

  Result<WaveOutcome> Wave(const std::string& warehouse, int max_orders,
                           const std::string& carrier = "") {
    auto out = std::make_shared<WaveOutcome>();
    ORDO_RETURN_IF_ERROR(
        Run(CreateWave({warehouse, max_orders, carrier}, Context("user:wang"), out)));
    return *out;
  }
  Result<VerifyOutcome> Verify(const std::string& order_no, std::vector<ScanLine> scans,
                               const std::string& warehouse = "") {
    auto out = std::make_shared<VerifyOutcome>();
    ORDO_RETURN_IF_ERROR(
        Run(VerifyParcel(order_no, {warehouse, std::move(scans)}, Context("user:zhao"), out)));
    return *out;
  }
  Result<TrackingOutcome> Track(const Shipment& parcel, const std::string& event_id,
                                TrackingStatus status, const char* at) {
    auto out = std::make_shared<TrackingOutcome>();
    TrackingInput input{parcel.carrier, parcel.tracking_no,       event_id,
                        status,         ParseRfc3339(at).value(), "上海"};
    ORDO_RETURN_IF_ERROR(Run(RecordTrackingEvent(input, Context("token:zto"), out)));
    return *out;
  }
  // An order of two teas, paid, approved, picked, packed at the right weight and shipped.
  Order Shipped() {
    const Order order = PaidAndApproved({{"TEA", 2}});
    Move(order.order_no, PickInput{});
    Move(order.order_no, PackInput{1000, ""});
    return Move(order.order_no, ShipInput{"", "", ""});
  }
  Quantity OnHand(const std::string& sku, const std::string& warehouse) {
    auto stock = reads().GetStock(sku);
    for (const StockLevel& level : stock->levels) {
      if (level.warehouse() == warehouse) {
        return level.on_hand();
      }
    }
    return -1;
  }
};

TEST_F(FulfillmentTest, AWaveTakesOrdersByPriorityThenAgeAndStartsTheirPicking) {
  const Order old_standard = PaidAndApproved({{"TEA", 1}});
  clock_.AdvanceMs(60000);
  const Order express = PaidAndApproved({{"TEA", 1}}, "express");
  clock_.AdvanceMs(60000);
  const Order new_standard = PaidAndApproved({{"CUP", 1}});
  const Order unpaid = Place({{"TEA", 1}});

  auto first = Wave("SH-01", 2);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->parcels.size(), 2u);
  EXPECT_EQ(first->parcels[0].order_no, express.order_no);
  EXPECT_EQ(first->parcels[1].order_no, old_standard.order_no);
  EXPECT_EQ(first->parcels[0].carrier, "JD") << "express is not for the network carriers";
  EXPECT_EQ(first->parcels[1].carrier, "ZTO");
  EXPECT_EQ(first->parcels[1].tracking_no,
            "ZTO8" + std::string(10, '0') + std::to_string(first->parcels[1].id));
  EXPECT_NE(first->parcels[1].carrier_reason.find("cheapest"), std::string::npos);
  EXPECT_EQ(Load(express.order_no).status, OrderStatus::kPicking);
  EXPECT_EQ(Load(new_standard.order_no).status, OrderStatus::kAwaitingFulfillment);

  auto second = Wave("SH-01", 10, "SF");
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->parcels.size(), 1u) << "an order joins one wave only; unpaid ones none";
  EXPECT_EQ(second->parcels[0].order_no, new_standard.order_no);
  EXPECT_EQ(second->parcels[0].carrier, "SF");
  EXPECT_EQ(Wave("SH-01", 10).status().code(), Code::kNothingToWave);
  EXPECT_EQ(Load(unpaid.order_no).status, OrderStatus::kPendingPayment);
  EXPECT_EQ(Wave("XX-99", 10).status().field_errors()[0].code, Code::kUnknownWarehouse);
  EXPECT_EQ(Wave("SH-01", 0).status().field_errors()[0].field, "max_orders");
  EXPECT_EQ(Wave("SH-01", 5, "NOPE").status().field_errors()[0].field, "carrier");
}

TEST_F(FulfillmentTest, HeldAndBackorderedOrdersStayOutOfWaves) {
  AddSku("RARE", 100);
  Receive("SH-01", "RARE", 1);
  const Order backordered = PaidAndApproved({{"RARE", 3}});
  const Order held = PaidAndApproved({{"TEA", 1}});
  ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(held.order_no));
                const int64_t version = order->version;
                Events events;
                ORDO_RETURN_IF_ERROR(RaiseCase(tx, *order, "weight_mismatch", "test", "held", {},
                                               Context().Now(), events)
                                         .status());
                return SaveOrder(tx, *order, version, events);
              }).ok());
  EXPECT_TRUE(Load(held.order_no).on_hold());
  EXPECT_EQ(Wave("SH-01", 10).status().code(), Code::kNothingToWave);
  (void)backordered;
}

TEST_F(FulfillmentTest, ASplitOrderShipsParcelByParcelFromEachWarehouse) {
  AddSku("GZ-ONLY", 300);
  Receive("GZ-01", "GZ-ONLY", 5);
  const Order order = PaidAndApproved({{"TEA", 1}, {"GZ-ONLY", 2}});
  ASSERT_EQ(WarehousesOf(order), (std::vector<std::string>{"GZ-01", "SH-01"}));
  const std::string no = order.order_no;
  Move(no, PickInput{});
  auto [ambiguous, unchanged] = Try(no, PackInput{500, ""});
  EXPECT_EQ(ambiguous.field_errors()[0].field, "warehouse");
  EXPECT_EQ(Move(no, PackInput{500, "SH-01"}).status, OrderStatus::kPicking)
      << "one parcel of two packed: the order is still being picked";
  EXPECT_EQ(Try(no, ShipInput{"", "", "SH-01"}).first.code(), Code::kIllegalTransition);
  Order packed = Move(no, PackInput{600, "GZ-01"});
  EXPECT_EQ(packed.status, OrderStatus::kPacked);
  EXPECT_EQ(packed.packed_weight_g, 1100);

  Order half = Move(no, ShipInput{"SF", "SF-A-1", "SH-01"});
  EXPECT_EQ(half.status, OrderStatus::kPacked);
  EXPECT_EQ(half.lines[0].quantity_shipped, 1);
  EXPECT_EQ(half.lines[1].quantity_shipped, 0);
  EXPECT_EQ(OnHand("TEA", "SH-01"), 99);
  EXPECT_EQ(OnHand("GZ-ONLY", "GZ-01"), 5) << "the other parcel's stock is untouched";
  EXPECT_EQ(Try(no, CancelInput{"changed my mind"}).first.code(), Code::kIllegalTransition);

  Order shipped = Move(no, ShipInput{"", "", "GZ-01"});
  EXPECT_EQ(shipped.status, OrderStatus::kShipped);
  EXPECT_EQ(OnHand("GZ-ONLY", "GZ-01"), 3);
  const std::vector<Shipment> parcels = Parcels(no);
  ASSERT_EQ(parcels.size(), 2u);
  EXPECT_EQ(parcels[0].tracking_no, "SF-A-1");
  EXPECT_EQ(parcels[1].carrier, "ZTO");
  EXPECT_NE(parcels[0].tracking_no, parcels[1].tracking_no);
  const std::vector<std::string> types = EventTypes(no);
  EXPECT_EQ(std::count(types.begin(), types.end(), "parcel_packed"), 1);
  EXPECT_EQ(std::count(types.begin(), types.end(), "parcel_shipped"), 1);
  Move(no, DeliverInput{});
  for (const Shipment& parcel : Parcels(no)) {
    EXPECT_EQ(parcel.status, ShipmentStatus::kDelivered);
  }
}

TEST_F(FulfillmentTest, AWeightOutsideTheToleranceHoldsTheOrderUntilTheCaseIsResolved) {
  const Order order = PaidAndApproved({{"TEA", 2}});
  const std::string no = order.order_no;
  Move(no, PickInput{});
  Order packed = Move(no, PackInput{1101, ""});
  EXPECT_EQ(packed.status, OrderStatus::kPacked) << "the pack itself is recorded";
  EXPECT_TRUE(packed.on_hold());
  std::vector<AbnormalCase> cases = Cases(no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].type, "weight_mismatch");
  EXPECT_TRUE(cases[0].blocking);
  EXPECT_NE(cases[0].explanation.find("measured 1101 g, expected 1000 g"), std::string::npos)
      << cases[0].explanation;
  EXPECT_EQ(Try(no, ShipInput{"", "", ""}).first.code(), Code::kOrderOnHold);

  auto out = std::make_shared<CaseOutcome>();
  EXPECT_EQ(Run(ResolveAbnormalCase(cases[0].id, {"weighed again", "", ""}, Context(), out))
                .field_errors()[0]
                .field,
            "root_cause");
  ASSERT_TRUE(Run(ResolveAbnormalCase(
                      cases[0].id, {"weighed again: 1002 g", "scale not tared", "tare every shift"},
                      Context(), out))
                  .ok());
  EXPECT_TRUE(out->hold_released);
  EXPECT_FALSE(Load(no).on_hold());
  EXPECT_EQ(Run(DismissAbnormalCase(cases[0].id, "again", Context(), out)).code(),
            Code::kCaseClosed);
  Order shipped = Move(no, ShipInput{"", "", ""});
  EXPECT_EQ(shipped.carrier, "ZTO");
  auto events = reads().GetOrderEvents(no);
  const OrderEvent& ship = events->back();
  EXPECT_EQ(ship.type, "ship");
  bool has_reason = false;
  for (const auto& [key, value] : ship.details) {
    has_reason = has_reason || (key == "carrier_reason" &&
                                value.find("ZTO is the cheapest") != std::string::npos);
  }
  EXPECT_TRUE(has_reason);
  const std::vector<std::string> types = EventTypes(no);
  EXPECT_NE(std::find(types.begin(), types.end(), "hold_released"), types.end());
}

TEST_F(FulfillmentTest, AWeightExactlyAtTheToleranceEdgePasses) {
  const Order order = PaidAndApproved({{"TEA", 2}});
  Move(order.order_no, PickInput{});
  EXPECT_FALSE(Move(order.order_no, PackInput{1100, ""}).on_hold());
  EXPECT_TRUE(Cases(order.order_no).empty());
}

TEST_F(FulfillmentTest, AScanMismatchIsRecordedOnceAndACorrectScanVerifies) {
  const Order order = PaidAndApproved({{"TEA", 2}, {"CUP", 1}});
  const std::string no = order.order_no;
  EXPECT_EQ(Verify(no, {{"TEA", 2}}).status().code(), Code::kIllegalTransition)
      << "verification happens while picking";
  Move(no, PickInput{});
  auto wrong = Verify(no, {{"TEA", 1}, {"PEN", 1}});
  ASSERT_TRUE(wrong.ok());
  ASSERT_EQ(wrong->differences.size(), 3u);
  EXPECT_GT(wrong->case_id, 0);
  EXPECT_FALSE(wrong->shipment.verified);
  auto again = Verify(no, {{"TEA", 2}});
  EXPECT_EQ(again->case_id, wrong->case_id) << "one live case per parcel";
  ASSERT_EQ(Cases(no).size(), 1u);
  EXPECT_FALSE(Cases(no)[0].blocking);
  auto right = Verify(no, {{"CUP", 1}, {"TEA", 1}, {"TEA", 1}});
  ASSERT_TRUE(right.ok());
  EXPECT_TRUE(right->differences.empty());
  EXPECT_TRUE(right->shipment.verified);
  const std::vector<std::string> types = EventTypes(no);
  EXPECT_EQ(std::count(types.begin(), types.end(), "verification_mismatch"), 2);
  EXPECT_EQ(std::count(types.begin(), types.end(), "verified"), 1);
}

TEST_F(FulfillmentTest, RequiredVerificationBlocksPackingUntilTheScansMatch) {
  ASSERT_TRUE(Run(ChangeSettings(
                      [](Settings& s, std::vector<FieldError>&) { s.require_verification = true; },
                      Context(), std::make_shared<SettingsOutcome>()))
                  .ok());
  const Order order = PaidAndApproved({{"CUP", 1}});
  Move(order.order_no, PickInput{});
  EXPECT_EQ(Try(order.order_no, PackInput{200, ""}).first.code(), Code::kNotVerified);
  ASSERT_TRUE(Verify(order.order_no, {{"CUP", 1}}).ok());
  EXPECT_EQ(Move(order.order_no, PackInput{200, ""}).status, OrderStatus::kPacked);
}

TEST_F(FulfillmentTest, TrackingIgnoresRepeatsNeverMovesBackAndDeliversTheOrder) {
  const Order order = Shipped();
  const Shipment parcel = Parcels(order.order_no).front();
  auto moving = Track(parcel, "e1", TrackingStatus::kInTransit, "2026-11-26T12:00:00Z");
  ASSERT_TRUE(moving.ok()) << moving.status().ToString();
  EXPECT_FALSE(moving->duplicate);
  EXPECT_EQ(moving->shipment.status, ShipmentStatus::kInTransit);
  EXPECT_TRUE(Track(parcel, "e1", TrackingStatus::kInTransit, "2026-11-26T12:00:00Z")->duplicate);
  Track(parcel, "e2", TrackingStatus::kOutForDelivery, "2026-11-27T08:00:00Z");
  auto late = Track(parcel, "e3", TrackingStatus::kInTransit, "2026-11-26T18:00:00Z");
  EXPECT_FALSE(late->event.applied);
  EXPECT_EQ(late->shipment.status, ShipmentStatus::kOutForDelivery);
  auto delivered = Track(parcel, "e4", TrackingStatus::kDelivered, "2026-11-27T10:00:00Z");
  EXPECT_EQ(delivered->order_status, OrderStatus::kDelivered);
  EXPECT_EQ(Load(order.order_no).status, OrderStatus::kDelivered);
  auto events = reads().fulfillment().ListTrackingEvents(parcel.id);
  ASSERT_EQ(events->size(), 4u) << "the late event is kept, the repeat is not";
  EXPECT_EQ(Track({}, "e5", TrackingStatus::kInTransit, "2026-11-27T10:00:00Z").status().code(),
            Code::kNotFound);
}

TEST_F(FulfillmentTest, ALostParcelOpensABlockingCaseAndNotifiesTheCustomer) {
  const Order order = Shipped();
  const Shipment parcel = Parcels(order.order_no).front();
  ASSERT_TRUE(Track(parcel, "l1", TrackingStatus::kLost, "2026-11-27T08:00:00Z").ok());
  const std::vector<AbnormalCase> cases = Cases(order.order_no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].type, "logistics_lost");
  EXPECT_EQ(cases[0].subject, "shipment:" + std::to_string(parcel.id));
  EXPECT_TRUE(Load(order.order_no).on_hold());
  auto notifications = reads().fulfillment().ListNotifications(order.order_no);
  ASSERT_EQ(notifications->size(), 2u);
  EXPECT_EQ((*notifications)[0].template_key, "order_shipped");
  EXPECT_EQ((*notifications)[1].template_key, "shipment_lost");
  EXPECT_EQ((*notifications)[1].language, "zh-CN");
  EXPECT_EQ(Try(order.order_no, DeliverInput{}).first.code(), Code::kOk)
      << "delivery is a fact even while on hold";
  EXPECT_EQ(Try(order.order_no, CompleteInput{}).first.code(), Code::kOrderOnHold);
}

TEST_F(FulfillmentTest, AReturnedParcelThatPassesInspectionGoesBackToStock) {
  const Order order = Shipped();
  const Shipment parcel = Parcels(order.order_no).front();
  EXPECT_EQ(OnHand("TEA", "SH-01"), 98);
  auto inspect = std::make_shared<InspectOutcome>();
  EXPECT_EQ(Run(InspectReturn(parcel.id, {true, ""}, Context(), inspect)).code(),
            Code::kIllegalTransition)
      << "only a returned parcel is inspected";
  Track(parcel, "r1", TrackingStatus::kRefused, "2026-11-27T08:00:00Z");
  Track(parcel, "r2", TrackingStatus::kReturned, "2026-11-29T08:00:00Z");
  ASSERT_TRUE(Run(InspectReturn(parcel.id, {true, "tins intact"}, Context(), inspect)).ok());
  ASSERT_EQ(inspect->entries.size(), 1u);
  EXPECT_EQ(inspect->entries[0].type, MovementType::kReturn);
  EXPECT_EQ(inspect->entries[0].quantity, 2);
  EXPECT_EQ(OnHand("TEA", "SH-01"), 100);
  EXPECT_EQ(inspect->shipment.status, ShipmentStatus::kInspected);
  EXPECT_EQ(Run(InspectReturn(parcel.id, {true, ""}, Context(), inspect)).code(),
            Code::kIllegalTransition)
      << "inspected once";
}

TEST_F(FulfillmentTest, SettingsChangesAreValidatedStoredAndAudited) {
  auto out = std::make_shared<SettingsOutcome>();
  const Status bad = Run(ChangeSettings(
      [](Settings& s, std::vector<FieldError>&) { s.weight_tolerance_percent = 150; }, Context(),
      out));
  EXPECT_EQ(bad.field_errors()[0].field, "weight_tolerance_percent");
  ASSERT_TRUE(Run(ChangeSettings(
                      [](Settings& s, std::vector<FieldError>&) {
                        s.weight_tolerance_percent = 5;
                        s.auto_confirm_days = 10;  // unchanged
                      },
                      Context(), out))
                  .ok());
  EXPECT_EQ(out->changed, (std::vector<std::string>{"weight_tolerance_percent"}));
  EXPECT_EQ(LoadSettings(reads())->weight_tolerance_percent, 5);
  auto audit = reads().ListAudit("setting", "weight_tolerance_percent", 0, 10);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].before, "10");
  EXPECT_EQ((*audit)[0].after, "5");
  EXPECT_EQ((*audit)[0].actor, "user:lead");
  // With 5%, 1060 g for 1000 g is now out of tolerance.
  const Order order = PaidAndApproved({{"TEA", 2}});
  Move(order.order_no, PickInput{});
  EXPECT_TRUE(Move(order.order_no, PackInput{1060, ""}).on_hold());
}

TEST_F(FulfillmentTest, TheAtRiskListOrdersByDeadlineOnTheBusinessCalendar) {
  const Order standard = PaidAndApproved({{"TEA", 1}});            // 24 h
  const Order express = PaidAndApproved({{"TEA", 1}}, "express");  // 12 h
  clock_.AdvanceMs(10 * kHourMs);
  auto settings = LoadSettings(reads());
  auto soon = ListAtRiskOrders(reads(), *settings, clock_.Now(), 4 * kHourMs, 50);
  ASSERT_TRUE(soon.ok());
  ASSERT_EQ(soon->size(), 1u);
  EXPECT_EQ((*soon)[0].clock.order_no, express.order_no);
  EXPECT_EQ((*soon)[0].responsible.stage, "pick");
  auto all = ListAtRiskOrders(reads(), *settings, clock_.Now(), 24 * kHourMs, 50);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].clock.order_no, standard.order_no);
}

}  // namespace
}  // namespace ordo::app
