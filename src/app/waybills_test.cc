// Waybill numbers against the real embedded store: ranges loaded, numbers drawn in order and
// never twice, a wave that leaves out what its carrier has no numbers for, the warning as a
// carrier runs low, and a carrier whose own system issues the numbers.
#include "app/waybills.h"

#include "app/fulfillment.h"
#include "app/settings.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::app {
namespace {

class WaybillsTest : public FulfillmentFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();  // no ranges yet: each test loads its own
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 100);
  }

  Result<WaybillRange> TryLoad(const std::string& carrier, int64_t first, int64_t last,
                               const std::string& prefix = "") {
    WaybillRange range;
    range.carrier = carrier;
    range.prefix = prefix;
    range.first_no = first;
    range.last_no = last;
    auto out = std::make_shared<WaybillRange>();
    ORDO_RETURN_IF_ERROR(Run(LoadWaybillRange(range, Context("user:logistics"), out)));
    return *out;
  }
  Result<std::string> Draw(const std::string& carrier, int64_t shipment_id,
                           std::vector<WaybillStock>* low = nullptr,
                           const CommandContext* context = nullptr) {
    std::string number;
    const CommandContext used = context ? *context : Context("user:wang");
    ORDO_RETURN_IF_ERROR(Run([&](WriteTx& tx) -> Status {
      ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
      ORDO_ASSIGN_OR_RETURN(number, DrawWaybill(tx, settings, carrier, shipment_id, 1, used, low));
      return Status::Ok();
    }));
    return number;
  }
  // The number drawn, or the refusal in words.
  std::string Drawn(const std::string& carrier, int64_t shipment_id) {
    Result<std::string> number = Draw(carrier, shipment_id);
    return number.ok() ? *number : "refused: " + number.status().ToString();
  }
  Status SetThreshold(int64_t threshold) {
    return Run(ChangeSettings(
        [threshold](Settings& s, std::vector<FieldError>&) { s.waybill_low_threshold = threshold; },
        Context(), std::make_shared<SettingsOutcome>()));
  }
};

TEST_F(WaybillsTest, ARangeIsLoadedForAConfiguredCarrierAndNeverOverlapsAnother) {
  auto loaded = TryLoad("zto", 731000000001, 731000000100);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->carrier, "ZTO") << "stored as the carrier rules spell it";
  EXPECT_EQ(loaded->digits, 12);
  const Status unknown = TryLoad("ZT0", 1, 10).status();
  ASSERT_EQ(unknown.kind(), Kind::kInvalid);
  EXPECT_EQ(unknown.field_errors().at(0).code, Code::kUnknownCarrier);
  EXPECT_EQ(TryLoad("ZTO", 731000000100, 731000000200).status().code(), Code::kAlreadyExists);
  EXPECT_TRUE(TryLoad("ZTO", 731000000101, 731000000200).ok());
  EXPECT_TRUE(TryLoad("SF", 731000000001, 731000000100).ok()) << "another carrier's numbers";
  auto audit = reads().ListAudit("waybill_range", std::to_string(loaded->id), 0, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].action, "load");
}

TEST_F(WaybillsTest, NumbersAreDrawnInOrderNeverTwiceUntilTheCarrierRunsOut) {
  ASSERT_TRUE(TryLoad("SF", 1, 3, "SF").ok());
  EXPECT_EQ(Drawn("SF", 11), "SF1");
  // Staff scanned a pre-printed waybill carrying the next number: it is skipped.
  ASSERT_TRUE(Run([&](WriteTx& tx) {
                return RegisterWaybill(tx, "SF", "SF2", 12, 1, "staff", Context().Now());
              }).ok());
  EXPECT_EQ(Drawn("SF", 13), "SF3");
  const Status none = Draw("SF", 14).status();
  EXPECT_EQ(none.code(), Code::kNoWaybillNumbers);
  EXPECT_NE(none.message().find("load the next range"), std::string::npos) << none.message();
  EXPECT_EQ(Run([&](WriteTx& tx) {
              return RegisterWaybill(tx, "SF", "SF1", 15, 1, "staff", Context().Now());
            }).code(),
            Code::kAlreadyExists)
      << "a number issued once is never issued again";
  ASSERT_TRUE(TryLoad("SF", 4, 5, "SF").ok());
  EXPECT_EQ(Drawn("SF", 14), "SF4") << "the next range takes over";
}

TEST_F(WaybillsTest, TheCarrierIsFlaggedOnceAsItsNumbersRunLow) {
  ASSERT_TRUE(SetThreshold(2).ok());
  ASSERT_TRUE(TryLoad("ZTO", 1, 4).ok());
  std::vector<WaybillStock> low;
  ASSERT_TRUE(Draw("ZTO", 1, &low).ok());
  EXPECT_TRUE(low.empty()) << "3 left: above the threshold";
  ASSERT_TRUE(Draw("ZTO", 2, &low).ok());
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ((std::tuple{low[0].carrier, low[0].remaining, low[0].low()}),
            (std::tuple{std::string("ZTO"), int64_t{2}, true}));
  ASSERT_TRUE(Draw("ZTO", 3, &low).ok());
  EXPECT_EQ(low[0].remaining, 1);
  auto audit = reads().ListAudit("waybill_stock", "ZTO", 0, 10);
  ASSERT_TRUE(audit.ok());
  EXPECT_EQ(audit->size(), 1u) << "the crossing is recorded once";
  auto stocks = ListWaybillStocks(reads());
  ASSERT_TRUE(stocks.ok());
  auto zto = std::find_if(stocks->begin(), stocks->end(),
                          [](const WaybillStock& s) { return s.carrier == "ZTO"; });
  ASSERT_NE(zto, stocks->end());
  EXPECT_EQ(zto->remaining, 1);
  EXPECT_TRUE(zto->low());
}

