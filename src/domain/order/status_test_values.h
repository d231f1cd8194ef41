// Every status and transition, written out independently of status.cc so that the tests notice
// a value the production tables forgot. Shared by the order tests only.
#pragma once

#include "domain/order/status.h"

namespace ordo::testing_values {

constexpr OrderStatus kAllStatuses[] = {
    OrderStatus::kPendingPayment, OrderStatus::kPendingReview, OrderStatus::kAwaitingFulfillment,
    OrderStatus::kPicking,        OrderStatus::kPacked,        OrderStatus::kShipped,
    OrderStatus::kDelivered,      OrderStatus::kCompleted,     OrderStatus::kCancelled,
    OrderStatus::kClosed};

constexpr Transition kAllTransitions[] = {Transition::kConfirmPayment,
                                          Transition::kApprove,
                                          Transition::kReject,
                                          Transition::kStartPicking,
                                          Transition::kPack,
                                          Transition::kShip,
                                          Transition::kDeliver,
                                          Transition::kComplete,
                                          Transition::kCloseUnpaid,
                                          Transition::kCancel,
                                          Transition::kCloseAfterShipment};

}  // namespace ordo::testing_values
