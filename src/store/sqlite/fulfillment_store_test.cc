// The SQL of fulfilment that does more than read and write rows: the wave candidates (orders
// read through their JSON document), the uniqueness rules of cases, parcels and tracking events,
// and the scans of waiting and confirmable orders.

#include "app/anomaly.h"
#include "app/fulfillment.h"
#include "store/sqlite/query_plan_test_util.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::sqlite {
namespace {

class FulfillmentStoreTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddWarehouse("GZ-01");
    AddSku("TEA", 500);
    AddSku("RARE", 100);
    Receive("SH-01", "TEA", 100);
    Receive("GZ-01", "TEA", 1);
    Receive("SH-01", "RARE", 1);
  }

  std::vector<std::string> Candidates(const std::string& warehouse, int limit = 50,
                                      std::optional<WaveCandidate> after = std::nullopt) {
    std::vector<std::string> found;
    EXPECT_TRUE(Run([&](WriteTx& tx) -> Status {
                  ORDO_ASSIGN_OR_RETURN(auto candidates, tx.fulfillment().FindWaveCandidates(
                                                             warehouse, after, limit));
                  for (const WaveCandidate& candidate : candidates) {
                    found.push_back(candidate.order_no);
                  }
                  return Status::Ok();
                }).ok());
    return found;
  }

  // The query plan of `sql` on a connection of our own.
  std::string Plan(const std::string& sql) {
    return QueryPlan(DatabasePath(dir_.string()), sql);
  }
};

TEST_F(FulfillmentStoreTest, WaveCandidatesAreWaitingOrdersOfTheWarehouseBestFirst) {
  const Order standard = PaidAndApproved({{"TEA", 1}});
  clock_.AdvanceMs(1000);
  const Order express = PaidAndApproved({{"TEA", 1}}, "express");
  const Order backordered = PaidAndApproved({{"RARE", 2}});
  const Order unpaid = Place({{"TEA", 1}});
  const Order picking = PaidAndApproved({{"TEA", 1}});
  Move(picking.order_no, app::PickInput{});
  const Order packed = PaidAndApproved({{"TEA", 1}});
  Move(packed.order_no, app::PickInput{});
  Scan(packed.order_no);
  Move(packed.order_no, app::PackInput{550, ""});
  EXPECT_EQ(Candidates("SH-01"), (std::vector<std::string>{express.order_no, standard.order_no,
                                                           backordered.order_no, picking.order_no}))
      << "picking without a parcel yet may join; the backordered one is looked at (the wave "
         "says why it leaves it out); packed and unpaid orders are not";
  EXPECT_EQ(Candidates("SH-01", 1), (std::vector<std::string>{express.order_no}));
  const Order express_loaded = Load(express.order_no);
  const WaveCandidate after_express{express.order_no, express_loaded.id.value,
                                    express_loaded.priority, express_loaded.created_at};
  EXPECT_EQ(Candidates("SH-01", 2, after_express),
            (std::vector<std::string>{standard.order_no, backordered.order_no}))
      << "the next page goes on after the cursor in the same order";
  EXPECT_TRUE(Candidates("GZ-01").empty()) << "none holds stock there";
  (void)unpaid;
}

TEST_F(FulfillmentStoreTest, AnOrderAlreadyWavedIsNoCandidateAndAHeldOneIsLeftOut) {
  const Order held = PaidAndApproved({{"TEA", 1}});
  const Order waved = PaidAndApproved({{"TEA", 1}});
  ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(held.order_no));
                const int64_t version = order->version;
                Events events;
                ORDO_RETURN_IF_ERROR(app::RaiseCase(tx, *order, "weight_mismatch", "test", "held",
                                                    {}, Context().Now(), events)
                                         .status());
                return app::SaveOrder(tx, *order, version, events);
              }).ok());
  auto wave = std::make_shared<app::WaveOutcome>();
  ASSERT_TRUE(Run(app::CreateWave({"SH-01", 1, ""}, Context(), wave)).ok());
  EXPECT_EQ(wave->parcels.at(0).order_no, waved.order_no);
  ASSERT_EQ(wave->wave.left_out.size(), 1u);
  EXPECT_EQ(wave->wave.left_out[0].order_no, held.order_no);
  EXPECT_EQ(wave->wave.left_out[0].code, Code::kOrderOnHold);
  auto stored = reads().fulfillment().GetWave(wave->wave.id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->left_out_count, 1);
  EXPECT_EQ((*stored)->left_out.at(0).message, wave->wave.left_out[0].message)
      << "the wave remembers what it left out";
  EXPECT_EQ(Candidates("SH-01"), (std::vector<std::string>{held.order_no}));
}

