// The ship-by watch (FUL-2) and automatic confirmation of receipt (LOG-4).
#include <algorithm>

#include "app/aftersales.h"
#include "app/anomaly.h"
#include "app/fulfillment_internal.h"
#include "app/settings.h"

namespace ordo::app {
namespace {

using namespace fulfillment_internal;

constexpr int kScanPage = 1000;

// "3h 20m" for a positive duration.
std::string Duration(int64_t ms) {
  const int64_t minutes = ms / 60000;
  return std::to_string(minutes / 60) + "h " + std::to_string(minutes % 60) + "m";
}

// Every waiting order with its deadline, as `keep` selects them.
template <typename Keep>
Result<std::vector<ShipDeadline>> ScanDeadlines(ReadView& reads, const Settings& settings,
                                                Keep keep) {
  std::vector<ShipDeadline> found;
  int64_t after_id = 0;
  while (true) {
    ORDO_ASSIGN_OR_RETURN(std::vector<WaitingOrder> page,
                          reads.fulfillment().ListWaitingOrders(after_id, kScanPage));
    for (const WaitingOrder& waiting : page) {
      const std::optional<Timestamp> start = ShipClockStart(waiting.clock);
      if (!start) {
        continue;
      }
      ShipDeadline deadline{
          waiting.clock, *start,
          AddBusinessHours(*start, settings.ShipWithinHours(waiting.clock.order_class),
                           settings.business_calendar),
          ResponsibleFor(waiting.clock.status, {}), waiting.warehouses};
      if (keep(waiting, deadline)) {
        found.push_back(std::move(deadline));
      }
    }
    if (page.size() < static_cast<size_t>(kScanPage)) {
      return found;
    }
    after_id = page.back().order_id;
  }
}

std::string BreachExplanation(const ShipDeadline& breach, Timestamp now, int64_t limit_hours) {
  const Responsibility& who = breach.responsible;
  std::string text =
      "not shipped by its deadline " + FormatRfc3339(breach.deadline) + " (" +
      breach.clock.order_class + " orders ship within " + std::to_string(limit_hours) +
      " business hours of " +
      (breach.clock.payment_method == PaymentMethod::kCod ? "acceptance" : "payment") + " at " +
      FormatRfc3339(breach.started_at) + "); still " +
      std::string(StatusName(breach.clock.status)) + " at " + FormatRfc3339(now) + ", " +
      Duration(now.unix_ms - breach.deadline.unix_ms) + " late; the " + who.stage +
      " stage is late";
  if (who.reason == "hold") {
    text += " while held by a " + who.case_type + " case";
  } else if (who.reason == "backorder") {
    text += " while waiting for stock";
  }
  text += who.person.empty() ? ": the " + who.department + " department answers for it"
                             : ": " + who.person + " (" + who.department + ") answers for it";
  return text;
}

// True while people must settle something before receipt is confirmed for them, as the
// platforms pause their timers: a parcel not with the carrier (lost, damaged, refused, returned),
// an open case the carrier reported (logistics_*), or an after-sales case under way. A
// delivery_too_long case is a notice to customer service, not a dispute: it pauses nothing.
Result<bool> WaitsForPeople(WriteTx& tx, const Order& order) {
  ORDO_ASSIGN_OR_RETURN(std::vector<Shipment> parcels,
                        tx.fulfillment().FindShipments(order.order_no));
  for (const Shipment& parcel : parcels) {
    switch (parcel.status) {
      case ShipmentStatus::kShipped:
      case ShipmentStatus::kInTransit:
      case ShipmentStatus::kOutForDelivery:
      case ShipmentStatus::kDelivered:
      case ShipmentStatus::kCancelled:
        break;
      default:
        return true;
    }
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<AbnormalCase> cases,
                        tx.fulfillment().FindLiveCases(order.order_no));
  for (const AbnormalCase& abnormal : cases) {
    if (abnormal.type.starts_with("logistics_")) {
      return true;
    }
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<AfterSales> after_sales,
                        tx.aftersales().FindOrderAfterSales(order.order_no));
  return std::any_of(after_sales.begin(), after_sales.end(),
                     [](const AfterSales& c) { return !IsFinal(c.status); });
}

// Confirms one order's receipt, or leaves it (Ok) when it must wait for people. Cash on
// delivery is confirmed only once a delivery was reported: the courier collects the money on a
// real delivery, never on a timer. An order refunded in full is closed, not completed.
Status ConfirmOne(WriteTx& tx, const std::string& order_no, int64_t days, const Actor& actor,
                  bool& confirmed) {
  ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order_no));
  if (!loaded || loaded->on_hold() || !loaded->shipped_at ||
      (loaded->status != OrderStatus::kShipped && loaded->status != OrderStatus::kDelivered) ||
      loaded->shipped_at->PlusMs(days * 24 * 3600 * 1000) > actor.at ||
      (loaded->payment_method == PaymentMethod::kCod &&
       loaded->status != OrderStatus::kDelivered)) {
    return Status::Ok();
  }
  Order& order = *loaded;
  ORDO_ASSIGN_OR_RETURN(const bool waits, WaitsForPeople(tx, order));
  if (waits) {
    return Status::Ok();
  }
  const int64_t loaded_version = order.version;
  const OrderBefore before = OrderBefore::Of(order);
  const std::pair<std::string, std::string> reason = {
      "reason", "receipt confirmed automatically " + std::to_string(days) + " days after shipment"};
  Events events;
  if (RefundedInFull(order)) {
    ORDO_ASSIGN_OR_RETURN(events, CloseAfterShipment(order, "refunded in full", actor));
  } else {
    if (order.status == OrderStatus::kShipped) {
      ORDO_ASSIGN_OR_RETURN(events, Deliver(order, actor));
      events.front().details.push_back(reason);
      ORDO_RETURN_IF_ERROR(SettleShipments(tx, order, actor));
    }
    ORDO_ASSIGN_OR_RETURN(Events completed, Complete(order, actor));
    completed.front().details.push_back(reason);
    events.insert(events.end(), completed.begin(), completed.end());
  }
  ORDO_RETURN_IF_ERROR(CloseCasesWhoseCauseIsGone(tx, order, before, actor, events));
  ORDO_RETURN_IF_ERROR(SaveOrder(tx, order, loaded_version, events));
  confirmed = true;
  return Status::Ok();
}

}  // namespace

