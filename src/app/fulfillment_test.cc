// The fulfilment use cases against the real embedded store: waves, parcels of split orders,
// the weighing check and holds, verification, tracking, returns and settings.
#include "app/fulfillment.h"

#include "app/anomaly.h"
#include "app/order_changes.h"
#include "app/settings.h"
#include "store/settings_codec.h"
#include "testing/fulfillment_fixture.h"

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
    Scan(order.order_no);
    Move(order.order_no, PackInput{1050, ""});
    return Move(order.order_no, ShipInput{"", "", ""});
  }
  // Holds the order with a blocking case, as the weighing check would.
  void Hold(const std::string& order_no) {
    ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                  ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(order_no));
                  const int64_t version = order->version;
                  Events events;
                  ORDO_RETURN_IF_ERROR(RaiseCase(tx, *order, "weight_mismatch", "test", "held", {},
                                                 Context().Now(), events)
                                           .status());
                  return SaveOrder(tx, *order, version, events);
                }).ok());
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
  EXPECT_EQ(first->parcels[0].tracking_no, "JD0000000001") << "from the carrier's range";
  EXPECT_EQ(first->parcels[1].tracking_no, "ZTO0000000001");
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
  Hold(held.order_no);
  EXPECT_TRUE(Load(held.order_no).on_hold());
  auto out = std::make_shared<WaveOutcome>();
  EXPECT_EQ(Run(CreateWave({"SH-01", 10, ""}, Context("user:wang"), out)).code(),
            Code::kNothingToWave);
  ASSERT_EQ(out->wave.left_out.size(), 2u) << "the refusal still says which and why";
  EXPECT_EQ(out->wave.left_out[0].order_no, backordered.order_no);
  EXPECT_EQ(out->wave.left_out[0].code, Code::kBackordered);
  EXPECT_EQ(out->wave.left_out[1].code, Code::kOrderOnHold);
}

TEST_F(FulfillmentTest, AWaveLeavesOutWhatCannotBePickedYetAndTakesTheRest) {
  AddSku("RARE", 100);
  AddSku("ANVIL", 60000);  // one unit heavier than any carrier takes
  Receive("SH-01", "RARE", 1);
  Receive("SH-01", "ANVIL", 5);
  const Order cod = Place({{"TEA", 1}}, "standard", /*cod=*/true);
  Move(cod.order_no, ReviewInput{"approve", ""});
  const Order backordered = PaidAndApproved({{"RARE", 3}});
  const Order held = PaidAndApproved({{"TEA", 1}});
  Hold(held.order_no);
  const Order heavy = PaidAndApproved({{"ANVIL", 1}});
  const Order ready = PaidAndApproved({{"CUP", 1}});

  auto out = std::make_shared<WaveOutcome>();
  const Status status = Run(CreateWave({"SH-01", 10, ""}, Context("user:wang"), out));
  ASSERT_TRUE(status.ok()) << "one order that cannot be picked never blocks the wave: "
                           << status.ToString();
  ASSERT_EQ(out->parcels.size(), 1u);
  EXPECT_EQ(out->parcels[0].order_no, ready.order_no);
  std::map<std::string, Code> reasons;
  for (const WaveLeftOut& entry : out->wave.left_out) {
    reasons[entry.order_no] = entry.code;
    EXPECT_FALSE(entry.message.empty());
  }
  EXPECT_EQ(reasons, (std::map<std::string, Code>{{cod.order_no, Code::kCodNotConfirmed},
                                                  {backordered.order_no, Code::kBackordered},
                                                  {held.order_no, Code::kOrderOnHold},
                                                  {heavy.order_no, Code::kNoEligibleCarrier}}));
  EXPECT_EQ(out->wave.left_out_count, 4);
  EXPECT_EQ(Load(cod.order_no).status, OrderStatus::kAwaitingFulfillment);
  EXPECT_EQ(Load(heavy.order_no).status, OrderStatus::kAwaitingFulfillment)
      << "an order left out is not touched";
  EXPECT_TRUE(Parcels(heavy.order_no).empty());
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
  Scan(no, "SH-01");
  EXPECT_EQ(Move(no, PackInput{550, "SH-01"}).status, OrderStatus::kPicking)
      << "one parcel of two packed: the order is still being picked";
  EXPECT_EQ(Try(no, ShipInput{"", "", "GZ-01"}).first.code(), Code::kIllegalTransition)
      << "the parcel still being picked cannot leave";
  Order half = Move(no, ShipInput{"SF", "SF-A-1", "SH-01"});
  EXPECT_EQ(half.status, OrderStatus::kPicking)
      << "the packed parcel leaves at once, while GZ-01 still picks";
  EXPECT_EQ(half.lines[0].quantity_shipped, 1);
  EXPECT_EQ(half.lines[1].quantity_shipped, 0);
  EXPECT_EQ(OnHand("TEA", "SH-01"), 99);
  EXPECT_EQ(OnHand("GZ-ONLY", "GZ-01"), 5) << "the other parcel's stock is untouched";
  EXPECT_EQ(Try(no, CancelInput{"changed my mind"}).first.code(), Code::kIllegalTransition);
  Scan(no, "GZ-01");
  Order packed = Move(no, PackInput{650, "GZ-01"});
  EXPECT_EQ(packed.status, OrderStatus::kPacked);
  EXPECT_EQ(packed.packed_weight_g, 1200);

  Order shipped = Move(no, ShipInput{"", "", "GZ-01"});
  EXPECT_EQ(shipped.status, OrderStatus::kShipped);
  EXPECT_EQ(shipped.lines[0].quantity_shipped, 1) << "the first parcel's units stay shipped";
  EXPECT_EQ(shipped.lines[1].quantity_shipped, 2);
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
  Scan(no);
  Order packed = Move(no, PackInput{1156, ""});
  EXPECT_EQ(packed.status, OrderStatus::kPacked) << "the pack itself is recorded";
  EXPECT_TRUE(packed.on_hold());
  std::vector<AbnormalCase> cases = Cases(no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].type, "weight_mismatch");
  EXPECT_TRUE(cases[0].blocking);
  EXPECT_NE(cases[0].explanation.find("measured 1156 g, expected 1050 g"), std::string::npos)
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
  Scan(order.order_no);
  // 1000 g of tea and 50 g of packaging, give or take 105 g (10%).
  EXPECT_FALSE(Move(order.order_no, PackInput{1155, ""}).on_hold());
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

