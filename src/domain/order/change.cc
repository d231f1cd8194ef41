#include "domain/order/change.h"

#include <algorithm>

#include "domain/order/money.h"

namespace ordo {
namespace {

constexpr size_t kMaxReasonBytes = 500;
constexpr size_t kMaxNoteBytes = 2000;

bool SameLines(const std::vector<OrderLine>& a, const std::vector<OrderLine>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].sku != b[i].sku || a[i].quantity != b[i].quantity ||
        a[i].unit_price_amount != b[i].unit_price_amount) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> ChangedConsigneeFields(const Consignee& before, const Consignee& after) {
  std::vector<std::string> fields;
  if (before.name != after.name) {
    fields.push_back("name");
  }
  if (before.phone != after.phone) {
    fields.push_back("phone");
  }
  const Address& a = before.address;
  const Address& b = after.address;
  if (a.province != b.province || a.city != b.city || a.district != b.district ||
      a.detail != b.detail || a.division_code != b.division_code) {
    fields.push_back("address");
  }
  return fields;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) {
    text += (text.empty() ? "" : ",") + part;
  }
  return text;
}

// The event details of a change, shared by the applied change and the request.
std::vector<std::pair<std::string, std::string>> ChangeDetails(const Order* order,
                                                               const CheckedChange& checked) {
  std::vector<std::pair<std::string, std::string>> details;
  if (!checked.consignee_fields.empty()) {
    details.emplace_back("consignee_changed", Join(checked.consignee_fields));
  }
  if (checked.lines_changed) {
    if (order != nullptr) {
      details.emplace_back("lines_before", LinesSummary(order->lines));
    }
    details.emplace_back("lines_after", LinesSummary(checked.lines));
    if (order != nullptr) {
      details.emplace_back("total_amount_before", std::to_string(order->total_amount));
    }
    details.emplace_back("total_amount_after", std::to_string(checked.total_amount));
  }
  if (checked.change.buyer_note) {
    details.emplace_back("buyer_note_changed", "true");
  }
  if (!checked.change.reason.empty()) {
    details.emplace_back("reason", checked.change.reason);
  }
  return details;
}

}  // namespace

Result<ChangeRoute> RouteChange(const Order& order) {
  const bool part_shipped = std::any_of(order.lines.begin(), order.lines.end(),
                                        [](const OrderLine& l) { return l.quantity_shipped > 0; });
  switch (order.status) {
    case OrderStatus::kPendingPayment:
    case OrderStatus::kPendingReview:
    case OrderStatus::kAwaitingFulfillment:
      if (!part_shipped) {
        return ChangeRoute::kApplyNow;
      }
      break;
    case OrderStatus::kPicking:
    case OrderStatus::kPacked:
      if (!part_shipped) {
        return ChangeRoute::kNeedsWarehouse;
      }
      break;
    default:
      break;
  }
  return Status::Conflict(Code::kChangeNotAllowed, "order " + order.order_no + " is " +
                                                       std::string(StatusName(order.status)) +
                                                       (part_shipped ? " and partly shipped" : "") +
                                                       ": it can no longer be changed");
}

namespace {

bool IsBlank(const Address& address) {
  return address.province.empty() && address.city.empty() && address.district.empty() &&
         address.detail.empty() && address.division_code.empty();
}

}  // namespace

