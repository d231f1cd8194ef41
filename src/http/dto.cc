#include "http/dto.h"

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
    const size_t length = std::min(Utf8Length(static_cast<unsigned char>(text[i])),
                                   text.size() - i);
    chars.push_back(text.substr(i, length));
    i += length;
  }
  return chars;
}

json::value OptionalTime(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

json::array HoldsToJson(const std::vector<int64_t>& holds) {
  json::array ids;
  for (int64_t id : holds) {
    ids.push_back(id);
  }
  return ids;
}

json::object LineToJson(const OrderLine& line) {
  json::array allocations;
  for (const Allocation& allocation : line.allocations) {
    allocations.push_back(
        json::object{{"warehouse", allocation.warehouse}, {"quantity", allocation.quantity}});
  }
  json::object object{{"line_no", line.line_no},
                      {"sku", line.sku},
                      {"name", line.name},
                      {"spec", line.spec},
                      {"quantity", line.quantity},
                      {"unit_price_amount", line.unit_price_amount},
                      {"line_amount", line.line_amount()},
                      {"price_overridden", line.price_overridden},
                      {"quantity_reserved", line.quantity_reserved},
                      {"quantity_backordered", line.quantity_backordered},
                      {"quantity_shipped", line.quantity_shipped},
                      {"quantity_dropped", line.quantity_dropped},
                      {"allocations", std::move(allocations)}};
  // Shortage (domain/inventory/backorder.h): why units are missing, where and until when.
  object["backorder"] =
      line.backorder_reason.empty() && line.backorder_warehouse.empty()
          ? json::value(nullptr)
          : json::value(json::object{{"reason", line.backorder_reason},
                                     {"warehouse", line.backorder_warehouse},
                                     {"expected_restock_at",
                                      OptionalTime(line.expected_restock_at)}});
  if (line.replaces_line_no != 0) {
    object["replaces_line_no"] = line.replaces_line_no;
  }
  return object;
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

std::string MaskPhone(std::string_view phone) {
  if (phone.size() >= 7) {
    return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4));
  }
  if (phone.size() <= 2) {
    return std::string(phone.size(), '*');
  }
  return std::string(1, phone.front()) + std::string(phone.size() - 2, '*') + phone.back();
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
  json::object object{{"province", address.province},
                      {"city", address.city},
                      {"district", address.district},
                      {"detail", reveal ? address.detail : MaskDetail(address.detail)}};
  if (!address.division_code.empty()) {
    object["division_code"] = address.division_code;
  }
  return object;
}

json::object OrderToJson(const Order& order, bool reveal) {
  json::array lines;
  for (const OrderLine& line : order.lines) {
    lines.push_back(LineToJson(line));
  }
  const Customer& c = order.customer;
  const Consignee& r = order.consignee;
  return json::object{
      {"order_no", order.order_no},
      {"channel", order.channel},
      {"external_id", order.external_id},
      {"status", StatusName(order.status)},
      {"payment_status", PaymentStatusName(order.payment_status)},
      {"payment_method", PaymentMethodName(order.payment_method)},
      {"priority", order.priority},
      {"order_class", order.order_class},
      {"currency", order.currency.view()},
      {"total_amount", order.total_amount},
      {"paid_amount", order.paid_amount},
      {"customer", json::object{{"member_id", c.member_id},
                                {"name", reveal ? c.name : MaskName(c.name)},
                                {"phone", reveal ? c.phone : MaskPhone(c.phone)}}},
      {"consignee", json::object{{"name", reveal ? r.name : MaskName(r.name)},
                                 {"phone", reveal ? r.phone : MaskPhone(r.phone)},
                                 {"address", AddressToJson(r.address, reveal)}}},
      {"lines", std::move(lines)},
      {"shipping", json::object{{"service", order.shipping_service},
                                {"carrier", order.carrier},
                                {"tracking_no", order.tracking_no},
                                {"packed_weight_g", order.packed_weight_g},
                                {"expected_weight_g", order.expected_weight_g()}}},
      {"buyer_note", order.buyer_note},
      {"occasion_date",
       order.occasion_date ? json::value(*order.occasion_date) : json::value(nullptr)},
      {"on_hold", order.on_hold()},
      {"hold_case_ids", HoldsToJson(order.holds)},
      {"backordered", order.has_backorder()},
      {"backorder_choice",
       order.backorder_choice.empty() ? json::value(nullptr) : json::value(order.backorder_choice)},
      {"refunded_amount", order.refunded_amount},
      {"exchange_due_amount", order.exchange_due_amount},
      {"supplement_due_amount", order.supplement_due_amount},
      {"close_reason", order.close_reason},
      {"version", order.version},
      {"created_at", FormatRfc3339(order.created_at)},
      {"updated_at", FormatRfc3339(order.updated_at)},
      {"paid_at", OptionalTime(order.paid_at)},
      {"shipped_at", OptionalTime(order.shipped_at)},
      {"delivered_at", OptionalTime(order.delivered_at)},
      {"finished_at", OptionalTime(order.finished_at)},
      {"cod_confirmed_at", OptionalTime(order.cod_confirmed_at)},
      {"cod_confirmed_by", order.cod_confirmed_by},
  };
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

json::object OrderEventToJson(const OrderEvent& event) {
  json::object details;
  for (const auto& [key, value] : event.details) {
    details[key] = value;
  }
  return json::object{{"type", event.type},
                      {"at", FormatRfc3339(event.at)},
                      {"actor", event.actor},
                      {"from_status", event.from_status},
                      {"to_status", event.to_status},
                      {"details", std::move(details)}};
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
      line.quantity = l.Int("quantity", true);
      line.unit_price_amount = l.OptionalInt("unit_price_amount");
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
  order.total_amount = reader.OptionalInt("total_amount");
  return order;
}

Sku ParseSku(const json::object& body, std::vector<FieldError>& errors) {
  FieldReader reader(body, "", errors);
  Sku sku;
  sku.code = reader.String("sku", true);
  sku.name = reader.String("name", true);
  sku.spec = reader.String("spec", false);
  sku.price_amount = reader.Int("price_amount", true);
  const std::string currency = reader.OptionalString("currency").value_or("CNY");
  if (Currency::IsValid(currency)) {
    sku.currency = Currency::Of(currency);
  } else {
    reader.AddError("currency", Code::kInvalidValue, "currency must be an ISO 4217 code");
  }
  sku.weight_g = reader.Int("weight_g", false, 0);
  sku.step_quantity = reader.Int("step_quantity", false, 1);
  sku.min_quantity = reader.Int("min_quantity", false, 1);
  sku.sellable = reader.Bool("sellable", false, true);
  sku.category = reader.String("category", false);
  sku.low_stock_threshold = reader.Int("low_stock_threshold", false, 0);
  sku.lead_time_days = reader.Int("lead_time_days", false, 7);
  return sku;
}

Warehouse ParseWarehouse(const json::object& body, std::vector<FieldError>& errors) {
  FieldReader reader(body, "", errors);
  Warehouse warehouse;
  warehouse.code = reader.String("code", true);
  warehouse.name = reader.String("name", true);
  if (const json::object* address = reader.Object("address", false)) {
    FieldReader a(*address, "address", errors);
    warehouse.address = ParseAddress(a);
  }
  return warehouse;
}

}  // namespace ordo::http
