#include "domain/fulfillment/waybill.h"

#include <gtest/gtest.h>

#include <tuple>

#include "domain/fulfillment/carrier.h"

namespace ordo {
namespace {

WaybillRange Range(std::string carrier, std::string prefix, int64_t first, int64_t last,
                   int digits = 0) {
  WaybillRange range;
  range.carrier = std::move(carrier);
  range.prefix = std::move(prefix);
  range.first_no = first;
  range.last_no = last;
  range.digits = digits;
  return range;
}

TEST(WaybillRange, PrintsThePrefixAndTheZeroPaddedNumber) {
  WaybillRange range = Range("SF", "SF", 1, 5000, 13);
  ASSERT_TRUE(PrepareWaybillRange(range).ok());
  EXPECT_EQ(range.Format(42), "SF0000000000042");
  EXPECT_EQ(range.next_no, 1) << "the first number is handed out first";
  EXPECT_EQ(range.remaining(), 5000);
  range.next_no = 5001;
  EXPECT_EQ(range.remaining(), 0);
}

TEST(WaybillRange, DigitsDefaultToTheWidthOfTheLastNumber) {
  WaybillRange range = Range("ZTO", "", 731000000001, 731000000100);
  ASSERT_TRUE(PrepareWaybillRange(range).ok());
  EXPECT_EQ(range.digits, 12);
  EXPECT_EQ(range.Format(731000000001), "731000000001");
}

TEST(WaybillRange, ABadRangeIsRefusedNamingEachField) {
  WaybillRange range = Range("", "sf-", 10, 5, 2);
  range.note = std::string(501, 'x');
  const Status status = PrepareWaybillRange(range);
  ASSERT_EQ(status.kind(), Kind::kInvalid);
  std::vector<std::string> fields;
  for (const FieldError& error : status.field_errors()) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"carrier", "prefix", "last_no", "note"}));
  WaybillRange narrow = Range("SF", "SF", 1, 1000, 3);
  EXPECT_EQ(PrepareWaybillRange(narrow).field_errors().at(0).field, "digits");
  WaybillRange huge = Range("SF", "SF", 1, kMaxWaybillRangeSize + 1);
  EXPECT_EQ(PrepareWaybillRange(huge).field_errors().at(0).field, "last_no");
  WaybillRange long_digits = Range("SF", "SF", 1, 10, 19);
  EXPECT_EQ(PrepareWaybillRange(long_digits).field_errors().at(0).field, "digits");
}

TEST(WaybillRange, RangesOverlapOnlyWhenTheyPrintTheSameNumbers) {
  const WaybillRange a = Range("SF", "SF", 100, 199, 13);
  EXPECT_TRUE(WaybillRangesOverlap(a, Range("SF", "SF", 199, 300, 13)));
  EXPECT_FALSE(WaybillRangesOverlap(a, Range("SF", "SF", 200, 300, 13)));
  EXPECT_FALSE(WaybillRangesOverlap(a, Range("SF", "SX", 100, 199, 13)));
  EXPECT_FALSE(WaybillRangesOverlap(a, Range("JD", "SF", 100, 199, 13)));
}

TEST(WaybillStocks, SumEachCarriersNumbersLeftAndFlagThemLow) {
  WaybillRange used = Range("SF", "SF", 1, 10, 13);
  used.next_no = 11;
  WaybillRange sf = Range("SF", "SF", 11, 60, 13);
  sf.next_no = 11;
  WaybillRange zto = Range("ZTO", "", 1, 1000, 12);
  zto.next_no = 1;
  const auto stocks = WaybillStocks({"ZTO", "SF", "JD"}, {used, sf, zto}, 100);
  ASSERT_EQ(stocks.size(), 3u);
  EXPECT_EQ((std::tuple{stocks[0].carrier, stocks[0].remaining, stocks[0].low()}),
            (std::tuple{std::string("ZTO"), int64_t{1000}, false}));
  EXPECT_EQ((std::tuple{stocks[1].remaining, stocks[1].ranges, stocks[1].low()}),
            (std::tuple{int64_t{50}, 1, true}));
  EXPECT_EQ(stocks[2].remaining, 0) << "a carrier without a range has nothing";
  EXPECT_TRUE(stocks[2].low());
}

TEST(ConfiguredCarrier, MatchesTheConfiguredCodesWithoutRegardToCase) {
  const std::vector<CarrierRule> rules = DefaultCarrierRules();
  EXPECT_EQ(ConfiguredCarrier(rules, "zto"), "ZTO");
  EXPECT_EQ(ConfiguredCarrier(rules, "Sf"), "SF");
  EXPECT_FALSE(ConfiguredCarrier(rules, "ZT0")) << "a zero is not an O";
  EXPECT_FALSE(ConfiguredCarrier(rules, ""));
  EXPECT_EQ(ConfiguredCarriers(rules), (std::vector<std::string>{"ZTO", "YTO", "JD", "SF"}));
}

}  // namespace
}  // namespace ordo
