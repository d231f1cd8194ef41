// The OpenAPI schemas of the after-sales routes (aftersales_handlers.cc), merged into the
// document by openapi.cc.
#include "http/routes.h"

namespace ordo::http {

const char* AfterSalesSchemas() {
  return R"json({
  "AfterSalesInput": {"type": "object", "required": ["order_no", "type", "reason"],
    "description": "shipped orders only, within the after-sales windows of the settings",
    "properties": {
      "order_no": {"type": "string"},
      "type": {"type": "string",
        "enum": ["refund_only", "return_refund", "exchange", "reship", "partial_refund"]},
      "reason": {"type": "string", "enum": ["quality", "wrong_item", "damaged", "size",
        "no_reason_7_days", "logistics", "other"],
        "description": "decides freight_payer (merchant fault: merchant pays)"},
      "lines": {"type": "array",
        "description": "required except for partial_refund; at most the uncovered shipped units",
        "items": {"type": "object", "required": ["sku", "quantity"], "properties": {
          "sku": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1},
          "exchange_sku": {"type": "string",
            "description": "exchange only: the replacement SKU (default: the same SKU)"}}}},
      "amount": {"type": "integer",
        "description": "fen; partial_refund and refund_only; at most what is still refundable"},
      "note": {"type": "string", "maxLength": 2000},
      "confirm_duplicate": {"type": "boolean", "default": false,
        "description": "true: it repeats an open case of the same order, type and amount"}}},
  "AfterSalesNoteInput": {"type": "object", "properties": {
    "note": {"type": "string", "maxLength": 2000}}},
  "AfterSalesReasonInput": {"type": "object", "required": ["reason"], "properties": {
    "reason": {"type": "string", "maxLength": 2000}}},
  "AfterSalesReturnShipmentInput": {"type": "object", "required": ["carrier", "tracking_no"],
    "properties": {"carrier": {"type": "string", "maxLength": 64},
      "tracking_no": {"type": "string", "maxLength": 64}}},
  "AfterSalesReceiveInput": {"type": "object", "properties": {
    "carrier": {"type": "string", "maxLength": 64},
    "tracking_no": {"type": "string", "maxLength": 64}}},
  "AfterSalesInspectInput": {"type": "object", "required": ["passed"], "properties": {
    "passed": {"type": "boolean"}, "note": {"type": "string", "maxLength": 2000},
    "tags_intact": {"type": "boolean"}, "packaging_intact": {"type": "boolean"},
    "disposition": {"type": "string", "enum": ["sellable", "defective_stock",
      "return_to_supplier", "written_off", "returned_to_customer"], "description":
      "only sellable goes back on sale; quality and damage returns that pass need one"}}},
  "QualityReportPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"type": "object", "properties": {
      "id": {"type": "integer"}, "case_id": {"type": "integer"},
      "order_no": {"type": "string"}, "sku": {"type": "string"},
      "quantity": {"type": "integer"}, "warehouse": {"type": "string"},
      "reason": {"type": "string", "enum": ["quality", "damaged"]},
      "passed": {"type": "boolean"}, "disposition": {"type": "string"},
      "note": {"type": "string"},
      "reported_at": {"type": "string", "format": "date-time"},
      "reported_by": {"type": "string"}}}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "AfterSalesCase": {"type": "object", "properties": {
    "id": {"type": "integer"}, "order_no": {"type": "string"},
    "type": {"type": "string",
      "enum": ["refund_only", "return_refund", "exchange", "reship", "partial_refund"]},
    "reason": {"type": "string"},
    "status": {"type": "string", "enum": ["requested", "approved", "rejected",
      "awaiting_return", "received", "inspected", "refunding", "completed", "closed"]},
    "freight_payer": {"type": "string", "enum": ["merchant", "buyer"]},
    "lines": {"type": "array", "items": {"type": "object", "properties": {
      "line_no": {"type": "integer"}, "sku": {"type": "string"},
      "quantity": {"type": "integer"}, "unit_price_amount": {"type": "integer"},
      "amount": {"type": "integer"}, "warehouse": {"type": "string"},
      "exchange_sku": {"type": "string", "nullable": true}}}},
    "lines_amount": {"type": "integer"}, "requested_amount": {"type": "integer"},
    "note": {"type": "string"},
    "reject_reason": {"type": "string", "nullable": true},
    "close_reason": {"type": "string", "nullable": true},
    "return_carrier": {"type": "string", "nullable": true},
    "return_tracking_no": {"type": "string", "nullable": true},
    "received_at": {"type": "string", "format": "date-time", "nullable": true},
    "inspection": {"type": "object", "nullable": true, "properties": {
      "passed": {"type": "boolean"}, "note": {"type": "string"},
      "tags_intact": {"type": "boolean", "nullable": true},
      "packaging_intact": {"type": "boolean", "nullable": true},
      "disposition": {"type": "string", "enum": ["sellable", "defective_stock",
        "return_to_supplier", "written_off", "returned_to_customer"]},
      "inspected_at": {"type": "string", "format": "date-time"}}},
    "reason_confirmed": {"type": "boolean",
      "description": "the inspection confirmed the reason (wrong_item feeds supervision)"},
    "refund_id": {"type": "integer", "nullable": true,
      "description": "the pending refund row (GET /api/v1/refunds) the payments side executes"},
    "refund_amount": {"type": "integer"},
    "replacement_order_no": {"type": "string", "nullable": true,
      "description": "exchange or reship: the linked replacement order (no charge)"},
    "price_difference_amount": {"type": "integer",
      "description": "exchange: replacement catalogue value minus the returned lines' price"},
    "created_at": {"type": "string", "format": "date-time"}, "created_by": {"type": "string"},
    "updated_at": {"type": "string", "format": "date-time"}, "updated_by": {"type": "string"},
    "history": {"type": "array", "items": {"type": "object", "properties": {
      "action": {"type": "string"}, "from_status": {"type": "string", "nullable": true},
      "to_status": {"type": "string"}, "actor": {"type": "string"},
      "at": {"type": "string", "format": "date-time"}, "note": {"type": "string"}}}},
    "replacement_order": {"type": "object",
      "description": "in command responses that placed one",
      "properties": {"order_no": {"type": "string"}, "status": {"type": "string"},
        "total_amount": {"type": "integer"}}},
    "returned_to_stock": {"type": "array", "description": "in the response of a passed inspection",
      "items": {"type": "object", "properties": {"sku": {"type": "string"},
        "warehouse": {"type": "string"}, "quantity": {"type": "integer"},
        "on_hand_after": {"type": "integer"}}}}}},
  "AfterSalesPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/AfterSalesCase"}},
    "next_cursor": {"type": "string", "nullable": true}}}
})json";
}

}  // namespace ordo::http
