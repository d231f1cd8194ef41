// The Order aggregate and its named transitions.
//
// Each transition function checks the transition table and the order's own preconditions, then
// mutates the order and appends the event(s) describing the change; on refusal it returns a
// Status and leaves the order untouched. Stock movements that follow a transition (release on
// cancel, consumption on ship) are the caller's to apply: see app/.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/ids.h"
#include "base/money.h"
#include "base/status.h"
#include "domain/catalog/catalog.h"
#include "domain/order/status.h"

namespace ordo {

struct Customer {
  std::string member_id;
  std::string name;
  std::string phone;
};

struct Consignee {
  std::string name;
  std::string phone;
  Address address;
};

// A change of the consignee (domain.md CHG-1): who changed it when, and the consignee before and
// after, kept so that a redirected parcel can be traced. Personal data: stored sealed like the
// order's own consignee, shown masked unless revealed.
struct ConsigneeChange {
  Timestamp at;
  std::string actor;
  Consignee before;
  Consignee after;
};

struct Allocation {
  std::string warehouse;
  Quantity quantity = 0;
};

struct OrderLine {
  int line_no = 0;  // 1-based.
  std::string sku;
  std::string name;
  std::string spec;
  Quantity quantity = 0;
  int64_t unit_price_amount = 0;
  bool price_overridden = false;  // The catalogue price was overridden (audited).
  Quantity quantity_reserved = 0;
  Quantity quantity_backordered = 0;
  Quantity quantity_shipped = 0;
  std::vector<Allocation> allocations;  // Where the reserved units sit.
  int64_t weight_g = 0;                 // Unit weight from the catalogue at order time.
  // Shortage (domain.md INV-3, domain/inventory/backorder.h). Units the customer chose not to
  // wait for (ship_available): neither shipped with this order nor filled by arriving stock;
  // fulfilment ships quantity_reserved. quantity == reserved + backordered + shipped + dropped.
  Quantity quantity_dropped = 0;
  std::string backorder_reason;                  // while units are missing: why
  std::string backorder_warehouse;               // where the backordered units wait
  std::optional<Timestamp> expected_restock_at;  // when stock is expected there
  int replaces_line_no = 0;                      // an exchange: the line this one replaces

  int64_t line_amount() const { return unit_price_amount * quantity; }
};

// One entry of the order's history. Details are flat key/value text pairs.
struct OrderEvent {
  std::string type;  // "created", a TransitionName ("confirm_payment", "cancel", …), or a note
                     // such as "duplicate_payment"
  Timestamp at;
  std::string actor;
  std::string from_status;  // Empty when the status did not change.
  std::string to_status;
  // Copied into the audit trail: order facts only, never names, phones or addresses.
  std::vector<std::pair<std::string, std::string>> details;
};

// What became of one payment notice on the order's books. Every outcome but failed is money
// received (paid_amount).
enum class PaymentOutcome {
  kSucceeded,       // The amount due (or a supplement, a duplicate).
  kFailed,          // Nothing received.
  kAmountMismatch,  // Less than the amount due, held for the balance.
  kAfterClose,      // The order had ended; refunded at once.
};

inline constexpr EnumName<PaymentOutcome> kPaymentOutcomeNames[] = {
    {PaymentOutcome::kSucceeded, "succeeded"},
    {PaymentOutcome::kFailed, "failed"},
    {PaymentOutcome::kAmountMismatch, "amount_mismatch"},
    {PaymentOutcome::kAfterClose, "after_close"},
};
constexpr std::span<const EnumName<PaymentOutcome>> EnumNames(PaymentOutcome) {
  return kPaymentOutcomeNames;
}
static_assert(IsNameTable(kPaymentOutcomeNames));

struct Payment {
  std::string provider;
  std::string transaction_id;
  int64_t amount = 0;
  Timestamp at;
  bool duplicate = false;  // A second, different payment of an already-paid order.
  // succeeded: the amount due (or a supplement, a duplicate); failed: nothing received;
  // amount_mismatch: less than the amount due, held for the balance; after_close: the order had
  // ended. Every outcome but failed is money received (paid_amount).
  PaymentOutcome outcome = PaymentOutcome::kSucceeded;
};

struct Order {
  OrderId id;
  std::string order_no;
  std::string channel;
  std::string external_id;
  OrderStatus status = OrderStatus::kPendingPayment;
  PaymentStatus payment_status = PaymentStatus::kUnpaid;
  PaymentMethod payment_method = PaymentMethod::kOnline;
  Customer customer;
  Consignee consignee;
  std::vector<ConsigneeChange> consignee_changes;  // oldest first
  std::vector<OrderLine> lines;
  Currency currency;
  int64_t total_amount = 0;
  int64_t paid_amount = 0;  // money received (domain/order/money.h)
  std::vector<Payment> payments;
  std::string shipping_service = "standard";
  std::string buyer_note;
  std::optional<std::string> occasion_date;  // "YYYY-MM-DD"
  int priority = 0;                          // Higher is served first.
  std::string order_class;                   // "standard", "expedited", "occasion", …
  std::string carrier;
  std::string tracking_no;
  int64_t packed_weight_g = 0;
  std::string close_reason;
  // The open blocking abnormal cases holding the order (domain/anomaly/case.h): while any is
  // open the order does not advance (approve, pick, pack, ship, complete: order_on_hold).
  std::vector<int64_t> holds;
  // Shortage (domain/inventory/backorder.h): the customer's last choice for missing units.
  std::string backorder_choice;
  bool single_parcel = false;  // "wait" for one parcel: only the waiting warehouse fills it
  // The money (domain/order/money.h, the only code that changes these three and paid_amount):
  // refunds created and not rejected, and what was given back without changing the lines.
  int64_t refunded_amount = 0;
  int64_t credit_amount = 0;
  int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> paid_at;
  std::optional<Timestamp> shipped_at;
  std::optional<Timestamp> delivered_at;
  std::optional<Timestamp> finished_at;  // completed, cancelled or closed.
  std::optional<Timestamp>
      cod_confirmed_at;  // cash on delivery re-confirmed with the customer (REV-2)
  std::string cod_confirmed_by;

