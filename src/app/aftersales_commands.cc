#include <algorithm>
#include <functional>
#include <map>

#include "app/aftersales.h"
#include "app/anomaly.h"
#include "app/fulfillment.h"
#include "app/order_commands.h"
#include "app/payments.h"
#include "app/settings.h"

namespace ordo::app {
namespace {

// Changes a loaded case: the decision with the domain and what follows from it, appending the
// original order's events to `events` (the order may change too: refunds).
using Decide =
    std::function<Status(WriteTx&, AfterSales&, Order&, const Actor&, AfterSalesOutcome&, Events&)>;

Result<Order> LoadOrder(WriteTx& tx, const std::string& order_no) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(order_no));
  if (!order) {
    return Status::NotFound("no order " + order_no);
  }
  return std::move(*order);
}

// The original order's event for a step of the case. Notes stay out: they are free text, and
// order events are copied into the audit trail.
OrderEvent CaseEvent(std::string type, const AfterSales& c, const Actor& actor) {
  OrderEvent event;
  event.type = std::move(type);
  event.at = actor.at;
  event.actor = actor.name;
  event.details = {{"case_id", std::to_string(c.id)},
                   {"after_sales_type", std::string(AfterSalesTypeName(c.type))},
                   {"after_sales_status", std::string(AfterSalesStatusName(c.status))}};
  return event;
}

std::string LineUnits(const AfterSales& c) {
  std::string text;
  for (const AfterSalesLine& line : c.lines) {
    text += (text.empty() ? "" : ",") + std::to_string(line.line_no) + ":" +
            std::to_string(line.quantity);
  }
  return text;
}

// Creates the refund of `amount` for the case (app/payments.h IssueRefund: booked on the order
// as a concession, awaiting approval when a person decided it) and records it on the case.
Status Refund(WriteTx& tx, AfterSales& c, Order& order, int64_t amount, const Actor& actor,
              Events& events) {
  // A return's refund is its lines' value, by rule; refund_only and partial_refund amounts are
  // a person's judgement, which a second person approves.
  const bool by_rule = c.type == AfterSalesType::kReturnRefund;
  ORDO_ASSIGN_OR_RETURN(ordo::Refund record,
                        IssueRefund(tx, order,
                                    {amount, RefundCause::kAfterSales, LineUnits(c),
                                     "after-sales case " + std::to_string(c.id) + " (" +
                                         std::string(AfterSalesTypeName(c.type)) + ", " +
                                         std::string(AfterSalesReasonName(c.reason)) + ")",
                                     c.id, by_rule},
                                    actor));
  order.version += 1;
  order.updated_at = actor.at;
  ORDO_RETURN_IF_ERROR(StartAfterSalesRefund(c, record.id, amount, actor));
  OrderEvent refunded;
  refunded.type = "after_sales_refund";
  refunded.at = actor.at;
  refunded.actor = actor.name;
  refunded.details = {{"case_id", std::to_string(c.id)},
                      {"refund_amount", std::to_string(amount)},
                      {"refunded_amount", std::to_string(order.refunded_amount)},
                      {"refund_id", std::to_string(record.id)},
                      {"refund_status", std::string(RefundStatusName(record.status))}};
  events.push_back(std::move(refunded));
  return Status::Ok();
}

