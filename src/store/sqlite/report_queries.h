// The SQL of reports (store/report_store.h): sums over the summary rows the triggers of
// migration 25 ("report_…") keep, read through their primary keys by day.
#pragma once

#include <functional>

#include "store/report_store.h"
#include "store/sqlite/db.h"

namespace ordo::sqlite {

// Folds the orders and order events written since the last fold (report_marks) into the
// summary rows, in the caller's transaction (the writer's), and moves the marks: orders placed
// (report_sales, report_sales_sku), orders cancelled or closed, orders leaving review (the time
// since they entered it) and parcels shipped (the time since payment, or acceptance for cash on
// delivery). A few grouped statements over id ranges, whatever the number of rows, so the writer
// folds in large passes (when idle, or every kFoldThreshold writes) instead of paying per order.
// Returns the number of orders and events folded.
Result<int64_t> FoldReports(Connection& conn);
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