Result<CheckedChange> CheckChange(const Order& order, OrderChange change,
                                  const std::map<std::string, Sku>& catalog) {
  std::vector<FieldError> errors;
  CheckedChange checked;
  if (change.consignee) {
    // A change names only what changes: a part left out keeps the order's (issue: changing the
    // address alone needed the name and phone typed again).
    Consignee& typed = *change.consignee;
    const EnteredParts entered{!typed.phone.empty(), !IsBlank(typed.address)};
    if (typed.name.empty()) {
      typed.name = order.consignee.name;
    }
    if (!entered.phone) {
      typed.phone = order.consignee.phone;
    }
    if (!entered.address) {
      typed.address = order.consignee.address;
    }
    CheckEnteredConsignee(errors, typed, entered);
  }
  if (change.lines) {
    CheckLines(errors, *change.lines, catalog, order.currency, checked.lines);
  }
  if (change.buyer_note && change.buyer_note->size() > kMaxNoteBytes) {
    errors.push_back({"buyer_note", Code::kInvalidValue, "buyer_note is too long"});
  }
  if (change.reason.size() > kMaxReasonBytes) {
    errors.push_back({"reason", Code::kInvalidValue, "reason must be at most 500 bytes"});
  }
  int64_t total = 0;
  for (const OrderLine& line : checked.lines) {
    int64_t amount = 0;
    if (!CheckedMultiply(line.unit_price_amount, line.quantity, &amount) ||
        !CheckedAdd(total, amount, &total)) {
      errors.push_back({"lines", Code::kInvalidValue, "the order total is too large"});
      break;
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  if (change.consignee) {
    checked.consignee_fields = ChangedConsigneeFields(order.consignee, *change.consignee);
  }
  checked.lines_changed = change.lines && !SameLines(order.lines, checked.lines);
  checked.total_amount = checked.lines_changed ? total : order.total_amount;
  if (change.buyer_note && *change.buyer_note == order.buyer_note) {
    change.buyer_note.reset();
  }
  if (checked.consignee_fields.empty() && !checked.lines_changed && !change.buyer_note) {
    return Status::Invalid("body", Code::kInvalidValue,
                           "the change names no consignee, lines or buyer_note different from "
                           "the order's");
  }
  checked.change = std::move(change);
  return checked;
}

PriceDifference PriceDifferenceOf(const Order& order, int64_t new_total_amount) {
  Order changed = order;
  changed.total_amount = new_total_amount;
  PriceDifference difference;
  // Before the order is paid in full the amount due simply follows the new total.
  if (PaidInFull(changed)) {
    difference.supplement_due_amount = MoneyOf(changed).balance;
  }
  difference.refund_amount = SurplusOf(changed);
  return difference;
}

OrderEvent ApplyChange(Order& order, const CheckedChange& checked,
                       const PriceDifference& difference, const std::string& carrier_before,
                       const std::string& carrier_after, const Actor& actor) {
  OrderEvent event;
  event.type = "changed";
  event.at = actor.at;
  event.actor = actor.name;
  event.details = ChangeDetails(&order, checked);
  if (carrier_before != carrier_after) {
    event.details.emplace_back("carrier_before", carrier_before);
    event.details.emplace_back("carrier_after", carrier_after);
  }
  if (difference.supplement_due_amount !=
      PriceDifferenceOf(order, order.total_amount).supplement_due_amount) {
    event.details.emplace_back("supplement_due_amount",
                               std::to_string(difference.supplement_due_amount));
  }
  if (difference.refund_amount > 0) {
    event.details.emplace_back("refund_amount", std::to_string(difference.refund_amount));
  }
  if (checked.change.consignee) {
    if (!checked.consignee_fields.empty()) {
      order.consignee_changes.push_back(
          ConsigneeChange{actor.at, actor.name, order.consignee, *checked.change.consignee});
    }
    order.consignee = *checked.change.consignee;
  }
  if (checked.change.buyer_note) {
    order.buyer_note = *checked.change.buyer_note;
  }
  if (checked.lines_changed) {
    order.lines = checked.lines;
    order.total_amount = checked.total_amount;
  }
  order.version += 1;
  order.updated_at = actor.at;
  return event;
}

OrderEvent ChangeRequestedEvent(int64_t change_id, const CheckedChange& checked,
                                const Actor& actor) {
  OrderEvent event;
  event.type = "change_requested";
  event.at = actor.at;
  event.actor = actor.name;
  event.details = ChangeDetails(nullptr, checked);
  event.details.insert(event.details.begin(), {"change_id", std::to_string(change_id)});
  return event;
}

Result<std::optional<OrderEvent>> ReturnToFulfillment(Order& order, const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(ChangeRoute route, RouteChange(order));
  if (route != ChangeRoute::kNeedsWarehouse) {
    return std::optional<OrderEvent>();
  }
  OrderEvent event;
  event.type = "returned_to_fulfillment";
  event.at = actor.at;
  event.actor = actor.name;
  event.from_status = std::string(StatusName(order.status));
  event.to_status = std::string(StatusName(OrderStatus::kAwaitingFulfillment));
  event.details.emplace_back("reason", "a confirmed change altered the lines");
  order.status = OrderStatus::kAwaitingFulfillment;
  order.packed_weight_g = 0;
  return std::optional<OrderEvent>(std::move(event));
}

std::string_view ChangeRequestStatusName(ChangeRequestStatus status) {
  return Name(status);
}

std::optional<ChangeRequestStatus> ParseChangeRequestStatus(std::string_view text) {
  return ParseEnum<ChangeRequestStatus>(text);
}

std::string LinesSummary(const std::vector<OrderLine>& lines) {
  std::string text;
  for (const OrderLine& line : lines) {
    text += (text.empty() ? "" : ",") + line.sku + " x" + std::to_string(line.quantity);
  }
  return text;
}

}  // namespace ordo
