// The SQL of large manual stock movements waiting for a second person
// (domain/inventory/movement_request.h, store/inventory_store.h), written out in full. Each
// function runs on the connection it is given and never opens a transaction itself.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "store/inventory_store.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

Status InsertMovementRequestRow(Connection& conn, MovementRequest& request);
Status UpdateMovementRequestRow(Connection& conn, const MovementRequest& request);
Result<std::optional<MovementRequest>> SelectMovementRequest(Connection& conn, int64_t id);
Result<std::vector<MovementRequest>> SelectMovementRequests(Connection& conn,
                                                            const MovementRequestFilter& filter);
AuditEntry MovementRequestAudit(const MovementRequest& request, std::string_view action,
                                const std::string& actor, Timestamp at);

}  // namespace ordo::sqlite
