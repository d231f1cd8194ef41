#include "http/dto.h"

#include "app/access.h"
#include "base/limits.h"

#include "base/json_writer.h"
#include "domain/order/money.h"
#include "http/json_util.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

// The byte length of the UTF-8 sequence starting with `lead`.
size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if ((lead >> 5) == 0x6) {
    return 2;
  }
  if ((lead >> 4) == 0xE) {
    return 3;
  }
  return 4;
}

std::vector<std::string_view> Utf8Chars(std::string_view text) {
  std::vector<std::string_view> chars;
  for (size_t i = 0; i < text.size();) {
    const size_t length =
        std::min(Utf8Length(static_cast<unsigned char>(text[i])), text.size() - i);
    chars.push_back(text.substr(i, length));
    i += length;
  }
  return chars;
}

void OptionalTime(JsonWriter& out, std::string_view key, const std::optional<Timestamp>& t) {
  out.Key(key);
  t ? out.String(FormatRfc3339(*t)) : out.Null();
}

void WriteLine(JsonWriter& out, const OrderLine& line) {
  out.BeginObject()
      .Field("line_no", line.line_no)
      .Field("sku", line.sku)
      .Field("name", line.name)
      .Field("spec", line.spec)
      .Field("quantity", line.quantity)
      .Field("unit_price_amount", line.unit_price_amount)
      .Field("line_amount", line.line_amount())
      .Field("price_overridden", line.price_overridden)
      .Field("quantity_reserved", line.quantity_reserved)
      .Field("quantity_backordered", line.quantity_backordered)
      .Field("quantity_shipped", line.quantity_shipped)
      .Field("quantity_dropped", line.quantity_dropped)
      .Key("allocations")
      .BeginArray();
  for (const Allocation& allocation : line.allocations) {
    out.BeginObject()
        .Field("warehouse", allocation.warehouse)
        .Field("quantity", allocation.quantity)
        .EndObject();
  }
  out.EndArray().Key("backorder");
  // Shortage (domain/inventory/backorder.h): why units are missing, where and until when.
  if (line.backorder_reason.empty() && line.backorder_warehouse.empty()) {
    out.Null();
  } else {
    out.BeginObject()
        .Field("reason", line.backorder_reason)
        .Field("warehouse", line.backorder_warehouse);
    OptionalTime(out, "expected_restock_at", line.expected_restock_at);
    out.EndObject();
  }
  if (line.replaces_line_no != 0) {
    out.Field("replaces_line_no", line.replaces_line_no);
  }
  out.EndObject();
}

void WriteAddress(JsonWriter& out, const Address& address, bool reveal) {
  out.BeginObject()
      .Field("province", address.province)
      .Field("city", address.city)
      .Field("district", address.district)
      .Field("detail", reveal ? address.detail : MaskDetail(address.detail));
  if (!address.division_code.empty()) {
    out.Field("division_code", address.division_code);
  }
  out.EndObject();
}

Address ParseAddress(FieldReader& reader) {
  Address address;
  address.province = reader.String("province", false);
  address.city = reader.String("city", false);
  address.district = reader.String("district", false);
  address.detail = reader.String("detail", false);
  address.division_code = reader.String("division_code", false);
  return address;
}

}  // namespace

// Counted in characters, not bytes: a phone is stored as given, and cutting a multi-byte
// character in half would put invalid UTF-8 into the answer.
std::string MaskPhone(std::string_view phone) {
  const std::vector<std::string_view> chars = Utf8Chars(phone);
  auto join = [&](size_t from, size_t to) {
    std::string text;
    for (size_t i = from; i < to; ++i) {
      text += chars[i];
    }
    return text;
  };
  if (chars.size() >= 7) {
    return join(0, 3) + "****" + join(chars.size() - 4, chars.size());
  }
  if (chars.size() <= 2) {
    return std::string(chars.size(), '*');
  }
  return join(0, 1) + std::string(chars.size() - 2, '*') + join(chars.size() - 1, chars.size());
}

std::string MaskName(std::string_view name) {
  const std::vector<std::string_view> chars = Utf8Chars(name);
  if (chars.empty()) {
    return "";
  }
  std::string masked(chars.front());
  masked.append(chars.size() > 1 ? chars.size() - 1 : 1, '*');
  return masked;
}

