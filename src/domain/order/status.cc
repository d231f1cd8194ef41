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
  return Name(status);
}

std::optional<OrderStatus> ParseStatus(std::string_view text) {
  return ParseEnum<OrderStatus>(text);
}

std::string_view PaymentStatusName(PaymentStatus status) {
  return Name(status);
}

std::optional<PaymentStatus> ParsePaymentStatus(std::string_view text) {
  return ParseEnum<PaymentStatus>(text);
}

std::string_view PaymentMethodName(PaymentMethod method) {
  return Name(method);
}

std::optional<PaymentMethod> ParsePaymentMethod(std::string_view text) {
  return ParseEnum<PaymentMethod>(text);
}

std::string_view TransitionName(Transition transition) {
  return Name(transition);
}

bool IsTerminal(OrderStatus status) {
  return status == S::kCompleted || status == S::kCancelled || status == S::kClosed;
}

}  // namespace ordo
