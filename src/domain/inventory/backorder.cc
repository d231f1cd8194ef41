#include "domain/inventory/backorder.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace ordo {
namespace {

// Choices that change what the warehouse will pick are taken before picking starts.
bool BeforePicking(const Order& order) {
  return order.status == OrderStatus::kPendingPayment ||
         order.status == OrderStatus::kPendingReview ||
         order.status == OrderStatus::kAwaitingFulfillment;
}

Status TooLate(const Order& order, BackorderChoice choice) {
  return Status::Conflict(Code::kIllegalTransition,
                          "cannot choose " + std::string(BackorderChoiceName(choice)) +
                              " for order " + order.order_no + " in status " +
                              std::string(StatusName(order.status)));
}

Status NothingMissing(const Order& order) {
  return Status::Conflict(Code::kNothingMissing,
                          "order " + order.order_no + " has no missing units");
}

// The common checks of wait, ship_available and exchange.
Status CheckBeforePicking(const Order& order, BackorderChoice choice) {
  if (!BeforePicking(order)) {
    return TooLate(order, choice);
  }
  if (!HasMissingUnits(order)) {
    return NothingMissing(order);
  }
  return Status::Ok();
}

// The "backorder_choice" event; the order takes one version step for it unless another
// event of the same command (a cancellation) already took it.
OrderEvent ChoiceEvent(Order& order, BackorderChoice choice, const std::string& note,
                       const Actor& actor, bool bump_version = true) {
  order.backorder_choice = std::string(BackorderChoiceName(choice));
  if (bump_version) {
    order.version += 1;
    order.updated_at = actor.at;
  }
  OrderEvent event;
  event.type = "backorder_choice";
  event.at = actor.at;
  event.actor = actor.name;
  event.details.emplace_back("choice", order.backorder_choice);
  if (!note.empty()) {
    event.details.emplace_back("note", note);
  }
  return event;
}

// The price of what the customer gets: units dropped (ship what is available) are not charged.
int64_t LinesTotal(const Order& order) {
  int64_t total = 0;
  for (const OrderLine& line : order.lines) {
    total += line.unit_price_amount * (line.quantity - line.quantity_dropped);
  }
  return total;
}

bool IsPaid(const Order& order) {
  return order.payment_status == PaymentStatus::kPaid ||
         order.payment_status == PaymentStatus::kPartiallyRefunded;
}

// Takes the missing units out of every line (removing lines left empty) and returns, per line,
// what was taken. Recomputes the total.
std::vector<std::pair<int, Quantity>> RemoveMissing(Order& order, int64_t& amount) {
  std::vector<std::pair<int, Quantity>> taken;
  amount = 0;
  for (OrderLine& line : order.lines) {
    const Quantity missing = MissingUnits(line);
    if (missing == 0) {
      continue;
    }
    taken.emplace_back(line.line_no, missing);
    amount += missing * line.unit_price_amount;
    line.quantity -= missing;
    line.quantity_backordered = 0;
    line.quantity_dropped = 0;
    NoteShortage(line, "", "", std::nullopt);
  }
  std::erase_if(order.lines, [](const OrderLine& line) { return line.quantity == 0; });
  order.total_amount = LinesTotal(order);
  return taken;
}

std::string Units(const std::vector<std::pair<int, Quantity>>& lines) {
  std::string text;
  for (const auto& [line_no, quantity] : lines) {
    text += (text.empty() ? "" : ",") + std::to_string(line_no) + ":" + std::to_string(quantity);
  }
  return text;
}

}  // namespace

std::vector<WaitingLine> WaitingLinesOf(const Order& order) {
  std::vector<WaitingLine> waiting;
  for (const OrderLine& line : order.lines) {
    if (line.quantity_backordered <= 0) {
      continue;
    }
    WaitingLine w;
    w.order_id = order.id.value;
    w.order_no = order.order_no;
    w.channel = order.channel;
    w.line_no = line.line_no;
    w.sku = line.sku;
    w.warehouse = line.backorder_warehouse;
    w.quantity = line.quantity_backordered;
    w.priority = order.priority;
    w.order_created_at = order.created_at;
    w.any_warehouse = !order.single_parcel;
    w.reason = line.backorder_reason;
    w.expected_restock_at = line.expected_restock_at;
    waiting.push_back(std::move(w));
  }
  return waiting;
}

