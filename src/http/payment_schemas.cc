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
    "outcome": {"type": "string", "enum": ["succeeded", "failed", "amount_mismatch"]},
    "duplicate": {"type": "boolean",
      "description": "a second payment of a paid order: refunded automatically"},
    "recorded_at": {"type": "string", "format": "date-time"}}},
  "CodConfirmation": {"type": "object", "required": ["channel", "confirmed"], "properties": {
    "channel": {"type": "string", "enum": ["phone", "sms", "app"]},
    "confirmed": {"type": "boolean",
      "description": "false: the customer refuses; the order is cancelled and its stock released"},
    "note": {"type": "string", "maxLength": 500}}},
  "RefundExecution": {"type": "object", "properties": {
    "provider_ref": {"type": "string", "maxLength": 128}}}
})json";
}

}  // namespace ordo::http
