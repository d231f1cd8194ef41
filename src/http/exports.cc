#include "http/exports.h"

#include "base/json_writer.h"
#include "domain/order/money.h"
#include "http/dto.h"
#include "http/routes.h"

namespace ordo::http {
namespace {

using tables::Cell;
using tables::CellType;
using tables::Column;

constexpr int kPageRows = 500;

struct KindInfo {
  ExportKind kind;
  std::string_view permission;
};

constexpr KindInfo kKinds[] = {
    {ExportKind::kOrders, "orders:read"},         {ExportKind::kOrderLines, "orders:read"},
    {ExportKind::kShipments, "shipments:read"},   {ExportKind::kRefunds, "finance:read"},
    {ExportKind::kAfterSales, "aftersales:read"}, {ExportKind::kStockLedger, "inventory:read"},
    {ExportKind::kAudit, "audit:read"},
};

const KindInfo& InfoOf(ExportKind kind) {
  for (const KindInfo& info : kKinds) {
    if (info.kind == kind) {
      return info;
    }
  }
  return kKinds[0];
}

Status Cancelled() {
  return Status::Unavailable("the export was cancelled");
}

bool IsCancelled(const std::atomic<bool>* cancelled) {
  return cancelled != nullptr && cancelled->load(std::memory_order_relaxed);
}

// Writes the pages `fetch()` returns, a row per item (`row(item)`), until a short page;
// `advance(last)` moves the caller's cursor past a full page's last item. Cancellation is
// checked before each page.
template <typename Fetch, typename MakeRow, typename Advance>
Status WritePages(Fetch fetch, MakeRow row, Advance advance, tables::TableWriter& writer,
                  const std::atomic<bool>* cancelled, int64_t& rows) {
  while (true) {
    if (IsCancelled(cancelled)) {
      return Cancelled();
    }
    ORDO_ASSIGN_OR_RETURN(auto page, fetch());
    for (const auto& item : page) {
      ORDO_RETURN_IF_ERROR(writer.Row(row(item)));
      ++rows;
    }
    if (page.size() < static_cast<size_t>(kPageRows)) {
      return Status::Ok();
    }
    advance(page.back());
  }
}

Cell Text(std::string_view text) {
  return Cell::Text(std::string(text));
}

// The lines as "SKU*quantity*unit price in yuan", joined by ";": what an `ordo` import reads.
std::string LinesText(const Order& order) {
  std::string text;
  for (const OrderLine& line : order.lines) {
    if (!text.empty()) {
      text += ';';
    }
    text += line.sku + "*" + std::to_string(line.quantity) + "*" +
            tables::FormatYuan(line.unit_price_amount);
  }
  return text;
}

std::string AllocationsText(const OrderLine& line) {
  std::string text;
  for (const Allocation& allocation : line.allocations) {
    if (!text.empty()) {
      text += ';';
    }
    text += allocation.warehouse + ":" + std::to_string(allocation.quantity);
  }
  return text;
}

// --- orders: one row per order; the columns an `ordo` import reads back (docs/exports.md) ---

std::vector<Column> OrderColumns() {
  return {{"订单号 order_no", CellType::kCode, 18},
          {"渠道 channel", CellType::kText, 10},
          {"外部单号 external_id", CellType::kCode, 22},
          {"订单状态 status", CellType::kText, 18},
          {"支付状态 payment_status", CellType::kText, 14},
          {"支付方式 payment_method", CellType::kText, 12},
          {"会员号 member_id", CellType::kCode, 14},
          {"买家姓名 customer_name", CellType::kText, 12},
          {"买家电话 customer_phone", CellType::kCode, 14},
          {"收货人 consignee_name", CellType::kText, 12},
          {"收货电话 consignee_phone", CellType::kCode, 14},
          {"省 province", CellType::kText, 10},
          {"市 city", CellType::kText, 10},
          {"区 district", CellType::kText, 10},
          {"详细地址 address_detail", CellType::kText, 30},
          {"商品明细 lines", CellType::kText, 30},
          {"件数 items", CellType::kInteger, 8},
          {"订单金额 total_amount", CellType::kMoney, 12},
          {"已付金额 paid_amount", CellType::kMoney, 12},
          {"已退金额 refunded_amount", CellType::kMoney, 12},
          {"币种 currency", CellType::kText, 8},
          {"配送服务 shipping_service", CellType::kText, 12},
          {"承运商 carrier", CellType::kText, 10},
          {"运单号 tracking_no", CellType::kCode, 18},
          {"买家留言 buyer_note", CellType::kText, 24},
          {"优先级 priority", CellType::kInteger, 8},
          {"下单时间 created_at", CellType::kTime, 20},
          {"付款时间 paid_at", CellType::kTime, 20},
          {"发货时间 shipped_at", CellType::kTime, 20},
          {"签收时间 delivered_at", CellType::kTime, 20},
          {"完结时间 finished_at", CellType::kTime, 20}};
}

std::vector<Cell> OrderRow(const Order& order, bool reveal) {
  const auto shown = [reveal](const std::string& value, std::string (*mask)(std::string_view)) {
    return Cell::Text(reveal ? value : mask(value));
  };
  int64_t items = 0;
  for (const OrderLine& line : order.lines) {
    items += line.quantity;
  }
  const Address& address = order.consignee.address;
  return {Text(order.order_no),
          Text(order.channel),
          Text(order.external_id),
          Text(StatusName(order.status)),
          Text(PaymentStatusName(order.payment_status)),
          Text(PaymentMethodName(order.payment_method)),
          Text(order.customer.member_id),
          shown(order.customer.name, MaskName),
          shown(order.customer.phone, MaskPhone),
          shown(order.consignee.name, MaskName),
          shown(order.consignee.phone, MaskPhone),
          Text(address.province),
          Text(address.city),
          Text(address.district),
          shown(address.detail, MaskDetail),
          Cell::Text(LinesText(order)),
          Cell::Number(items),
          Cell::Number(order.total_amount),
          Cell::Number(order.paid_amount),
          Cell::Number(order.refunded_amount),
          Text(order.currency.view()),
          Text(order.shipping_service),
          Text(order.carrier),
          Text(order.tracking_no),
          Text(order.buyer_note),
          Cell::Number(order.priority),
          Cell::Time(order.created_at),
          Cell::Time(order.paid_at),
          Cell::Time(order.shipped_at),
          Cell::Time(order.delivered_at),
          Cell::Time(order.finished_at)};
}

std::vector<Column> OrderLineColumns() {
  return {{"订单号 order_no", CellType::kCode, 18},      {"渠道 channel", CellType::kText, 10},
          {"外部单号 external_id", CellType::kCode, 22}, {"订单状态 status", CellType::kText, 18},
          {"下单时间 created_at", CellType::kTime, 20},  {"省 province", CellType::kText, 10},
          {"行号 line_no", CellType::kInteger, 8},       {"商品编码 sku", CellType::kCode, 16},
          {"商品名称 name", CellType::kText, 24},        {"规格 spec", CellType::kText, 10},
          {"数量 quantity", CellType::kInteger, 8},      {"单价 unit_price", CellType::kMoney, 10},
          {"金额 line_amount", CellType::kMoney, 12},    {"已预留 reserved", CellType::kInteger, 8},
          {"缺货 backordered", CellType::kInteger, 8},   {"已发货 shipped", CellType::kInteger, 8},
          {"仓库分配 allocations", CellType::kText, 16}};
}

std::vector<Cell> OrderLineRow(const Order& order, const OrderLine& line) {
  return {Text(order.order_no),
          Text(order.channel),
          Text(order.external_id),
          Text(StatusName(order.status)),
          Cell::Time(order.created_at),
          Text(order.consignee.address.province),
          Cell::Number(line.line_no),
          Text(line.sku),
          Text(line.name),
          Text(line.spec),
          Cell::Number(line.quantity),
          Cell::Number(line.unit_price_amount),
          Cell::Number(line.line_amount()),
          Cell::Number(line.quantity_reserved),
          Cell::Number(line.quantity_backordered),
          Cell::Number(line.quantity_shipped),
          Cell::Text(AllocationsText(line))};
}

std::vector<Column> ShipmentColumns() {
  return {{"包裹号 parcel_id", CellType::kInteger, 10},
          {"订单号 order_no", CellType::kCode, 18},
          {"渠道 channel", CellType::kText, 10},
          {"仓库 warehouse", CellType::kText, 10},
          {"包裹状态 status", CellType::kText, 14},
          {"承运商 carrier", CellType::kText, 10},
          {"运单号 tracking_no", CellType::kCode, 18},
          {"箱数 boxes", CellType::kInteger, 6},
          {"包裹重量(克) packed_weight_g", CellType::kInteger, 12},
          {"省 province", CellType::kText, 10},
          {"市 city", CellType::kText, 10},
          {"波次 wave_id", CellType::kInteger, 8},
          {"创建时间 created_at", CellType::kTime, 20},
          {"打包时间 packed_at", CellType::kTime, 20},
          {"发货时间 shipped_at", CellType::kTime, 20},
          {"签收时间 delivered_at", CellType::kTime, 20},
          {"退回时间 returned_at", CellType::kTime, 20},
          {"最新位置 last_location", CellType::kText, 16}};
}

std::vector<Cell> ShipmentRow(const Order& order, const Shipment& parcel) {
  return {Cell::Number(parcel.id),
          Text(parcel.order_no),
          Text(order.channel),
          Text(parcel.warehouse),
          Text(ShipmentStatusName(parcel.status)),
          Text(parcel.carrier),
          Text(parcel.tracking_no),
          Cell::Number(static_cast<int64_t>(parcel.box_list().size())),
          Cell::Number(parcel.packed_weight_g),
          Text(order.consignee.address.province),
          Text(order.consignee.address.city),
          parcel.wave_id > 0 ? Cell::Number(parcel.wave_id) : Cell{"", 0, true},
          Cell::Time(parcel.created_at),
          Cell::Time(parcel.packed_at),
          Cell::Time(parcel.shipped_at),
          Cell::Time(parcel.delivered_at),
          Cell::Time(parcel.returned_at),
          Text(parcel.last_location)};
}

// Orders, their lines, or their parcels: the orders matching the filter, newest first.
Result<int64_t> WriteOrderBased(ReadView& reads, const ExportSpec& spec,
                                tables::TableWriter& writer, const std::atomic<bool>* cancelled) {
  OrderFilter filter = spec.orders;
  if (filter.limit == 0) {
    return int64_t{0};  // a channel naming another channel's orders: nothing to show
  }
  filter.limit = kPageRows;
  filter.after_id = 0;
  int64_t rows = 0;
  while (true) {
    if (IsCancelled(cancelled)) {
      return Cancelled();
    }
    ORDO_ASSIGN_OR_RETURN(OrderPage page, reads.ListOrders(filter));
    for (const Order& order : page.orders) {
      if (spec.kind == ExportKind::kOrders) {
        ORDO_RETURN_IF_ERROR(writer.Row(OrderRow(order, spec.reveal)));
        ++rows;
      } else if (spec.kind == ExportKind::kOrderLines) {
        for (const OrderLine& line : order.lines) {
          ORDO_RETURN_IF_ERROR(writer.Row(OrderLineRow(order, line)));
          ++rows;
        }
      } else if (order.status != OrderStatus::kPendingPayment) {
        ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                              reads.fulfillment().GetShipments(order.order_no));
        for (const Shipment& parcel : parcels) {
          ORDO_RETURN_IF_ERROR(writer.Row(ShipmentRow(order, parcel)));
          ++rows;
        }
      }
    }
    if (page.next_after_id == 0) {
      return rows;
    }
    filter.after_id = page.next_after_id;
  }
}

std::vector<Column> RefundColumns() {
  return {{"退款号 refund_id", CellType::kInteger, 10},
          {"订单号 order_no", CellType::kCode, 18},
          {"金额 amount", CellType::kMoney, 12},
          {"原因 cause", CellType::kText, 18},
          {"状态 status", CellType::kText, 12},
          {"审批 approval", CellType::kText, 12},
          {"售后单 after_sales_id", CellType::kInteger, 10},
          {"说明 note", CellType::kText, 24},
          {"创建时间 created_at", CellType::kTime, 20},
          {"创建人 created_by", CellType::kText, 14},
          {"应付日 due_at", CellType::kTime, 20},
          {"审批人 decided_by", CellType::kText, 14},
          {"执行时间 executed_at", CellType::kTime, 20},
          {"支付机构流水 provider_ref", CellType::kCode, 20},
          {"失败原因 failure_reason", CellType::kText, 20}};
}

Result<int64_t> WriteRefunds(ReadView& reads, const ExportSpec& spec, tables::TableWriter& writer,
                             const std::atomic<bool>* cancelled) {
  RefundFilter filter = spec.refunds;
  filter.limit = kPageRows;
  filter.after_id = 0;
  int64_t rows = 0;
  ORDO_RETURN_IF_ERROR(WritePages(
      [&] { return reads.payments().ListRefunds(filter); },
      [](const Refund& r) -> std::vector<Cell> {
        return {Cell::Number(r.id),
                Text(r.order_no),
                Cell::Number(r.amount),
                Text(RefundCauseName(r.cause)),
                Text(RefundStatusName(r.status)),
                Text(RefundApprovalName(r.approval)),
                r.after_sales_id > 0 ? Cell::Number(r.after_sales_id) : Cell{"", 0, true},
                Text(r.note),
                Cell::Time(r.created_at),
                Text(r.created_by),
                Cell::Time(r.due_at),
                Text(r.decided_by),
                Cell::Time(r.executed_at),
                Text(r.provider_ref),
                Text(r.failure_reason)};
      },
      [&](const Refund& last) { filter.after_id = last.id; }, writer, cancelled, rows));
  return rows;
}

std::vector<Column> AfterSalesColumns() {
  return {{"售后单号 case_id", CellType::kInteger, 10},
          {"订单号 order_no", CellType::kCode, 18},
          {"类型 type", CellType::kText, 14},
          {"原因 reason", CellType::kText, 16},
          {"状态 status", CellType::kText, 14},
          {"商品 lines", CellType::kText, 24},
          {"申请金额 requested_amount", CellType::kMoney, 12},
          {"退款金额 refund_amount", CellType::kMoney, 12},
          {"运费承担 freight_payer", CellType::kText, 10},
          {"退货承运商 return_carrier", CellType::kText, 10},
          {"退货运单号 return_tracking_no", CellType::kCode, 18},
          {"换货订单 replacement_order_no", CellType::kCode, 18},
          {"说明 note", CellType::kText, 24},
          {"创建时间 created_at", CellType::kTime, 20},
          {"创建人 created_by", CellType::kText, 14},
          {"收货时间 received_at", CellType::kTime, 20},
          {"质检时间 inspected_at", CellType::kTime, 20},
          {"更新时间 updated_at", CellType::kTime, 20}};
}

std::vector<Cell> AfterSalesRow(const AfterSales& c) {
  std::string lines;
  for (const AfterSalesLine& line : c.lines) {
    lines += (lines.empty() ? "" : ";") + line.sku + "*" + std::to_string(line.quantity);
  }
  return {Cell::Number(c.id),
          Text(c.order_no),
          Text(AfterSalesTypeName(c.type)),
          Text(AfterSalesReasonName(c.reason)),
          Text(AfterSalesStatusName(c.status)),
          Cell::Text(lines),
          Cell::Number(c.requested_amount),
          Cell::Number(c.refund_amount),
          Text(FreightPayerName(c.freight_payer)),
          Text(c.return_carrier),
          Text(c.return_tracking_no),
          Text(c.replacement_order_no),
          Text(c.note),
          Cell::Time(c.created_at),
          Text(c.created_by),
          Cell::Time(c.received_at),
          Cell::Time(c.inspected_at),
          Cell::Time(c.updated_at)};
}

Result<int64_t> WriteAfterSales(ReadView& reads, const ExportSpec& spec,
                                tables::TableWriter& writer, const std::atomic<bool>* cancelled) {
  AfterSalesFilter filter = spec.after_sales;
  filter.limit = kPageRows;
  filter.before_id = 0;
  int64_t rows = 0;
  ORDO_RETURN_IF_ERROR(WritePages(
      [&] { return reads.aftersales().ListAfterSales(filter); }, AfterSalesRow,
      [&](const AfterSales& last) { filter.before_id = last.id; }, writer, cancelled, rows));
  return rows;
}

std::vector<Column> LedgerColumns() {
  return {{"流水号 entry_id", CellType::kInteger, 10},
          {"时间 at", CellType::kTime, 20},
          {"商品编码 sku", CellType::kCode, 16},
          {"仓库 warehouse", CellType::kText, 10},
          {"类型 type", CellType::kText, 12},
          {"数量 quantity", CellType::kInteger, 8},
          {"结存在库 on_hand_after", CellType::kInteger, 10},
          {"结存预留 reserved_after", CellType::kInteger, 10},
          {"订单号 order_no", CellType::kCode, 18},
          {"原因 reason", CellType::kText, 24},
          {"操作人 actor", CellType::kText, 14}};
}

// One SKU's ledger (oldest first), page by page.
Status WriteSkuLedger(ReadView& reads, LedgerFilter filter, tables::TableWriter& writer,
                      const std::atomic<bool>* cancelled, int64_t& rows) {
  filter.limit = kPageRows;
  filter.after_id = 0;
  return WritePages([&] { return reads.inventory().ListLedger(filter); },
                    [](const LedgerEntry& e) -> std::vector<Cell> {
                      return {Cell::Number(e.id),
                              Cell::Time(e.at),
                              Text(e.sku),
                              Text(e.warehouse),
                              Text(MovementTypeName(e.type)),
                              Cell::Number(e.quantity),
                              Cell::Number(e.on_hand_after),
                              Cell::Number(e.reserved_after),
                              Text(e.order_no),
                              Text(e.reason),
                              Text(e.actor)};
                    },
                    [&](const LedgerEntry& last) { filter.after_id = last.id; }, writer, cancelled,
                    rows);
}

// The ledger of the SKU named, or of every SKU in code order.
Result<int64_t> WriteLedger(ReadView& reads, const ExportSpec& spec, tables::TableWriter& writer,
                            const std::atomic<bool>* cancelled) {
  int64_t rows = 0;
  if (!spec.ledger.sku.empty()) {
    ORDO_RETURN_IF_ERROR(WriteSkuLedger(reads, spec.ledger, writer, cancelled, rows));
    return rows;
  }
  std::string after_code;
  while (true) {
    ORDO_ASSIGN_OR_RETURN(std::vector<Sku> skus, reads.ListSkus(after_code, kPageRows));
    for (const Sku& sku : skus) {
      LedgerFilter filter = spec.ledger;
      filter.sku = sku.code;
      ORDO_RETURN_IF_ERROR(WriteSkuLedger(reads, filter, writer, cancelled, rows));
    }
    if (skus.size() < static_cast<size_t>(kPageRows)) {
      return rows;
    }
    after_code = skus.back().code;
  }
}

std::vector<Column> AuditColumns() {
  return {{"序号 seq", CellType::kInteger, 10},        {"时间 at", CellType::kTime, 20},
          {"操作人 actor", CellType::kText, 16},       {"对象 entity", CellType::kText, 12},
          {"对象编号 entity_id", CellType::kCode, 20}, {"动作 action", CellType::kText, 18},
          {"变更前 before", CellType::kText, 40},      {"变更后 after", CellType::kText, 40}};
}

Result<int64_t> WriteAudit(ReadView& reads, const ExportSpec& spec, tables::TableWriter& writer,
                           const std::atomic<bool>* cancelled) {
  int64_t after_seq = 0;
  int64_t rows = 0;
  ORDO_RETURN_IF_ERROR(WritePages(
      [&] { return reads.ListAudit(spec.audit_entity, spec.audit_id, after_seq, kPageRows); },
      [](const AuditEntry& e) -> std::vector<Cell> {
        return {Cell::Number(e.seq), Cell::Time(e.at), Text(e.actor),  Text(e.entity),
                Text(e.entity_id),   Text(e.action),   Text(e.before), Text(e.after)};
      },
      [&](const AuditEntry& last) { after_seq = last.seq; }, writer, cancelled, rows));
  return rows;
}

std::vector<Column> ColumnsOf(ExportKind kind) {
  switch (kind) {
    case ExportKind::kOrders:
      return OrderColumns();
    case ExportKind::kOrderLines:
      return OrderLineColumns();
    case ExportKind::kShipments:
      return ShipmentColumns();
    case ExportKind::kRefunds:
      return RefundColumns();
    case ExportKind::kAfterSales:
      return AfterSalesColumns();
    case ExportKind::kStockLedger:
      return LedgerColumns();
    case ExportKind::kAudit:
      return AuditColumns();
  }
  return {};
}

void ReadLedgerFilter(const Request& request, LedgerFilter& filter,
                      std::vector<FieldError>& errors) {
  filter.sku = std::string(request.Query("sku").value_or(""));
  filter.warehouse = std::string(request.Query("warehouse").value_or(""));
  if (auto type = request.Query("type"); type && !type->empty()) {
    filter.type = ParseMovementTypeName(*type);
    if (!filter.type) {
      errors.push_back({"type", Code::kInvalidValue, "unknown movement type"});
    }
  }
  filter.from = ReadTimeParam(request, "from", errors);
  filter.to = ReadTimeParam(request, "to", errors);
}

// The filters as the audit entry keeps them: personal data in a search is masked.
std::vector<std::pair<std::string, std::string>> FiltersOf(const Request& request) {
  std::vector<std::pair<std::string, std::string>> filters;
  for (const auto& [name, value] : request.query) {
    if (name == "format" || name == "reveal" || name == "limit" || name == "cursor" ||
        value.empty()) {
      continue;
    }
    if (name == "phone") {
      filters.emplace_back(name, MaskPhone(value));
    } else if (name == "consignee") {
      filters.emplace_back(name, MaskName(value));
    } else {
      filters.emplace_back(name, value.substr(0, 200));
    }
  }
  return filters;
}

// Merges the errors of a list's own parser (a kInvalid status) into `errors`.
template <typename T>
void Take(Result<T> parsed, T& into, std::vector<FieldError>& errors) {
  if (parsed.ok()) {
    into = std::move(parsed).value();
  } else if (parsed.status().kind() == Kind::kInvalid) {
    for (const FieldError& error : parsed.status().field_errors()) {
      errors.push_back(error);
    }
  } else {
    errors.push_back({"query", Code::kInvalidValue, parsed.status().message()});
  }
}

}  // namespace

