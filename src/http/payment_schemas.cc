// The OpenAPI schemas of the payment routes (payment_handlers.cc), merged into the document by
// openapi.cc. Refund and RefundList are inventory_schemas.cc's.
#include "http/routes.h"

namespace ordo::http {

const char* PaymentSchemas() {
  return R"json({
  "PaymentCallback": {"type": "object",
    "required": ["order_no", "transaction_id", "amount", "status"], "properties": {
    "order_no": {"type": "string"}, "transaction_id": {"type": "string", "maxLength": 128},
    "amount": {"type": "integer", "description": "fen, > 0"},
    "status": {"type": "string", "enum": ["succeeded", "failed"]},
    "paid_at": {"type": "string", "format": "date-time"},
    "failure_reason": {"type": "string", "maxLength": 200}}},
  "PaymentCallbackResult": {"type": "object", "description":
    "the payment as recorded; a repeat of the transaction gets the same answer", "properties": {
    "order_no": {"type": "string"}, "provider": {"type": "string"},
    "transaction_id": {"type": "string"}, "amount": {"type": "integer"},
    "outcome": {"type": "string",
      "enum": ["succeeded", "failed", "amount_mismatch", "after_close"],
      "description": "amount_mismatch: short, held for the balance; after_close: refunded"},
    "duplicate": {"type": "boolean",
      "description": "a second payment of a paid order: refunded automatically"},
    "recorded_at": {"type": "string", "format": "date-time"}}},
  "CodConfirmation": {"type": "object", "required": ["channel", "confirmed"], "properties": {
    "channel": {"type": "string", "enum": ["phone", "sms", "app"]},
    "confirmed": {"type": "boolean",
      "description": "false: the customer refuses; the order is cancelled and its stock released"},
    "note": {"type": "string", "maxLength": 500}}},
  "RefundExecution": {"type": "object", "properties": {
    "provider_ref": {"type": "string", "maxLength": 128,
      "description": "the provider's reference of the payout; required for a success"},
    "outcome": {"type": "string", "enum": ["succeeded", "failed"], "default": "succeeded"},
    "failure_reason": {"type": "string", "maxLength": 200}}},
  "RefundDecision": {"type": "object", "properties": {
    "note": {"type": "string", "maxLength": 500, "description": "required to reject"}}},
  "Payment": {"type": "object", "properties": {
    "id": {"type": "integer"}, "order_no": {"type": "string"}, "provider": {"type": "string"},
    "transaction_id": {"type": "string"}, "amount": {"type": "integer", "description": "fen"},
    "outcome": {"type": "string",
      "enum": ["succeeded", "failed", "amount_mismatch", "after_close"]},
    "duplicate": {"type": "boolean"},
    "received": {"type": "boolean", "description": "money received (every outcome but failed)"},
    "received_at": {"type": "string", "format": "date-time"}}},
  "PaymentList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Payment"}},
    "next_cursor": {"type": "string", "nullable": true}}}
})json";
}

}  // namespace ordo::http