std::string MaskDetail(std::string_view detail) {
  const std::vector<std::string_view> chars = Utf8Chars(detail);
  std::string masked;
  for (size_t i = 0; i < chars.size() && i < 3; ++i) {
    masked += chars[i];
  }
  return masked + "****";
}

json::object AddressToJson(const Address& address, bool reveal) {
  JsonWriter out;
  WriteAddress(out, address, reveal);
  return json::parse(out.Take()).as_object();
}

// Written out directly: an order is answered to every intake, and building a DOM only to
// serialise it cost more than the rest of the answer.
void WriteConsignee(JsonWriter& out, const Consignee& consignee, bool reveal) {
  out.BeginObject()
      .Field("name", reveal ? consignee.name : MaskName(consignee.name))
      .Field("phone", reveal ? consignee.phone : MaskPhone(consignee.phone))
      .Key("address");
  WriteAddress(out, consignee.address, reveal);
  out.EndObject();
}

std::string OrderJsonText(const Order& order, bool reveal) {
  const Customer& c = order.customer;
  const Consignee& r = order.consignee;
  JsonWriter out;
  out.BeginObject()
      .Field("order_no", order.order_no)
      .Field("channel", order.channel)
      .Field("external_id", order.external_id)
      .Field("status", StatusName(order.status))
      .Field("payment_status", PaymentStatusName(order.payment_status))
      .Field("payment_method", PaymentMethodName(order.payment_method))
      .Field("priority", order.priority)
      .Field("order_class", order.order_class)
      .Field("currency", order.currency.view())
      .Field("total_amount", order.total_amount)
      .Field("paid_amount", order.paid_amount)
      .Key("customer")
      .BeginObject()
      .Field("member_id", c.member_id)
      .Field("name", reveal ? c.name : MaskName(c.name))
      .Field("phone", reveal ? c.phone : MaskPhone(c.phone))
      .EndObject()
      .Key("consignee");
  WriteConsignee(out, r, reveal);
  // Every change of the consignee, before and after, so a redirected parcel can be traced.
  out.Key("consignee_changes").BeginArray();
  for (const ConsigneeChange& change : order.consignee_changes) {
    out.BeginObject().Field("at", FormatRfc3339(change.at)).Field("actor", change.actor);
    out.Key("before");
    WriteConsignee(out, change.before, reveal);
    out.Key("after");
    WriteConsignee(out, change.after, reveal);
    out.EndObject();
  }
  out.EndArray().Key("lines").BeginArray();
  for (const OrderLine& line : order.lines) {
    WriteLine(out, line);
  }
  out.EndArray()
      .Key("shipping")
      .BeginObject()
      .Field("service", order.shipping_service)
      .Field("carrier", order.carrier)
      .Field("tracking_no", order.tracking_no)
      .Field("packed_weight_g", order.packed_weight_g)
      .Field("expected_weight_g", order.expected_weight_g())
      .EndObject()
      .Field("buyer_note", order.buyer_note)
      .Key("occasion_date");
  order.occasion_date ? out.String(*order.occasion_date) : out.Null();
  out.Field("on_hold", order.on_hold()).Key("hold_case_ids").BeginArray();
  for (int64_t id : order.holds) {
    out.Int(id);
  }
  out.EndArray().Field("backordered", order.has_backorder()).Key("backorder_choice");
  order.backorder_choice.empty() ? out.Null() : out.String(order.backorder_choice);
  // The money (domain/order/money.h): paid = kept + refunded + due.
  const OrderMoney money = MoneyOf(order);
  out.Field("refunded_amount", money.refunded)
      .Field("kept_amount", money.kept)
      .Field("due_amount", money.due)
      .Field("owed_amount", money.balance)
      .Field("credit_amount", order.credit_amount)
      .Field("supplement_due_amount", PaidInFull(order) ? money.balance : 0)
      .Field("close_reason", order.close_reason)
      .Field("version", order.version)
      .Field("created_at", FormatRfc3339(order.created_at))
      .Field("updated_at", FormatRfc3339(order.updated_at));
  OptionalTime(out, "paid_at", order.paid_at);
  OptionalTime(out, "shipped_at", order.shipped_at);
  OptionalTime(out, "delivered_at", order.delivered_at);
  OptionalTime(out, "finished_at", order.finished_at);
  OptionalTime(out, "cod_confirmed_at", order.cod_confirmed_at);
  out.Field("cod_confirmed_by", order.cod_confirmed_by).EndObject();
  return out.Take();
}

