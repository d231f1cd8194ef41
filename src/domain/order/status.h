// The order life cycle as data (domain.md §12): statuses, and the one transition table.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "base/enum_names.h"

namespace ordo {

enum class OrderStatus {
  kPendingPayment,       // 待付款: accepted, stock reserved, waiting for an online payment.
  kPendingReview,        // 待审核: paid (or cash on delivery), waiting for review.
  kAwaitingFulfillment,  // 待配货: approved; stock reserved; waiting for the warehouse.
  kPicking,              // 拣货中: the warehouse is picking.
  kPacked,               // 已打包: verified, packed and weighed.
  kShipped,              // 已发货: handed to the carrier; stock consumed.
  kDelivered,            // 已签收: the customer signed for it.
  kCompleted,            // 已完成: closed successfully.
  kCancelled,            // 已取消: cancelled before shipment after payment (refund due).
  kClosed,  // 已关闭: unpaid timeout, unpaid cancellation, rejected, parcels returned
            // to the sender, or refunded in full.
};

inline constexpr EnumName<OrderStatus> kOrderStatusNames[] = {
    {OrderStatus::kPendingPayment, "pending_payment"},
    {OrderStatus::kPendingReview, "pending_review"},
    {OrderStatus::kAwaitingFulfillment, "awaiting_fulfillment"},
    {OrderStatus::kPicking, "picking"},
    {OrderStatus::kPacked, "packed"},
    {OrderStatus::kShipped, "shipped"},
    {OrderStatus::kDelivered, "delivered"},
    {OrderStatus::kCompleted, "completed"},
    {OrderStatus::kCancelled, "cancelled"},
    {OrderStatus::kClosed, "closed"},
};
constexpr std::span<const EnumName<OrderStatus>> EnumNames(OrderStatus) {
  return kOrderStatusNames;
}
static_assert(IsNameTable(kOrderStatusNames));

enum class PaymentStatus {
  kUnpaid,             // Online order, no confirmed payment yet.
  kPaid,               // Paid in full online.
  kCodPending,         // Cash on delivery, to be collected.
  kCodCollected,       // Cash on delivery, collected.
  kPartiallyRefunded,  // Some of the payment was refunded.
  kRefunded,           // All of the payment was refunded.
};

inline constexpr EnumName<PaymentStatus> kPaymentStatusNames[] = {
    {PaymentStatus::kUnpaid, "unpaid"},
    {PaymentStatus::kPaid, "paid"},
    {PaymentStatus::kCodPending, "cod_pending"},
    {PaymentStatus::kCodCollected, "cod_collected"},
    {PaymentStatus::kPartiallyRefunded, "partially_refunded"},
    {PaymentStatus::kRefunded, "refunded"},
};
constexpr std::span<const EnumName<PaymentStatus>> EnumNames(PaymentStatus) {
  return kPaymentStatusNames;
}
static_assert(IsNameTable(kPaymentStatusNames));

enum class PaymentMethod { kOnline, kCod };

inline constexpr EnumName<PaymentMethod> kPaymentMethodNames[] = {
    {PaymentMethod::kOnline, "online"},
    {PaymentMethod::kCod, "cod"},
};
constexpr std::span<const EnumName<PaymentMethod>> EnumNames(PaymentMethod) {
  return kPaymentMethodNames;
}
static_assert(IsNameTable(kPaymentMethodNames));

// Each named transition of the order life cycle. One function per value lives in order.h.
enum class Transition {
  kConfirmPayment,      // pending_payment → pending_review
  kApprove,             // pending_review → awaiting_fulfillment
  kReject,              // pending_review → closed
  kStartPicking,        // awaiting_fulfillment → picking
  kPack,                // picking → packed
  kShip,                // packed → shipped
  kDeliver,             // shipped → delivered
  kComplete,            // delivered → completed
  kCloseUnpaid,         // an unpaid (online or cash-on-delivery) order, before shipment → closed
  kCancel,              // paid and not yet shipped → cancelled
  kCloseAfterShipment,  // shipped | delivered → closed: every parcel came back, or refunded in full
};

inline constexpr EnumName<Transition> kTransitionNames[] = {
    {Transition::kConfirmPayment, "confirm_payment"},
    {Transition::kApprove, "approve"},
    {Transition::kReject, "reject"},
    {Transition::kStartPicking, "start_picking"},
    {Transition::kPack, "pack"},
    {Transition::kShip, "ship"},
    {Transition::kDeliver, "deliver"},
    {Transition::kComplete, "complete"},
    {Transition::kCloseUnpaid, "close"},
    {Transition::kCancel, "cancel"},
    {Transition::kCloseAfterShipment, "close_after_shipment"},
};
constexpr std::span<const EnumName<Transition>> EnumNames(Transition) {
  return kTransitionNames;
}
static_assert(IsNameTable(kTransitionNames));

struct TransitionRule {
  Transition transition;
  OrderStatus from;
  OrderStatus to;
};

// The single source of truth for legal moves; docs/order-lifecycle.md draws it.
std::span<const TransitionRule> TransitionTable();
// The destination of `transition` from `from`, or nullopt when the table forbids it.
std::optional<OrderStatus> NextStatus(OrderStatus from, Transition transition);

std::string_view StatusName(OrderStatus status);
std::optional<OrderStatus> ParseStatus(std::string_view text);
std::string_view PaymentStatusName(PaymentStatus status);
std::optional<PaymentStatus> ParsePaymentStatus(std::string_view text);
std::string_view PaymentMethodName(PaymentMethod method);
std::optional<PaymentMethod> ParsePaymentMethod(std::string_view text);
std::string_view TransitionName(Transition transition);
bool IsTerminal(OrderStatus status);

}  // namespace ordo
