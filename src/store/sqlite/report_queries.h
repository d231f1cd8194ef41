// The SQL of reports (store/report_store.h): sums over the summary rows the triggers of
// migration 25 ("report_…") keep, read through their primary keys by day.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "domain/order/order.h"
#include "store/report_store.h"
#include "store/sqlite/db.h"

namespace ordo::sqlite {

// What the orders the writer placed since the last fold add to report_sales and
// report_sales_sku, summed in memory as they are inserted, so that a fold writes the sums instead
// of reading every order's document back. It is trusted only when it covers exactly the orders
// after the fold mark: it starts at a fold (Restart), the orders of a rolled-back command or
// savepoint are taken out (Mark / Truncate), and after a failed commit, or a write by another
// process, it is forgotten and the next fold reads the orders instead.
class PlacedOrdersTally {
 public:
  // An order inserted in the current transaction.
  void Add(const Order& order);
  // Orders placed since `mark` were rolled back.
  size_t Mark() const { return placed_.size(); }
  void Truncate(size_t mark) {
    if (mark < placed_.size()) {
      placed_.resize(mark);
    }
  }
  void Forget() {
    base_.reset();
    placed_.clear();
    sales_.clear();
    lines_.clear();
  }
  // The transaction's orders join the sums. Called before its commit: a failed commit forgets
  // the tally.
  void Settle();
  // False until the first fold, and after Forget.
  bool Counting() const { return base_.has_value(); }
  // Counts from the fold mark `last_id` on, nothing placed yet.
  void Restart(int64_t last_id);
  // True when the sums are exactly those of the orders with from < id <= to.
  bool Covers(int64_t from, int64_t to);
  // Adds the sums to the summary rows (report_sales, report_sales_sku).
  Status Write(Connection& conn);

 private:
  struct PlacedLine {
    std::string sku;
    int64_t quantity;
    int64_t amount;
  };
  struct PlacedOrder {
    int64_t id;
    int32_t date;
    int32_t hour;
    std::string channel;
    std::string province;
    int64_t amount;
    std::vector<PlacedLine> lines;
  };
  struct Sum {
    int64_t count = 0;
    int64_t quantity = 0;
    int64_t amount = 0;
  };
  std::optional<int64_t> base_;  // the fold mark the sums count from; none: not known
  int64_t last_id_ = 0;          // the greatest order id summed
  std::vector<PlacedOrder> placed_;  // this transaction's orders, until the fold settles them
  std::map<std::tuple<int32_t, int32_t, std::string, std::string>, Sum> sales_;
  std::map<std::tuple<int32_t, std::string, std::string>, Sum> lines_;
};

// Folds the orders and order events written since the last fold (report_marks) into the
// summary rows, in the caller's transaction (the writer's), and moves the marks: orders placed
// (report_sales, report_sales_sku), orders cancelled or closed, orders leaving review (the time
// since they entered it) and parcels shipped (the time since payment, or acceptance for cash on
// delivery). A few grouped statements over id ranges, whatever the number of rows, so the writer
// folds in large passes (when idle, or every kFoldThreshold writes) instead of paying per order;
// the orders placed come from `tally` when it covers them (it is restarted at the new mark).
// Returns the number of orders and events folded.
Result<int64_t> FoldReports(Connection& conn, PlacedOrdersTally* tally = nullptr);
// The writes after which the writer folds even when it is busy.
inline constexpr int64_t kFoldThreshold = 20000;

using ReportConnection = std::function<Status(const std::function<Status(Connection&)>&)>;

class ReportReader final : public ReportReadView {
 public:
  explicit ReportReader(ReportConnection with) : with_(std::move(with)) {}

  Result<std::vector<SalesFigures>> Sales(SalesDimension by, const ReportPeriod& period) override;
  Result<std::vector<CountFigures>> Counts(std::string_view metric, bool by_day,
                                           const ReportPeriod& period) override;

 private:
  ReportConnection with_;
};

}  // namespace ordo::sqlite