std::optional<ExportKind> ParseExportKind(std::string_view text) {
  return ParseEnum<ExportKind>(text);
}

std::string_view ExportKindName(ExportKind kind) {
  return Name(kind);
}

const std::vector<ExportKind>& ExportKinds() {
  static const std::vector<ExportKind> kAll = [] {
    std::vector<ExportKind> all;
    for (const KindInfo& info : kKinds) {
      all.push_back(info.kind);
    }
    return all;
  }();
  return kAll;
}

std::string_view ExportReadPermission(ExportKind kind) {
  return InfoOf(kind).permission;
}

std::vector<QueryParam> ExportQueryParams() {
  return {
      {"format", "csv (default) or xlsx"},
      {"reveal", "true: personal data unmasked (needs pii:read; recorded in the audit trail)",
       "boolean"},
      {"status", "orders, order-lines, shipments: the order status; refunds, after-sales: theirs"},
      {"channel", "orders, order-lines, shipments"},
      {"created_from", "orders, order-lines, shipments: created at or after (RFC 3339 or date)"},
      {"created_to", "orders, order-lines, shipments: created before"},
      {"q", "orders, order-lines, shipments: order number or external id"},
      {"phone", "orders, order-lines, shipments"},
      {"member_id", "orders, order-lines, shipments"},
      {"consignee", "orders, order-lines, shipments"},
      {"priority", "orders, order-lines, shipments", "integer"},
      {"payment_method", "orders, order-lines, shipments: online or cod"},
      {"on_hold", "orders, order-lines, shipments", "boolean"},
      {"warehouse", "orders …: a line allocated from it; stock-ledger: its warehouse"},
      {"order_no", "refunds, after-sales"},
      {"from", "refunds: created from; stock-ledger: at or after"},
      {"to", "refunds: created before; stock-ledger: before"},
      {"executed_from", "refunds"},
      {"executed_to", "refunds"},
      {"type", "after-sales: the case type; stock-ledger: the movement type"},
      {"sku", "stock-ledger: one SKU (default every SKU)"},
      {"entity", "audit: order, stock, sku, …"},
      {"id", "audit: the entity's id"}};
}