std::vector<Fill> PlanFills(std::vector<WaitingLine> waiting, const std::string& sku,
                            const std::string& warehouse, Quantity available) {
  std::erase_if(waiting, [&](const WaitingLine& line) {
    return line.sku != sku || line.quantity <= 0 ||
           (!line.any_warehouse && line.warehouse != warehouse);
  });
  std::sort(waiting.begin(), waiting.end(), [](const WaitingLine& a, const WaitingLine& b) {
    return std::make_tuple(-a.priority, a.order_created_at, a.order_no, a.line_no) <
           std::make_tuple(-b.priority, b.order_created_at, b.order_no, b.line_no);
  });
  std::vector<Fill> fills;
  for (const WaitingLine& line : waiting) {
    if (available <= 0) {
      break;
    }
    const Quantity take = std::min(available, line.quantity);
    fills.push_back({line.order_no, line.line_no, take});
    available -= take;
  }
  return fills;
}

void NoteShortage(OrderLine& line, std::string_view reason, const std::string& warehouse,
                  std::optional<Timestamp> expected_restock_at) {
  if (MissingUnits(line) == 0) {
    line.backorder_reason.clear();
    line.backorder_warehouse.clear();
    line.expected_restock_at.reset();
    return;
  }
  line.backorder_reason = std::string(reason);
  line.backorder_warehouse = warehouse;
  line.expected_restock_at = expected_restock_at;
}

Timestamp ExpectedRestock(Timestamp now, int64_t lead_time_days,
                          std::optional<Timestamp> request_expected_at) {
  if (request_expected_at) {
    return *request_expected_at;
  }
  return now.PlusMs(std::max<int64_t>(lead_time_days, 1) * kDayMs);
}

void ApplyFill(OrderLine& line, const std::string& warehouse, Quantity quantity) {
  ORDO_ASSERT(quantity > 0 && quantity <= line.quantity_backordered);
  line.quantity_backordered -= quantity;
  line.quantity_reserved += quantity;
  auto it = std::find_if(line.allocations.begin(), line.allocations.end(),
                         [&](const Allocation& a) { return a.warehouse == warehouse; });
  if (it != line.allocations.end()) {
    it->quantity += quantity;
  } else {
    line.allocations.push_back({warehouse, quantity});
  }
  if (MissingUnits(line) == 0) {
    NoteShortage(line, "", "", std::nullopt);
  }
}

std::string_view BackorderChoiceName(BackorderChoice choice) {
  return Name(choice);
}

std::optional<BackorderChoice> ParseBackorderChoice(std::string_view text) {
  return ParseEnum<BackorderChoice>(text);
}

Quantity MissingUnits(const OrderLine& line) {
  return line.quantity_backordered + line.quantity_dropped;
}

bool HasMissingUnits(const Order& order) {
  return std::any_of(order.lines.begin(), order.lines.end(),
                     [](const OrderLine& line) { return MissingUnits(line) > 0; });
}

Result<Events> ChooseWait(Order& order, bool single_parcel, const std::string& note,
                          const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CheckBeforePicking(order, BackorderChoice::kWait));
  Quantity waiting_again = 0;
  for (OrderLine& line : order.lines) {
    waiting_again += line.quantity_dropped;
    line.quantity_backordered += line.quantity_dropped;
    line.quantity_dropped = 0;
  }
  order.single_parcel = single_parcel;
  if (waiting_again > 0) {
    order.total_amount = LinesTotal(order);  // the units waited for are charged again
  }
  OrderEvent event = ChoiceEvent(order, BackorderChoice::kWait, note, actor);
  event.details.emplace_back("single_parcel", single_parcel ? "true" : "false");
  if (waiting_again > 0) {
    event.details.emplace_back("waiting_again", std::to_string(waiting_again));
  }
  return Events{std::move(event)};
}

