// Order use cases: intake and every transition of the life cycle.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "app/command.h"
#include "domain/order/intake.h"

namespace ordo::app {

// Accepts an order (INT-1…INT-4, INV-2): validates it against the catalogue, reserves stock at
// once (backordering what no warehouse can cover), assigns a number and records the history, all
// in one transaction. A repeat of (channel, external_id) returns the existing order with
// `created` false and changes nothing.
WriteFn PlaceOrder(NewOrder input, CommandContext context, std::shared_ptr<OrderOutcome> out);

struct PaymentCallbackOutcome;  // app/payments.h

// A payment (domain/order/order.h ReceivePayment). Staff give the amount due exactly; a
// provider's notice (app/payments.h RecordPaymentCallback) may be short or over.
struct PaymentInput {
  std::string provider;
  std::string transaction_id;
  int64_t amount = 0;
  bool exact = true;
  std::optional<Timestamp> provider_at;  // when the provider says it was paid
  // Receives the ids of the refund and case that follow the payment (may be null).
  std::shared_ptr<PaymentCallbackOutcome> follow_up;
};
struct ReviewInput {
  std::string decision;  // "approve" | "reject"
  std::string reason;
};
struct PickInput {};
// One box as packed and weighed; `box` names its box type (settings box_types), "" the default
// packaging.
struct BoxInput {
  int64_t weight_g = 0;
  std::string box;
};
// A parcel packed in one box (weight_g, box) or in several (boxes: then weight_g and box are
// not used).
struct PackInput {
  int64_t weight_g = 0;
  std::string warehouse;  // the parcel's warehouse; may be left empty unless the order is split
  std::string box;
  std::vector<BoxInput> boxes;

  // The boxes packed: `boxes`, or the one box of weight_g.
  std::vector<BoxInput> box_inputs() const {
    return boxes.empty() ? std::vector<BoxInput>{{weight_g, box}} : boxes;
  }
};
// Without a carrier the carrier rules choose one (or the one its wave chose); without a tracking
// number the parcel keeps its waybill number or gets one (app/fulfillment.h ShipOrderParcel).
struct ShipInput {
  std::string carrier;
  std::string tracking_no;
  std::string warehouse;
};
struct DeliverInput {};
struct CompleteInput {};
struct CancelInput {
  std::string reason;
};

// PlaceOrder for an order its channel took payment for in full (a platform's paid order,
// imported): placed and paid in one write, as PlaceOrder then TransitionOrder with `payment`
// for the order's total would leave it (the payment's review and case included); the amount
// paid is the order's total as placed, whatever `payment.amount` says. A repeat of (channel, external_id) returns the
// existing order unchanged, paid or not.
WriteFn PlacePaidOrder(NewOrder input, PaymentInput payment, CommandContext context,
                       std::shared_ptr<OrderOutcome> out);

using OrderCommand = std::variant<PaymentInput, ReviewInput, PickInput, PackInput, ShipInput,
                                  DeliverInput, CompleteInput, CancelInput>;

// Applies one transition to the order `order_no`: kNotFound when it does not exist,
// kPreconditionFailed/kVersionMismatch when `if_match` is given and differs from its version,
// the domain's refusal otherwise. Stock follows the transition in the same transaction: a
// rejection or cancellation releases what the order reserved, a shipment consumes it.
WriteFn TransitionOrder(std::string order_no, OrderCommand command, std::optional<int64_t> if_match,
                        CommandContext context, std::shared_ptr<OrderOutcome> out);

struct RevealInput {
  std::string reason;  // optional, recorded with the access
  // When not empty, only orders of this channel exist for the caller (a channel token).
  std::string visible_to_channel;
};

// Loads the order `order_no` so the caller can see its personal data unmasked, and records the
// access in its history (DOC-2): a "pii_revealed" event naming the actor and the reason. The
// order itself does not change (same version). kNotFound when it does not exist or is hidden.
WriteFn RevealOrder(std::string order_no, RevealInput input, CommandContext context,
                    std::shared_ptr<OrderOutcome> out);

}  // namespace ordo::app