  bool has_backorder() const;
  bool on_hold() const { return !holds.empty(); }
  int64_t expected_weight_g() const;
};

// Who does a thing, when.
struct Actor {
  std::string name;  // "user:alice", "token:web", "system"
  Timestamp at;
};

// The result of a transition: the events to append (already applied to the order).
using Events = std::vector<OrderEvent>;

// What a received payment was to the order (domain/payment/payment.h says what follows each).
enum class Receipt {
  kRepeat,      // the transaction was already recorded: nothing changed
  kConfirmed,   // the amount due (or more): the order is paid (pending_payment → pending_review)
  kShort,       // less than the amount due: credited and held for the balance
  kSupplement,  // a supplement a change or exchange asked for (or part of it, or more)
  kDuplicate,   // the order owed nothing: the money goes back
  kAfterClose,  // the order had ended (closed, cancelled): the money goes back
};

struct ReceivedPayment {
  Events events;  // empty on a repeat
  Receipt receipt = Receipt::kRepeat;
};

// Receives a successful payment on `order` and books it (domain/order/money.h): the
// confirm_payment transition when it pays what was due. `exact`: when the order owes something,
// the amount must be exactly that (staff entry). What the order now holds beyond its charge is
// the caller's to refund (SurplusOf). Refusals, leaving the order untouched: kInvalid for an
// amount not above zero, or (exact) not the amount due (payment_amount_mismatch); kConflict
// illegal_transition for a cash-on-delivery order.
Result<ReceivedPayment> ReceivePayment(Order& order, const Payment& payment, bool exact,
                                       const Actor& actor);
// ReceivePayment with the exact amount required, answering only its events.
Result<Events> ConfirmPayment(Order& order, const Payment& payment, const Actor& actor);
Result<Events> Approve(Order& order, const std::string& reason, const Actor& actor);
// Closes the order; the caller releases its stock.
Result<Events> Reject(Order& order, const std::string& reason, const Actor& actor);
// Refused with kBackordered while a line waits for stock.
Result<Events> StartPicking(Order& order, const Actor& actor);
Result<Events> Pack(Order& order, int64_t weight_g, const Actor& actor);
// The caller consumes the reserved stock.
Result<Events> Ship(Order& order, const std::string& carrier, const std::string& tracking_no,
                    const Actor& actor);
// Staff (or the automatic confirmation of receipt) confirm delivery at actor.at; refused while
// the order is on hold (order_on_hold: a lost parcel is not delivered by hand).
Result<Events> Deliver(Order& order, const Actor& actor);
// The carrier reports the order's last parcel delivered at `delivered_at` (the carrier's event
// time, which becomes the order's delivery time, like its parcels'): a fact, recorded even while
// the order is on hold (the hold stays).
Result<Events> RecordDelivery(Order& order, Timestamp delivered_at, const Actor& actor);
// delivered → completed; an order refunded in full (domain/order/money.h RefundedInFull) is
// closed instead (CloseAfterShipment, "refunded in full").
Result<Events> Complete(Order& order, const Actor& actor);
// shipped | delivered → closed: every parcel came back to the sender undelivered (a refused
// cash-on-delivery parcel), or the order was refunded in full. reason required. The caller
// refunds what the order still holds (nothing is charged for a closed order).
Result<Events> CloseAfterShipment(Order& order, const std::string& reason, const Actor& actor);
// Unpaid orders close at once; paid orders are cancelled (a refund is due). Refused after
// shipment, also of part of a split order. The caller releases the reserved stock.
Result<Events> Cancel(Order& order, const std::string& reason, const Actor& actor);

// True when an order on hold may not take `transition` (it does not advance while held).
bool HeldBack(Transition transition);
// The transitions the table allows from the order's status, in the table's order, less those
// its holds refuse: what a screen may offer. The transition functions still check the rest
// (payment, backorders, parcels) and may refuse.
std::vector<Transition> AvailableTransitions(const Order& order);

}  // namespace ordo