std::string AtRiskKey(const ShipDeadline& deadline) {
  std::string millis = std::to_string(deadline.deadline.unix_ms);
  // Fixed width, so that the keys compare as the deadlines do (also before 2001).
  millis.insert(0, millis.size() < 16 ? 16 - millis.size() : 0, '0');
  return millis + ":" + deadline.clock.order_no;
}

Result<AtRiskPage> ListAtRiskOrders(ReadView& reads, const Settings& settings, Timestamp now,
                                    const AtRiskQuery& query) {
  ORDO_ASSIGN_OR_RETURN(
      std::vector<ShipDeadline> found,
      ScanDeadlines(reads, settings, [&](const WaitingOrder& waiting, const ShipDeadline& d) {
        const bool there = query.warehouse.empty() ||
                           std::find(waiting.warehouses.begin(), waiting.warehouses.end(),
                                     query.warehouse) != waiting.warehouses.end();
        return there && d.deadline.unix_ms - now.unix_ms <= query.within_ms &&
               (query.after.empty() || AtRiskKey(d) > query.after);
      }));
  std::sort(found.begin(), found.end(), [](const ShipDeadline& a, const ShipDeadline& b) {
    return AtRiskKey(a) < AtRiskKey(b);
  });
  AtRiskPage page;
  if (found.size() > query.limit) {
    found.resize(query.limit);
    page.next = AtRiskKey(found.back());
  }
  page.deadlines = std::move(found);
  return page;
}

Result<std::vector<ShipDeadline>> FindShipLimitBreaches(ReadView& reads, const Settings& settings,
                                                        Timestamp now) {
  ORDO_ASSIGN_OR_RETURN(
      std::vector<ShipDeadline> breaches,
      ScanDeadlines(reads, settings, [&](const WaitingOrder& waiting, const ShipDeadline& d) {
        return !waiting.breach_recorded && d.deadline < now;
      }));
  for (ShipDeadline& breach : breaches) {
    ORDO_ASSIGN_OR_RETURN(std::vector<OrderEvent> events,
                          reads.GetOrderEvents(breach.clock.order_no));
    // The stage that held the order when its deadline passed, and why it waited (a hold, a
    // backorder): the same answer the supervision detector gives.
    breach.responsible = AttributeLateness(events, breach.deadline, breach.clock.status);
  }
  return breaches;
}

