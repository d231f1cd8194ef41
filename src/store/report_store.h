// The summary rows reports read (domain.md DAT-3, CS-4, AUD-3). The store keeps them as the data
// changes, in the transaction of each change (sqlite: triggers), so a report's cost depends on the
// days, channels and provinces it covers, never on the number of orders.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordo {

// Both ends included, China dates "YYYY-MM-DD".
struct ReportPeriod {
  std::string from_day;
  std::string to_day;
};

enum class SalesDimension { kDay, kHour, kChannel, kProvince, kSku };

// Orders placed in the period, grouped. `key` is the day, the hour ("00".."23"), the channel,
// the province or the SKU. For kSku, `orders` counts the orders with a line of the SKU, `amount`
// the lines' amount as ordered and `quantity` their units; the cancelled figures are 0.
struct SalesFigures {
  std::string key;
  int64_t orders = 0;
  int64_t amount = 0;  // fen
  int64_t cancelled_orders = 0;
  int64_t cancelled_amount = 0;  // fen
  int64_t quantity = 0;
};

// A counter kept per metric, day and dimension: "after_sales_reason", "after_sales_sku",
// "after_sales_carrier", "refund_reason", "anomaly_type", "anomaly_root_cause",
// "complaint_category", "review_time" and "ship_time" (the band, with the minutes summed in
// `amount`). For the others `amount` is fen (requested, refunded, or the lines' value).
struct CountFigures {
  std::string key;
  int64_t count = 0;
  int64_t amount = 0;
};

// Thread-safe, like ReadView.
class ReportReadView {
 public:
  virtual ~ReportReadView() = default;
  // Sorted by key.
  virtual Result<std::vector<SalesFigures>> Sales(SalesDimension by,
                                                  const ReportPeriod& period) = 0;
  // The counters of `metric` in the period by dimension, or by day (`by_day`); sorted by key.
  virtual Result<std::vector<CountFigures>> Counts(std::string_view metric, bool by_day,
                                                   const ReportPeriod& period) = 0;
};

}  // namespace ordo
