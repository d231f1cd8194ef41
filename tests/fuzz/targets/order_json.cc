// Fuzz target: the body of POST /api/v1/orders as the HTTP layer reads it (ParseJsonBody,
// ParseNewOrder, CheckPriceOverrides for a channel and for staff) and the domain's validation
// that follows (BuildOrder against a small catalogue).
//
// Invariants: a body read without field errors, written back as JSON and read again, gives the
// same order; an order BuildOrder accepts has positive quantities, prices and line amounts that
// are not negative, a total that is their sum (and the total_amount sent, when one was), and
// every refusal names its fields and renders as a problem+json body.
#include <map>
#include <string>
#include <vector>

#include "domain/order/intake.h"
#include "fuzz_check.h"
#include "http/dto.h"
#include "http/json_util.h"

namespace ordo {
namespace {
namespace json = boost::json;

const std::map<std::string, Sku>& Catalog() {
  static const std::map<std::string, Sku> catalog = [] {
    std::map<std::string, Sku> skus;
    auto add = [&](std::string code, std::string name, int64_t price, int64_t weight, Quantity step,
                   Quantity min, bool sellable) {
      Sku sku;
      sku.code = code;
      sku.name = std::move(name);
      sku.price_amount = price;
      sku.weight_g = weight;
      sku.step_quantity = step;
      sku.min_quantity = min;
      sku.sellable = sellable;
      skus.emplace(std::move(code), std::move(sku));
    };
    add("TEA-001", "西湖龙井 明前特级", 12800, 250, 1, 1, true);
    add("TEA-002", "安吉白茶", 9900, 200, 1, 1, true);
    add("CUP-6", "青瓷茶杯 六只装", 4500, 900, 6, 6, true);
    add("BIG-1", "整箱礼盒", 999'999'999'999, 20000, 1, 1, true);
    add("OLD-1", "停售商品", 100, 10, 1, 1, false);
    return skus;
  }();
  return catalog;
}

// The request body a client would send for `order` (the fields ParseNewOrder reads).
json::object ToRequestJson(const NewOrder& order) {
  auto address = [](const Address& a) {
    return json::object{{"province", a.province},
                        {"city", a.city},
                        {"district", a.district},
                        {"detail", a.detail},
                        {"division_code", a.division_code}};
  };
  json::array lines;
  for (const NewOrderLine& line : order.lines) {
    json::object l{{"sku", line.sku},
                   {"quantity", line.quantity},
                   {"price_override_reason", line.price_override_reason}};
    if (line.unit_price_amount) {
      l["unit_price_amount"] = *line.unit_price_amount;
    }
    lines.push_back(std::move(l));
  }
  json::object body{{"channel", order.channel},
                    {"external_id", order.external_id},
                    {"customer", json::object{{"member_id", order.customer.member_id},
                                              {"name", order.customer.name},
                                              {"phone", order.customer.phone}}},
                    {"consignee", json::object{{"name", order.consignee.name},
                                               {"phone", order.consignee.phone},
                                               {"address", address(order.consignee.address)}}},
                    {"lines", std::move(lines)},
                    {"payment_method", order.payment_method},
                    {"shipping", json::object{{"service", order.shipping_service}}},
                    {"buyer_note", order.buyer_note},
                    {"currency", order.currency}};
  if (order.occasion_date) {
    body["occasion_date"] = *order.occasion_date;
  }
  if (order.total_amount) {
    body["total_amount"] = *order.total_amount;
  }
  return body;
}

bool SameAddress(const Address& a, const Address& b) {
  return a.province == b.province && a.city == b.city && a.district == b.district &&
         a.detail == b.detail && a.division_code == b.division_code;
}

bool SameOrder(const NewOrder& a, const NewOrder& b) {
  if (a.lines.size() != b.lines.size()) {
    return false;
  }
  for (size_t i = 0; i < a.lines.size(); ++i) {
    const NewOrderLine& x = a.lines[i];
    const NewOrderLine& y = b.lines[i];
    if (x.sku != y.sku || x.quantity != y.quantity || x.unit_price_amount != y.unit_price_amount ||
        x.price_override_reason != y.price_override_reason) {
      return false;
    }
  }
  return a.channel == b.channel && a.external_id == b.external_id &&
         a.customer.member_id == b.customer.member_id && a.customer.name == b.customer.name &&
         a.customer.phone == b.customer.phone && a.consignee.name == b.consignee.name &&
         a.consignee.phone == b.consignee.phone &&
         SameAddress(a.consignee.address, b.consignee.address) &&
         a.payment_method == b.payment_method && a.shipping_service == b.shipping_service &&
         a.buyer_note == b.buyer_note && a.occasion_date == b.occasion_date &&
         a.currency == b.currency && a.total_amount == b.total_amount;
}

void CheckBuilt(const NewOrder& input, const Order& order) {
  FUZZ_CHECK(order.lines.size() == input.lines.size(), "lines lost or added");
  int64_t sum = 0;
  for (const OrderLine& line : order.lines) {
    FUZZ_CHECK(line.quantity > 0, "accepted quantity " + std::to_string(line.quantity));
    FUZZ_CHECK(line.unit_price_amount >= 0,
               "accepted a negative price " + std::to_string(line.unit_price_amount));
    FUZZ_CHECK(Catalog().contains(line.sku), "a line of an unknown SKU: " + line.sku);
    int64_t amount = 0;
    FUZZ_CHECK(!__builtin_mul_overflow(line.unit_price_amount, line.quantity, &amount),
               "line amount overflows");
    FUZZ_CHECK(!__builtin_add_overflow(sum, amount, &sum), "order total overflows");
  }
  FUZZ_CHECK(order.total_amount >= 0, "negative total " + std::to_string(order.total_amount));
  FUZZ_CHECK(order.total_amount == sum, "total is not the sum of the lines");
  FUZZ_CHECK(!input.total_amount || *input.total_amount == order.total_amount,
             "total_amount sent differs from the total accepted");
}

}  // namespace
}  // namespace ordo

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ordo;
  Result<json::value> body = http::ParseJsonBody(fuzz::AsText(data, size));
  if (!body.ok()) {
    fuzz::CheckRefusal(body.status());
    return 0;
  }
  std::vector<FieldError> errors;
  NewOrder input = http::ParseNewOrder(body->as_object(), errors);
  if (!errors.empty()) {
    fuzz::CheckRefusal(Status::Invalid(std::move(errors)));
    return 0;
  }
  // Written back and read again: the same order, still without a fault.
  const std::string again_text = http::Serialize(ToRequestJson(input));
  Result<json::value> again_body = http::ParseJsonBody(again_text);
  FUZZ_CHECK(again_body.ok(), again_text);
  std::vector<FieldError> again_errors;
  const NewOrder again = http::ParseNewOrder(again_body->as_object(), again_errors);
  FUZZ_CHECK(again_errors.empty(), again_errors.front().field + ": " + again_text);
  FUZZ_CHECK(SameOrder(input, again), "read back differently: " + again_text);

  for (const char* role : {"channel", "admin"}) {
    if (Status prices = http::CheckPriceOverrides(role, input.lines); !prices.ok()) {
      FUZZ_CHECK(std::string_view(role) == "channel", "staff refused a price override");
      fuzz::CheckRefusal(prices);
    }
  }
  const Timestamp now{1'796'000'000'000};
  Result<Order> order = BuildOrder(input, Catalog(), now);
  if (!order.ok()) {
    fuzz::CheckRefusal(order.status());
    return 0;
  }
  CheckBuilt(input, *order);
  // The answer the client gets, masked and revealed, is JSON.
  for (bool reveal : {false, true}) {
    const std::string text = http::OrderJsonText(*order, reveal);
    boost::system::error_code ec;
    const json::value answer = json::parse(text, ec);
    FUZZ_CHECK(!ec && answer.is_object(), text);
  }
  return 0;
}
