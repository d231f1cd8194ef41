#include "store/codec.h"

#include <boost/json.hpp>

#include "base/json_writer.h"
#include "store/inventory_codec.h"
#include "store/stored_enum.h"

namespace ordo {
namespace json = boost::json;
namespace {

std::optional<Timestamp> ReadOptionalTime(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || value->is_null()) {
    return std::nullopt;
  }
  return Timestamp{value->to_number<int64_t>()};
}

std::string Str(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return (value && value->is_string()) ? std::string(value->get_string()) : std::string();
}

bool Bool(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_bool() && value->get_bool();
}

int64_t Int(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return (value && value->is_number()) ? value->to_number<int64_t>() : 0;
}

void EncodeLine(JsonWriter& out, const OrderLine& line) {
  out.BeginObject()
      .Field("no", line.line_no)
      .Field("sku", line.sku)
      .Field("name", line.name)
      .Field("spec", line.spec)
      .Field("qty", line.quantity)
      .Field("price", line.unit_price_amount)
      .Field("override", line.price_overridden)
      .Field("reserved", line.quantity_reserved)
      .Field("backordered", line.quantity_backordered)
      .Field("shipped", line.quantity_shipped)
      .Field("weight_g", line.weight_g)
      .Key("alloc")
      .BeginArray();
  for (const Allocation& allocation : line.allocations) {
    out.BeginObject().Field("w", allocation.warehouse).Field("q", allocation.quantity).EndObject();
  }
  out.EndArray();
  EncodeLineShortage(out, line);
  out.EndObject();
}

void OptionalTime(JsonWriter& out, std::string_view key, const std::optional<Timestamp>& t) {
  out.Key(key);
  t ? out.Int(t->unix_ms) : out.Null();
}

OrderLine DecodeLine(const json::object& object) {
  OrderLine line;
  line.line_no = static_cast<int>(Int(object, "no"));
  line.sku = Str(object, "sku");
  line.name = Str(object, "name");
  line.spec = Str(object, "spec");
  line.quantity = Int(object, "qty");
  line.unit_price_amount = Int(object, "price");
  line.price_overridden = Bool(object, "override");
  line.quantity_reserved = Int(object, "reserved");
  line.quantity_backordered = Int(object, "backordered");
  line.quantity_shipped = Int(object, "shipped");
  line.weight_g = Int(object, "weight_g");
  if (const json::value* allocations = object.if_contains("alloc")) {
    for (const json::value& item : allocations->as_array()) {
      const json::object& a = item.as_object();
      line.allocations.push_back({Str(a, "w"), Int(a, "q")});
    }
  }
  DecodeLineShortage(object, line);
  return line;
}

// The personal fields in a fixed order. They are sealed together, as one JSON array: one nonce,
// one authentication tag and one Seal/Open per order rather than five keep the document small
// and the writer fast. The member id and the coarse address (province to district) are not
// personal on their own and stay plain, next to the sealed value.
std::string SealPersonalFields(const Order& order, const PiiCipher& cipher) {
  JsonWriter fields;
  fields.BeginArray()
      .String(order.customer.name)
      .String(order.customer.phone)
      .String(order.consignee.name)
      .String(order.consignee.phone)
      .String(order.consignee.address.detail)
      .EndArray();
  return cipher.Seal(fields.Take());
}

Status OpenPersonalFields(const json::object& doc, const PiiCipher& cipher, Order& order) {
  Result<std::string> opened = cipher.Open(Str(doc, "pii"));
  if (!opened.ok()) {
    return Status::Internal("the personal data of a stored order: " + opened.status().message());
  }
  unsigned char arena[1024];
  json::monotonic_resource resource(arena, sizeof(arena));
  boost::system::error_code ec;
  const json::value parsed = json::parse(*opened, ec, &resource);
  if (ec || !parsed.is_array() || parsed.as_array().size() != 5) {
    return Status::Internal("the personal data of a stored order is malformed");
  }
  std::string* targets[] = {&order.customer.name, &order.customer.phone, &order.consignee.name,
                            &order.consignee.phone, &order.consignee.address.detail};
  for (size_t i = 0; i < 5; ++i) {
    const json::value& field = parsed.as_array()[i];
    if (!field.is_string()) {
      return Status::Internal("the personal data of a stored order is malformed");
    }
    *targets[i] = std::string(field.get_string());
  }
  return Status::Ok();
}

// The consignee changes of an order, sealed together: [[at, actor, before..., after...], …] with
// each consignee as its name, phone, province, city, district, detail and division code.
constexpr size_t kConsigneeFields = 7;

void WriteConsigneeFields(JsonWriter& out, const Consignee& c) {
  out.String(c.name).String(c.phone).String(c.address.province).String(c.address.city);
  out.String(c.address.district).String(c.address.detail).String(c.address.division_code);
}

std::string SealConsigneeChanges(const std::vector<ConsigneeChange>& changes,
                                 const PiiCipher& cipher) {
  JsonWriter out;
  out.BeginArray();
  for (const ConsigneeChange& change : changes) {
    out.BeginArray().Int(change.at.unix_ms).String(change.actor);
    WriteConsigneeFields(out, change.before);
    WriteConsigneeFields(out, change.after);
    out.EndArray();
  }
  return cipher.Seal(out.EndArray().Take());
}

Consignee ReadConsigneeFields(const json::array& row, size_t from) {
  const auto text = [&](size_t i) { return std::string(row.at(from + i).as_string()); };
  return Consignee{text(0), text(1), Address{text(2), text(3), text(4), text(5), text(6)}};
}

Status OpenConsigneeChanges(const json::object& doc, const PiiCipher& cipher, Order& order) {
  const json::value* sealed = doc.if_contains("consignee_changes");
  if (sealed == nullptr) {
    return Status::Ok();  // written only once the consignee changed
  }
  Result<std::string> opened = cipher.Open(sealed->as_string());
  if (!opened.ok()) {
    return Status::Internal("the consignee changes of a stored order: " +
                            opened.status().message());
  }
  const json::value parsed = json::parse(*opened);  // a malformed text throws: DecodeOrderDoc
  for (const json::value& item : parsed.as_array()) {
    const json::array& row = item.as_array();
    if (row.size() != 2 + 2 * kConsigneeFields) {
      return Status::Internal("the consignee changes of a stored order are malformed");
    }
    order.consignee_changes.push_back(ConsigneeChange{
        Timestamp{row.at(0).to_number<int64_t>()}, std::string(row.at(1).as_string()),
        ReadConsigneeFields(row, 2), ReadConsigneeFields(row, 2 + kConsigneeFields)});
  }
  return Status::Ok();
}

Status DecodeParties(const json::object& doc, const PiiCipher& cipher, Order& order) {
  order.customer.member_id = Str(doc.at("customer").as_object(), "member_id");
  const json::object& consignee = doc.at("consignee").as_object();
  order.consignee.address = {Str(consignee, "province"), Str(consignee, "city"),
                             Str(consignee, "district"), "", Str(consignee, "division_code")};
  ORDO_RETURN_IF_ERROR(OpenPersonalFields(doc, cipher, order));
  return OpenConsigneeChanges(doc, cipher, order);
}

}  // namespace

