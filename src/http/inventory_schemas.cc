// The OpenAPI schemas of the inventory-depth routes (inventory_handlers.cc,
// backorder_handlers.cc), merged into the document by openapi.cc.
#include "http/routes.h"

namespace ordo::http {

const char* InventorySchemas() {
  return R"json({
  "StockAlert": {"type": "object", "properties": {
    "sku": {"type": "string"},
    "kind": {"type": "string", "enum": ["low_stock", "zero_stock", "below_minimum_order",
      "waiting_with_stock"]},
    "on_hand": {"type": "integer"}, "reserved": {"type": "integer"},
    "available": {"type": "integer"}, "low_stock_threshold": {"type": "integer"},
    "quantity_waiting": {"type": "integer"},
    "warehouse": {"type": "string", "description": "waiting_with_stock: where units are free"},
    "detail": {"type": "string"}}},
  "StockAlerts": {"type": "object", "description":
    "orderable_defects: sellable SKUs showing stock an order would still backorder (none)",
    "properties": {
      "low_stock": {"type": "array", "items": {"$ref": "#/components/schemas/StockAlert"}},
      "zero_stock": {"type": "array", "items": {"$ref": "#/components/schemas/StockAlert"}},
      "orderable_defects": {"type": "array",
        "items": {"$ref": "#/components/schemas/StockAlert"}}}},
  "StockCheck": {"type": "object", "description":
    "every level against the sum of its ledger movements and every order's hold against its status",
    "properties": {"ok": {"type": "boolean"}, "levels": {"type": "integer"},
      "ledger_entries": {"type": "integer"}, "order_holds": {"type": "integer"},
      "differences": {"type": "array", "items": {"type": "object", "properties": {
        "sku": {"type": "string"}, "warehouse": {"type": "string"},
        "order_no": {"type": "string"},
        "check": {"type": "string", "enum": ["on_hand_vs_ledger", "reserved_vs_ledger",
          "level_vs_last_entry", "level_without_ledger", "ledger_without_level",
          "entry_out_of_bounds", "level_out_of_bounds", "negative_order_hold",
          "finished_order_holds_stock"]},
        "expected": {"type": "integer", "description": "what the ledger says"},
        "actual": {"type": "integer"}}}}}},
  "WarehouseRuleInput": {"type": "object", "properties": {
    "priority": {"type": "integer", "minimum": -1000, "maximum": 1000, "default": 0,
      "description": "higher is preferred among equally near warehouses"},
    "regions": {"type": "array", "description":
      "provinces served beyond the warehouse's own (which always comes first)",
      "items": {"type": "object", "required": ["province", "rank"], "properties": {
        "province": {"type": "string", "example": "江苏省"},
        "rank": {"type": "integer", "minimum": 1, "maximum": 99}}}}}},
  "WarehouseRule": {"type": "object", "properties": {
    "warehouse": {"type": "string"}, "province": {"type": "string"},
    "city": {"type": "string"}, "priority": {"type": "integer"},
    "regions": {"type": "array", "items": {"type": "object", "properties": {
      "province": {"type": "string"}, "rank": {"type": "integer"}}}}}},
  "SkuStockSettings": {"type": "object", "properties": {
    "low_stock_threshold": {"type": "integer", "minimum": 0},
    "lead_time_days": {"type": "integer", "minimum": 0, "maximum": 365}}},
  "BackorderLine": {"type": "object", "properties": {
    "order_no": {"type": "string"}, "channel": {"type": "string"},
    "line_no": {"type": "integer"}, "sku": {"type": "string"},
    "warehouse": {"type": "string", "description": "where the line waits"},
    "quantity_backordered": {"type": "integer"}, "priority": {"type": "integer"},
    "order_created_at": {"type": "string", "format": "date-time"},
    "age_seconds": {"type": "integer"},
    "any_warehouse": {"type": "boolean",
      "description": "false: only its waiting warehouse may fill it (one parcel)"},
    "reason": {"type": "string", "enum": ["out_of_stock", "insufficient_stock"]},
    "expected_restock_at": {"type": "string", "format": "date-time", "nullable": true}}},
  "BackorderPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/BackorderLine"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "BackorderChoiceResult": {"description": "the order after the choice, and the refund it created",
    "allOf": [{"$ref": "#/components/schemas/Order"}, {"type": "object", "properties": {
      "refund": {"type": "object", "nullable": true, "description":
        "refund_missing and ship_available: the refund of the missing units; null otherwise",
        "properties": {"id": {"type": "integer"},
          "amount": {"type": "integer", "description": "fen"},
          "status": {"type": "string", "enum": ["pending"]}}}}}]},
  "BackorderChoice": {"type": "object", "required": ["choice"], "properties": {
    "choice": {"type": "string",
      "enum": ["wait", "ship_available", "refund_missing", "exchange"]},
    "note": {"type": "string", "maxLength": 500},
    "single_parcel": {"type": "boolean", "description": "wait: fill only where it waits"},
    "lines": {"type": "array", "description": "exchange: replacements of missing lines",
      "items": {"type": "object", "required": ["line_no", "sku", "quantity"], "properties": {
        "line_no": {"type": "integer"}, "sku": {"type": "string"},
        "quantity": {"type": "integer"}}}}}},
  "ReplenishmentRequest": {"type": "object", "properties": {
    "id": {"type": "integer"}, "sku": {"type": "string"}, "warehouse": {"type": "string"},
    "quantity": {"type": "integer", "description": "units requested by shortages so far"},
    "quantity_waiting": {"type": "integer", "description": "units of lines waiting now"},
    "status": {"type": "string", "enum": ["open", "acknowledged", "closed"]},
    "expected_at": {"type": "string", "format": "date-time", "nullable": true},
    "note": {"type": "string"},
    "created_at": {"type": "string", "format": "date-time"}, "created_by": {"type": "string"},
    "updated_at": {"type": "string", "format": "date-time"}, "updated_by": {"type": "string"},
    "closed_at": {"type": "string", "format": "date-time", "nullable": true},
    "closed_by": {"type": "string"}}},
  "ReplenishmentPage": {"type": "object", "properties": {
    "data": {"type": "array",
      "items": {"$ref": "#/components/schemas/ReplenishmentRequest"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "ReplenishmentDecision": {"type": "object", "properties": {
    "expected_at": {"type": "string", "description": "acknowledge: RFC 3339 or a date"},
    "note": {"type": "string", "maxLength": 500}}},
  "Refund": {"type": "object", "properties": {
    "id": {"type": "integer"}, "order_no": {"type": "string"},
    "amount": {"type": "integer", "description": "fen"},
    "reason": {"type": "string", "enum": ["order_closed", "order_change", "missing_lines",
      "dropped_lines", "exchange_difference", "after_sales", "duplicate_payment",
      "payment_after_close", "overpayment"]},
    "note": {"type": "string"},
    "status": {"type": "string",
      "enum": ["awaiting_approval", "pending", "succeeded", "failed", "rejected"]},
    "lines": {"type": "string", "description": "line_no:units,… refunded"},
    "after_sales_id": {"type": "integer", "nullable": true},
    "approval": {"type": "string", "enum": ["none", "peer", "finance"],
      "description": "whose approval it needs: a second person, or finance above the threshold"},
    "decided_by": {"type": "string"},
    "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "decision_note": {"type": "string"},
    "created_at": {"type": "string", "format": "date-time"},
    "created_by": {"type": "string"},
    "due_at": {"type": "string", "format": "date-time",
      "description": "00:00 China time, the first business day after the request (AFS-5)"},
    "executed_at": {"type": "string", "format": "date-time", "nullable": true,
      "description": "the last payout attempt"},
    "executed_by": {"type": "string"}, "provider_ref": {"type": "string"},
    "failure_reason": {"type": "string"}}},
  "RefundList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Refund"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "StocktakeInput": {"type": "object", "required": ["warehouse", "reason"], "properties": {
    "warehouse": {"type": "string"},
    "skus": {"type": "array", "items": {"type": "string"},
      "description": "absent: every SKU stocked in the warehouse"},
    "reason": {"type": "string", "maxLength": 500}}},
  "StocktakeCounts": {"type": "object", "required": ["counts"], "properties": {
    "counts": {"type": "array", "items": {"type": "object", "required": ["sku", "counted"],
      "properties": {"sku": {"type": "string"}, "counted": {"type": "integer",
        "minimum": 0}}}}}},
  "Stocktake": {"type": "object", "properties": {
    "id": {"type": "integer"}, "warehouse": {"type": "string"},
    "scope": {"type": "string", "enum": ["warehouse", "skus"]},
    "reason": {"type": "string"},
    "status": {"type": "string", "enum": ["open", "approved", "cancelled"]},
    "lines_counted": {"type": "integer"},
    "lines": {"type": "array", "items": {"type": "object", "properties": {
      "sku": {"type": "string"}, "counted": {"type": "integer", "nullable": true},
      "on_hand_at_count": {"type": "integer", "nullable": true},
      "reserved_at_count": {"type": "integer", "nullable": true},
      "variance": {"type": "integer", "nullable": true,
        "description": "counted - on hand at count time"},
      "counted_by": {"type": "string"},
      "counted_at": {"type": "string", "format": "date-time", "nullable": true},
      "applied": {"type": "integer", "description": "the stocktake movement at approval"}}}},
    "created_at": {"type": "string", "format": "date-time"}, "created_by": {"type": "string"},
    "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "decided_by": {"type": "string"}}}
})json";
}

}  // namespace ordo::http
