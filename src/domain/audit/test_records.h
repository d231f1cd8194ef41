// Synthetic records for the tests of this folder: order histories built step by step at given
// minutes past a fixed start, stock entries, and attempts.
#pragma once

#include <string>
#include <utility>

#include "domain/audit/records.h"
#include "domain/inventory/stock.h"

namespace ordo::testing {

// 2026-11-10T00:00:00Z: a Tuesday in the middle of a month, far from any period bound.
constexpr Timestamp kStart{1'794'268'800'000};

inline Timestamp AtMinute(int64_t minute) {
  return kStart.PlusMs(minute * 60 * 1000);
}

// Builds an order history event by event.
class HistoryBuilder {
 public:
  explicit HistoryBuilder(std::string order_no, int priority = 50) {
    order_.order_no = std::move(order_no);
    order_.priority = priority;
    order_.order_id = ++next_id_;
  }
  HistoryBuilder& Service(std::string service) {
    order_.shipping_service = std::move(service);
    return *this;
  }
  HistoryBuilder& Class(std::string order_class) {
    order_.order_class = std::move(order_class);
    return *this;
  }
  // A blocking case of `case_type` holds the order from `minute` (hold_placed).
  HistoryBuilder& Held(int64_t minute, const std::string& case_id, const std::string& case_type) {
    Step("hold_placed", minute, "system", "", "");
    order_.events.back().details = {{"case_id", case_id}, {"case_type", case_type}};
    return *this;
  }
  HistoryBuilder& Released(int64_t minute, const std::string& case_id) {
    Step("hold_released", minute, "user:ops", "", "");
    order_.events.back().details = {{"case_id", case_id}};
    return *this;
  }
  // The order was accepted with `units` of `sku` backordered (the "created" event's details).
  HistoryBuilder& Backordered(const std::string& sku, int64_t units) {
    order_.events.front().details.emplace_back("backordered_" + sku, std::to_string(units));
    return *this;
  }
  HistoryBuilder& Filled(int64_t minute, const std::string& sku, int64_t units) {
    Step("backorder_filled", minute, "system", "", "");
    order_.events.back().details = {{"line_1", sku + " x" + std::to_string(units)}};
    return *this;
  }
  // created (pending_payment) at `minute`; for cash on delivery, straight into review.
  HistoryBuilder& Created(int64_t minute, bool cod = false) {
    order_.created_at = AtMinute(minute);
    order_.payment_method = cod ? PaymentMethod::kCod : PaymentMethod::kOnline;
    order_.payment_status = cod ? PaymentStatus::kCodPending : PaymentStatus::kUnpaid;
    return Step("created", minute, "token:web", "", cod ? "pending_review" : "pending_payment");
  }
  HistoryBuilder& Paid(int64_t minute) {
    order_.payment_status = PaymentStatus::kPaid;
    return Step("confirm_payment", minute, "token:web", "pending_payment", "pending_review");
  }
  HistoryBuilder& Approved(int64_t minute, const std::string& actor) {
    return Step("approve", minute, actor, "pending_review", "awaiting_fulfillment");
  }
  HistoryBuilder& Picked(int64_t minute, const std::string& actor) {
    return Step("start_picking", minute, actor, "awaiting_fulfillment", "picking");
  }
  HistoryBuilder& Packed(int64_t minute, const std::string& actor) {
    return Step("pack", minute, actor, "picking", "packed");
  }
  HistoryBuilder& Shipped(int64_t minute, const std::string& actor) {
    return Step("ship", minute, actor, "packed", "shipped");
  }
  HistoryBuilder& Delivered(int64_t minute, const std::string& actor = "token:carrier") {
    if (order_.payment_status == PaymentStatus::kCodPending) {
      order_.payment_status = PaymentStatus::kCodCollected;
    }
    return Step("deliver", minute, actor, "shipped", "delivered");
  }
  HistoryBuilder& Cancelled(int64_t minute, const std::string& actor) {
    return Step("cancel", minute, actor, std::string(StatusName(order_.status)), "cancelled");
  }
  // The whole way from creation to shipment, `minutes` apart, by one actor.
  HistoryBuilder& Through(int64_t start, const std::string& actor, int64_t ship_minute) {
    return Created(start)
        .Paid(start + 1)
        .Approved(start + 2, actor)
        .Picked(start + 3, actor)
        .Packed(start + 4, actor)
        .Shipped(ship_minute, actor);
  }
  OrderHistory Build() const { return order_; }

 private:
  HistoryBuilder& Step(std::string type, int64_t minute, std::string actor, std::string from,
                       std::string to) {
    OrderEvent event;
    event.type = std::move(type);
    event.at = AtMinute(minute);
    event.actor = std::move(actor);
    event.from_status = std::move(from);
    event.to_status = to;
    order_.events.push_back(std::move(event));
    if (std::optional<OrderStatus> status = ParseStatus(to)) {
      order_.status = *status;
    }
    return *this;
  }

  static inline int64_t next_id_ = 0;
  OrderHistory order_;
};

inline LedgerEntry Entry(int64_t id, MovementType type, Quantity quantity, std::string actor,
                         int64_t minute, std::string sku = "TEA-1",
                         std::string warehouse = "SH-01") {
  LedgerEntry entry;
  entry.id = id;
  entry.type = type;
  entry.quantity = quantity;
  entry.actor = std::move(actor);
  entry.at = AtMinute(minute);
  entry.sku = std::move(sku);
  entry.warehouse = std::move(warehouse);
  entry.reason = type == MovementType::kAdjustment ? "miscounted receipt" : "delivery note";
  return entry;
}

inline Attempt RefusedAttempt(int64_t seq, std::string actor, std::string action,
                              std::string order_status, std::string code = "illegal_transition") {
  Attempt attempt;
  attempt.seq = seq;
  attempt.at = AtMinute(seq);
  attempt.actor = std::move(actor);
  attempt.role = "customer_service";
  attempt.method = "POST";
  attempt.order_no = "20261110000001";
  attempt.target = "/api/v1/orders/20261110000001/" + action;
  attempt.action = std::move(action);
  attempt.order_status = std::move(order_status);
  attempt.code = std::move(code);
  return attempt;
}

}  // namespace ordo::testing