TEST_F(FulfillmentStoreTest, OneLiveCasePerOrderTypeAndSubject) {
  AbnormalCase first = OpenCase(*FindCaseType("logistics_delayed"), "N1", "shipment:1", "delayed",
                                {}, Context().Now());
  ASSERT_TRUE(Run([&](WriteTx& tx) { return tx.fulfillment().InsertCase(first); }).ok());
  AbnormalCase second = first;
  EXPECT_EQ(Run([&](WriteTx& tx) { return tx.fulfillment().InsertCase(second); }).code(),
            Code::kAlreadyExists);
  AbnormalCase other_parcel = first;
  other_parcel.subject = "shipment:2";
  EXPECT_TRUE(Run([&](WriteTx& tx) { return tx.fulfillment().InsertCase(other_parcel); }).ok());
  ASSERT_TRUE(Run(app::DismissAbnormalCase(first.id, "arrived", Context(),
                                           std::make_shared<app::CaseOutcome>()))
                  .ok());
  EXPECT_TRUE(Run([&](WriteTx& tx) { return tx.fulfillment().InsertCase(second); }).ok())
      << "once closed, the same trouble may be raised again";
}

TEST_F(FulfillmentStoreTest, TrackingNumbersAndCarrierEventIdsAreUnique) {
  const Order a = PaidAndApproved({{"TEA", 1}});
  const Order b = PaidAndApproved({{"TEA", 1}});
  for (const Order& order : {a, b}) {
    Move(order.order_no, app::PickInput{});
    Scan(order.order_no);
    Move(order.order_no, app::PackInput{550, ""});
  }
  Move(a.order_no, app::ShipInput{"SF", "SF123", ""});
  auto [taken, unchanged] = Try(b.order_no, app::ShipInput{"SF", "SF123", ""});
  EXPECT_EQ(taken.code(), Code::kAlreadyExists);
  EXPECT_TRUE(Try(b.order_no, app::ShipInput{"JD", "SF123", ""}).first.ok())
      << "another carrier's number space";
  TrackingEvent event;
  event.carrier = "SF";
  event.event_id = "E1";
  event.shipment_id = Parcels(a.order_no).at(0).id;
  event.received_at = clock_.Now();
  bool inserted = false;
  auto insert = [&](WriteTx& tx) -> Status {
    TrackingEvent copy = event;
    ORDO_ASSIGN_OR_RETURN(inserted, tx.fulfillment().InsertTrackingEvent(copy));
    return Status::Ok();
  };
  ASSERT_TRUE(Run(insert).ok());
  EXPECT_TRUE(inserted);
  ASSERT_TRUE(Run(insert).ok());
  EXPECT_FALSE(inserted) << "a repeat writes nothing";
  (void)unchanged;
}

TEST_F(FulfillmentStoreTest, WaitingOrdersCarryTheirShipClock) {
  const Order online = PaidAndApproved({{"TEA", 1}}, "express");
  const Order cod = Place({{"TEA", 1}}, "standard", /*cod=*/true);
  const Order unpaid = Place({{"TEA", 1}});
  auto waiting = reads().fulfillment().ListWaitingOrders(0, 10);
  ASSERT_TRUE(waiting.ok()) << waiting.status().ToString();
  ASSERT_EQ(waiting->size(), 2u) << "the unpaid order waits for its payment, not for us";
  const ShipClock& first = (*waiting)[0].clock;
  EXPECT_EQ(first.order_no, online.order_no);
  EXPECT_EQ(first.order_class, "expedited");
  EXPECT_EQ(first.status, OrderStatus::kAwaitingFulfillment);
  EXPECT_EQ(first.paid_at, online.paid_at);
  const ShipClock& second = (*waiting)[1].clock;
  EXPECT_EQ(second.payment_method, PaymentMethod::kCod);
  EXPECT_FALSE(second.paid_at);
  EXPECT_FALSE((*waiting)[1].breach_recorded);
  EXPECT_EQ(reads().fulfillment().ListWaitingOrders((*waiting)[0].order_id, 10)->size(), 1u);
  (void)cod;
  (void)unpaid;
}