Result<Events> ChooseShipAvailable(Order& order, const std::string& note, const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CheckBeforePicking(order, BackorderChoice::kShipAvailable));
  const bool any_reserved = std::any_of(order.lines.begin(), order.lines.end(),
                                        [](const OrderLine& l) { return l.quantity_reserved > 0; });
  if (!any_reserved) {
    return Status::Conflict(
        Code::kNothingToShip,
        "order " + order.order_no + " has nothing in stock to ship: refund or exchange instead");
  }
  std::vector<std::pair<int, Quantity>> dropped;
  for (OrderLine& line : order.lines) {
    if (line.quantity_backordered > 0) {
      dropped.emplace_back(line.line_no, line.quantity_backordered);
      line.quantity_dropped += line.quantity_backordered;
      line.quantity_backordered = 0;
    }
  }
  order.total_amount = LinesTotal(order);  // what is not shipped is not charged
  OrderEvent event = ChoiceEvent(order, BackorderChoice::kShipAvailable, note, actor);
  event.details.emplace_back("dropped", Units(dropped));
  event.details.emplace_back("total_amount", std::to_string(order.total_amount));
  return Events{std::move(event)};
}

Result<Events> ChooseRefundMissing(Order& order, const std::string& note, const Actor& actor,
                                   MissingRefund& refund) {
  if (order.status == OrderStatus::kCancelled || order.status == OrderStatus::kClosed) {
    return TooLate(order, BackorderChoice::kRefundMissing);
  }
  if (!IsPaid(order)) {
    return Status::Conflict(
        Code::kNotPaid, "order " + order.order_no + " is not paid: nothing can be refunded yet");
  }
  if (!HasMissingUnits(order)) {
    return NothingMissing(order);
  }
  const bool keeps_something =
      std::any_of(order.lines.begin(), order.lines.end(),
                  [](const OrderLine& l) { return l.quantity - MissingUnits(l) > 0; });
  Order changed = order;
  refund = MissingRefund{};
  int64_t missing_amount = 0;
  refund.lines = RemoveMissing(changed, missing_amount);
  // What the customer is no longer charged (units dropped earlier were not charged already).
  refund.amount = order.total_amount - changed.total_amount;
  if (keeps_something) {
    order = std::move(changed);
  }
  OrderEvent event =
      ChoiceEvent(order, BackorderChoice::kRefundMissing, note, actor, keeps_something);
  event.details.emplace_back("refund_amount", std::to_string(refund.amount));
  event.details.emplace_back("lines", Units(refund.lines));
  event.details.emplace_back("total_amount", std::to_string(order.total_amount));
  Events events{std::move(event)};
  if (!keeps_something) {
    // Nothing would be left to deliver: the order is cancelled, its lines kept for the record.
    refund.cancelled = true;
    ORDO_ASSIGN_OR_RETURN(Events cancelled,
                          Cancel(order, "every item is out of stock; refunded", actor));
    for (OrderLine& line : order.lines) {
      line.quantity_dropped = 0;
      NoteShortage(line, "", "", std::nullopt);
    }
    events.insert(events.end(), cancelled.begin(), cancelled.end());
  }
  return events;
}

