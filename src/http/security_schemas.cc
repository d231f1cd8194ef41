// OpenAPI schemas of large stock movements waiting for a second person and of API tokens.
#include "http/routes.h"

namespace ordo::http {

const char* SecuritySchemas() {
  return R"json({
  "MovementRequest": {"type": "object", "description":
    "A receipt or adjustment above the settings' approval quantity: booked only when someone other than who asked approves it",
    "properties": {
    "id": {"type": "integer"}, "type": {"type": "string", "enum": ["receipt", "adjustment"]},
    "warehouse": {"type": "string"}, "sku": {"type": "string"}, "quantity": {"type": "integer"},
    "reason": {"type": "string"},
    "status": {"type": "string", "enum": ["pending", "approved", "rejected"]},
    "requested_at": {"type": "string", "format": "date-time"}, "requested_by": {"type": "string"},
    "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "decided_by": {"type": "string"}, "decision_reason": {"type": "string"},
    "ledger_id": {"type": "integer", "nullable": true}}},
  "MovementRequestPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/MovementRequest"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "MovementPending": {"type": "object", "description":
    "202 from POST /stock/receipts or /stock/adjustments: nothing booked yet", "properties": {
    "status": {"type": "string", "enum": ["pending_approval"]},
    "request": {"$ref": "#/components/schemas/MovementRequest"}}},
  "MovementDecision": {"type": "object", "properties": {
    "request": {"$ref": "#/components/schemas/MovementRequest"},
    "entry": {"$ref": "#/components/schemas/LedgerEntry"},
    "stock": {"$ref": "#/components/schemas/Stock"}}},
  "Token": {"type": "object", "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
    "user_id": {"type": "integer", "nullable": true, "description":
      "a staff member's own token: it acts as the account and dies with it"},
    "created_at": {"type": "string", "format": "date-time"},
    "expires_at": {"type": "string", "format": "date-time", "nullable": true},
    "revoked": {"type": "boolean"},
    "revoked_at": {"type": "string", "format": "date-time", "nullable": true},
    "revoked_by": {"type": "string"}}},
  "TokenList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Token"}}}}
})json";
}

}  // namespace ordo::http