TEST_F(FulfillmentTest, VerificationIsRequiredByDefaultAndAMismatchBlocksPackingUntilAGoodScan) {
  const Order order = PaidAndApproved({{"CUP", 1}});
  Move(order.order_no, PickInput{});
  EXPECT_EQ(Try(order.order_no, PackInput{250, ""}).first.code(), Code::kNotVerified);
  ASSERT_TRUE(Verify(order.order_no, {{"CUP", 1}}).ok());
  EXPECT_EQ(Move(order.order_no, PackInput{250, ""}).status, OrderStatus::kPacked);
  // Without the requirement, a parcel whose last scan did not match still waits for a good one.
  ASSERT_TRUE(Run(ChangeSettings(
                      [](Settings& s, std::vector<FieldError>&) { s.require_verification = false; },
                      Context(), std::make_shared<SettingsOutcome>()))
                  .ok());
  const Order wrong = PaidAndApproved({{"CUP", 1}});
  Move(wrong.order_no, PickInput{});
  auto mismatch = Verify(wrong.order_no, {{"TEA", 1}});
  ASSERT_TRUE(mismatch.ok());
  ASSERT_FALSE(mismatch->differences.empty());
  EXPECT_EQ(Try(wrong.order_no, PackInput{250, ""}).first.code(), Code::kVerificationMismatch)
      << "the wrong item does not ship";
  ASSERT_TRUE(Verify(wrong.order_no, {{"CUP", 1}}).ok());
  EXPECT_EQ(Cases(wrong.order_no).at(0).status, CaseStatus::kResolved)
      << "the good scan closes the mismatch case";
  EXPECT_EQ(Move(wrong.order_no, PackInput{250, ""}).status, OrderStatus::kPacked);
  const Order unscanned = PaidAndApproved({{"CUP", 1}});
  Move(unscanned.order_no, PickInput{});
  EXPECT_EQ(Move(unscanned.order_no, PackInput{250, ""}).status, OrderStatus::kPacked)
      << "off, a parcel never scanned may be packed";
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
  EXPECT_EQ(Try(order.order_no, DeliverInput{}).first.code(), Code::kOrderOnHold)
      << "staff do not deliver a parcel the carrier lost";
  EXPECT_EQ(Load(order.order_no).status, OrderStatus::kShipped);
  auto found = Track(parcel, "l2", TrackingStatus::kDelivered, "2026-11-28T06:30:00Z");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->order_status, OrderStatus::kDelivered)
      << "the carrier's delivery is a fact even while on hold";
  EXPECT_EQ(Try(order.order_no, CompleteInput{}).first.code(), Code::kOrderOnHold);
}

