// Cash on delivery as the order's life cycle sees it (domain.md REV-2): what the courier collects
// and whether the order may go to the warehouse yet. The customer's re-confirmation itself is
// recorded by domain/payment/payment.h ConfirmCashOnDelivery.
#pragma once

#include <cstdint>

#include "base/status.h"
#include "domain/order/order.h"

namespace ordo {

// What the courier collects on delivery of a cash-on-delivery order: the lines' price of the
// units shipped. Units dropped (the customer chose not to wait) or never shipped are not paid
// for; the order total is the ceiling.
int64_t CodAmountDue(const Order& order);

// True when `order` may not be picked nor shipped yet: cash on delivery and not re-confirmed.
bool AwaitsCodConfirmation(const Order& order);
// kConflict cod_not_confirmed when AwaitsCodConfirmation(order).
Status CheckCodConfirmed(const Order& order);

}  // namespace ordo