Result<ExportSpec> ParseExportSpec(ExportKind kind, const Request& request) {
  ExportSpec spec;
  spec.kind = kind;
  std::vector<FieldError> errors;
  if (auto format = request.Query("format"); format && !format->empty()) {
    if (std::optional<tables::Format> parsed = tables::ParseFormat(*format)) {
      spec.format = *parsed;
    } else {
      errors.push_back({"format", Code::kInvalidValue, "format must be csv or xlsx"});
    }
  }
  if (auto reveal = request.Query("reveal"); reveal && !reveal->empty()) {
    if (*reveal != "true" && *reveal != "false") {
      errors.push_back({"reveal", Code::kInvalidValue, "reveal must be true or false"});
    }
    spec.reveal = *reveal == "true";
  }
  switch (kind) {
    case ExportKind::kOrders:
    case ExportKind::kOrderLines:
    case ExportKind::kShipments:
      Take(ParseOrderListFilter(request), spec.orders, errors);
      break;
    case ExportKind::kRefunds:
      Take(ParseRefundListFilter(request), spec.refunds, errors);
      break;
    case ExportKind::kAfterSales:
      Take(ParseAfterSalesListFilter(request), spec.after_sales, errors);
      break;
    case ExportKind::kStockLedger:
      ReadLedgerFilter(request, spec.ledger, errors);
      break;
    case ExportKind::kAudit:
      spec.audit_entity = std::string(request.Query("entity").value_or(""));
      spec.audit_id = std::string(request.Query("id").value_or(""));
      if (spec.audit_entity.empty() && !spec.audit_id.empty()) {
        errors.push_back({"entity", Code::kRequired, "an id needs its entity"});
      }
      break;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  spec.filters = FiltersOf(request);
  return spec;
}

Result<int64_t> WriteExport(ReadView& reads, const ExportSpec& spec, tables::TableWriter& writer,
                            const std::atomic<bool>* cancelled) {
  ORDO_RETURN_IF_ERROR(writer.Begin(ColumnsOf(spec.kind)));
  Result<int64_t> rows = int64_t{0};
  switch (spec.kind) {
    case ExportKind::kOrders:
    case ExportKind::kOrderLines:
    case ExportKind::kShipments:
      rows = WriteOrderBased(reads, spec, writer, cancelled);
      break;
    case ExportKind::kRefunds:
      rows = WriteRefunds(reads, spec, writer, cancelled);
      break;
    case ExportKind::kAfterSales:
      rows = WriteAfterSales(reads, spec, writer, cancelled);
      break;
    case ExportKind::kStockLedger:
      rows = WriteLedger(reads, spec, writer, cancelled);
      break;
    case ExportKind::kAudit:
      rows = WriteAudit(reads, spec, writer, cancelled);
      break;
  }
  ORDO_RETURN_IF_ERROR(rows.status());
  ORDO_RETURN_IF_ERROR(writer.Finish());
  return rows;
}

std::string ExportFileName(const ExportSpec& spec, Timestamp now) {
  std::string stamp = tables::FormatChinaTime(now);  // "2026-11-26 15:30:05"
  std::string compact;
  for (char c : stamp) {
    if (c >= '0' && c <= '9') {
      compact += c;
    } else if (c == ' ') {
      compact += '-';
    }
  }
  return std::string(ExportKindName(spec.kind)) + "-" + compact + "." +
         std::string(tables::FormatName(spec.format));
}

AuditEntry UnmaskedExportAudit(const ExportSpec& spec, const std::string& actor, Timestamp at,
                               int64_t rows, bool complete) {
  JsonWriter after;
  after.BeginObject().Field("format", tables::FormatName(spec.format)).Key("filters").BeginObject();
  for (const auto& [name, value] : spec.filters) {
    after.Field(name, value);
  }
  after.EndObject().Field("rows", rows).Field("complete", complete).EndObject();
  return AuditEntry{0,
                    at,
                    actor,
                    "export",
                    std::string(ExportKindName(spec.kind)),
                    "export_unmasked",
                    "null",
                    after.Take()};
}

}  // namespace ordo::http
