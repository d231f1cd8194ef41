#include "store/inventory_codec.h"

#include <charconv>
#include <vector>

namespace ordo {
namespace json = boost::json;
namespace {

int64_t IntOf(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return (value && value->is_number()) ? value->to_number<int64_t>() : 0;
}

std::string StringOf(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return (value && value->is_string()) ? std::string(value->get_string()) : std::string();
}

bool HasShortage(const OrderLine& line) {
  return !line.backorder_reason.empty() || !line.backorder_warehouse.empty() ||
         line.expected_restock_at || line.quantity_dropped != 0 || line.replaces_line_no != 0;
}

template <typename T>
bool ParseNumber(std::string_view text, T& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

void EncodeLineShortage(JsonWriter& out, const OrderLine& line) {
  if (!HasShortage(line)) {
    return;
  }
  out.Key("short").BeginObject();
  if (!line.backorder_reason.empty()) {
    out.Field("reason", line.backorder_reason);
  }
  if (!line.backorder_warehouse.empty()) {
    out.Field("w", line.backorder_warehouse);
  }
  if (line.expected_restock_at) {
    out.Field("expect", line.expected_restock_at->unix_ms);
  }
  if (line.quantity_dropped != 0) {
    out.Field("dropped", line.quantity_dropped);
  }
  if (line.replaces_line_no != 0) {
    out.Field("replaces", line.replaces_line_no);
  }
  out.EndObject();
}

void DecodeLineShortage(const json::object& object, OrderLine& line) {
  const json::value* value = object.if_contains("short");
  if (value == nullptr || !value->is_object()) {
    return;
  }
  const json::object& s = value->get_object();
  line.backorder_reason = StringOf(s, "reason");
  line.backorder_warehouse = StringOf(s, "w");
  if (s.contains("expect")) {
    line.expected_restock_at = Timestamp{IntOf(s, "expect")};
  }
  line.quantity_dropped = IntOf(s, "dropped");
  line.replaces_line_no = static_cast<int>(IntOf(s, "replaces"));
}

void EncodeOrderShortage(JsonWriter& out, const Order& order) {
  if (order.backorder_choice.empty() && !order.single_parcel) {
    return;
  }
  out.Key("shortage")
      .BeginObject()
      .Field("choice", order.backorder_choice)
      .Field("single_parcel", order.single_parcel)
      .EndObject();
}

void DecodeOrderShortage(const json::object& doc, Order& order) {
  const json::value* value = doc.if_contains("shortage");
  if (value == nullptr || !value->is_object()) {
    return;
  }
  const json::object& s = value->get_object();
  order.backorder_choice = StringOf(s, "choice");
  const json::value* single = s.if_contains("single_parcel");
  order.single_parcel = single != nullptr && single->is_bool() && single->get_bool();
  order.refunded_amount = IntOf(s, "refunded");  // documents written before the money's own field
}

std::string BackorderKey(const WaitingLine& line) {
  return std::to_string(line.priority) + "|" + std::to_string(line.order_created_at.unix_ms) + "|" +
         line.order_no + "|" + std::to_string(line.line_no);
}

bool ParseBackorderKey(std::string_view key, BackorderPosition& position) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t bar = key.find('|'); bar != std::string_view::npos; bar = key.find('|', start)) {
    parts.push_back(key.substr(start, bar - start));
    start = bar + 1;
  }
  parts.push_back(key.substr(start));
  if (parts.size() != 4 || parts[2].empty()) {
    return false;
  }
  position.order_no = std::string(parts[2]);
  return ParseNumber(parts[0], position.priority) &&
         ParseNumber(parts[1], position.order_created_at_ms) &&
         ParseNumber(parts[3], position.line_no);
}

}  // namespace ordo
