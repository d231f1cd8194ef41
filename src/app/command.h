// What every use case needs besides its input: who acts, and the clock. Use cases are built as
// WriteFns (see store/store.h): load → decide with the domain → persist, inside the writer's
// transaction. Their results are written to an outcome object owned by the caller, valid once
// the store's completion callback reports success.
#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "domain/order/order.h"
#include "store/store.h"

namespace ordo::app {

class CarrierAdapters;  // app/waybills.h

struct CommandContext {
  std::string actor;            // "token:web", "user:alice", "system"
  const Clock* clock = nullptr;  // never null
  // The carriers whose own systems issue their waybill numbers (app/waybills.h); null: none,
  // every carrier's numbers come from the ranges loaded.
  const CarrierAdapters* carrier_adapters = nullptr;

  Actor Now() const { return Actor{actor, clock->Now()}; }
};

// An order after a command, and whether the command created it.
struct OrderOutcome {
  Order order;
  bool created = false;
};

}  // namespace ordo::app
