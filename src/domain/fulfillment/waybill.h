// Waybill numbers (电子面单号): the tracking number printed on a parcel's label comes from its
// carrier and is never made up. Either the carrier's own system hands out each number (a
// carrier adapter, app/waybills.h), or the carrier has allotted the shipper a range of numbers
// that the operator loads (WaybillRange) and the writer hands out one by one, in order, never
// twice. As a carrier's numbers run low it is flagged, so the next range is asked for in time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace ordo {

// A range of waybill numbers a carrier allotted: the numbers first..last, each printed as
// `prefix` then the number zero-padded to `digits` digits ("SF" + 0001400000001).
struct WaybillRange {
  int64_t id = 0;  // assigned by the store
  std::string carrier;
  std::string prefix;  // printed before the digits; may be empty
  int64_t first_no = 0;
  int64_t last_no = 0;
  int64_t next_no = 0;  // the next number to hand out; last_no + 1 once used up
  int digits = 0;       // 0 when loaded: the width of last_no
  Timestamp loaded_at;
  std::string loaded_by;
  std::string note;

  int64_t remaining() const { return next_no > last_no ? 0 : last_no - next_no + 1; }
  // The waybill number `number` (first_no..last_no) as printed.
  std::string Format(int64_t number) const;
};

// The largest range one load may hold.
constexpr int64_t kMaxWaybillRangeSize = 10'000'000;

// Checks a range as the operator loads it and completes it (digits defaulted to the width of
// last_no, next_no set to first_no). Field errors, all at once, named as the API's: carrier
// required; prefix at most 8 characters of A-Z 0-9; first_no >= 0 and last_no >= first_no, at
// most kMaxWaybillRangeSize numbers; digits 1..18 and wide enough for last_no (a number is
// thus at most 26 characters); note at most 500 bytes.
Status PrepareWaybillRange(WaybillRange& range);

// Whether `a` and `b` (of one carrier) print some number alike: the same prefix and width, and
// overlapping numbers.
bool WaybillRangesOverlap(const WaybillRange& a, const WaybillRange& b);

// How many numbers a carrier has left across its ranges, against the warning threshold.
struct WaybillStock {
  std::string carrier;
  int64_t remaining = 0;
  int64_t threshold = 0;  // settings waybill_low_threshold
  int ranges = 0;         // ranges with numbers left
  bool low() const { return remaining <= threshold; }
};

// The stock of each carrier in `carriers` from `ranges` (any order), in the order of `carriers`.
std::vector<WaybillStock> WaybillStocks(const std::vector<std::string>& carriers,
                                        const std::vector<WaybillRange>& ranges, int64_t threshold);

}  // namespace ordo
