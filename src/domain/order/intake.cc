#include "domain/order/intake.h"

#include <algorithm>
#include <set>

namespace ordo {
namespace {

constexpr size_t kMaxLines = 200;
constexpr size_t kMaxTextBytes = 500;
constexpr Quantity kMaxLineQuantity = 1000000;

void Require(std::vector<FieldError>& errors, const std::string& value, const std::string& field) {
  if (value.empty()) {
    errors.push_back({field, Code::kRequired, field + " is required"});
  } else if (value.size() > kMaxTextBytes) {
    errors.push_back({field, Code::kInvalidValue, field + " is too long"});
  }
}

constexpr size_t kMaxPhoneBytes = 40;

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

// A mainland mobile is stored in canonical form. Any other number (a landline, a platform's
// virtual number with an extension, a typo) is kept as given: the order is accepted and the
// invalid_phone review rule asks a person to confirm it (domain.md INT-3, EXC-1).
void CheckPhone(std::vector<FieldError>& errors, std::string& phone, const std::string& field) {
  const std::string_view given = TrimSpaces(phone);
  if (given.empty()) {
    errors.push_back({field, Code::kRequired, field + " is required"});
    return;
  }
  if (given.size() > kMaxPhoneBytes) {
    errors.push_back({field, Code::kInvalidValue, field + " is too long"});
    return;
  }
  std::optional<std::string> normal = NormalizeMobile(given);
  phone = normal ? *normal : std::string(given);
}

// Only what makes the address unusable as data is refused (overlong text, a malformed division
// code). A missing part, an unknown region or a detail without a house number is accepted: the
// address_incomplete review rule holds the order until customer service confirms the address.
void CheckAddress(std::vector<FieldError>& errors, const Address& address) {
  const std::pair<const std::string*, const char*> parts[] = {
      {&address.province, "consignee.address.province"},
      {&address.city, "consignee.address.city"},
      {&address.district, "consignee.address.district"},
      {&address.detail, "consignee.address.detail"}};
  for (const auto& [value, field] : parts) {
    if (value->size() > kMaxTextBytes) {
      errors.push_back({field, Code::kInvalidValue, std::string(field) + " is too long"});
    }
  }
  if (!address.division_code.empty() &&
      (address.division_code.size() != 6 ||
       !std::all_of(address.division_code.begin(), address.division_code.end(),
                    [](char c) { return c >= '0' && c <= '9'; }))) {
    errors.push_back({"consignee.address.division_code", Code::kInvalidValue,
                      "division_code must be a six-digit GB/T 2260 code"});
  }
}

// Checks one line against the catalogue and appends the priced line when it is valid.
void CheckLine(std::vector<FieldError>& errors, const NewOrderLine& input, size_t index,
               const std::map<std::string, Sku>& catalog, Currency currency,
               std::vector<OrderLine>& lines) {
  const std::string at = "lines[" + std::to_string(index) + "]";
  if (input.sku.empty()) {
    errors.push_back({at + ".sku", Code::kRequired, at + ".sku is required"});
    return;
  }
  auto it = catalog.find(input.sku);
  if (it == catalog.end()) {
    errors.push_back({at + ".sku", Code::kUnknownSku, "no SKU " + input.sku});
    return;
  }
  const Sku& sku = it->second;
  const size_t before = errors.size();
  if (!sku.sellable) {
    errors.push_back({at + ".sku", Code::kSkuNotSellable, sku.code + " is not for sale"});
  }
  if (!(sku.currency == currency)) {
    errors.push_back({at + ".sku", Code::kCurrencyMismatch,
                      sku.code + " is priced in " + std::string(sku.currency.view())});
  }
  if (input.quantity <= 0 || input.quantity > kMaxLineQuantity) {
    errors.push_back({at + ".quantity", Code::kInvalidValue,
                      "quantity must be between 1 and " + std::to_string(kMaxLineQuantity)});
  } else if (input.quantity < sku.min_quantity) {
    errors.push_back({at + ".quantity", Code::kQuantityBelowMinimum,
                      sku.code + " is sold from " + std::to_string(sku.min_quantity) + " units"});
  } else if (input.quantity % sku.step_quantity != 0) {
    errors.push_back({at + ".quantity", Code::kQuantityNotMultipleOfStep,
                      sku.code + " is sold in multiples of " + std::to_string(sku.step_quantity)});
  }
  const int64_t price = input.unit_price_amount.value_or(sku.price_amount);
  if (price < 0) {
    errors.push_back({at + ".unit_price_amount", Code::kInvalidValue,
                      "unit_price_amount must not be negative"});
  } else if (price != sku.price_amount && input.price_override_reason.empty()) {
    errors.push_back({at + ".unit_price_amount", Code::kPriceMismatch,
                      "unit_price_amount " + std::to_string(price) + " differs from the catalogue "
                          "price " + std::to_string(sku.price_amount) +
                          "; give price_override_reason to override it"});
  }
  if (errors.size() != before) {
    return;
  }
  OrderLine line;
  line.line_no = static_cast<int>(lines.size()) + 1;
  line.sku = sku.code;
  line.name = sku.name;
  line.spec = sku.spec;
  line.quantity = input.quantity;
  line.unit_price_amount = price;
  line.price_overridden = price != sku.price_amount;
  line.weight_g = sku.weight_g;
  lines.push_back(std::move(line));
}

}  // namespace

void CheckConsignee(std::vector<FieldError>& errors, Consignee& consignee) {
  Require(errors, consignee.name, "consignee.name");
  CheckPhone(errors, consignee.phone, "consignee.phone");
  CheckAddress(errors, consignee.address);
}

void CheckEnteredConsignee(std::vector<FieldError>& errors, Consignee& consignee,
                           EnteredParts entered) {
  const size_t before = errors.size();
  CheckConsignee(errors, consignee);
  if (entered.phone && !consignee.phone.empty() && !NormalizeMobile(consignee.phone) &&
      std::none_of(errors.begin() + static_cast<std::ptrdiff_t>(before), errors.end(),
                   [](const FieldError& e) { return e.field == "consignee.phone"; })) {
    errors.push_back({"consignee.phone", Code::kInvalidPhone,
                      "consignee.phone must be a mainland mobile number of 11 digits starting "
                      "13-19"});
  }
  const Address& address = consignee.address;
  if (!entered.address) {
    return;
  }
  const std::pair<const std::string*, const char*> regions[] = {
      {&address.province, "consignee.address.province"},
      {&address.city, "consignee.address.city"},
      {&address.district, "consignee.address.district"}};
  for (const auto& [value, field] : regions) {
    if (value->empty()) {
      errors.push_back({field, Code::kRequired, std::string(field) + " is required"});
    }
  }
  if (address.detail.empty()) {
    errors.push_back({"consignee.address.detail", Code::kAddressIncomplete,
                      "consignee.address.detail is required"});
  } else if (address.detail.size() <= kMaxTextBytes && !IsPreciseAddressDetail(address.detail)) {
    errors.push_back({"consignee.address.detail", Code::kAddressIncomplete,
                      "consignee.address.detail must name a house number, building, floor or "
                      "room"});
  }
}

void CheckLines(std::vector<FieldError>& errors, const std::vector<NewOrderLine>& inputs,
                const std::map<std::string, Sku>& catalog, Currency currency,
                std::vector<OrderLine>& lines) {
  if (inputs.empty()) {
    errors.push_back({"lines", Code::kRequired, "an order needs at least one line"});
    return;
  }
  if (inputs.size() > kMaxLines) {
    errors.push_back({"lines", Code::kInvalidValue, "an order has at most 200 lines"});
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i].sku.empty() && !seen.insert(inputs[i].sku).second) {
      errors.push_back({"lines[" + std::to_string(i) + "].sku", Code::kDuplicateLine,
                        inputs[i].sku + " appears twice; combine the quantities"});
      continue;
    }
    CheckLine(errors, inputs[i], i, catalog, currency, lines);
  }
}