Status CheckExchange(const Order& order, const std::vector<ExchangeRequest>& requests,
                     const std::map<std::string, Sku>& catalog) {
  ORDO_RETURN_IF_ERROR(CheckBeforePicking(order, BackorderChoice::kExchange));
  std::vector<FieldError> errors;
  if (requests.empty()) {
    errors.push_back({"lines", Code::kRequired, "an exchange names at least one line"});
  }
  std::set<int> seen;
  for (size_t i = 0; i < requests.size(); ++i) {
    const ExchangeRequest& request = requests[i];
    const std::string path = "lines[" + std::to_string(i) + "]";
    auto line = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const OrderLine& l) { return l.line_no == request.line_no; });
    if (line == order.lines.end()) {
      errors.push_back(
          {path + ".line_no", Code::kInvalidValue,
           "order " + order.order_no + " has no line " + std::to_string(request.line_no)});
    } else if (MissingUnits(*line) == 0) {
      errors.push_back({path + ".line_no", Code::kNothingMissing,
                        "line " + std::to_string(request.line_no) + " misses nothing"});
    } else if (!seen.insert(request.line_no).second) {
      errors.push_back({path + ".line_no", Code::kDuplicateLine, "line exchanged twice"});
    }
    auto sku = catalog.find(request.sku);
    if (sku == catalog.end()) {
      errors.push_back({path + ".sku", Code::kUnknownSku, "no SKU " + request.sku});
    } else if (!sku->second.sellable) {
      errors.push_back({path + ".sku", Code::kSkuNotSellable, request.sku + " is not sellable"});
    } else if (line != order.lines.end() && line->sku == request.sku) {
      errors.push_back({path + ".sku", Code::kInvalidValue,
                        "an exchange names another SKU than the line's (wait instead)"});
    } else if (request.quantity < sku->second.min_quantity) {
      errors.push_back({path + ".quantity", Code::kQuantityBelowMinimum,
                        "at least " + std::to_string(sku->second.min_quantity)});
    } else if (request.quantity % sku->second.step_quantity != 0) {
      errors.push_back({path + ".quantity", Code::kQuantityNotMultipleOfStep,
                        "a multiple of " + std::to_string(sku->second.step_quantity)});
    }
    if (request.quantity <= 0 || request.quantity > 1'000'000) {
      errors.push_back(
          {path + ".quantity", Code::kInvalidValue, "quantity must be between 1 and 1000000"});
    }
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

Result<Events> ApplyExchange(Order& order, const std::vector<ExchangeRequest>& requests,
                             const std::map<std::string, Sku>& catalog,
                             const std::vector<LinePlan>& plans, const std::string& note,
                             const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CheckExchange(order, requests, catalog));
  ORDO_ASSERT(plans.size() == requests.size());
  const int64_t total_before = order.total_amount;
  int next_line_no = 0;
  for (const OrderLine& line : order.lines) {
    next_line_no = std::max(next_line_no, line.line_no);
  }
  std::vector<OrderLine> added;
  std::string replaced;
  for (size_t i = 0; i < requests.size(); ++i) {
    auto line = std::find_if(order.lines.begin(), order.lines.end(),
                             [&](const OrderLine& l) { return l.line_no == requests[i].line_no; });
    const Quantity missing = MissingUnits(*line);
    line->quantity -= missing;
    line->quantity_backordered = 0;
    line->quantity_dropped = 0;
    NoteShortage(*line, "", "", std::nullopt);
    const Sku& sku = catalog.at(requests[i].sku);
    OrderLine fresh;
    fresh.line_no = ++next_line_no;
    fresh.sku = sku.code;
    fresh.name = sku.name;
    fresh.spec = sku.spec;
    fresh.quantity = requests[i].quantity;
    fresh.unit_price_amount = sku.price_amount;
    fresh.weight_g = sku.weight_g;
    fresh.replaces_line_no = requests[i].line_no;
    for (const PlannedAllocation& planned : plans[i].allocations) {
      fresh.allocations.push_back({planned.warehouse, planned.quantity});
      fresh.quantity_reserved += planned.quantity;
    }
    ORDO_ASSERT(fresh.quantity_reserved == fresh.quantity && plans[i].backordered == 0);
    replaced += (replaced.empty() ? "" : ",") + std::to_string(requests[i].line_no) + ":" +
                std::to_string(missing) + "->" + sku.code + "x" +
                std::to_string(requests[i].quantity);
    added.push_back(std::move(fresh));
  }
  std::erase_if(order.lines, [](const OrderLine& line) { return line.quantity == 0; });
  for (OrderLine& line : added) {
    order.lines.push_back(std::move(line));
  }
  order.total_amount = LinesTotal(order);
  const int64_t difference = order.total_amount - total_before;
  OrderEvent event = ChoiceEvent(order, BackorderChoice::kExchange, note, actor);
  event.details.emplace_back("exchanged", replaced);
  event.details.emplace_back("price_difference_amount", std::to_string(difference));
  event.details.emplace_back("total_amount", std::to_string(order.total_amount));
  return Events{std::move(event)};
}

}  // namespace ordo
