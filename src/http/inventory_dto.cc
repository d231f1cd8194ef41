#include "http/inventory_dto.h"

#include <charconv>

#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

json::value OptionalTime(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

json::object AlertToJson(const StockAlert& alert) {
  json::object object{{"sku", alert.sku},
                      {"kind", alert.kind},
                      {"on_hand", alert.on_hand},
                      {"reserved", alert.reserved},
                      {"available", alert.available},
                      {"low_stock_threshold", alert.threshold},
                      {"quantity_waiting", alert.waiting}};
  if (!alert.warehouse.empty()) {
    object["warehouse"] = alert.warehouse;
  }
  if (!alert.detail.empty()) {
    object["detail"] = alert.detail;
  }
  return object;
}

}  // namespace

json::object StockCheckToJson(const StockCheckReport& report) {
  json::array differences;
  for (const StockDifference& d : report.differences) {
    json::object object{{"sku", d.sku},
                        {"warehouse", d.warehouse},
                        {"check", d.check},
                        {"expected", d.expected},
                        {"actual", d.actual}};
    if (!d.order_no.empty()) {
      object["order_no"] = d.order_no;
    }
    differences.push_back(std::move(object));
  }
  return json::object{{"ok", report.differences.empty()},
                      {"levels", report.levels},
                      {"ledger_entries", report.ledger_entries},
                      {"order_holds", report.orders_holding},
                      {"differences", std::move(differences)}};
}

json::object AlertsToJson(const std::vector<StockAlert>& alerts) {
  json::array low;
  json::array zero;
  json::array defects;
  for (const StockAlert& alert : alerts) {
    if (alert.kind == "low_stock") {
      low.push_back(AlertToJson(alert));
    } else if (alert.kind == "zero_stock") {
      zero.push_back(AlertToJson(alert));
    } else {
      defects.push_back(AlertToJson(alert));
    }
  }
  return json::object{{"low_stock", std::move(low)},
                      {"zero_stock", std::move(zero)},
                      {"orderable_defects", std::move(defects)}};
}

json::object WarehouseRuleToJson(const WarehouseRule& rule) {
  json::array regions;
  for (const auto& [province, rank] : rule.regions) {
    regions.push_back(json::object{{"province", province}, {"rank", rank}});
  }
  return json::object{{"warehouse", rule.code},
                      {"province", rule.province},
                      {"city", rule.city},
                      {"priority", rule.priority},
                      {"regions", std::move(regions)}};
}

json::object WaitingLineToJson(const WaitingLine& line, Timestamp now) {
  return json::object{
      {"order_no", line.order_no},
      {"channel", line.channel},
      {"line_no", line.line_no},
      {"sku", line.sku},
      {"warehouse", line.warehouse},
      {"quantity_backordered", line.quantity},
      {"priority", line.priority},
      {"order_created_at", FormatRfc3339(line.order_created_at)},
      {"age_seconds", std::max<int64_t>(0, (now.unix_ms - line.order_created_at.unix_ms) / 1000)},
      {"any_warehouse", line.any_warehouse},
      {"reason", line.reason},
      {"expected_restock_at", OptionalTime(line.expected_restock_at)}};
}

json::object ReplenishmentToJson(const ReplenishmentRequest& request,
                                 std::optional<Quantity> waiting) {
  json::object object{{"id", request.id},
                      {"sku", request.sku},
                      {"warehouse", request.warehouse},
                      {"quantity", request.quantity},
                      {"status", ReplenishmentStatusName(request.status)},
                      {"expected_at", OptionalTime(request.expected_at)},
                      {"note", request.note},
                      {"created_at", FormatRfc3339(request.created_at)},
                      {"created_by", request.created_by},
                      {"updated_at", FormatRfc3339(request.updated_at)},
                      {"updated_by", request.updated_by},
                      {"closed_at", OptionalTime(request.closed_at)},
                      {"closed_by", request.closed_by}};
  if (waiting) {
    object["quantity_waiting"] = *waiting;
  }
  return object;
}

json::object RefundToJson(const Refund& refund) {
  return json::object{
      {"id", refund.id},
      {"order_no", refund.order_no},
      {"amount", refund.amount},
      {"reason", RefundCauseName(refund.cause)},
      {"note", refund.note},
      {"status", RefundStatusName(refund.status)},
      {"lines", refund.lines},
      {"after_sales_id",
       refund.after_sales_id == 0 ? json::value(nullptr) : json::value(refund.after_sales_id)},
      {"approval", RefundApprovalName(refund.approval)},
      {"decided_by", refund.decided_by},
      {"decided_at", OptionalTime(refund.decided_at)},
      {"decision_note", refund.decision_note},
      {"executed_at", OptionalTime(refund.executed_at)},
      {"executed_by", refund.executed_by},
      {"provider_ref", refund.provider_ref},
      {"failure_reason", refund.failure_reason},
      {"created_at", FormatRfc3339(refund.created_at)},
      {"created_by", refund.created_by}};
}

json::object StocktakeToJson(const Stocktake& stocktake) {
  json::array lines;
  Quantity counted_lines = 0;
  for (const StocktakeLine& line : stocktake.lines) {
    counted_lines += line.counted ? 1 : 0;
    lines.push_back(json::object{
        {"sku", line.sku},
        {"counted", line.counted ? json::value(*line.counted) : json::value(nullptr)},
        {"on_hand_at_count", line.counted ? json::value(line.book_on_hand) : json::value(nullptr)},
        {"reserved_at_count",
         line.counted ? json::value(line.book_reserved) : json::value(nullptr)},
        {"variance", line.counted ? json::value(line.variance()) : json::value(nullptr)},
        {"counted_by", line.counted_by},
        {"counted_at", OptionalTime(line.counted_at)},
        {"applied", line.applied}});
  }
  return json::object{{"id", stocktake.id},
                      {"warehouse", stocktake.warehouse},
                      {"scope", stocktake.whole_warehouse ? "warehouse" : "skus"},
                      {"reason", stocktake.reason},
                      {"status", StocktakeStatusName(stocktake.status)},
                      {"lines_counted", counted_lines},
                      {"lines", std::move(lines)},
                      {"created_at", FormatRfc3339(stocktake.created_at)},
                      {"created_by", stocktake.created_by},
                      {"decided_at", OptionalTime(stocktake.decided_at)},
                      {"decided_by", stocktake.decided_by}};
}

Result<LedgerFilter> ParseLedgerFilter(const Request& request, const std::string& sku) {
  LedgerFilter filter;
  filter.sku = sku;
  std::vector<FieldError> errors;
  filter.warehouse = std::string(request.Query("warehouse").value_or(""));
  if (auto type = request.Query("type"); type && !type->empty()) {
    filter.type = ParseMovementTypeName(*type);
    if (!filter.type) {
      errors.push_back({"type", Code::kInvalidValue,
                        "type must be receipt, reservation, release, consumption, return, "
                        "adjustment or stocktake"});
    }
  }
  filter.from = ReadTimeParam(request, "from", errors);
  filter.to = ReadTimeParam(request, "to", errors);
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit;
    filter.after_id = page->after_id;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return filter;
}

std::optional<int64_t> PositiveIdParam(const Request& request) {
  const std::string_view text = request.Param("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

}  // namespace ordo::http