TEST_F(FulfillmentStoreTest, OrdersToConfirmAreFoundThroughTheirPartialIndex) {
  const Order order = PaidAndApproved({{"TEA", 1}});
  Move(order.order_no, app::PickInput{});
  Scan(order.order_no);
  Move(order.order_no, app::PackInput{550, ""});
  Move(order.order_no, app::ShipInput{"", "", ""});
  const Timestamp shipped_at = clock_.Now();
  EXPECT_TRUE(reads().fulfillment().ListOrdersToConfirm(shipped_at.PlusMs(-1), 0, 10)->empty());
  auto due = reads().fulfillment().ListOrdersToConfirm(shipped_at, 0, 10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->at(0).second, order.order_no);
  // The statement of SelectOrdersToConfirm: its INDEXED BY must name an index that serves it.
  EXPECT_NE(Plan("SELECT id, order_no FROM orders INDEXED BY orders_to_confirm "
                 "WHERE status IN ('shipped', 'delivered') "
                 "AND json_extract(doc, '$.shipped_at') <= 1 AND id > 0 ORDER BY id LIMIT 5")
                .find("USING INDEX orders_to_confirm"),
            std::string::npos);
}

// Every ship and every carrier event looks a tracking number up: through the partial unique
// index, whose condition the statements state, never by reading every parcel.
TEST_F(FulfillmentStoreTest, TrackingNumbersAreLookedUpThroughTheirPartialIndex) {
  const std::string log = (dir_ / "statements.jsonl").string();
  ASSERT_TRUE(LogPreparedStatements(log).ok());
  const Order order = PaidAndApproved({{"TEA", 1}});
  Move(order.order_no, app::PickInput{});
  Scan(order.order_no);
  Move(order.order_no, app::PackInput{500, ""});
  Move(order.order_no, app::ShipInput{"SF", "SF777", ""});
  std::optional<Shipment> found;
  ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                ORDO_ASSIGN_OR_RETURN(found,
                                      tx.fulfillment().FindShipmentByTracking("SF", "SF777"));
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->order_no, order.order_no);
  const std::vector<std::string> lookups = LoggedStatements(log, "FROM shipments WHERE carrier");
  ASSERT_EQ(lookups.size(), 2u) << "the ship's uniqueness check and the look-up by number";
  for (const std::string& sql : lookups) {
    EXPECT_NE(Plan(sql).find("INDEX shipments_by_tracking (carrier=?"), std::string::npos)
        << sql << "\n"
        << Plan(sql);
  }
}

TEST_F(FulfillmentStoreTest, TheWaybillQueriesReadThroughTheirIndexes) {
  // The statements of SelectShipmentsAwaitingWaybill, SelectWaybillShipment, VoidWaybillRows:
  // none walks a table that grows with the orders.
  EXPECT_NE(Plan("SELECT id FROM shipments WHERE carrier = 'SF' AND waybills_missing > 0 "
                 "AND status IN ('planned', 'packed') ORDER BY id LIMIT 5")
                .find("USING INDEX shipments_awaiting_waybill"),
            std::string::npos);
  EXPECT_NE(Plan("SELECT shipment_id FROM waybills WHERE carrier = 'SF' AND tracking_no = 'X' "
                 "AND voided_at IS NULL")
                .find("USING PRIMARY KEY"),
            std::string::npos);
  EXPECT_NE(Plan("UPDATE waybills SET voided_at = 1 WHERE shipment_id = 1 AND box_no >= 1 "
                 "AND voided_at IS NULL")
                .find("waybills_by_shipment"),
            std::string::npos);
}

}  // namespace
}  // namespace ordo::sqlite