TEST_F(FulfillmentTest, TheOrderAndItsParcelShowTheCarriersDeliveryTime) {
  const Order order = Shipped();
  const Shipment parcel = Parcels(order.order_no).front();
  clock_.AdvanceMs(48 * kHourMs);  // the callback arrives long after the event
  ASSERT_TRUE(Track(parcel, "d1", TrackingStatus::kDelivered, "2026-11-27T03:15:00Z").ok());
  const Timestamp carrier_time = ParseRfc3339("2026-11-27T03:15:00Z").value();
  EXPECT_EQ(Parcels(order.order_no).front().delivered_at, carrier_time);
  EXPECT_EQ(Load(order.order_no).delivered_at, carrier_time);
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
  // With 5% (and the 50 g allowance), 1110 g for 1000 g of tea and 50 g of packaging is now
  // out of tolerance.
  const Order order = PaidAndApproved({{"TEA", 2}});
  Move(order.order_no, PickInput{});
  Scan(order.order_no);
  EXPECT_TRUE(Move(order.order_no, PackInput{1110, ""}).on_hold());
}

TEST_F(FulfillmentTest, ACancellationWhilePickingWaitsForTheWarehouseWhichInterceptsTheParcel) {
  const Order order = PaidAndApproved({{"TEA", 2}});
  const std::string no = order.order_no;
  ASSERT_TRUE(Wave("SH-01", 10).ok());
  auto asked = std::make_shared<ChangeOutcome>();
  ASSERT_TRUE(
      Run(CancelOrder(no, "changed my mind", std::nullopt, "", Context("user:cs"), asked)).ok());
  EXPECT_FALSE(asked->applied);
  ASSERT_TRUE(asked->request.has_value());
  EXPECT_TRUE(asked->request->cancel);
  EXPECT_EQ(Load(no).status, OrderStatus::kPicking) << "nothing changes before the warehouse";
  ASSERT_TRUE(Verify(no, {{"TEA", 2}}).ok());
  Move(no, PackInput{1050, ""});
  EXPECT_EQ(Try(no, ShipInput{"", "", ""}).first.code(), Code::kIllegalTransition)
      << "a parcel whose order is being cancelled does not leave";
  EXPECT_EQ(Run(CancelOrder(no, "again", std::nullopt, "", Context("user:cs"),
                            std::make_shared<ChangeOutcome>()))
                .code(),
            Code::kAlreadyExists);

  auto confirmed = std::make_shared<ChangeOutcome>();
  ASSERT_TRUE(
      Run(DecideChangeRequest(no, asked->request->id, true, "", Context("user:wh"), confirmed))
          .ok());
  EXPECT_EQ(confirmed->order.status, OrderStatus::kCancelled);
  EXPECT_EQ(Parcels(no).at(0).status, ShipmentStatus::kCancelled) << "intercepted";
  auto stock = reads().GetStock("TEA");
  EXPECT_EQ(stock->levels.at(0).reserved(), 0) << "the goods are put back";
  const std::vector<std::string> types = EventTypes(no);
  EXPECT_NE(std::find(types.begin(), types.end(), "cancellation_confirmed"), types.end());
  EXPECT_NE(std::find(types.begin(), types.end(), "pulled_from_wave"), types.end());
  auto before_picking = std::make_shared<ChangeOutcome>();
  const Order fresh = PaidAndApproved({{"TEA", 1}});
  ASSERT_TRUE(Run(CancelOrder(fresh.order_no, "at once", std::nullopt, "", Context("user:cs"),
                              before_picking))
                  .ok());
  EXPECT_TRUE(before_picking->applied) << "before picking it is cancelled at once";
  EXPECT_EQ(before_picking->order.status, OrderStatus::kCancelled);
}

