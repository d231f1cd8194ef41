#include "domain/order/status.h"

#include <array>

namespace ordo {
namespace {

using S = OrderStatus;
using T = Transition;

constexpr std::array kTable = {
    TransitionRule{T::kConfirmPayment, S::kPendingPayment, S::kPendingReview},
    TransitionRule{T::kApprove, S::kPendingReview, S::kAwaitingFulfillment},
    TransitionRule{T::kReject, S::kPendingReview, S::kClosed},
    TransitionRule{T::kStartPicking, S::kAwaitingFulfillment, S::kPicking},
    TransitionRule{T::kPack, S::kPicking, S::kPacked},
    TransitionRule{T::kShip, S::kPacked, S::kShipped},
    TransitionRule{T::kDeliver, S::kShipped, S::kDelivered},
    TransitionRule{T::kComplete, S::kDelivered, S::kCompleted},
    TransitionRule{T::kCloseUnpaid, S::kPendingPayment, S::kClosed},
    TransitionRule{T::kCloseUnpaid, S::kPendingReview, S::kClosed},
    TransitionRule{T::kCloseUnpaid, S::kAwaitingFulfillment, S::kClosed},
    TransitionRule{T::kCloseUnpaid, S::kPicking, S::kClosed},
    TransitionRule{T::kCloseUnpaid, S::kPacked, S::kClosed},
    TransitionRule{T::kCancel, S::kPendingReview, S::kCancelled},
    TransitionRule{T::kCancel, S::kAwaitingFulfillment, S::kCancelled},
    TransitionRule{T::kCancel, S::kPicking, S::kCancelled},
    TransitionRule{T::kCancel, S::kPacked, S::kCancelled},
    TransitionRule{T::kCloseAfterShipment, S::kShipped, S::kClosed},
    TransitionRule{T::kCloseAfterShipment, S::kDelivered, S::kClosed},
};

constexpr std::array<std::string_view, 10> kStatusNames = {
    "pending_payment", "pending_review", "awaiting_fulfillment",
    "picking",         "packed",         "shipped",
    "delivered",       "completed",      "cancelled",
    "closed"};

constexpr std::array<std::string_view, 6> kPaymentStatusNames = {
    "unpaid", "paid", "cod_pending", "cod_collected", "partially_refunded", "refunded"};

template <typename Enum, size_t N>
std::optional<Enum> ParseName(const std::array<std::string_view, N>& names, std::string_view text) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == text) {
      return static_cast<Enum>(i);
    }
  }
  return std::nullopt;
}

}  // namespace

std::span<const TransitionRule> TransitionTable() {
  return kTable;
}

std::optional<OrderStatus> NextStatus(OrderStatus from, Transition transition) {
  for (const TransitionRule& rule : kTable) {
    if (rule.transition == transition && rule.from == from) {
      return rule.to;
    }
  }
  return std::nullopt;
}

std::string_view StatusName(OrderStatus status) {
  return kStatusNames[static_cast<size_t>(status)];
}

std::optional<OrderStatus> ParseStatus(std::string_view text) {
  return ParseName<OrderStatus>(kStatusNames, text);
}

std::string_view PaymentStatusName(PaymentStatus status) {
  return kPaymentStatusNames[static_cast<size_t>(status)];
}

std::optional<PaymentStatus> ParsePaymentStatus(std::string_view text) {
  return ParseName<PaymentStatus>(kPaymentStatusNames, text);
}

std::string_view PaymentMethodName(PaymentMethod method) {
  return method == PaymentMethod::kOnline ? "online" : "cod";
}

std::optional<PaymentMethod> ParsePaymentMethod(std::string_view text) {
  if (text == "online") {
    return PaymentMethod::kOnline;
  }
  if (text == "cod") {
    return PaymentMethod::kCod;
  }
  return std::nullopt;
}

std::string_view TransitionName(Transition transition) {
  switch (transition) {
    case T::kConfirmPayment:
      return "confirm_payment";
    case T::kApprove:
      return "approve";
    case T::kReject:
      return "reject";
    case T::kStartPicking:
      return "start_picking";
    case T::kPack:
      return "pack";
    case T::kShip:
      return "ship";
    case T::kDeliver:
      return "deliver";
    case T::kComplete:
      return "complete";
    case T::kCloseUnpaid:
      return "close";
    case T::kCancel:
      return "cancel";
    case T::kCloseAfterShipment:
      return "close_after_shipment";
  }
  return "unknown";
}

bool IsTerminal(OrderStatus status) {
  return status == S::kCompleted || status == S::kCancelled || status == S::kClosed;
}

}  // namespace ordo
