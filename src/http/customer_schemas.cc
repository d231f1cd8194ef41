// The OpenAPI schemas of customers and the review queue (customer_handlers.cc,
// review_handlers.cc), merged into the document by openapi.cc.
#include "http/routes.h"

namespace ordo::http {

const char* CustomerSchemas() {
  return R"json({
  "Customer": {"type": "object", "properties": {
    "member_id": {"type": "string"},
    "name": {"type": "string", "description": "masked unless the caller holds pii:read"},
    "phone": {"type": "string", "description": "masked unless the caller holds pii:read"},
    "credit_level": {"type": "string", "enum": ["good", "normal", "low"]},
    "high_risk": {"type": "boolean"}, "high_risk_reason": {"type": "string"},
    "blacklisted": {"type": "boolean"}, "blacklist_reason": {"type": "string"},
    "blacklisted_by": {"type": "string"},
    "blacklisted_at": {"type": "string", "format": "date-time", "nullable": true},
    "complaints": {"type": "integer"},
    "recorded": {"type": "boolean",
      "description": "false: known only from their orders, no profile stored yet"},
    "version": {"type": "integer", "description": "also the ETag; If-Match on PATCH"},
    "updated_at": {"type": "string", "format": "date-time"}}},
  "CustomerHistory": {"type": "object", "description": "computed from the customer's orders",
    "properties": {
    "orders_placed": {"type": "integer"}, "orders_completed": {"type": "integer"},
    "refusals": {"type": "integer", "description": "rejected in review or refused at the door"},
    "refunds": {"type": "integer"}, "refunded_amount": {"type": "integer"},
    "first_order_at": {"type": "string", "format": "date-time", "nullable": true},
    "last_order_at": {"type": "string", "format": "date-time", "nullable": true},
    "usual_amount": {"type": "integer", "description": "median order total, fen"},
    "usual_quantity": {"type": "object", "additionalProperties": {"type": "integer"},
      "description": "per SKU, the median quantity ordered"}}},
  "Complaint": {"type": "object", "properties": {
    "id": {"type": "integer"}, "order_no": {"type": "string", "nullable": true},
    "category": {"type": "string",
      "enum": ["delivery", "quality", "service", "wrong_item", "fraud", "other"]},
    "note": {"type": "string", "description": "masked unless the caller holds pii:read"},
    "at": {"type": "string", "format": "date-time"}, "created_by": {"type": "string"},
    "customer": {"$ref": "#/components/schemas/Customer"}}},
  "CustomerDetail": {"allOf": [{"$ref": "#/components/schemas/Customer"}, {"type": "object",
    "properties": {"history": {"$ref": "#/components/schemas/CustomerHistory"},
      "recent_complaints": {"type": "array",
        "items": {"$ref": "#/components/schemas/Complaint"}}}}]},
  "CustomerPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Customer"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "CustomerReasonInput": {"type": "object", "required": ["reason"], "properties": {
    "reason": {"type": "string", "minLength": 1, "maxLength": 500}}},
  "CustomerPatch": {"type": "object", "required": ["reason"], "properties": {
    "credit_level": {"type": "string", "enum": ["good", "normal", "low"]},
    "high_risk": {"type": "boolean"},
    "reason": {"type": "string", "minLength": 1, "maxLength": 500}}},
  "ComplaintInput": {"type": "object", "required": ["category", "note"], "properties": {
    "order_no": {"type": "string", "description": "an order of this customer"},
    "category": {"type": "string",
      "enum": ["delivery", "quality", "service", "wrong_item", "fraud", "other"]},
    "note": {"type": "string", "minLength": 1, "maxLength": 2000}}},
  "ReviewQueueEntry": {"type": "object", "properties": {
    "order": {"$ref": "#/components/schemas/Order"},
    "cases": {"type": "array", "items": {"$ref": "#/components/schemas/Anomaly"}},
    "blocked": {"type": "boolean", "description": "a blocking case refuses approval"},
    "waiting_minutes": {"type": "integer"}}},
  "ReviewQueuePage": {"type": "object", "description":
    "highest priority first, then oldest first (by order id)",
    "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/ReviewQueueEntry"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "RuleHit": {"type": "object", "properties": {
    "rule": {"type": "string"}, "subject": {"type": "string"},
    "explanation": {"type": "string"},
    "details": {"type": "object", "additionalProperties": {"type": "string"}},
    "case_id": {"type": "integer"}}},
  "ReviewRerun": {"type": "object", "properties": {
    "order": {"$ref": "#/components/schemas/Order"},
    "review": {"type": "object", "properties": {
      "hits": {"type": "array", "items": {"$ref": "#/components/schemas/RuleHit"}},
      "approved": {"type": "boolean"}}}}}
})json";
}

}  // namespace ordo::http