json::object OrderToJson(const Order& order, bool reveal) {
  return json::parse(OrderJsonText(order, reveal)).as_object();
}

json::object SkuToJson(const Sku& sku) {
  return json::object{{"sku", sku.code},
                      {"name", sku.name},
                      {"spec", sku.spec},
                      {"price_amount", sku.price_amount},
                      {"currency", sku.currency.view()},
                      {"weight_g", sku.weight_g},
                      {"step_quantity", sku.step_quantity},
                      {"min_quantity", sku.min_quantity},
                      {"sellable", sku.sellable},
                      {"category", sku.category},
                      {"low_stock_threshold", sku.low_stock_threshold},
                      {"lead_time_days", sku.lead_time_days},
                      {"created_at", FormatRfc3339(sku.created_at)}};
}

json::object WarehouseToJson(const Warehouse& warehouse) {
  return json::object{{"code", warehouse.code},
                      {"name", warehouse.name},
                      {"address", AddressToJson(warehouse.address, true)},
                      {"phone", warehouse.phone},
                      {"created_at", FormatRfc3339(warehouse.created_at)}};
}

json::object StockToJson(const StockView& stock) {
  json::array warehouses;
  Quantity on_hand = 0;
  Quantity reserved = 0;
  for (const StockLevel& level : stock.levels) {
    warehouses.push_back(json::object{{"warehouse", level.warehouse()},
                                      {"on_hand", level.on_hand()},
                                      {"reserved", level.reserved()},
                                      {"available", level.available()}});
    on_hand += level.on_hand();
    reserved += level.reserved();
  }
  return json::object{{"sku", stock.sku},
                      {"warehouses", std::move(warehouses)},
                      {"on_hand", on_hand},
                      {"reserved", reserved},
                      {"available", on_hand - reserved}};
}

json::object LedgerEntryToJson(const LedgerEntry& entry) {
  return json::object{{"id", entry.id},
                      {"warehouse", entry.warehouse},
                      {"sku", entry.sku},
                      {"type", MovementTypeName(entry.type)},
                      {"quantity", entry.quantity},
                      {"on_hand_after", entry.on_hand_after},
                      {"reserved_after", entry.reserved_after},
                      {"reason", entry.reason},
                      {"actor", entry.actor},
                      {"order_no", entry.order_no},
                      {"at", FormatRfc3339(entry.at)}};
}

json::object MovementRequestToJson(const MovementRequest& request) {
  return json::object{
      {"id", request.id},
      {"type", request.type},
      {"warehouse", request.warehouse},
      {"sku", request.sku},
      {"quantity", request.quantity},
      {"reason", request.reason},
      {"status", MovementRequestStatusName(request.status)},
      {"requested_at", FormatRfc3339(request.requested_at)},
      {"requested_by", request.requested_by},
      {"decided_at",
       request.decided_at ? json::value(FormatRfc3339(*request.decided_at)) : json::value(nullptr)},
      {"decided_by", request.decided_by},
      {"decision_reason", request.decision_reason},
      {"ledger_id",
       request.ledger_id == 0 ? json::value(nullptr) : json::value(request.ledger_id)}};
}

json::object OrderEventToJson(const OrderEvent& event) {
  json::object details;
  for (const auto& [key, value] : event.details) {
    details[key] = value;
  }
  return json::object{{"type", event.type},           {"at", FormatRfc3339(event.at)},
                      {"actor", event.actor},         {"from_status", event.from_status},
                      {"to_status", event.to_status}, {"details", std::move(details)}};
}