// Places the replacement order of an exchange or reship through intake (reserving its stock) at
// catalogue prices, with the goods taken back as its allowance (ReplacementCredit): released to
// the warehouse at once when that covers it, else waiting for the customer to pay the
// difference. An exchange for cheaper goods refunds the difference on the original order.
Status PlaceReplacement(WriteTx& tx, AfterSales& c, Order& original, const CommandContext& context,
                        const Actor& actor, AfterSalesOutcome& out, Events& events) {
  NewOrder input;
  input.channel = original.channel;
  input.external_id = "after-sales-" + std::to_string(c.id);
  input.customer = original.customer;
  input.consignee = original.consignee;
  input.payment_method = "online";
  input.shipping_service = original.shipping_service;
  input.currency = std::string(original.currency.view());
  input.buyer_note = "replacement for order " + original.order_no + " (after-sales case " +
                     std::to_string(c.id) + ")";
  for (const AfterSalesLine& line : c.lines) {
    input.lines.push_back({line.exchange_sku.empty() ? line.sku : line.exchange_sku, line.quantity,
                           std::nullopt, ""});
  }
  auto placed = std::make_shared<OrderOutcome>();
  ORDO_RETURN_IF_ERROR(PlaceOrder(std::move(input), context, placed)(tx));
  Order& replacement = placed->order;
  if (placed->created) {
    const int64_t loaded_version = replacement.version;
    replacement.credit_amount = ReplacementCredit(c, replacement.total_amount);
    replacement.version += 1;
    OrderEvent credited;
    credited.type = "replacement_credit";
    credited.at = actor.at;
    credited.actor = actor.name;
    credited.details = {{"after_sales_case_id", std::to_string(c.id)},
                        {"original_order_no", original.order_no},
                        {"credit_amount", std::to_string(replacement.credit_amount)},
                        {"due_amount", std::to_string(MoneyOf(replacement).balance)}};
    Events released{std::move(credited)};
    if (MoneyOf(replacement).balance == 0) {
      ORDO_ASSIGN_OR_RETURN(Events paid,
                            ReleaseReplacementOrder(replacement, c.id, original.order_no, actor));
      released.insert(released.end(), paid.begin(), paid.end());
    }
    ORDO_RETURN_IF_ERROR(SaveOrder(tx, replacement, loaded_version, released));
  }
  ORDO_RETURN_IF_ERROR(CompleteAfterSales(c, replacement.order_no, actor));
  OrderEvent event = CaseEvent("after_sales_replacement", c, actor);
  event.details.emplace_back("replacement_order_no", replacement.order_no);
  event.details.emplace_back("replacement_due_amount",
                             std::to_string(MoneyOf(replacement).balance));
  // Exchanged for something cheaper: the difference goes back on the original order.
  const int64_t cheaper_by =
      std::min(c.lines_amount() - replacement.credit_amount, Refundable(original));
  if (c.type == AfterSalesType::kExchange && cheaper_by > 0) {
    ORDO_ASSIGN_OR_RETURN(
        ordo::Refund refund,
        IssueRefund(tx, original,
                    {cheaper_by, RefundCause::kAfterSales, LineUnits(c),
                     "after-sales case " + std::to_string(c.id) + " (exchange for cheaper goods)",
                     c.id, true},
                    actor));
    original.version += 1;
    original.updated_at = actor.at;
    c.refund_id = refund.id;
    c.refund_amount = refund.amount;
    event.details.emplace_back("refund_id", std::to_string(refund.id));
    event.details.emplace_back("refund_amount", std::to_string(refund.amount));
  }
  events.push_back(std::move(event));
  out.replacement = replacement;
  return Status::Ok();
}

// Loads case `id` and its order, runs `decide`, and saves the case, the order and its events.
WriteFn CaseCommand(int64_t id, CommandContext context, std::shared_ptr<AfterSalesOutcome> out,
                    std::string event_type, Decide decide) {
  return [id, context, out, event_type = std::move(event_type),
          decide = std::move(decide)](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<AfterSales> found, tx.aftersales().FindAfterSales(id));
    if (!found) {
      return Status::NotFound("no after-sales case " + std::to_string(id));
    }
    AfterSales& c = *found;
    const AfterSalesStatus before = c.status;
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, c.order_no));
    const int64_t loaded_version = order.version;
    const Actor actor = context.Now();
    *out = AfterSalesOutcome{};
    Events events;
    ORDO_RETURN_IF_ERROR(decide(tx, c, order, actor, *out, events));
    events.insert(events.begin(), CaseEvent(event_type, c, actor));
    ORDO_RETURN_IF_ERROR(tx.aftersales().UpdateAfterSales(c, before));
    ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
    out->after_sales = std::move(c);
    return Status::Ok();
  };
}