Result<Order> DecodeOrderDocOrThrow(std::string_view text, const PiiCipher& cipher);

std::string EncodeOrderDoc(const Order& order, const PiiCipher& cipher) {
  // Written out directly: the writer encodes one document per order it stores.
  JsonWriter out;
  const Address& address = order.consignee.address;
  out.BeginObject()
      .Field("channel", order.channel)
      .Field("external_id", order.external_id)
      .Field("status", StatusName(order.status))
      .Field("payment_status", PaymentStatusName(order.payment_status))
      .Field("payment_method", PaymentMethodName(order.payment_method))
      .Key("customer")
      .BeginObject()
      .Field("member_id", order.customer.member_id)
      .EndObject()
      .Key("consignee")
      .BeginObject()
      .Field("province", address.province)
      .Field("city", address.city)
      .Field("district", address.district)
      .Field("division_code", address.division_code)
      .EndObject()
      .Field("pii", SealPersonalFields(order, cipher));
  if (!order.consignee_changes.empty()) {  // written only once the consignee changed
    out.Field("consignee_changes", SealConsigneeChanges(order.consignee_changes, cipher));
  }
  out.Key("lines").BeginArray();
  for (const OrderLine& line : order.lines) {
    EncodeLine(out, line);
  }
  out.EndArray().Field("currency", order.currency.view()).Field("total", order.total_amount);
  out.Field("paid", order.paid_amount).Key("payments").BeginArray();
  for (const Payment& payment : order.payments) {
    out.BeginObject()
        .Field("provider", payment.provider)
        .Field("txn", payment.transaction_id)
        .Field("amount", payment.amount)
        .Field("at", payment.at.unix_ms)
        .Field("duplicate", payment.duplicate)
        .Field("outcome", Name(payment.outcome))
        .EndObject();
  }
  out.EndArray()
      .Field("service", order.shipping_service)
      .Field("note", order.buyer_note)
      .Key("occasion");
  order.occasion_date ? out.String(*order.occasion_date) : out.Null();
  out.Field("priority", order.priority)
      .Field("class", order.order_class)
      .Field("carrier", order.carrier)
      .Field("tracking_no", order.tracking_no)
      .Field("packed_weight_g", order.packed_weight_g)
      .Field("close_reason", order.close_reason);
  if (!order.holds.empty()) {  // written only when held: most orders never are
    out.Key("holds").BeginArray();
    for (int64_t case_id : order.holds) {
      out.Int(case_id);
    }
    out.EndArray();
  }
  EncodeOrderShortage(out, order);
  out.Field("version", order.version)
      .Field("created_at", order.created_at.unix_ms)
      .Field("updated_at", order.updated_at.unix_ms);
  OptionalTime(out, "paid_at", order.paid_at);
  OptionalTime(out, "shipped_at", order.shipped_at);
  OptionalTime(out, "delivered_at", order.delivered_at);
  OptionalTime(out, "finished_at", order.finished_at);
  OptionalTime(out, "cod_confirmed_at", order.cod_confirmed_at);
  if (!order.cod_confirmed_by.empty()) {
    out.Field("cod_confirmed_by", order.cod_confirmed_by);
  }
  // The money refunded and credited (domain/order/money.h), written only when not zero.
  if (order.refunded_amount != 0) {
    out.Field("refunded", order.refunded_amount);
  }
  if (order.credit_amount != 0) {
    out.Field("credit", order.credit_amount);
  }
  out.EndObject();
  return out.Take();
}

