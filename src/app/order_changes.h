// Changes and cancellation before shipment (domain.md CHG-1, CHG-2, AFS-1).
//
// A change of an order nobody has started picking is applied at once; once picking has started
// it becomes a change request that the warehouse confirms (applying it) or declines; after
// shipment it is refused (change_not_allowed), and the HTTP layer records the refused attempt
// for supervision. Everything a change implies happens in the one transaction of its command:
// the lines re-checked against the catalogue and re-reserved through intake's reservation path
// (app/order_stock.h), freed stock handed to waiting orders, the carrier chosen again for a new
// address, the money settled (a supplementary payment due, or a pending refund), the parcels of
// a picking order brought in line, the "changed" event and the audit entries.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/order/change.h"

namespace ordo::app {

struct ChangeOutcome {
  Order order;
  bool applied = false;                  // false: a request waits for the warehouse
  std::optional<ChangeRequest> request;  // the request created or decided, if any
  std::optional<int64_t> refund_id;      // a refund the change created
};

// Changes `order_no` as `change` asks. 404 unknown order (or one of another channel when
// `visible_to_channel` is set); 412 version_mismatch when `if_match` is not its version; 409
// change_not_allowed after shipment; 422 with intake's field errors (nothing changed). Before
// picking: applied (outcome.applied). Picking or packed: a pending request is stored and a
// "change_requested" event recorded, the order otherwise untouched (409 already_exists while
// another request is pending).
WriteFn ChangeOrder(std::string order_no, OrderChange change, int64_t if_match,
                    std::string visible_to_channel, CommandContext context,
                    std::shared_ptr<ChangeOutcome> out);

// The warehouse confirms (applies) or declines (with a reason) the pending change request
// `change_id` of `order_no`. A confirmed cancellation cancels the order as TransitionOrder does
// (the parcels intercepted and cancelled, the goods put back, a paid order refunded); 409 when
// part of it has shipped meanwhile (decline it then). A confirmed change that alters the lines
// sends a picking or packed order back to awaiting_fulfillment and brings its unshipped parcels in
// line (a parcel left empty is cancelled). 404 unknown order or request; 409 already_decided; 409
// change_not_allowed when the order shipped meanwhile; 422 the change no longer passes the
// checks (e.g. a SKU withdrawn since), or a decline without a reason.
WriteFn DecideChangeRequest(std::string order_no, int64_t change_id, bool confirm,
                            std::string reason, CommandContext context,
                            std::shared_ptr<ChangeOutcome> out);

// Cancels `order_no` (CHG-2), or asks the warehouse to: before picking the order is cancelled at
// once (TransitionOrder's cancel: stock released, refund, outcome.applied); once picking has
// started (picking or packed, nothing shipped) the cancellation is a request the warehouse
// confirms (DecideChangeRequest: the parcel intercepted, the goods put back, the order
// cancelled) or declines, and a "cancel_requested" event records it; the order does not ship
// meanwhile. 404 unknown (or hidden) order; 412 when `if_match` is stale; 422 reason required;
// 409 already_exists while another request is pending; the refusals of Cancel otherwise.
WriteFn CancelOrder(std::string order_no, std::string reason, std::optional<int64_t> if_match,
                    std::string visible_to_channel, CommandContext context,
                    std::shared_ptr<ChangeOutcome> out);

// 409 illegal_transition when a cancellation of `order` waits for the warehouse: the order does
// not ship meanwhile.
Status CheckNoPendingCancel(WriteTx& tx, const Order& order);

// For a cancellation (run inside TransitionOrder before the parcels are settled): records, for
// each unshipped parcel that sits in a wave, that the order left the wave ("pulled_from_wave")
// and tells logistics the pick-up is off (a "pickup_cancelled" notification of the parcel).
Status PullFromWaves(WriteTx& tx, const Order& order, const Actor& actor, Events& events);

// For a cancellation: a change still waiting for the warehouse is declined ("order cancelled"),
// so that nobody confirms a change of an order that no longer ships.
Status DeclinePendingChange(WriteTx& tx, const Order& order, const Actor& actor, Events& events);

}  // namespace ordo::app
