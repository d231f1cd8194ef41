// Intake: turning a submitted order into a valid Order, or field-level errors (INT-2…INT-4).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "domain/catalog/catalog.h"
#include "domain/order/order.h"

namespace ordo {

struct NewOrderLine {
  std::string sku;
  Quantity quantity = 0;
  std::optional<int64_t> unit_price_amount;  // Absent: the catalogue price.
  std::string price_override_reason;         // Non-empty: a deliberate, audited price.
};

// What a channel or a member of staff submits. Text fields arrive as given; absent optional
// JSON fields are empty strings or nullopt.
struct NewOrder {
  std::string channel;
  std::string external_id;
  Customer customer;
  Consignee consignee;
  std::vector<NewOrderLine> lines;
  std::string payment_method;  // "online" | "cod"
  std::string shipping_service = "standard";
  std::string buyer_note;
  std::optional<std::string> occasion_date;  // "YYYY-MM-DD"
  std::string currency = "CNY";
  std::optional<int64_t> total_amount;  // When given, must equal the sum of the lines.
};

struct Classification {
  int priority = 50;
  std::string order_class = "standard";
};

// Shipping services the intake accepts, in increasing urgency.
const std::vector<std::string>& ShippingServices();

// "13812345678", also given as "+86 138-1234-5678": the canonical 11 digits, or nullopt when
// the text is not a mainland mobile number.
std::optional<std::string> NormalizeMobile(std::string_view text);

// True when an address detail names something a courier can find: a number together with a
// house, building, unit, floor or room marker (号, 栋, 幢, 楼, 单元, 层, 室, 弄, …).
bool IsPreciseAddressDetail(std::string_view detail);

// Priority and class from urgency (service level, a dated occasion), the channel and the
// payment method (INT-4). Higher priority is served first.
Classification Classify(const NewOrder& input, Timestamp now);

// The field checks of intake, shared with order changes (domain/order/change.h) so a change is
// judged exactly as a new order would be. Each appends its field errors to `errors`.
// CheckConsignee refuses only what cannot be stored (a missing name or phone, overlong text, a
// malformed division code) and puts a mainland mobile in canonical form; an imperfect address or
// phone is accepted as given and judged by the review rules (address_incomplete, invalid_phone),
// which hold the order for a person instead of losing it. CheckLines appends the priced, weighed
// lines (numbered from 1) of the valid inputs to `lines`.
void CheckConsignee(std::vector<FieldError>& errors, Consignee& consignee);
// For a consignee typed by staff while talking to the customer (an order change): as
// CheckConsignee, and also refuses, so the person can correct it at once, a typed phone that is
// not a mainland mobile (invalid_phone), and in a typed address a missing province, city or
// district (required) or a detail without a house number, building, floor or room
// (address_incomplete). Parts kept from the order are not judged again.
struct EnteredParts {
  bool phone = true;
  bool address = true;
};
void CheckEnteredConsignee(std::vector<FieldError>& errors, Consignee& consignee,
                           EnteredParts entered);
void CheckLines(std::vector<FieldError>& errors, const std::vector<NewOrderLine>& inputs,
                const std::map<std::string, Sku>& catalog, Currency currency,
                std::vector<OrderLine>& lines);

// Validates `input` against the catalogue (every SKU it names that exists is in `catalog`) and
// builds the order: lines priced and weighed from the catalogue, totals in fen, the entry status
// (pending_payment, or pending_review for cash on delivery), priority and class. Every failure
// is reported at once as a field-level error; nothing is reserved here. The returned order has
// no id, order number or allocations yet.
Result<Order> BuildOrder(const NewOrder& input, const std::map<std::string, Sku>& catalog,
                         Timestamp now);

}  // namespace ordo