Result<Order> DecodeOrderDoc(std::string_view text, const PiiCipher& cipher) {
  // Boost.JSON's accessors throw on a malformed document; keep that inside this function.
  try {
    return DecodeOrderDocOrThrow(text, cipher);
  } catch (const std::exception& error) {
    return Status::Internal(std::string("a stored order document is malformed: ") + error.what());
  }
}

Result<Order> DecodeOrderDocOrThrow(std::string_view text, const PiiCipher& cipher) {
  // The parsed document lives only while it is copied into the Order: its nodes are taken from
  // a buffer on the stack instead of one heap allocation each (every transition decodes one).
  unsigned char arena[16384];
  json::monotonic_resource resource(arena, sizeof(arena));
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec, &resource);
  if (ec || !parsed.is_object()) {
    return Status::Internal("a stored order document is not valid JSON");
  }
  const json::object& doc = parsed.as_object();
  Order order;
  order.channel = Str(doc, "channel");
  order.external_id = Str(doc, "external_id");
  ORDO_ASSIGN_OR_RETURN(order.status,
                        DecodeStoredEnum<OrderStatus>("order status", Str(doc, "status")));
  ORDO_ASSIGN_OR_RETURN(order.payment_status,
                        DecodeStoredEnum<PaymentStatus>("order payment_status",
                                                        Str(doc, "payment_status")));
  ORDO_ASSIGN_OR_RETURN(order.payment_method,
                        DecodeStoredEnum<PaymentMethod>("order payment_method",
                                                        Str(doc, "payment_method")));
  ORDO_RETURN_IF_ERROR(DecodeParties(doc, cipher, order));
  for (const json::value& line : doc.at("lines").as_array()) {
    order.lines.push_back(DecodeLine(line.as_object()));
  }
  const std::string currency = Str(doc, "currency");
  if (Currency::IsValid(currency)) {
    order.currency = Currency::Of(currency);
  }
  order.total_amount = Int(doc, "total");
  order.paid_amount = Int(doc, "paid");
  for (const json::value& item : doc.at("payments").as_array()) {
    const json::object& p = item.as_object();
    // Documents written before payment outcomes were recorded hold successful payments only.
    const std::string text = Str(p, "outcome");
    PaymentOutcome outcome = PaymentOutcome::kSucceeded;
    if (!text.empty()) {
      ORDO_ASSIGN_OR_RETURN(outcome, DecodeStoredEnum<PaymentOutcome>(
                                         "order payments[" +
                                             std::to_string(order.payments.size()) + "].outcome",
                                         text));
    }
    order.payments.push_back({Str(p, "provider"), Str(p, "txn"), Int(p, "amount"),
                              Timestamp{Int(p, "at")}, Bool(p, "duplicate"), outcome});
  }
  order.shipping_service = Str(doc, "service");
  order.buyer_note = Str(doc, "note");
  if (const json::value* occasion = doc.if_contains("occasion");
      occasion && occasion->is_string()) {
    order.occasion_date = std::string(occasion->get_string());
  }
  order.priority = static_cast<int>(Int(doc, "priority"));
  order.order_class = Str(doc, "class");
  order.carrier = Str(doc, "carrier");
  order.tracking_no = Str(doc, "tracking_no");
  order.packed_weight_g = Int(doc, "packed_weight_g");
  order.close_reason = Str(doc, "close_reason");
  if (const json::value* holds = doc.if_contains("holds"); holds && holds->is_array()) {
    for (const json::value& case_id : holds->get_array()) {
      order.holds.push_back(case_id.to_number<int64_t>());
    }
  }
  DecodeOrderShortage(doc, order);
  order.version = Int(doc, "version");
  order.created_at = Timestamp{Int(doc, "created_at")};
  order.updated_at = Timestamp{Int(doc, "updated_at")};
  order.paid_at = ReadOptionalTime(doc, "paid_at");
  order.shipped_at = ReadOptionalTime(doc, "shipped_at");
  order.delivered_at = ReadOptionalTime(doc, "delivered_at");
  order.finished_at = ReadOptionalTime(doc, "finished_at");
  order.cod_confirmed_at = ReadOptionalTime(doc, "cod_confirmed_at");
  order.cod_confirmed_by = Str(doc, "cod_confirmed_by");
  // Documents written before the money had its own fields keep refunds under "shortage".
  if (doc.contains("refunded")) {
    order.refunded_amount = Int(doc, "refunded");
  }
  order.credit_amount = Int(doc, "credit");
  return order;
}

std::string EncodeDetails(const std::vector<std::pair<std::string, std::string>>& details) {
  json::object object;
  for (const auto& [key, value] : details) {
    object[key] = value;
  }
  return json::serialize(object);
}

std::vector<std::pair<std::string, std::string>> DecodeDetails(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> details;
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) {
    return details;
  }
  for (const auto& [key, value] : parsed.as_object()) {
    details.emplace_back(std::string(key), value.is_string() ? std::string(value.get_string())
                                                             : json::serialize(value));
  }
  return details;
}

}  // namespace ordo
