#include "app/reports.h"

#include <algorithm>
#include <map>

namespace ordo::app {
namespace {

const std::map<std::string, std::string, std::less<>>& KeyHeaders() {
  static const std::map<std::string, std::string, std::less<>> kHeaders = {
      {"day", "日期 day"},           {"hour", "时段 hour"},
      {"channel", "渠道 channel"},   {"store", "店铺 store"},
      {"province", "省份 province"}, {"sku", "商品 SKU"},
      {"reason", "原因 reason"},     {"carrier", "承运商 carrier"},
      {"type", "类型 type"},         {"root_cause", "根本原因 root_cause"},
      {"category", "类别 category"}, {"band", "时长区间 band"},
  };
  return kHeaders;
}

int64_t Rate(int64_t part, int64_t whole) {
  return whole > 0 ? part * 10000 / whole : 0;
}

// The orders placed in the period, by day, for rates.
Result<std::map<std::string, int64_t>> OrdersByDay(ReadView& reads, const ReportPeriod& period) {
  ORDO_ASSIGN_OR_RETURN(std::vector<SalesFigures> days,
                        reads.reports().Sales(SalesDimension::kDay, period));
  std::map<std::string, int64_t> orders;
  for (const SalesFigures& day : days) {
    orders[day.key] = day.orders;
  }
  return orders;
}

Result<Report> SalesReport(ReadView& reads, Report report) {
  static const std::map<std::string, SalesDimension, std::less<>> kBy = {
      {"day", SalesDimension::kDay},           {"hour", SalesDimension::kHour},
      {"channel", SalesDimension::kChannel},   {"store", SalesDimension::kChannel},
      {"province", SalesDimension::kProvince}, {"sku", SalesDimension::kSku}};
  const SalesDimension by = kBy.at(report.group_by);
  ORDO_ASSIGN_OR_RETURN(std::vector<SalesFigures> figures,
                        reads.reports().Sales(by, report.period));
  if (by == SalesDimension::kSku) {
    report.columns = {{"orders", "订单数 orders", FigureKind::kCount},
                      {"quantity", "件数 quantity", FigureKind::kCount},
                      {"amount", "销售额 amount", FigureKind::kMoney}};
  } else {
    report.columns = {{"orders", "订单数 orders", FigureKind::kCount},
                      {"amount", "销售额 amount", FigureKind::kMoney},
                      {"cancelled_orders", "取消订单数 cancelled_orders", FigureKind::kCount},
                      {"cancelled_amount", "取消金额 cancelled_amount", FigureKind::kMoney},
                      {"net_amount", "净销售额 net_amount", FigureKind::kMoney}};
  }
  for (const SalesFigures& f : figures) {
    if (by == SalesDimension::kSku) {
      report.rows.push_back({f.key, {f.orders, f.quantity, f.amount}});
    } else {
      report.rows.push_back({f.key,
                             {f.orders, f.amount, f.cancelled_orders, f.cancelled_amount,
                              f.amount - f.cancelled_amount}});
    }
  }
  report.totals.assign(report.columns.size(), 0);
  for (const ReportRow& row : report.rows) {
    for (size_t i = 0; i < row.values.size(); ++i) {
      report.totals[i] += row.values[i];
    }
  }
  if (by == SalesDimension::kSku) {
    report.totals[0] = 0;  // an order with several SKUs is in several rows: no honest total
  }
  return report;
}

struct CountReportSpec {
  std::string metric;      // by the report's own dimension
  std::string count_name;  // "cases", "refunds", …
  std::string count_header;
  std::string amount_name;  // "" when the metric keeps no amount
  std::string amount_header;
  FigureKind amount_kind = FigureKind::kMoney;
  bool rate_of_orders = false;  // adds rate_bp: count per 10,000 orders placed
  bool share = false;           // adds share_bp: the row's part of the total count
};

const CountReportSpec& SpecOf(std::string_view name, std::string_view group_by) {
  static const std::map<std::string, CountReportSpec, std::less<>> kSpecs = {
      {"after-sales/reason",
       {"after_sales_reason", "cases", "售后单数 cases", "amount", "申请金额 amount",
        FigureKind::kMoney, true, false}},
      {"after-sales/sku",
       {"after_sales_sku", "cases", "售后单数 cases", "amount", "商品金额 amount",
        FigureKind::kMoney, true, false}},
      {"after-sales/carrier",
       {"after_sales_carrier", "cases", "售后单数 cases", "amount", "申请金额 amount",
        FigureKind::kMoney, true, false}},
      {"refunds/reason",
       {"refund_reason", "refunds", "退款笔数 refunds", "amount", "退款金额 amount",
        FigureKind::kMoney, true, false}},
      {"anomalies/type", {"anomaly_type", "cases", "异常单数 cases", "", "", {}, false, true}},
      {"anomalies/root_cause",
       {"anomaly_root_cause", "cases", "异常单数 cases", "", "", {}, false, true}},
      {"feedback/category",
       {"complaint_category", "complaints", "投诉数 complaints", "", "", {}, false, true}},
      {"review-time/band",
       {"review_time", "orders", "订单数 orders", "average_minutes", "平均分钟 average_minutes",
        FigureKind::kMinutes, false, true}},
      {"shipping-time/band",
       {"ship_time", "parcels", "包裹数 parcels", "average_minutes", "平均分钟 average_minutes",
        FigureKind::kMinutes, false, true}},
  };
  const ReportInfo* info = FindReport(name);
  const std::string dimension = group_by == "day" ? info->group_by.front() : std::string(group_by);
  return kSpecs.at(std::string(name) + "/" + dimension);
}

Result<Report> CountReport(ReadView& reads, Report report) {
  const bool by_day = report.group_by == "day";
  const CountReportSpec& spec = SpecOf(report.name, report.group_by);
  ORDO_ASSIGN_OR_RETURN(std::vector<CountFigures> figures,
                        reads.reports().Counts(spec.metric, by_day, report.period));
  report.columns.push_back({spec.count_name, spec.count_header, FigureKind::kCount});
  if (!spec.amount_name.empty()) {
    report.columns.push_back({spec.amount_name, spec.amount_header, spec.amount_kind});
  }
  std::map<std::string, int64_t> orders_by_day;
  int64_t orders = 0;
  if (spec.rate_of_orders) {
    report.columns.push_back({"rate_bp", "占订单比例(万分比) rate_bp", FigureKind::kBasisPoints});
    ORDO_ASSIGN_OR_RETURN(orders_by_day, OrdersByDay(reads, report.period));
    for (const auto& [day, count] : orders_by_day) {
      orders += count;
    }
  }
  if (spec.share) {
    report.columns.push_back({"share_bp", "占比(万分比) share_bp", FigureKind::kBasisPoints});
  }
  int64_t total_count = 0;
  int64_t total_amount = 0;
  for (const CountFigures& f : figures) {
    total_count += f.count;
    total_amount += f.amount;
  }
  const auto figures_of = [&](int64_t count, int64_t amount, int64_t base) {
    std::vector<int64_t> values = {count};
    if (spec.amount_kind == FigureKind::kMinutes && !spec.amount_name.empty()) {
      values.push_back(count > 0 ? amount / count : 0);
    } else if (!spec.amount_name.empty()) {
      values.push_back(amount);
    }
    if (spec.rate_of_orders) {
      values.push_back(Rate(count, base));
    }
    if (spec.share) {
      values.push_back(Rate(count, total_count));
    }
    return values;
  };
  for (const CountFigures& f : figures) {
    const int64_t base = by_day ? orders_by_day[f.key] : orders;
    report.rows.push_back({f.key, figures_of(f.count, f.amount, base)});
  }
  report.totals = figures_of(total_count, total_amount, orders);
  return report;
}

}  // namespace

const std::vector<ReportInfo>& ReportCatalogue() {
  static const std::vector<ReportInfo> kReports = {
      {"sales",
       {"day", "hour", "channel", "store", "province", "sku"},
       "orders placed and their amount, with those since cancelled or closed"},
      {"after-sales",
       {"reason", "sku", "carrier", "day"},
       "after-sales cases opened, and their rate per 10,000 orders placed in the period"},
      {"refunds", {"reason", "day"}, "refunds created by cause, and their rate per 10,000 orders"},
      {"review-time",
       {"band", "day"},
       "orders leaving review, by the time they waited since payment"},
      {"shipping-time",
       {"band", "day"},
       "parcels shipped, by the time since payment (acceptance for cash on delivery)"},
      {"anomalies",
       {"type", "root_cause", "day"},
       "abnormal cases opened by type; resolved by root cause"},
      {"feedback", {"category", "day"}, "customer complaints by category"},
  };
  return kReports;
}

const ReportInfo* FindReport(std::string_view name) {
  for (const ReportInfo& info : ReportCatalogue()) {
    if (info.name == name) {
      return &info;
    }
  }
  return nullptr;
}

Result<Report> BuildReport(ReadView& reads, std::string_view name, std::string_view group_by,
                           const ReportPeriod& period) {
  const ReportInfo* info = FindReport(name);
  if (info == nullptr) {
    return Status::NotFound("no report " + std::string(name));
  }
  Report report;
  report.name = info->name;
  report.group_by = group_by.empty() ? info->group_by.front() : std::string(group_by);
  if (std::find(info->group_by.begin(), info->group_by.end(), report.group_by) ==
      info->group_by.end()) {
    std::string known;
    for (const std::string& option : info->group_by) {
      known += (known.empty() ? "" : ", ") + option;
    }
    return Status::Invalid("group_by", Code::kInvalidValue,
                           "the report " + info->name + " groups by " + known);
  }
  report.period = period;
  report.key_header = KeyHeaders().at(report.group_by);
  if (report.name == "sales") {
    return SalesReport(reads, std::move(report));
  }
  return CountReport(reads, std::move(report));
}

Status WriteReport(const Report& report, tables::TableWriter& writer) {
  std::vector<tables::Column> columns = {{report.key_header, tables::CellType::kCode, 16}};
  for (const ReportColumn& column : report.columns) {
    columns.push_back(
        {column.header,
         column.kind == FigureKind::kMoney ? tables::CellType::kMoney : tables::CellType::kInteger,
         16});
  }
  ORDO_RETURN_IF_ERROR(writer.Begin(columns));
  for (const ReportRow& row : report.rows) {
    std::vector<tables::Cell> cells = {tables::Cell::Text(row.key)};
    for (int64_t value : row.values) {
      cells.push_back(tables::Cell::Number(value));
    }
    ORDO_RETURN_IF_ERROR(writer.Row(cells));
  }
  std::vector<tables::Cell> totals = {tables::Cell::Text("合计 total")};
  for (int64_t value : report.totals) {
    totals.push_back(tables::Cell::Number(value));
  }
  ORDO_RETURN_IF_ERROR(writer.Row(totals));
  return writer.Finish();
}

WriteFn RecordReadAccess(AuditEntry entry) {
  return [entry = std::move(entry)](WriteTx& tx) { return tx.RecordAudit(entry); };
}

}  // namespace ordo::app
