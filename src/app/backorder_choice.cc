// The customer's choice for missing lines (domain.md INV-3): wait, ship what is in stock,
// refund the missing lines, or exchange them for another SKU.
#include <algorithm>

#include "app/anomaly.h"
#include "app/inventory.h"
#include "app/payments.h"

namespace ordo::app {
namespace {

// Reserves the replacements of an exchange, all or nothing (409 insufficient_stock naming the
// first SKU short). Returns one fully reserved plan per request.
Result<std::vector<LinePlan>> ReserveReplacements(WriteTx& tx, const Order& order,
                                                  const std::vector<ExchangeRequest>& requests,
                                                  const Actor& actor) {
  std::vector<std::string> skus;
  std::vector<AllocationRequest> wanted;
  for (const ExchangeRequest& request : requests) {
    skus.push_back(request.sku);
    wanted.push_back({request.sku, request.quantity});
  }
  ORDO_ASSIGN_OR_RETURN(auto stock, tx.LoadStock(skus));
  ORDO_ASSIGN_OR_RETURN(auto rules, tx.inventory().LoadAllocationRules());
  std::vector<LinePlan> plans = PlanAllocation(wanted, stock, *rules, DestinationOf(order));
  for (size_t i = 0; i < plans.size(); ++i) {
    if (plans[i].backordered > 0) {
      return Status::Conflict(Code::kInsufficientStock,
                              "cannot exchange for " + std::to_string(requests[i].quantity) +
                                  " of " + requests[i].sku + ": " +
                                  std::to_string(plans[i].backordered) + " short");
    }
  }
  const MovementContext movement{actor.name, "backorder exchange", order.order_no, actor.at};
  for (size_t i = 0; i < plans.size(); ++i) {
    for (const PlannedAllocation& planned : plans[i].allocations) {
      auto& levels = stock[requests[i].sku];
      auto level = std::find_if(levels.begin(), levels.end(), [&](const StockLevel& l) {
        return l.warehouse() == planned.warehouse;
      });
      ORDO_ASSERT(level != levels.end());
      ORDO_ASSIGN_OR_RETURN(LedgerEntry entry, level->Reserve(planned.quantity, movement));
      ORDO_RETURN_IF_ERROR(tx.ApplyMovement(*level, entry));
    }
  }
  return plans;
}

Result<Events> Exchange(WriteTx& tx, Order& order, const BackorderChoiceInput& input,
                        const Actor& actor) {
  std::vector<std::string> codes;
  for (const ExchangeRequest& request : input.lines) {
    codes.push_back(request.sku);
  }
  ORDO_ASSIGN_OR_RETURN(auto catalog, tx.FindSkus(codes));
  ORDO_RETURN_IF_ERROR(CheckExchange(order, input.lines, catalog));
  ORDO_ASSIGN_OR_RETURN(std::vector<LinePlan> plans,
                        ReserveReplacements(tx, order, input.lines, actor));
  return ApplyExchange(order, input.lines, catalog, plans, input.note, actor);
}

std::string Units(const std::vector<std::pair<int, Quantity>>& lines) {
  std::string text;
  for (const auto& [line_no, quantity] : lines) {
    text += (text.empty() ? "" : ",") + std::to_string(line_no) + ":" + std::to_string(quantity);
  }
  return text;
}

// What a choice left the order holding beyond its charge goes back (domain/order/money.h):
// missing or dropped units no longer charged, an exchange for cheaper goods.
Status RefundWhatIsNotOwed(WriteTx& tx, Order& order, BackorderChoice choice,
                           const BackorderChoiceInput& input, std::string lines, const Actor& actor,
                           BackorderChoiceOutcome& out, Events& events) {
  const int64_t amount = SurplusOf(order);
  if (amount <= 0) {
    return Status::Ok();
  }
  const RefundCause cause = choice == BackorderChoice::kRefundMissing ? RefundCause::kMissingLines
                            : choice == BackorderChoice::kShipAvailable
                                ? RefundCause::kDroppedLines
                                : RefundCause::kExchangeDifference;
  ORDO_ASSIGN_OR_RETURN(
      Refund refund,
      IssueRefund(tx, order, {amount, cause, std::move(lines), input.note, 0}, actor));
  out.refund_id = refund.id;
  out.refund_amount = refund.amount;
  events.front().details.emplace_back("refund_id", std::to_string(refund.id));
  events.front().details.emplace_back("refund_amount", std::to_string(refund.amount));
  return Status::Ok();
}

Result<Events> RefundMissing(Order& order, const BackorderChoiceInput& input, const Actor& actor,
                             std::string& lines) {
  MissingRefund refund;
  ORDO_ASSIGN_OR_RETURN(Events events, ChooseRefundMissing(order, input.note, actor, refund));
  lines = Units(refund.lines);
  return events;
}

Result<Events> Decide(WriteTx& tx, Order& order, BackorderChoice choice,
                      const BackorderChoiceInput& input, const Actor& actor,
                      BackorderChoiceOutcome& out) {
  std::string lines;
  Result<Events> events = Status::Internal("unknown backorder choice");
  switch (choice) {
    case BackorderChoice::kWait:
      return ChooseWait(order, input.single_parcel, input.note, actor);
    case BackorderChoice::kShipAvailable:
      events = ChooseShipAvailable(order, input.note, actor);
      break;
    case BackorderChoice::kRefundMissing:
      events = RefundMissing(order, input, actor, lines);
      break;
    case BackorderChoice::kExchange:
      events = Exchange(tx, order, input, actor);
      break;
  }
  if (!events.ok()) {
    return events;
  }
  ORDO_RETURN_IF_ERROR(
      RefundWhatIsNotOwed(tx, order, choice, input, std::move(lines), actor, out, *events));
  return events;
}

}  // namespace

WriteFn ChooseForBackorder(std::string order_no, BackorderChoiceInput input,
                           std::optional<int64_t> if_match, CommandContext context,
                           std::shared_ptr<BackorderChoiceOutcome> out) {
  return [order_no = std::move(order_no), input = std::move(input), if_match, context,
          out](WriteTx& tx) -> Status {
    const std::optional<BackorderChoice> choice = ParseBackorderChoice(input.choice);
    if (!choice) {
      return Status::Invalid("choice", Code::kInvalidValue,
                             "choice must be wait, ship_available, refund_missing or exchange");
    }
    if (input.note.size() > 500) {
      return Status::Invalid("note", Code::kInvalidValue, "note must be at most 500 bytes");
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
    // Another channel's order is reported missing, not forbidden: its existence stays hidden.
    if (!loaded ||
        (!input.visible_to_channel.empty() && loaded->channel != input.visible_to_channel)) {
      return Status::NotFound("no order " + order_no);
    }
    Order& order = *loaded;
    if (if_match && *if_match != order.version) {
      return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                    "order " + order_no + " is at version " + std::to_string(order.version) +
                        ", not " + std::to_string(*if_match));
    }
    const int64_t loaded_version = order.version;
    const Actor actor = context.Now();
    const OrderBefore before = OrderBefore::Of(order);
    ORDO_ASSIGN_OR_RETURN(Events events, Decide(tx, order, *choice, input, actor, *out));
    ORDO_RETURN_IF_ERROR(CloseCasesWhoseCauseIsGone(tx, order, before, actor, events));
    ORDO_RETURN_IF_ERROR(tx.UpdateOrder(order, loaded_version));
    ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, events));
    if (*choice == BackorderChoice::kWait) {
      // Units dropped earlier wait again: stock that came in meanwhile serves them now.
      std::vector<std::string> skus;
      for (const OrderLine& line : order.lines) {
        if (line.quantity_backordered > 0 &&
            std::find(skus.begin(), skus.end(), line.sku) == skus.end()) {
          skus.push_back(line.sku);
        }
      }
      for (const std::string& sku : skus) {
        ORDO_RETURN_IF_ERROR(FillFromAnyWarehouse(tx, sku, context));
      }
      ORDO_ASSIGN_OR_RETURN(std::optional<Order> reloaded, tx.FindOrder(order_no));
      order = std::move(*reloaded);
    }
    out->order = std::move(order);
    return Status::Ok();
  };
}

}  // namespace ordo::app