WriteFn RecordShipLimitBreaches(std::vector<ShipDeadline> breaches, CommandContext context,
                                std::shared_ptr<int> opened) {
  return [breaches = std::move(breaches), context, opened](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    for (const ShipDeadline& breach : breaches) {
      ORDO_RETURN_IF_ERROR(tx.RunNested([&](WriteTx& nested) -> Status {
        ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, nested.FindOrder(breach.clock.order_no));
        if (!order || order->status != breach.clock.status) {
          return Status::Ok();  // it moved on since it was read: the next watch looks again
        }
        const int64_t loaded_version = order->version;
        const Responsibility& who = breach.responsible;
        const int64_t limit_hours = settings.ShipWithinHours(breach.clock.order_class);
        Events events;
        ORDO_ASSIGN_OR_RETURN(RaisedCase raised,
                              RaiseCase(nested, *order, "ship_time_limit_breached", "",
                                        BreachExplanation(breach, actor.at, limit_hours),
                                        {{"stage", who.stage},
                                         {"department", who.department},
                                         {"person", who.person},
                                         {"reason", who.reason},
                                         {"case_type", who.case_type},
                                         {"started_at", FormatRfc3339(breach.started_at)},
                                         {"deadline", FormatRfc3339(breach.deadline)},
                                         {"limit_hours", std::to_string(limit_hours)},
                                         {"order_class", breach.clock.order_class},
                                         {"status", std::string(StatusName(breach.clock.status))}},
                                        actor, events));
        if (raised.opened) {
          *opened += 1;
        }
        return SaveOrder(nested, *order, loaded_version, events);
      }));
    }
    return Status::Ok();
  };
}

WriteFn RecordLateDeliveries(std::vector<UndeliveredOrder> orders, CommandContext context,
                             std::shared_ptr<int> opened) {
  return [orders = std::move(orders), context, opened](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    for (const UndeliveredOrder& late : orders) {
      const int64_t hours = settings.DeliverWithinHours(late.shipping_service);
      const Timestamp promised = late.shipped_at.PlusMs(hours * 3600 * 1000);
      if (promised >= actor.at) {
        continue;
      }
      ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(late.order_no));
      if (!order || order->status != OrderStatus::kShipped) {
        continue;  // delivered or closed since it was read
      }
      const int64_t loaded_version = order->version;
      Events events;
      ORDO_ASSIGN_OR_RETURN(
          RaisedCase raised,
          RaiseCase(tx, *order, "delivery_too_long", "",
                    "shipped " + FormatRfc3339(late.shipped_at) + " with " + late.shipping_service +
                        " service (delivery promised within " + std::to_string(hours) +
                        " hours, by " + FormatRfc3339(promised) + "); not delivered at " +
                        FormatRfc3339(actor.at),
                    {{"shipping_service", late.shipping_service},
                     {"shipped_at", FormatRfc3339(late.shipped_at)},
                     {"promised_by", FormatRfc3339(promised)},
                     {"limit_hours", std::to_string(hours)}},
                    actor, events));
      *opened += raised.opened ? 1 : 0;
      ORDO_RETURN_IF_ERROR(SaveOrder(tx, *order, loaded_version, events));
    }
    return Status::Ok();
  };
}

WriteFn ConfirmReceipts(std::vector<std::string> order_nos, int64_t auto_confirm_days,
                        CommandContext context, std::shared_ptr<int> confirmed) {
  return [order_nos = std::move(order_nos), auto_confirm_days, context,
          confirmed](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    for (const std::string& order_no : order_nos) {
      bool done = false;
      ORDO_RETURN_IF_ERROR(tx.RunNested([&](WriteTx& nested) {
        return ConfirmOne(nested, order_no, auto_confirm_days, actor, done);
      }));
      *confirmed += done ? 1 : 0;
    }
    return Status::Ok();
  };
}

}  // namespace ordo::app
