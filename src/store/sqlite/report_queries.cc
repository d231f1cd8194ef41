#include "store/sqlite/report_queries.h"

namespace ordo::sqlite {
namespace {

// Each statement reads the period's rows through the primary key (day first) and groups them;
// the text is fixed per dimension so that each is prepared, cached and plan-checked once.
const char* SalesSql(SalesDimension by) {
  switch (by) {
    case SalesDimension::kDay:
      return "SELECT day, SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY day ORDER BY day";
    case SalesDimension::kHour:
      return "SELECT printf('%02d', hour), SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY hour ORDER BY hour";
    case SalesDimension::kChannel:
      return "SELECT channel, SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY channel ORDER BY channel";
    case SalesDimension::kProvince:
      return "SELECT province, SUM(orders), SUM(amount), SUM(cancelled_orders), "
             "SUM(cancelled_amount), 0 FROM report_sales WHERE day BETWEEN ?1 AND ?2 "
             "GROUP BY province ORDER BY province";
    case SalesDimension::kSku:
      return "SELECT sku, SUM(orders), SUM(amount), 0, 0, SUM(quantity) FROM report_sales_sku "
             "WHERE day BETWEEN ?1 AND ?2 GROUP BY sku ORDER BY sku";
  }
  return "";
}

}  // namespace

Result<std::vector<SalesFigures>> ReportReader::Sales(SalesDimension by,
                                                      const ReportPeriod& period) {
  return ReadWith<std::vector<SalesFigures>>(
      with_, [&](Connection& conn) -> Result<std::vector<SalesFigures>> {
        ORDO_PREPARE(stmt, conn, std::string(SalesSql(by)));
        stmt->Bind(1, period.from_day).Bind(2, period.to_day);
        return ReadAll<SalesFigures>(*stmt, [](const Statement& row) {
          return SalesFigures{row.Text(0), row.Int(1), row.Int(2),
                              row.Int(3),  row.Int(4), row.Int(5)};
        });
      });
}

Result<std::vector<CountFigures>> ReportReader::Counts(std::string_view metric, bool by_day,
                                                       const ReportPeriod& period) {
  return ReadWith<std::vector<CountFigures>>(
      with_, [&](Connection& conn) -> Result<std::vector<CountFigures>> {
        ORDO_PREPARE(
            stmt, conn,
            std::string(by_day ? "SELECT day, SUM(count), SUM(amount) FROM report_counts "
                                 "WHERE metric = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day "
                                 "ORDER BY day"
                               : "SELECT dimension, SUM(count), SUM(amount) FROM report_counts "
                                 "WHERE metric = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY dimension "
                                 "ORDER BY dimension"));
        stmt->Bind(1, metric).Bind(2, period.from_day).Bind(3, period.to_day);
        return ReadAll<CountFigures>(*stmt, [](const Statement& row) {
          return CountFigures{row.Text(0), row.Int(1), row.Int(2)};
        });
      });
}

}  // namespace ordo::sqlite