const std::vector<std::string>& ShippingServices() {
  static const std::vector<std::string> kServices = {"economy", "standard", "express",
                                                     "next_day", "same_day"};
  return kServices;
}

std::optional<std::string> NormalizeMobile(std::string_view text) {
  std::string digits;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      continue;
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() == 13 && digits.starts_with("86")) {
    digits.erase(0, 2);
  } else if (text.starts_with("+")) {
    return std::nullopt;
  }
  if (digits.size() != 11 || digits[0] != '1' || digits[1] < '3' || digits[1] > '9') {
    return std::nullopt;
  }
  return digits;
}

bool IsPreciseAddressDetail(std::string_view detail) {
  static const char* const kMarkers[] = {"号", "栋", "幢", "楼", "单元", "层", "室",
                                         "弄", "座", "门", "组", "巷", "房"};
  static const char* const kChineseDigits[] = {"一", "二", "三", "四", "五", "六", "七",
                                               "八", "九", "十", "零", "〇", "百"};
  bool has_number = std::any_of(detail.begin(), detail.end(),
                                [](char c) { return c >= '0' && c <= '9'; });
  for (const char* digit : kChineseDigits) {
    has_number = has_number || detail.find(digit) != std::string_view::npos;
  }
  if (!has_number || detail.size() < 4) {
    return false;
  }
  bool ascii_only = std::all_of(detail.begin(), detail.end(),
                                [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii_only) {
    // A romanised address ("Room 801, No. 100 Century Avenue"): a number and a word suffice.
    return std::any_of(detail.begin(), detail.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
  }
  for (const char* marker : kMarkers) {
    if (detail.find(marker) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

Classification Classify(const NewOrder& input, Timestamp now) {
  Classification result;
  if (input.shipping_service == "same_day") {
    result = {90, "expedited"};
  } else if (input.shipping_service == "next_day" || input.shipping_service == "express") {
    result = {80, "expedited"};
  } else if (input.shipping_service == "economy") {
    result = {30, "economy"};
  }
  if (input.occasion_date) {
    auto date = ParseDate(*input.occasion_date);
    // Days left, counted on the China calendar (an occasion is a local date).
    const Timestamp today_midnight{(now.unix_ms + 8 * 3600000LL) / 86400000 * 86400000};
    if (date.ok() && date->unix_ms >= today_midnight.unix_ms) {
      const int64_t days_left = (date->unix_ms - today_midnight.unix_ms) / 86400000;
      const int occasion_priority = days_left <= 3 ? 85 : 60;
      if (occasion_priority > result.priority) {
        result = {occasion_priority, "occasion"};
      }
    }
  }
  if (input.channel == "store" && result.order_class == "standard") {
    result = {55, "store_replenishment"};
  }
  return result;
}

Result<Order> BuildOrder(const NewOrder& input_const, const std::map<std::string, Sku>& catalog,
                         Timestamp now) {
  NewOrder input = input_const;
  std::vector<FieldError> errors;
  Require(errors, input.channel, "channel");
  Require(errors, input.external_id, "external_id");
  Require(errors, input.customer.name, "customer.name");
  CheckPhone(errors, input.customer.phone, "customer.phone");
  CheckConsignee(errors, input.consignee);
  const std::optional<PaymentMethod> method = ParsePaymentMethod(input.payment_method);
  if (input.payment_method.empty()) {
    errors.push_back({"payment_method", Code::kRequired, "payment_method is required"});
  } else if (!method) {
    errors.push_back(
        {"payment_method", Code::kInvalidValue, "payment_method must be 'online' or 'cod'"});
  }
  const auto& services = ShippingServices();
  if (std::find(services.begin(), services.end(), input.shipping_service) == services.end()) {
    errors.push_back({"shipping.service", Code::kInvalidValue,
                      "shipping.service must be one of economy, standard, express, next_day, "
                      "same_day"});
  }
  if (input.buyer_note.size() > 2000) {
    errors.push_back({"buyer_note", Code::kInvalidValue, "buyer_note is too long"});
  }
  if (input.occasion_date && !ParseDate(*input.occasion_date).ok()) {
    errors.push_back({"occasion_date", Code::kInvalidValue, "occasion_date must be YYYY-MM-DD"});
  }
  Currency currency;
  if (!Currency::IsValid(input.currency)) {
    errors.push_back({"currency", Code::kInvalidValue, "currency must be an ISO 4217 code"});
  } else {
    currency = Currency::Of(input.currency);
  }
  std::vector<OrderLine> lines;
  CheckLines(errors, input.lines, catalog, currency, lines);
  int64_t total = 0;
  bool overflow = false;
  for (const OrderLine& line : lines) {
    int64_t amount = 0;
    overflow = overflow || !CheckedMultiply(line.unit_price_amount, line.quantity, &amount) ||
               !CheckedAdd(total, amount, &total);
  }
  if (overflow) {
    errors.push_back({"lines", Code::kInvalidValue, "the order total is too large"});
  } else if (errors.empty() && input.total_amount && *input.total_amount != total) {
    errors.push_back({"total_amount", Code::kTotalMismatch,
                      "total_amount " + std::to_string(*input.total_amount) +
                          " does not equal the sum of the lines, " + std::to_string(total)});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  Order order;
  order.channel = input.channel;
  order.external_id = input.external_id;
  order.customer = input.customer;
  order.consignee = input.consignee;
  order.lines = std::move(lines);
  order.currency = currency;
  order.total_amount = total;
  order.payment_method = *method;
  order.status = *method == PaymentMethod::kCod ? OrderStatus::kPendingReview
                                                : OrderStatus::kPendingPayment;
  order.payment_status =
      *method == PaymentMethod::kCod ? PaymentStatus::kCodPending : PaymentStatus::kUnpaid;
  order.shipping_service = input.shipping_service;
  order.buyer_note = input.buyer_note;
  order.occasion_date = input.occasion_date;
  const Classification classification = Classify(input, now);
  order.priority = classification.priority;
  order.order_class = classification.order_class;
  order.created_at = now;
  order.updated_at = now;
  return order;
}

}  // namespace ordo