TEST_F(FulfillmentTest, AnAddressChangeWhilePickingChoosesTheCarrierAgainAndReissuesTheWaybill) {
  const Order order = PaidAndApproved({{"TEA", 1}});
  const std::string no = order.order_no;
  auto wave = Wave("SH-01", 10);
  ASSERT_TRUE(wave.ok());
  const std::string old_number = wave->parcels.at(0).tracking_no;
  ASSERT_EQ(wave->parcels.at(0).carrier, "ZTO");
  OrderChange change;
  change.consignee = Load(no).consignee;
  change.consignee->address.detail = "张杨路500号 2号楼 1101室";  // same city: same carrier
  change.reason = "the customer moved";
  auto asked = std::make_shared<ChangeOutcome>();
  ASSERT_TRUE(Run(ChangeOrder(no, change, Load(no).version, "", Context("user:cs"), asked)).ok());
  ASSERT_TRUE(asked->request.has_value());
  auto confirmed = std::make_shared<ChangeOutcome>();
  ASSERT_TRUE(
      Run(DecideChangeRequest(no, asked->request->id, true, "", Context("user:wh"), confirmed))
          .ok());
  const Shipment parcel = Parcels(no).at(0);
  EXPECT_EQ(parcel.carrier, "ZTO");
  EXPECT_NE(parcel.tracking_no, old_number) << "the label of the old address is void";
  EXPECT_FALSE(parcel.tracking_no.empty());
  const std::vector<std::string> types = EventTypes(no);
  EXPECT_NE(std::find(types.begin(), types.end(), "waybill_reissued"), types.end());
  EXPECT_EQ(Run([&](WriteTx& tx) {
              return RegisterWaybill(tx, "ZTO", old_number, 999, 1, "staff", Context().Now());
            }).code(),
            Code::kAlreadyExists)
      << "a voided number is never handed out again";
}

TEST_F(FulfillmentTest, AParcelWeighedAgainWithinTheToleranceClosesItsOwnWeightCase) {
  const Order order = PaidAndApproved({{"TEA", 2}});
  const std::string no = order.order_no;
  Move(no, PickInput{});
  ASSERT_TRUE(Verify(no, {{"TEA", 2}}).ok());
  EXPECT_TRUE(Move(no, PackInput{1500, ""}).on_hold());
  auto reweigh = [&](int64_t grams) {
    auto out = std::make_shared<ReweighOutcome>();
    const Status status = Run(ReweighParcel(no, {"", {{grams, "M3"}}}, Context("user:wh"), out));
    EXPECT_TRUE(status.ok()) << status.ToString();
    return *out;
  };
  const ReweighOutcome still = reweigh(1400);
  EXPECT_FALSE(still.check.within);
  EXPECT_TRUE(still.order.on_hold()) << "still outside: the case stays";
  const ReweighOutcome right = reweigh(1160);  // 1000 g of tea in a 150 g carton
  EXPECT_TRUE(right.check.within) << right.check.explanation;
  EXPECT_TRUE(right.case_resolved);
  EXPECT_FALSE(right.order.on_hold());
  EXPECT_EQ(right.order.packed_weight_g, 1160);
  EXPECT_EQ(Parcels(no).at(0).packed_weight_g, 1160) << "the new weight replaces the old";
  const std::vector<AbnormalCase> cases = Cases(no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].status, CaseStatus::kResolved);
  EXPECT_EQ(cases[0].closed_by, "user:wh");
  EXPECT_EQ(Move(no, ShipInput{"", "", ""}).status, OrderStatus::kShipped);
  EXPECT_EQ(Run(ReweighParcel(no, {"", {{1160, ""}}}, Context("user:wh"),
                              std::make_shared<ReweighOutcome>()))
                .code(),
            Code::kIllegalTransition)
      << "a parcel that left is not weighed again";
}

