// cod_not_reconfirmed (REV-2): a cash-on-delivery order not yet re-confirmed with the customer
// (address and willingness to pay). It keeps the order in the manual review queue without
// blocking it: a reviewer who has called the customer may approve.
#include "domain/anomaly/rules/review_context.h"

namespace ordo {

std::vector<RuleHit> CheckCodNotReconfirmed(const ReviewContext& context) {
  const Order& order = *context.order;
  if (order.payment_method != PaymentMethod::kCod || order.cod_confirmed_at.has_value()) {
    return {};
  }
  return {RuleHit{"cod_not_reconfirmed",
                  "",
                  "cash-on-delivery order not yet re-confirmed with the customer (address and "
                  "willingness to pay)",
                  {{"payment_method", "cod"}}}};
}

}  // namespace ordo
