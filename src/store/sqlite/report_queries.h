// The SQL of reports (store/report_store.h): sums over the summary rows the triggers of
// migration 25 ("report_…") keep, read through their primary keys by day.
#pragma once

#include <functional>

#include "store/report_store.h"
#include "store/sqlite/db.h"

namespace ordo::sqlite {

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