TEST_F(FulfillmentTest, AHeavyOrderGoesOutInBoxesEachWithItsOwnNumber) {
  AddSku("DRUM", 23500);
  Receive("SH-01", "DRUM", 10);
  const Order order = PaidAndApproved({{"DRUM", 4}});
  auto wave = Wave("SH-01", 10);
  ASSERT_TRUE(wave.ok()) << wave.status().ToString();
  ASSERT_EQ(wave->parcels.size(), 1u);
  const Shipment& planned = wave->parcels[0];
  ASSERT_EQ(planned.boxes.size(), 2u);
  EXPECT_EQ(planned.carrier, "JD");
  EXPECT_EQ(planned.boxes[0].tracking_no, planned.tracking_no);
  EXPECT_EQ(planned.boxes[1].tracking_no, "JD0000000002");
  const std::string no = order.order_no;
  ASSERT_TRUE(Verify(no, {{"DRUM", 4}}).ok());
  PackInput three;
  three.boxes = {{31500, "L5"}, {31500, "L5"}, {31700, "L5"}};
  Order packed = Move(no, three);
  EXPECT_FALSE(packed.on_hold());
  Shipment parcel = Parcels(no).at(0);
  ASSERT_EQ(parcel.boxes.size(), 3u);
  EXPECT_EQ(parcel.boxes[1].tracking_no, "JD0000000002") << "the printed labels stay good";
  EXPECT_EQ(parcel.boxes[2].tracking_no, "JD0000000003") << "the extra box gets its own";
  EXPECT_EQ(parcel.packed_weight_g, 94700);
  EXPECT_EQ(parcel.packaging_g(), 3 * 350);
  Move(no, ShipInput{"", "", ""});
  auto event = Track(Shipment{.carrier = "JD", .tracking_no = "JD0000000003"}, "b3",
                     TrackingStatus::kInTransit, "2026-11-26T12:00:00Z");
  ASSERT_TRUE(event.ok()) << event.status().ToString();
  EXPECT_EQ(event->shipment.id, parcel.id) << "any box's number finds the parcel";
}

TEST_F(FulfillmentTest, TheAtRiskListOrdersByDeadlineOnTheBusinessCalendar) {
  const Order standard = PaidAndApproved({{"TEA", 1}});            // 24 h
  const Order express = PaidAndApproved({{"TEA", 1}}, "express");  // 12 h
  clock_.AdvanceMs(10 * kHourMs);
  auto settings = LoadSettings(reads());
  auto soon = ListAtRiskOrders(reads(), *settings, clock_.Now(), {4 * kHourMs, "", "", 50});
  ASSERT_TRUE(soon.ok());
  ASSERT_EQ(soon->deadlines.size(), 1u);
  EXPECT_EQ(soon->deadlines[0].clock.order_no, express.order_no);
  EXPECT_EQ(soon->deadlines[0].responsible.stage, "pick");
  EXPECT_EQ(soon->deadlines[0].warehouses, (std::vector<std::string>{"SH-01"}));
  EXPECT_TRUE(soon->next.empty());
  auto all = ListAtRiskOrders(reads(), *settings, clock_.Now(), {24 * kHourMs, "", "", 50});
  ASSERT_EQ(all->deadlines.size(), 2u);
  EXPECT_EQ(all->deadlines[1].clock.order_no, standard.order_no);
}

TEST_F(FulfillmentTest, TheAtRiskListPagesWithoutLosingAnyAndFiltersByWarehouse) {
  AddSku("GZ-ONLY", 100);
  Receive("GZ-01", "GZ-ONLY", 50);
  std::vector<std::string> expected;
  for (int i = 0; i < 5; ++i) {
    expected.push_back(PaidAndApproved({{"TEA", 1}}).order_no);
    clock_.AdvanceMs(60000);
  }
  const Order south = PaidAndApproved({{"GZ-ONLY", 1}});
  expected.push_back(south.order_no);
  auto settings = LoadSettings(reads());
  std::vector<std::string> seen;
  AtRiskQuery query{48 * kHourMs, "", "", 2};
  int pages = 0;
  do {
    auto page = ListAtRiskOrders(reads(), *settings, clock_.Now(), query);
    ASSERT_TRUE(page.ok());
    for (const ShipDeadline& deadline : page->deadlines) {
      seen.push_back(deadline.clock.order_no);
    }
    query.after = page->next;
    ++pages;
  } while (!query.after.empty() && pages < 10);
  EXPECT_EQ(pages, 3) << "six orders, two a page: the list is never cut off";
  EXPECT_EQ(seen, expected) << "each once, most urgent first";
  auto there = ListAtRiskOrders(reads(), *settings, clock_.Now(), {48 * kHourMs, "GZ-01", "", 50});
  ASSERT_EQ(there->deadlines.size(), 1u);
  EXPECT_EQ(there->deadlines[0].clock.order_no, south.order_no);
  EXPECT_EQ(there->deadlines[0].warehouses, (std::vector<std::string>{"GZ-01"}));
}

}  // namespace
}  // namespace ordo::app
