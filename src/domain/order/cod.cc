#include "domain/order/cod.h"

#include <algorithm>

namespace ordo {

int64_t CodAmountDue(const Order& order) {
  int64_t shipped = 0;
  for (const OrderLine& line : order.lines) {
    shipped += line.unit_price_amount * line.quantity_shipped;
  }
  return std::min(shipped, order.total_amount);
}

bool AwaitsCodConfirmation(const Order& order) {
  return order.payment_method == PaymentMethod::kCod && !order.cod_confirmed_at.has_value();
}

Status CheckCodConfirmed(const Order& order) {
  if (AwaitsCodConfirmation(order)) {
    return Status::Conflict(Code::kCodNotConfirmed,
                            "cash-on-delivery order " + order.order_no +
                                " must be re-confirmed with the customer before it is picked or "
                                "shipped");
  }
  return Status::Ok();
}

}  // namespace ordo
