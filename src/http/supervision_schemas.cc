// The OpenAPI schemas of the supervision routes (supervision_handlers.cc), merged into the
// document by openapi.cc.
#include "http/routes.h"

namespace ordo::http {

const char* SupervisionSchemas() {
  return R"json({
  "Violation": {"type": "object", "properties": {
    "id": {"type": "integer"},
    "type": {"type": "string", "enum": ["time_limit_breach", "entry_corrected",
      "change_after_shipment", "review_bypass_attempt", "unauthorised_pii_access",
      "wrong_item_shipped", "late_customer_reply"]},
    "severity": {"type": "string", "enum": ["low", "medium", "high"]},
    "actor": {"type": "string", "nullable": true,
      "description": "who is responsible; null when only a department is"},
    "department": {"type": "string", "nullable": true},
    "entity": {"type": "string", "description": "order, stock, attempt, after_sales, customer_message"},
    "entity_id": {"type": "string"}, "occurrence": {"type": "string"},
    "at": {"type": "string", "format": "date-time"},
    "explanation": {"type": "string", "description": "observed values against the rule"},
    "details": {"type": "object", "additionalProperties": {"type": "string"}},
    "suggested_penalty": {"type": "object", "properties": {"kind": {"type": "string"},
      "points": {"type": "integer"}, "amount": {"type": "integer"}}},
    "detected_at": {"type": "string", "format": "date-time"},
    "detected_by": {"type": "string"}}},
  "ViolationPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Violation"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "DetectInput": {"type": "object", "description":
    "a month (period), or from and to (China calendar days or RFC 3339); from alone: up to now; nothing: the last 31 days",
    "properties": {"period": {"type": "string", "example": "2026-11"},
      "from": {"type": "string"}, "to": {"type": "string"}}},
  "DetectionResult": {"type": "object", "properties": {
    "period": {"$ref": "#/components/schemas/Period"},
    "found": {"type": "integer"}, "created": {"type": "integer"},
    "by_type": {"type": "object", "additionalProperties": {"type": "integer"}},
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Violation"}}}},
  "Period": {"type": "object", "properties": {"label": {"type": "string"},
    "from": {"type": "string", "format": "date-time"},
    "to": {"type": "string", "format": "date-time"}}},
  "PenaltyInput": {"type": "object", "required": ["kind"], "properties": {
    "violation_id": {"type": "integer"},
    "person": {"type": "string", "description": "an actor, e.g. user:alice; taken from the violation when one is named"},
    "kind": {"type": "string", "enum": ["warning", "criticism", "points", "fine", "retraining"]},
    "reason": {"type": "string", "description": "required without a violation"},
    "points": {"type": "integer", "description": "kind points only"},
    "amount": {"type": "integer", "description": "fen; kind fine only, > 0"}}},
  "RewardInput": {"type": "object", "required": ["person", "kind", "reason"], "properties": {
    "person": {"type": "string"},
    "kind": {"type": "string", "enum": ["commendation", "bonus", "points", "certificate"]},
    "reason": {"type": "string"}, "points": {"type": "integer"},
    "amount": {"type": "integer", "description": "fen; kind bonus only, > 0"},
    "confirm_duplicate": {"type": "boolean",
      "description": "true: it repeats an open reward of the same person, kind and amount"}}},
  "DecisionInput": {"type": "object", "properties": {
    "reason": {"type": "string", "description": "required to reject"}}},
  "EligibleRewardsInput": {"type": "object", "required": ["period"], "properties": {
    "period": {"type": "string", "example": "2026-11"},
    "kind": {"type": "string", "enum": ["commendation", "certificate"],
      "default": "commendation"}}},
  "Sanction": {"type": "object", "description": "a penalty or a reward", "properties": {
    "id": {"type": "integer"}, "kind": {"type": "string"}, "person": {"type": "string"},
    "department": {"type": "string", "nullable": true},
    "violation_id": {"type": "integer", "nullable": true, "description": "penalties"},
    "period": {"type": "string", "nullable": true, "description": "rewards"},
    "reason": {"type": "string"}, "points": {"type": "integer"},
    "amount": {"type": "integer", "description": "fen"},
    "state": {"type": "string", "enum": ["proposed", "approved", "rejected"]},
    "proposed_by": {"type": "string"},
    "proposed_at": {"type": "string", "format": "date-time"},
    "decided_by": {"type": "string", "nullable": true},
    "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "decision_reason": {"type": "string", "nullable": true},
    "history": {"type": "array", "items": {"type": "object", "properties": {
      "state": {"type": "string"}, "actor": {"type": "string"},
      "at": {"type": "string", "format": "date-time"},
      "reason": {"type": "string", "nullable": true}}}}}},
  "SanctionPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Sanction"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "SanctionList": {"type": "object", "properties": {
    "period": {"$ref": "#/components/schemas/Period"},
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Sanction"}}}},
  "Rate": {"type": "object", "description": "two counts and their ratio in basis points",
    "properties": {"rate_bp": {"type": "integer", "nullable": true}},
    "additionalProperties": {"type": "integer"}},
  "KpiReport": {"type": "object", "properties": {
    "period": {"$ref": "#/components/schemas/Period"},
    "group_by": {"type": "string", "enum": ["user", "department"]},
    "data": {"type": "array", "items": {"type": "object", "properties": {
      "actor": {"type": "string", "description": "group_by=user"},
      "department": {"type": "string", "nullable": true},
      "processing_timeliness": {"$ref": "#/components/schemas/Rate"},
      "order_accuracy": {"$ref": "#/components/schemas/Rate"},
      "on_time_delivery": {"$ref": "#/components/schemas/Rate"},
      "refund_rate": {"$ref": "#/components/schemas/Rate"},
      "customer_satisfaction": {"type": "number", "nullable": true,
        "description": "always null: not collected yet"},
      "violations": {"type": "integer"}, "reward_eligible": {"type": "boolean"}}}},
    "notes": {"type": "object", "additionalProperties": {"type": "string"}}}},
  "SupervisionPolicy": {"type": "object", "properties": {
    "source": {"type": "string", "description": "settings: every time limit is a setting"},
    "ship_within_hours": {"type": "object", "additionalProperties": {"type": "integer"},
      "description": "business hours per order class (settings ship_within_hours)"},
    "review_within": {"type": "string"}, "correction_window": {"type": "string"},
    "reply_within": {"type": "string"},
    "deliver_within": {"type": "object", "additionalProperties": {"type": "string"}},
    "reward_min_timeliness_bp": {"type": "integer"}, "reward_min_steps": {"type": "integer"},
    "review_department": {"type": "string",
      "description": "the department answerable for review time limits"},
    "fulfilment_department": {"type": "string",
      "description": "the department answerable for shipping time limits"},
    "reply_department": {"type": "string",
      "description": "the department answerable for customer reply time limits"},
    "violation_types": {"type": "array", "items": {"type": "object", "properties": {
      "type": {"type": "string"},
      "severity": {"type": "string", "enum": ["low", "medium", "high"]},
      "suggested_penalty": {"type": "string", "description": "the kind of penalty suggested"},
      "description": {"type": "string"}}}}}}
})json";
}

}  // namespace ordo::http