// Exchange SKUs must be for sale; the price difference is recorded for customer service.
Status CheckExchangeSkus(WriteTx& tx, const AfterSalesRequest& request, AfterSales& c) {
  std::vector<std::string> codes;
  for (const AfterSalesLine& line : c.lines) {
    if (!line.exchange_sku.empty()) {
      codes.push_back(line.exchange_sku);
    }
  }
  if (codes.empty()) {
    return Status::Ok();
  }
  ORDO_ASSIGN_OR_RETURN(auto catalog, tx.FindSkus(codes));
  std::vector<FieldError> errors;
  for (size_t i = 0; i < request.lines.size(); ++i) {
    const std::string& code = request.lines[i].exchange_sku;
    if (code.empty()) {
      continue;
    }
    const std::string field = "lines[" + std::to_string(i) + "].exchange_sku";
    auto sku = catalog.find(code);
    if (sku == catalog.end()) {
      errors.push_back({field, Code::kUnknownSku, "no SKU " + code});
    } else if (!sku->second.sellable) {
      errors.push_back({field, Code::kSkuNotSellable, code + " is not for sale"});
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  for (const AfterSalesLine& line : c.lines) {
    if (!line.exchange_sku.empty()) {
      c.price_difference_amount +=
          (catalog.at(line.exchange_sku).price_amount - line.unit_price_amount) * line.quantity;
    }
  }
  return Status::Ok();
}

// Units of each line no after-sales case may claim again: those earlier cases cover, and those
// that came back in a parcel returned to the sender (refused, undeliverable: the shipment's
// inspection restocks them), so the same units are never restocked or refunded twice.
Result<CoveredUnits> CoveredBy(WriteTx& tx, const Order& order) {
  ORDO_ASSIGN_OR_RETURN(std::vector<AfterSales> earlier,
                        tx.aftersales().FindOrderAfterSales(order.order_no));
  CoveredUnits covered;
  for (const AfterSales& c : earlier) {
    if (!CoversQuantities(c.status)) {
      continue;
    }
    for (const AfterSalesLine& line : c.lines) {
      covered[line.line_no] += line.quantity;
    }
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  for (const Shipment& parcel : parcels) {
    if (!CameBack(parcel.status)) {
      continue;
    }
    for (const ShipmentLine& back : parcel.lines) {
      for (const OrderLine& line : order.lines) {
        if (line.sku == back.sku) {
          covered[line.line_no] += back.quantity;
          break;
        }
      }
    }
  }
  return covered;
}

}  // namespace

Status ReopenAfterSalesRefund(WriteTx& tx, int64_t case_id, const Actor& actor,
                              const std::string& note) {
  ORDO_ASSIGN_OR_RETURN(std::optional<AfterSales> found, tx.aftersales().FindAfterSales(case_id));
  if (!found || found->status != AfterSalesStatus::kRefunding) {
    return Status::Ok();  // an exchange's refund of a difference: the case itself is complete
  }
  const AfterSalesStatus before = found->status;
  ORDO_RETURN_IF_ERROR(ReturnAfterSalesRefund(*found, note, actor));
  return tx.aftersales().UpdateAfterSales(*found, before);
}

WriteFn CreateAfterSales(AfterSalesRequest request, CommandContext context,
                         std::shared_ptr<AfterSalesOutcome> out) {
  return [request = std::move(request), context, out](WriteTx& tx) -> Status {
    if (request.order_no.empty()) {
      return Status::Invalid("order_no", Code::kRequired, "order_no is required");
    }
    ORDO_ASSIGN_OR_RETURN(Order order, LoadOrder(tx, request.order_no));
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    ORDO_ASSIGN_OR_RETURN(const CoveredUnits covered, CoveredBy(tx, order));
    const Actor actor = context.Now();
    const AfterSalesWindows windows{settings.after_sales_window_days,
                                    settings.no_reason_return_days};
    ORDO_ASSIGN_OR_RETURN(AfterSales c, OpenAfterSales(request, order, covered, windows, actor));
    ORDO_RETURN_IF_ERROR(CheckExchangeSkus(tx, request, c));
    if (const std::optional<MoneyRequest> asked = MoneyRequestOf(c)) {
      ORDO_ASSIGN_OR_RETURN(std::vector<AfterSales> earlier,
                            tx.aftersales().FindOrderAfterSales(order.order_no));
      std::vector<MoneyRequest> open;
      for (const AfterSales& other : earlier) {
        if (std::optional<MoneyRequest> money = MoneyRequestOf(other)) {
          open.push_back(std::move(*money));
        }
      }
      ORDO_RETURN_IF_ERROR(CheckNotARepeat(*asked, open, settings.duplicate_request_window_minutes,
                                           request.confirm_duplicate));
    }
    ORDO_RETURN_IF_ERROR(tx.aftersales().InsertAfterSales(c));
    OrderEvent event = CaseEvent("after_sales_opened", c, actor);
    event.details.emplace_back("reason", std::string(AfterSalesReasonName(c.reason)));
    event.details.emplace_back("freight_payer", std::string(FreightPayerName(c.freight_payer)));
    event.details.emplace_back("lines", LineUnits(c));
    if (c.requested_amount > 0) {
      event.details.emplace_back("requested_amount", std::to_string(c.requested_amount));
    }
    ORDO_RETURN_IF_ERROR(tx.AppendOrderEvents(order, {std::move(event)}));
    *out = AfterSalesOutcome{};
    out->after_sales = std::move(c);
    return Status::Ok();
  };
}

WriteFn ApproveAfterSalesCase(int64_t id, std::string note, CommandContext context,
                              std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(id, context, out, "after_sales_approved",
                     [note = std::move(note), context](WriteTx& tx, AfterSales& c, Order& order,
                                                       const Actor& actor, AfterSalesOutcome& o,
                                                       Events& events) -> Status {
                       ORDO_RETURN_IF_ERROR(ApproveAfterSales(c, note, actor));
                       if (c.type != AfterSalesType::kReship) {
                         return Status::Ok();
                       }
                       return PlaceReplacement(tx, c, order, context, actor, o, events);
                     });
}

WriteFn RejectAfterSalesCase(int64_t id, std::string reason, CommandContext context,
                             std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(id, context, out, "after_sales_rejected",
                     [reason = std::move(reason)](
                         WriteTx&, AfterSales& c, Order&, const Actor& actor, AfterSalesOutcome&,
                         Events&) -> Status { return RejectAfterSales(c, reason, actor); });
}

WriteFn RecordAfterSalesReturnShipment(int64_t id, std::string carrier, std::string tracking_no,
                                       CommandContext context,
                                       std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(
      id, context, out, "after_sales_return_shipment",
      [carrier = std::move(carrier), tracking_no = std::move(tracking_no)](
          WriteTx&, AfterSales& c, Order&, const Actor& actor, AfterSalesOutcome&,
          Events&) -> Status { return RecordReturnShipment(c, carrier, tracking_no, actor); });
}

WriteFn ReceiveAfterSalesReturn(int64_t id, std::string carrier, std::string tracking_no,
                                CommandContext context, std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(
      id, context, out, "after_sales_received",
      [carrier = std::move(carrier), tracking_no = std::move(tracking_no)](
          WriteTx&, AfterSales& c, Order&, const Actor& actor, AfterSalesOutcome&,
          Events&) -> Status { return ReceiveReturn(c, carrier, tracking_no, actor); });
}

namespace {

// The returned units go back on sale where they shipped from, one return per warehouse.
Status Restock(WriteTx& tx, const AfterSales& c, const Order& order, const Actor& actor,
               AfterSalesOutcome& out) {
  std::map<std::string, std::vector<ShipmentLine>> by_warehouse;
  for (const AfterSalesLine& line : c.lines) {
    by_warehouse[line.warehouse].push_back({line.sku, "", "", line.quantity, 0});
  }
  for (const auto& [warehouse, lines] : by_warehouse) {
    ORDO_RETURN_IF_ERROR(ReturnUnitsToStock(
        tx, warehouse, order.order_no, lines,
        "after-sales case " + std::to_string(c.id) + " passed inspection", actor, out.entries));
  }
  return Status::Ok();
}

// A quality or damage return is reported to purchasing, line by line, with what became of it.
Status ReportToPurchasing(WriteTx& tx, const AfterSales& c, const Actor& actor) {
  if (!ReportedToPurchasing(c.reason)) {
    return Status::Ok();
  }
  for (const AfterSalesLine& line : c.lines) {
    QualityReport report;
    report.case_id = c.id;
    report.order_no = c.order_no;
    report.sku = line.sku;
    report.quantity = line.quantity;
    report.warehouse = line.warehouse;
    report.reason = std::string(AfterSalesReasonName(c.reason));
    report.passed = c.inspection->passed;
    report.disposition = c.inspection->disposition;
    report.note = c.inspection->note;
    report.reported_at = actor.at;
    report.reported_by = actor.name;
    ORDO_RETURN_IF_ERROR(tx.aftersales().InsertQualityReport(report));
  }
  return Status::Ok();
}

}  // namespace

WriteFn InspectAfterSalesReturn(int64_t id, Inspection inspection, CommandContext context,
                                std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(
      id, context, out, "after_sales_inspected",
      [inspection = std::move(inspection), context](WriteTx& tx, AfterSales& c, Order& order,
                                                    const Actor& actor, AfterSalesOutcome& o,
                                                    Events& events) -> Status {
        ORDO_RETURN_IF_ERROR(InspectAfterSales(c, inspection, actor));
        ORDO_RETURN_IF_ERROR(ReportToPurchasing(tx, c, actor));
        if (!c.inspection->passed) {
          return Status::Ok();
        }
        if (Restocks(*c.inspection)) {
          ORDO_RETURN_IF_ERROR(Restock(tx, c, order, actor, o));
        }
        if (c.type == AfterSalesType::kExchange) {
          return PlaceReplacement(tx, c, order, context, actor, o, events);
        }
        // A return_refund is refunded at once, within what the order still has to refund.
        const int64_t amount = std::min(RefundDue(c), order.paid_amount - order.refunded_amount);
        if (amount <= 0) {
          return Status::Ok();
        }
        return Refund(tx, c, order, amount, actor, events);
      });
}

WriteFn RefundAfterSalesCase(int64_t id, CommandContext context,
                             std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(id, context, out, "after_sales_refund_requested",
                     [](WriteTx& tx, AfterSales& c, Order& order, const Actor& actor,
                        AfterSalesOutcome&, Events& events) -> Status {
                       // An illegal move is named as one before any money is looked at.
                       ORDO_RETURN_IF_ERROR(CanStartAfterSalesRefund(c));
                       const int64_t amount = RefundDue(c);
                       if (amount <= 0) {
                         return Status::Conflict(
                             Code::kIllegalTransition,
                             "after-sales case " + std::to_string(c.id) + " has nothing to refund");
                       }
                       return Refund(tx, c, order, amount, actor, events);
                     });
}

WriteFn CompleteAfterSalesCase(int64_t id, CommandContext context,
                               std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(id, context, out, "after_sales_completed",
                     [](WriteTx&, AfterSales& c, Order&, const Actor& actor, AfterSalesOutcome&,
                        Events&) -> Status {
                       if (c.status != AfterSalesStatus::kRefunding) {
                         // Exchanges and reships complete with their replacement order.
                         return Status::Conflict(
                             Code::kIllegalTransition,
                             "after-sales case " + std::to_string(c.id) + " is " +
                                 std::string(AfterSalesStatusName(c.status)) +
                                 ": only a case whose refund is under way is completed by hand");
                       }
                       return CompleteAfterSales(c, "", actor);
                     });
}

WriteFn CloseAfterSalesCase(int64_t id, std::string reason, CommandContext context,
                            std::shared_ptr<AfterSalesOutcome> out) {
  return CaseCommand(id, context, out, "after_sales_closed",
                     [reason = std::move(reason)](
                         WriteTx&, AfterSales& c, Order&, const Actor& actor, AfterSalesOutcome&,
                         Events&) -> Status { return CloseAfterSales(c, reason, actor); });
}

}  // namespace ordo::app