TEST_F(WaybillsTest, AWaveLeavesOutTheOrdersWhoseCarrierHasNoNumbersAndSaysSo) {
  ASSERT_TRUE(TryLoad("ZTO", 1, 1, "ZTO").ok());
  const Order first = PaidAndApproved({{"TEA", 1}});
  const Order second = PaidAndApproved({{"TEA", 1}});
  auto out = std::make_shared<WaveOutcome>();
  ASSERT_TRUE(Run(CreateWave({"SH-01", 10, ""}, Context("user:wang"), out)).ok());
  ASSERT_EQ(out->parcels.size(), 1u);
  EXPECT_EQ(out->parcels[0].order_no, first.order_no);
  EXPECT_EQ(out->parcels[0].tracking_no, "ZTO1");
  ASSERT_EQ(out->wave.left_out.size(), 1u);
  EXPECT_EQ(out->wave.left_out[0].order_no, second.order_no);
  EXPECT_EQ(out->wave.left_out[0].code, Code::kNoWaybillNumbers);
  ASSERT_EQ(out->waybills_low.size(), 1u) << "the wave warns that ZTO ran out";
  EXPECT_EQ(out->waybills_low[0].remaining, 0);
  EXPECT_EQ(Load(second.order_no).status, OrderStatus::kAwaitingFulfillment);
  EXPECT_TRUE(Parcels(second.order_no).empty()) << "nothing of it was kept";
}

// A carrier's e-waybill system, answering from a list.
class FakeCarrier : public CarrierAdapter {
 public:
  std::string carrier() const override { return "SF"; }
  Result<std::string> RequestWaybill(const WaybillRequest& request) override {
    requests.push_back(request);
    if (down) {
      return Status::Unavailable("the carrier does not answer");
    }
    return "SF" + std::to_string(9000 + requests.size());
  }
  std::vector<WaybillRequest> requests;
  bool down = false;
};

TEST_F(WaybillsTest, ACarrierWithAnAdapterIssuesItsOwnNumbersOffTheWriter) {
  auto adapter = std::make_shared<FakeCarrier>();
  CarrierAdapters adapters;
  adapters.Add(adapter);
  CommandContext context = Context("user:wang");
  context.carrier_adapters = &adapters;
  const Order order = PaidAndApproved({{"TEA", 2}}, "express");
  auto wave = std::make_shared<WaveOutcome>();
  ASSERT_TRUE(Run(CreateWave({"SH-01", 10, "SF"}, context, wave)).ok());
  ASSERT_EQ(wave->parcels.size(), 1u);
  EXPECT_EQ(wave->parcels[0].tracking_no, "") << "waiting for the carrier's number";
  EXPECT_TRUE(adapter->requests.empty()) << "the writer never calls the carrier";

  adapter->down = true;
  auto fetched = FetchCarrierWaybills(*store_, adapters, context, 10);
  ASSERT_TRUE(fetched.ok());
  EXPECT_EQ(*fetched, 0) << "an unreachable carrier leaves the parcel waiting";
  adapter->down = false;
  fetched = FetchCarrierWaybills(*store_, adapters, context, 10);
  ASSERT_TRUE(fetched.ok());
  EXPECT_EQ(*fetched, 1);
  ASSERT_EQ(adapter->requests.size(), 2u);
  const WaybillRequest& asked = adapter->requests.back();
  // The carrier is told what it will weigh: the goods (1000 g) in the default packaging (50 g).
  EXPECT_EQ(
      (std::tuple{asked.order_no, asked.warehouse, asked.province, asked.weight_g}),
      (std::tuple{order.order_no, std::string("SH-01"), std::string("上海市"), int64_t{1050}}));
  EXPECT_EQ(Parcels(order.order_no).at(0).tracking_no, "SF9002");
  EXPECT_EQ(*FetchCarrierWaybills(*store_, adapters, context, 10), 0) << "asked once";

  // A parcel in two boxes: the carrier numbers each box.
  AddSku("DRUM", 23500);
  Receive("SH-01", "DRUM", 4);
  const Order heavy = PaidAndApproved({{"DRUM", 4}});
  ASSERT_TRUE(Run(CreateWave({"SH-01", 10, "SF"}, context, std::make_shared<WaveOutcome>())).ok());
  EXPECT_EQ(Parcels(heavy.order_no).at(0).waybills_missing(), 2);
  EXPECT_EQ(*FetchCarrierWaybills(*store_, adapters, context, 10), 1);
  const Shipment boxes = Parcels(heavy.order_no).at(0);
  ASSERT_EQ(boxes.boxes.size(), 2u);
  EXPECT_EQ((std::pair{boxes.boxes[0].tracking_no, boxes.boxes[1].tracking_no}),
            (std::pair{std::string("SF9003"), std::string("SF9004")}));
  EXPECT_EQ(boxes.tracking_no, "SF9003");
  EXPECT_EQ(adapter->requests.back().box_no, 2);
}

}  // namespace
}  // namespace ordo::app
