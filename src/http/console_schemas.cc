// OpenAPI schemas of the reads added for the staff console: the dashboard, the order counts
// per status, the actions an order allows now, and the audit chain check.
#include "http/routes.h"

namespace ordo::http {

const char* ConsoleSchemas() {
  return R"json({
  "Dashboard": {"type": "object", "properties": {
    "date": {"type": "string", "format": "date", "description": "the China Standard Time day"},
    "from": {"type": "string", "format": "date-time"},
    "to": {"type": "string", "format": "date-time"},
    "orders": {"type": "integer", "description": "orders placed that day"},
    "amount_total": {"type": "integer", "description": "fen: the sum of their totals"},
    "currency": {"type": "string"},
    "pending_review": {"type": "integer", "description": "every order now in pending_review"},
    "anomalies_open": {"type": "integer", "description": "abnormal cases open or assigned"},
    "by_hour": {"type": "array", "items": {"type": "integer"}, "minItems": 24, "maxItems": 24,
                "description": "that day's orders per hour (0..23, China Standard Time)"},
    "by_channel": {"type": "array", "items": {"type": "object", "properties": {
      "channel": {"type": "string"}, "orders": {"type": "integer"},
      "amount": {"type": "integer", "description": "fen"}}}},
    "by_status": {"type": "array", "description": "every order, per status",
                  "items": {"type": "object", "properties": {
      "status": {"type": "string"}, "orders": {"type": "integer"}}}}}},
  "OrderCounts": {"type": "object", "properties": {
    "total": {"type": "integer"},
    "by_status": {"type": "object", "additionalProperties": {"type": "integer"},
                  "description": "status → orders; statuses without orders are left out"}}},
  "OrderActions": {"type": "object", "properties": {
    "order_no": {"type": "string"}, "status": {"type": "string"},
    "on_hold": {"type": "boolean"}, "version": {"type": "integer"},
    "actions": {"type": "array", "items": {"type": "object", "properties": {
      "action": {"type": "string", "description": "POST /api/v1/orders/{order_no}/<action>",
                 "enum": ["payments", "review", "pick", "pack", "ship", "deliver", "complete",
                          "cancel"]},
      "transition": {"type": "string"},
      "permission": {"type": "string"},
      "allowed": {"type": "boolean", "description": "the caller's role holds the permission"}}}}}},
  "AuditChainCheck": {"type": "object", "properties": {
    "ok": {"type": "boolean"}, "entries": {"type": "integer"}, "last_seq": {"type": "integer"},
    "head_hash": {"type": "string", "description": "keep it elsewhere to detect truncation"},
    "problem": {"type": "object", "nullable": true, "properties": {
      "seq": {"type": "integer"},
      "fault": {"type": "string", "enum": ["altered", "missing", "broken_link"]},
      "detail": {"type": "string"}}}}}
})json";
}

}  // namespace ordo::http