NewOrder ParseNewOrder(const json::object& body, std::vector<FieldError>& errors) {
  FieldReader reader(body, "", errors);
  NewOrder order;
  order.channel = reader.String("channel", false);
  order.external_id = reader.String("external_id", false);
  if (const json::object* customer = reader.Object("customer", true)) {
    FieldReader c(*customer, "customer", errors);
    order.customer.member_id = c.String("member_id", false);
    order.customer.name = c.String("name", false);
    order.customer.phone = c.String("phone", false);
  }
  if (const json::object* consignee = reader.Object("consignee", true)) {
    FieldReader r(*consignee, "consignee", errors);
    order.consignee.name = r.String("name", false);
    order.consignee.phone = r.String("phone", false);
    if (const json::object* address = r.Object("address", true)) {
      FieldReader a(*address, "consignee.address", errors);
      order.consignee.address = ParseAddress(a);
    }
  }
  if (const json::array* lines = reader.Array("lines", true)) {
    for (size_t i = 0; i < lines->size(); ++i) {
      const std::string path = IndexPath("lines", i);
      if (!(*lines)[i].is_object()) {
        errors.push_back({path, Code::kInvalidValue, path + " must be an object"});
        continue;
      }
      FieldReader l((*lines)[i].as_object(), path, errors);
      NewOrderLine line;
      line.sku = l.String("sku", false);
      line.quantity = l.BoundedInt("quantity", true, kMaxQuantity);
      line.unit_price_amount = l.OptionalBoundedInt("unit_price_amount", kMaxAmount);
      line.price_override_reason = l.String("price_override_reason", false);
      order.lines.push_back(std::move(line));
    }
  }
  order.payment_method = reader.String("payment_method", false);
  if (const json::object* shipping = reader.Object("shipping", false)) {
    FieldReader s(*shipping, "shipping", errors);
    order.shipping_service = s.OptionalString("service").value_or("standard");
  }
  order.buyer_note = reader.String("buyer_note", false);
  order.occasion_date = reader.OptionalString("occasion_date");
  order.currency = reader.OptionalString("currency").value_or("CNY");
  order.total_amount = reader.OptionalBoundedInt("total_amount", kMaxAmount);
  return order;
}

Status CheckPriceOverrides(std::string_view role, const std::vector<NewOrderLine>& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].price_override_reason.empty() && !app::RoleHas(role, "orders:override_price")) {
      return Status(Kind::kForbidden, Code::kForbidden,
                    IndexPath("lines", i) + ".price_override_reason: the role " +
                        std::string(role) + " may not set a price other than the catalogue's");
    }
  }
  return Status::Ok();
}

Sku ParseSku(const json::object& body, std::vector<FieldError>& errors) {
  FieldReader reader(body, "", errors);
  Sku sku;
  sku.code = reader.String("sku", true);
  sku.name = reader.String("name", true);
  sku.spec = reader.String("spec", false);
  sku.price_amount = reader.BoundedInt("price_amount", true, kMaxAmount);
  const std::string currency = reader.OptionalString("currency").value_or("CNY");
  if (Currency::IsValid(currency)) {
    sku.currency = Currency::Of(currency);
  } else {
    reader.AddError("currency", Code::kInvalidValue, "currency must be an ISO 4217 code");
  }
  sku.weight_g = reader.BoundedInt("weight_g", false, kMaxWeightG, 0);
  sku.step_quantity = reader.BoundedInt("step_quantity", false, kMaxQuantity, 1);
  sku.min_quantity = reader.BoundedInt("min_quantity", false, kMaxQuantity, 1);
  sku.sellable = reader.Bool("sellable", false, true);
  sku.category = reader.String("category", false);
  sku.low_stock_threshold = reader.BoundedInt("low_stock_threshold", false, kMaxQuantity, 0);
  sku.lead_time_days = reader.BoundedInt("lead_time_days", false, kMaxQuantity, 7);
  return sku;
}

Warehouse ParseWarehouse(const json::object& body, std::vector<FieldError>& errors) {
  FieldReader reader(body, "", errors);
  Warehouse warehouse;
  warehouse.code = reader.String("code", true);
  warehouse.name = reader.String("name", true);
  warehouse.phone = reader.String("phone", false);
  if (const json::object* address = reader.Object("address", false)) {
    FieldReader a(*address, "address", errors);
    warehouse.address = ParseAddress(a);
  }
  return warehouse;
}

}  // namespace ordo::http
