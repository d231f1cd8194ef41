// The stock an order holds, shared by the use cases that create it, change it and end it:
// reservation as at intake (one path, so a change reserves exactly as a new order would) and
// the release or consumption of what it holds. Each runs inside the caller's transaction and
// records every movement in the ledger.
#pragma once

#include <string>

#include "app/command.h"
#include "domain/inventory/stock.h"

namespace ordo::app {

// Reserves every line of `order` in full (its lines must hold nothing yet), as planned by
// PlanAllocation (by stock, the consignee's region and the warehouses' priorities), recording
// one ledger entry per warehouse and line with `reason`; what no warehouse can cover is
// backordered on its line and reaches purchasing (RecordShortages).
Status ReserveOrderLines(WriteTx& tx, Order& order, const CommandContext& context, Timestamp now,
                         const std::string& reason);

// Gives back (kRelease) or ships (kConsumption) every unit the order holds, warehouse by
// warehouse, and records each movement in the ledger. A release empties the lines' allocations
// and clears their reserved and backordered counts.
Status MoveReservedStock(WriteTx& tx, Order& order, MovementType type, const Actor& actor,
                         const std::string& reason);

}  // namespace ordo::app
