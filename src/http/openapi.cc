// The OpenAPI 3 document, built from the route table so that every route is described.
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "domain/anomaly/case.h"
#include "http/backup_routes.h"
#include "http/api.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

// Schemas of request and response bodies, referenced by RouteInfo names.
constexpr const char* kSchemas = R"json({
  "Address": {"type": "object", "properties": {
    "province": {"type": "string"}, "city": {"type": "string"},
    "district": {"type": "string"}, "detail": {"type": "string"},
    "division_code": {"type": "string", "description": "GB/T 2260 district code"}}},
  "Consignee": {"type": "object", "description":
    "who receives the parcel; the name, phone and address detail masked without pii:read",
    "properties": {"name": {"type": "string"}, "phone": {"type": "string"},
      "address": {"$ref": "#/components/schemas/Address"}}},
  "Party": {"type": "object", "properties": {
    "member_id": {"type": "string"}, "name": {"type": "string"},
    "phone": {"type": "string", "description": "mainland mobile; masked without pii:read"}}},
  "NewOrderLine": {"type": "object", "required": ["sku", "quantity"], "properties": {
    "sku": {"type": "string"}, "quantity": {"type": "integer", "minimum": 1},
    "unit_price_amount": {"type": "integer", "description": "fen; defaults to the catalogue"},
    "price_override_reason": {"type": "string"}}},
  "NewOrder": {"type": "object",
    "required": ["channel", "external_id", "customer", "consignee", "lines", "payment_method"],
    "properties": {
      "channel": {"type": "string"}, "external_id": {"type": "string"},
      "customer": {"$ref": "#/components/schemas/Party"},
      "consignee": {"type": "object", "properties": {
        "name": {"type": "string"}, "phone": {"type": "string"},
        "address": {"$ref": "#/components/schemas/Address"}}},
      "lines": {"type": "array", "items": {"$ref": "#/components/schemas/NewOrderLine"}},
      "payment_method": {"type": "string", "enum": ["online", "cod"]},
      "shipping": {"type": "object", "properties": {"service": {"type": "string",
        "enum": ["economy", "standard", "express", "next_day", "same_day"]}}},
      "buyer_note": {"type": "string"},
      "occasion_date": {"type": "string", "format": "date", "nullable": true},
      "currency": {"type": "string", "default": "CNY"},
      "total_amount": {"type": "integer", "description": "optional check of the sum, fen"}}},
  "OrderLine": {"type": "object", "required": ["line_no", "sku", "name", "spec", "quantity",
    "unit_price_amount", "line_amount", "price_overridden", "quantity_reserved",
    "quantity_backordered", "quantity_shipped", "quantity_dropped", "allocations", "backorder"],
    "properties": {
    "line_no": {"type": "integer"}, "sku": {"type": "string"}, "name": {"type": "string"},
    "spec": {"type": "string"}, "quantity": {"type": "integer"},
    "unit_price_amount": {"type": "integer", "description": "fen"},
    "line_amount": {"type": "integer", "description": "fen: quantity x unit price"},
    "price_overridden": {"type": "boolean",
      "description": "the unit price was set by hand instead of taken from the catalogue"},
    "quantity_reserved": {"type": "integer"}, "quantity_backordered": {"type": "integer"},
    "quantity_shipped": {"type": "integer"},
    "quantity_dropped": {"type": "integer",
      "description": "missing units the customer chose not to wait for (ship_available)"},
    "backorder": {"type": "object", "nullable": true, "properties": {
      "reason": {"type": "string"}, "warehouse": {"type": "string"},
      "expected_restock_at": {"type": "string", "format": "date-time", "nullable": true}}},
    "replaces_line_no": {"type": "integer", "description": "an exchange's replaced line"},
    "allocations": {"type": "array", "items": {"type": "object", "properties": {
      "warehouse": {"type": "string"}, "quantity": {"type": "integer"}}}}}},
  "Order": {"type": "object", "required": ["order_no", "channel", "external_id", "status",
    "payment_status", "payment_method", "priority", "order_class", "currency", "total_amount",
    "paid_amount", "customer", "consignee", "consignee_changes", "lines", "shipping",
    "buyer_note", "occasion_date", "on_hold", "hold_case_ids", "backordered", "backorder_choice",
    "refunded_amount", "kept_amount", "due_amount", "owed_amount", "credit_amount",
    "supplement_due_amount", "close_reason", "version", "created_at", "updated_at", "paid_at",
    "shipped_at", "delivered_at", "finished_at", "cod_confirmed_at", "cod_confirmed_by"],
    "properties": {
    "order_no": {"type": "string"}, "channel": {"type": "string"},
    "external_id": {"type": "string"},
    "status": {"type": "string", "enum": ["pending_payment", "pending_review",
      "awaiting_fulfillment", "picking", "packed", "shipped", "delivered", "completed",
      "cancelled", "closed"]},
    "payment_status": {"type": "string", "enum": ["unpaid", "paid", "cod_pending",
      "cod_collected", "partially_refunded", "refunded"]},
    "payment_method": {"type": "string", "enum": ["online", "cod"]},
    "priority": {"type": "integer", "description": "higher is served first"},
    "order_class": {"type": "string"}, "currency": {"type": "string"},
    "total_amount": {"type": "integer"}, "paid_amount": {"type": "integer"},
    "customer": {"$ref": "#/components/schemas/Party"},
    "consignee": {"$ref": "#/components/schemas/Consignee"},
    "consignee_changes": {"type": "array", "description":
      "every change of the consignee, oldest first, before and after (masked unless revealed)",
      "items": {"type": "object", "properties": {
        "at": {"type": "string", "format": "date-time"}, "actor": {"type": "string"},
        "before": {"$ref": "#/components/schemas/Consignee"},
        "after": {"$ref": "#/components/schemas/Consignee"}}}},
    "lines": {"type": "array", "items": {"$ref": "#/components/schemas/OrderLine"}},
    "shipping": {"type": "object", "properties": {
      "service": {"type": "string",
        "enum": ["economy", "standard", "express", "next_day", "same_day"]},
      "carrier": {"type": "string", "description": "empty until a wave or shipment chose one"},
      "tracking_no": {"type": "string", "description": "empty until shipped"},
      "packed_weight_g": {"type": "integer", "description": "0 until packed"},
      "expected_weight_g": {"type": "integer",
        "description": "the goods' catalogue weight, packaging aside"}}},
    "buyer_note": {"type": "string"},
    "occasion_date": {"type": "string", "format": "date", "nullable": true,
      "description": "a date the goods are wanted for (a birthday, a festival)"},
    "backordered": {"type": "boolean", "description": "some line waits for stock"},
    "on_hold": {"type": "boolean", "description": "an open blocking abnormal case holds it"},
    "hold_case_ids": {"type": "array", "items": {"type": "integer"}},
    "backorder_choice": {"type": "string", "nullable": true,
      "enum": ["wait", "ship_available", "refund_missing", "exchange"],
      "description": "what the customer chose for the missing units, null until asked"},
    "refunded_amount": {"type": "integer",
      "description": "refunds created and not rejected: awaiting approval, pending, paid out"},
    "kept_amount": {"type": "integer", "description":
      "the merchant's: paid for what the customer gets; paid = kept + refunded + due"},
    "due_amount": {"type": "integer", "description":
      "received, neither kept nor refunded: a short payment held for the balance"},
    "owed_amount": {"type": "integer", "description":
      "what the customer still owes; nothing ships while an online order owes anything"},
    "credit_amount": {"type": "integer", "description":
      "given back without changing the lines: after-sales refunds, an exchange's allowance"},
    "supplement_due_amount": {"type": "integer", "description":
      "what a paid order owes after a change or exchange raised it (POST payments)"},
    "cod_confirmed_at": {"type": "string", "format": "date-time", "nullable": true,
      "description": "cash on delivery re-confirmed with the customer (REV-2)"},
    "cod_confirmed_by": {"type": "string"},
    "close_reason": {"type": "string",
      "description": "why the order was cancelled or closed; empty otherwise"},
    "version": {"type": "integer", "description": "the ETag; If-Match takes it"},
    "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"},
    "paid_at": {"type": "string", "format": "date-time", "nullable": true},
    "shipped_at": {"type": "string", "format": "date-time", "nullable": true},
    "delivered_at": {"type": "string", "format": "date-time", "nullable": true},
    "finished_at": {"type": "string", "format": "date-time", "nullable": true,
      "description": "completed, cancelled or closed"}}},
  "OrderPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "OrderEvents": {"type": "object", "properties": {"data": {"type": "array", "items": {
    "type": "object", "properties": {"type": {"type": "string"},
    "at": {"type": "string", "format": "date-time"}, "actor": {"type": "string"},
    "from_status": {"type": "string"}, "to_status": {"type": "string"},
    "details": {"type": "object", "additionalProperties": true, "description":
      "what the step recorded, by event type (amounts in fen, reasons, carriers, SKUs ...)"}}}}}},
  "PaymentInput": {"type": "object", "required": ["provider", "transaction_id", "amount"],
    "properties": {"provider": {"type": "string"}, "transaction_id": {"type": "string"},
      "amount": {"type": "integer"}}},
  "ReviewInput": {"type": "object", "required": ["decision"], "properties": {
    "decision": {"type": "string", "enum": ["approve", "reject"]},
    "reason": {"type": "string"}}},
  "PackInput": {"type": "object", "description":
    "one box (weight_g, box) or several (boxes), judged with the goods' and packaging's weight",
    "properties": {
    "weight_g": {"type": "integer", "description": "one box: required unless boxes is given"},
    "box": {"type": "string", "description": "one box: its type (box_types); default: none"},
    "boxes": {"type": "array", "maxItems": 20, "items": {"$ref": "#/components/schemas/BoxInput"}},
    "warehouse": {"type": "string", "description": "the parcel's; required for a split order"}}},
  "BoxInput": {"type": "object", "required": ["weight_g"], "properties": {
    "weight_g": {"type": "integer", "minimum": 1}, "box": {"type": "string"}}},
  "ShipInput": {"type": "object", "properties": {
    "carrier": {"type": "string",
      "description": "a configured carrier, any case; default: the wave's, else the rules'"},
    "tracking_no": {"type": "string", "description":
      "a carrier's printed waybill; default: the parcel's, drawn from the carrier"},
    "warehouse": {"type": "string", "description": "the parcel's; required for a split order"}}},
  "CancelInput": {"type": "object", "required": ["reason"],
    "properties": {"reason": {"type": "string"}}},
  "RevealInput": {"type": "object",
    "properties": {"reason": {"type": "string", "maxLength": 500}}},
  "Sku": {"type": "object", "required": ["sku", "name", "price_amount"], "properties": {
    "sku": {"type": "string"}, "name": {"type": "string"}, "spec": {"type": "string"},
    "price_amount": {"type": "integer"}, "currency": {"type": "string"},
    "weight_g": {"type": "integer"}, "step_quantity": {"type": "integer"},
    "min_quantity": {"type": "integer"}, "sellable": {"type": "boolean"},
    "category": {"type": "string"}, "low_stock_threshold": {"type": "integer"},
    "lead_time_days": {"type": "integer", "default": 7},
    "created_at": {"type": "string", "format": "date-time", "readOnly": true}}},
  "SkuPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Sku"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Warehouse": {"type": "object", "required": ["code", "name"], "properties": {
    "code": {"type": "string"}, "name": {"type": "string"},
    "address": {"$ref": "#/components/schemas/Address"},
    "phone": {"type": "string", "maxLength": 32,
      "description": "printed as the sender's phone on the warehouse's shipping labels"},
    "created_at": {"type": "string", "format": "date-time", "readOnly": true}}},
  "WarehouseList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Warehouse"}}}},
  "Receipt": {"type": "object", "required": ["warehouse", "sku", "quantity"], "properties": {
    "warehouse": {"type": "string"}, "sku": {"type": "string"},
    "quantity": {"type": "integer"}, "reason": {"type": "string"}}},
  "Adjustment": {"type": "object", "required": ["warehouse", "sku", "quantity", "reason"],
    "properties": {"warehouse": {"type": "string"}, "sku": {"type": "string"},
      "quantity": {"type": "integer", "description": "signed change of on hand, not 0"},
      "reason": {"type": "string", "maxLength": 500}}},
  "LedgerEntry": {"type": "object", "properties": {
    "id": {"type": "integer"}, "warehouse": {"type": "string"}, "sku": {"type": "string"},
    "type": {"type": "string", "enum": ["receipt", "reservation", "release", "consumption",
      "return", "adjustment", "stocktake"]},
    "quantity": {"type": "integer"}, "on_hand_after": {"type": "integer"},
    "reserved_after": {"type": "integer"}, "reason": {"type": "string"},
    "actor": {"type": "string"}, "order_no": {"type": "string"},
    "at": {"type": "string", "format": "date-time"}}},
  "LedgerPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/LedgerEntry"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "AuditPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"type": "object", "properties": {
      "seq": {"type": "integer"}, "actor": {"type": "string"},
      "at": {"type": "string", "format": "date-time"},
      "entity": {"type": "string", "description": "order, stock, sku, warehouse, token"},
      "id": {"type": "string", "description": "order number, SKU@WAREHOUSE, code or token id"},
      "action": {"type": "string"},
      "before": {"nullable": true, "description":
        "what changed, before: the entity's audited fields (an object), or the one setting's value; null for a creation"},
      "after": {"nullable": true, "description":
        "what changed, after: the entity's audited fields (an object), or the one setting's value; null for a removal"}}}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Stock": {"type": "object", "properties": {
    "sku": {"type": "string"},
    "warehouses": {"type": "array", "items": {"type": "object", "properties": {
      "warehouse": {"type": "string"}, "on_hand": {"type": "integer"},
      "reserved": {"type": "integer"}, "available": {"type": "integer"}}}},
    "on_hand": {"type": "integer"}, "reserved": {"type": "integer"},
    "available": {"type": "integer"}}},
  "Login": {"type": "object", "required": ["username", "password"], "properties": {
    "username": {"type": "string"}, "password": {"type": "string", "format": "password"},
    "return_token": {"type": "boolean", "default": false, "description":
      "true: the answer carries the session token too (for scripts); a browser needs only the cookie"}}},
  "User": {"type": "object", "properties": {
    "username": {"type": "string"}, "display_name": {"type": "string"},
    "department": {"type": "string"}, "role": {"type": "string"},
    "disabled": {"type": "boolean"}, "created_at": {"type": "string", "format": "date-time"}}},
  "NewUser": {"type": "object",
    "required": ["username", "display_name", "department", "role", "password"],
    "properties": {"username": {"type": "string"}, "display_name": {"type": "string"},
      "department": {"type": "string"}, "role": {"type": "string"},
      "password": {"type": "string", "format": "password", "minLength": 12}}},
  "UserList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/User"}}}},
  "LoginResult": {"type": "object", "properties": {
    "user": {"$ref": "#/components/schemas/User"},
    "token": {"type": "string", "description":
      "the session secret, only when the login asked with return_token; always set as the cookie"}}},
  "Me": {"type": "object", "properties": {"name": {"type": "string"},
    "role": {"type": "string"}, "actor": {"type": "string"},
    "permissions": {"type": "array", "items": {"type": "string"}}}},
  "StockMovement": {"type": "object", "properties": {
    "entry": {"$ref": "#/components/schemas/LedgerEntry"},
    "stock": {"$ref": "#/components/schemas/Stock"}}}
})json";

json::object Problem() {
  json::array codes;
  for (Code code : AllCodes()) {
    codes.push_back(json::string(CodeName(code)));
  }
  const json::object text{{"type", "string"}};
  json::object field_error{{"type", "object"},
                           {"required", {"field", "code", "message"}},
                           {"properties", {{"field", text}, {"code", text}, {"message", text}}}};
  json::object properties{
      {"type", text},
      {"title", text},
      {"status", {{"type", "integer"}}},
      {"code", {{"type", "string"}, {"enum", std::move(codes)}}},
      {"detail", text},
      {"errors", {{"type", "array"}, {"items", std::move(field_error)}}},
      // Extension members (RFC 9457 section 3.2) of a few problems.
      {"differences",
       {{"type", "array"},
        {"description", "verification_mismatch: how the scans differ from the parcel"},
        {"items",
         {{"type", "object"},
          {"properties",
           {{"sku", text},
            {"kind", {{"type", "string"}, {"enum", {"missing", "extra", "wrong_quantity"}}}},
            {"expected", {{"type", "integer"}}},
            {"scanned", {{"type", "integer"}}}}}}}}},
      {"case_id",
       {{"type", "integer"}, {"description", "verification_mismatch: the abnormal case opened"}}},
      {"shipment_id",
       {{"type", "integer"}, {"description", "verification_mismatch: the parcel scanned"}}},
      {"left_out",
       {{"type", "array"},
        {"description", "nothing_to_wave: the orders the wave looked at and left out, and why"},
        {"items", {{"$ref", "#/components/schemas/WaveLeftOut"}}}}},
      {"left_out_count",
       {{"type", "integer"}, {"description", "nothing_to_wave: every order left out"}}}};
  return json::object{{"type", "object"},
                      {"description", "RFC 9457 problem details"},
                      {"required", {"type", "title", "status", "code", "detail"}},
                      {"properties", std::move(properties)}};
}

// -- Names for generated clients: operationId and tags --------------------------------------
//
// Derived from the method and path so that a new route is named without a list to keep up:
// GET of one resource is get<Thing> (getOrder), of a page or list list<Things> (listOrders),
// POST of a collection create<Thing> (createSku), POST of an action on one resource
// <action><Thing> (cancelOrder, approveRefund), PUT set<...>, PATCH update<...>. The few whose
// derived name would read badly are named in kOperationIds. Tags name the area of the product.

// The path's segments after /api/v1 (or after / outside the API).
std::vector<std::string> Segments(std::string_view pattern) {
  if (pattern.starts_with("/api/v1/")) {
    pattern.remove_prefix(8);
  } else if (pattern.starts_with("/")) {
    pattern.remove_prefix(1);
  }
  std::vector<std::string> out;
  while (!pattern.empty()) {
    const size_t slash = pattern.find('/');
    out.emplace_back(pattern.substr(0, slash));
    pattern.remove_prefix(slash == std::string_view::npos ? pattern.size() : slash + 1);
  }
  return out;
}

bool IsParam(std::string_view segment) { return segment.starts_with("{"); }

// "allocation-rules" -> "AllocationRules", "pick-list.pdf" -> "PickListPdf".
std::string Camel(std::string_view words) {
  std::string out;
  bool upper = true;
  for (char c : words) {
    if (c == '-' || c == '_' || c == '.') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

// "orders" -> "orders", "anomalies" -> "anomaly"; words that are no plural stay.
std::string Singular(const std::string& word) {
  static const std::set<std::string> kKept = {"after-sales", "stock", "settings", "audit",
                                              "stock-settings", "ops"};
  if (kKept.count(word)) {
    return word;
  }
  if (word.ends_with("ies")) {
    return word.substr(0, word.size() - 3) + "y";
  }
  if (word.ends_with("s") && !word.ends_with("ss")) {
    return word.substr(0, word.size() - 1);
  }
  return word;
}

// Routes whose derived name would read badly.
const std::map<std::string, std::string, std::less<>>& OperationIdOverrides() {
  static const std::map<std::string, std::string, std::less<>> kOperationIds = {
      {"GET /healthz", "getLiveness"},
      {"GET /readyz", "getReadiness"},
      {"GET /api/v1/openapi.json", "getOpenApiDocument"},
      {"POST /api/v1/orders", "placeOrder"},
      {"GET /api/v1/orders/counts", "countOrders"},
      {"GET /api/v1/orders/{order_no}/events", "listOrderEvents"},
      {"GET /api/v1/orders/{order_no}/changes", "listOrderChanges"},
      {"POST /api/v1/orders/{order_no}/payments", "confirmOrderPayment"},
      {"POST /api/v1/orders/{order_no}/review", "reviewOrder"},
      {"POST /api/v1/orders/{order_no}/backorder-choice", "chooseForBackorderedLines"},
      {"POST /api/v1/orders/{order_no}/cod-confirmation", "confirmCashOnDelivery"},
      {"POST /api/v1/auth/login", "logIn"},
      {"POST /api/v1/auth/logout", "logOut"},
      {"GET /api/v1/auth/me", "getCaller"},
      {"GET /api/v1/audit", "listAuditEntries"},
      {"GET /api/v1/audit/verify", "verifyAuditChain"},
      {"GET /api/v1/stock/verify", "verifyStockBooks"},
      {"POST /api/v1/violations/detect", "detectViolations"},
      {"POST /api/v1/rewards/propose-eligible", "proposeEligibleRewards"},
      {"POST /api/v1/stocktakes/{id}/counts", "recordStocktakeCounts"},
      {"POST /api/v1/after-sales/{id}/return-shipment", "recordAfterSalesReturnShipment"},
      {"POST /api/v1/after-sales/{id}/refund", "refundAfterSales"},
      {"POST /api/v1/payment-callbacks/{provider}", "receivePaymentCallback"},
      {"POST /api/v1/tracking-events/{carrier}", "receiveTrackingEvent"},
      {"GET /api/v1/carriers", "getCarrierRules"},
      {"PUT /api/v1/carriers", "replaceCarrierRules"},
      {"GET /api/v1/exports/{what}", "exportList"},
      {"POST /api/v1/ops/clock", "advanceTestClock"},
  };
  return kOperationIds;
}

std::string OperationId(const Route& route) {
  const auto& overrides = OperationIdOverrides();
  if (auto it = overrides.find(route.method + " " + route.pattern); it != overrides.end()) {
    return it->second;
  }
  const std::vector<std::string> segments = Segments(route.pattern);
  // The words naming the thing: a segment followed by a parameter names one of many.
  std::string thing;
  std::string action;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& segment = segments[i];
    if (IsParam(segment)) {
      continue;
    }
    const bool last_literal = std::none_of(segments.begin() + static_cast<long>(i) + 1,
                                           segments.end(),
                                           [](const std::string& s) { return !IsParam(s); });
    const bool names_one = i + 1 < segments.size() && IsParam(segments[i + 1]);
    // POST /things/{id}/verb: the last segment after a parameter is the action.
    if (route.method == "POST" && last_literal && i > 0 && IsParam(segments[i - 1]) &&
        !(segment.ends_with("s") && !segment.ends_with("ss"))) {
      const size_t dash = segment.find('-');
      action = segment.substr(0, dash);
      if (dash != std::string::npos) {
        thing += Camel(segment.substr(dash + 1));
      }
      continue;
    }
    const bool one = names_one || (route.method == "POST" && last_literal);
    thing += Camel(one ? Singular(segment) : segment);
  }
  if (!action.empty()) {
    return action + thing;
  }
  std::string verb = "get";
  if (route.method == "POST") {
    verb = "create";
  } else if (route.method == "PUT") {
    verb = "set";
  } else if (route.method == "PATCH") {
    verb = "update";
  } else if (route.method == "DELETE") {
    verb = "delete";
  } else if (route.info.response_schema.ends_with("Page") ||
             route.info.response_schema.ends_with("List")) {
    verb = "list";
  }
  return verb + thing;
}

struct TagInfo {
  const char* name;
  const char* description;
};

// The areas of the product, in the order the document lists them.
constexpr TagInfo kTags[] = {
    {"Orders", "Placing, reading, searching, changing and cancelling orders, and their history"},
    {"Payments", "Payments and their provider callbacks, cash-on-delivery re-confirmation, "
                 "refunds with their approval and payout"},
    {"Review", "Automatic and manual review of orders, the review queue"},
    {"Customers", "Customer profiles, credit levels, complaints and the blacklist"},
    {"Catalogue", "SKUs and warehouses"},
    {"Inventory", "Stock levels and the stock ledger, receipts and adjustments, stocktakes, "
                  "alerts, allocation rules, backorders and replenishment"},
    {"Fulfillment", "Waves and their printed documents, picking, the packing scan, packing, "
                    "shipping, carrier tracking, waybill numbers, orders at risk"},
    {"After-sales", "Refund, return and exchange cases after shipment, quality reports"},
    {"Abnormal cases", "Cases that hold an order (weight, scan, parcel lost) and their handling"},
    {"Settings", "Time limits, rule thresholds and carrier selection rules"},
    {"Supervision", "Violations, penalties, rewards and KPIs of the staff"},
    {"Documents", "The document archive: archived documents, access grants, destruction"},
    {"Reports", "Exports of the lists as CSV or XLSX, and reports"},
    {"Accounts", "Logging in, staff accounts and API tokens"},
    {"Audit", "The audit trail of every state change and its hash chain"},
    {"Console", "Reads the staff console needs (the dashboard)"},
    {"Backups", "Backups of the data directory"},
    {"Operations", "Liveness, readiness, metrics, this document, the test clock"},
};

std::string Tag(const Route& route) {
  static const std::map<std::string, std::string, std::less<>> kByFirst = {
      {"skus", "Catalogue"},           {"warehouses", "Catalogue"},
      {"stock", "Inventory"},          {"stocktakes", "Inventory"},
      {"backorders", "Inventory"},     {"replenishment-requests", "Inventory"},
      {"orders", "Orders"},            {"auth", "Accounts"},
      {"users", "Accounts"},           {"tokens", "Accounts"},
      {"audit", "Audit"},              {"violations", "Supervision"},
      {"penalties", "Supervision"},    {"rewards", "Supervision"},
      {"kpis", "Supervision"},         {"supervision", "Supervision"},
      {"settings", "Settings"},        {"carriers", "Settings"},
      {"anomalies", "Abnormal cases"}, {"waves", "Fulfillment"},
      {"shipments", "Fulfillment"},    {"tracking-events", "Fulfillment"},
      {"waybill-ranges", "Fulfillment"}, {"after-sales", "After-sales"},
      {"quality-reports", "After-sales"}, {"payment-callbacks", "Payments"},
      {"refunds", "Payments"},         {"payments", "Payments"},
      {"customers", "Customers"},      {"review-queue", "Review"},
      {"dashboard", "Console"},        {"documents", "Documents"},
      {"document-grants", "Documents"}, {"document-destructions", "Documents"},
      {"exports", "Reports"},          {"reports", "Reports"},
      {"backups", "Backups"},          {"ops", "Operations"},
      {"healthz", "Operations"},       {"readyz", "Operations"},
      {"metrics", "Operations"},       {"openapi.json", "Operations"},
  };
  // What is asked of one order belongs to the area that handles it.
  static const std::map<std::string, std::string, std::less<>> kOrderSteps = {
      {"payments", "Payments"},       {"cod-confirmation", "Payments"},
      {"review", "Review"},           {"rerun-review", "Review"},
      {"pick", "Fulfillment"},        {"pack", "Fulfillment"},
      {"verify", "Fulfillment"},      {"reweigh", "Fulfillment"},
      {"ship", "Fulfillment"},        {"deliver", "Fulfillment"},
      {"shipments", "Fulfillment"},   {"notifications", "Fulfillment"},
      {"at-risk", "Fulfillment"},     {"backorder-choice", "Inventory"},
      {"documents", "Documents"},
  };
  const std::vector<std::string> segments = Segments(route.pattern);
  if (segments.empty()) {
    return "Operations";
  }
  if (segments[0] == "orders" && segments.size() > 1) {
    if (auto it = kOrderSteps.find(segments.back()); it != kOrderSteps.end()) {
      return it->second;
    }
  }
  if (segments[0] == "warehouses" && segments.size() > 2) {
    return segments[2] == "locations" ? "Fulfillment" : "Inventory";
  }
  if (segments[0] == "skus" && segments.size() > 2) {
    return "Inventory";
  }
  if (auto it = kByFirst.find(segments[0]); it != kByFirst.end()) {
    return it->second;
  }
  return Camel(segments[0]);  // a new area: named after its path until it is listed above
}

// Answers besides the route's success status, and the bodies of the success answers that have
// no named schema: {status, schema (JSON text), description}.
struct ExtraResponse {
  int status;
  const char* schema;
  const char* description;
};

const std::map<std::string, std::vector<ExtraResponse>, std::less<>>& ExtraResponses() {
  static const std::map<std::string, std::vector<ExtraResponse>, std::less<>> kExtra = {
      {"GET /healthz",
       {{200, R"({"type": "object", "properties": {"status": {"type": "string", "enum": ["ok"]}}})",
         "the process answers"}}},
      {"GET /readyz",
       {{200,
         R"({"type": "object", "properties": {"status": {"type": "string", "enum": ["ready"]}}})",
         "the store answers"}}},
      {"GET /api/v1/openapi.json",
       {{200,
         R"({"type": "object", "additionalProperties": true, "description": "an OpenAPI 3.0 document"})",
         "this document"}}},
      {"POST /api/v1/auth/logout",
       {{200,
         R"({"type": "object", "properties": {"status": {"type": "string", "enum": ["logged_out"]}}})",
         "the session is ended and its cookie cleared"}}},
      {"POST /api/v1/orders",
       {{200, R"({"$ref": "#/components/schemas/Order"})",
         "an order of the same channel and external_id was placed before: that order"}}},
      {"PATCH /api/v1/orders/{order_no}",
       {{202, R"({"$ref": "#/components/schemas/ChangeRequest"})",
         "the order is picking or packed: a change request the warehouse confirms"}}},
      {"POST /api/v1/orders/{order_no}/cancel",
       {{202, R"({"$ref": "#/components/schemas/ChangeRequest"})",
         "picking has started: a cancellation request the warehouse confirms"}}},
      {"POST /api/v1/stock/receipts",
       {{202, R"({"$ref": "#/components/schemas/MovementPending"})",
         "above receipt_approval_quantity: nothing booked until a second person approves"}}},
      {"POST /api/v1/stock/adjustments",
       {{202, R"({"$ref": "#/components/schemas/MovementPending"})",
         "above adjustment_approval_quantity: nothing booked until a second person approves"}}},
      {"POST /api/v1/ops/clock",
       {{200, R"({"type": "object", "properties": {
           "now": {"type": "string", "format": "date-time", "description": "the clock moved to"},
           "jobs": {"type": "object", "description": "what each job did on the tick",
             "properties": {
               "ship_limit_cases": {"type": "integer"}, "late_deliveries": {"type": "integer"},
               "receipts_confirmed": {"type": "integer"},
               "payment_reminders": {"type": "integer"}, "unpaid_closed": {"type": "integer"},
               "refunds_executed": {"type": "integer"}, "daily_summaries": {"type": "integer"},
               "failures": {"type": "array", "items": {"type": "string"}}}}}})",
         "the clock moved and every job ran once"}}},
  };
  return kExtra;
}

json::object JsonContent(json::value schema) {
  return json::object{{"application/json", {{"schema", std::move(schema)}}}};
}

// The summary, then who may call the operation and how a retry is made safe.
std::string Description(const Route& route) {
  std::string text = route.info.summary;
  if (!text.empty() && text.back() != '.') {
    text += '.';
  }
  if (route.info.public_route) {
    text += "\n\nNo token needed.";
  } else if (route.info.permission.empty()) {
    text += "\n\nAny signed-in caller.";
  } else {
    std::string roles;
    for (const std::string& role : app::Roles()) {
      if (app::RoleMeets(role, route.info.permission)) {
        roles += (roles.empty() ? "" : ", ") + role;
      }
    }
    std::string permission = route.info.permission;
    for (size_t bar = permission.find('|'); bar != std::string::npos;
         bar = permission.find('|', bar)) {
      permission.replace(bar, 1, "` or `");
    }
    text += "\n\nNeeds `" + permission + "` (roles: " + roles + ").";
  }
  if (route.method == "POST") {
    text += " A repeat with the same `Idempotency-Key` is answered as the first request was.";
  }
  return text;
}

json::object Operation(const Route& route) {
  json::object operation{{"operationId", OperationId(route)},
                         {"tags", json::array{json::string(Tag(route))}},
                         {"summary", route.info.summary},
                         {"description", Description(route)}};
  json::array parameters;
  size_t start = 0;
  while ((start = route.pattern.find('{', start)) != std::string::npos) {
    const size_t end = route.pattern.find('}', start);
    parameters.push_back(json::object{{"name", route.pattern.substr(start + 1, end - start - 1)},
                                      {"in", "path"},
                                      {"required", true},
                                      {"schema", {{"type", "string"}}}});
    start = end;
  }
  for (const QueryParam& param : route.info.query) {
    parameters.push_back(json::object{{"name", param.name},
                                      {"in", "query"},
                                      {"required", false},
                                      {"description", param.description},
                                      {"schema", {{"type", param.type}}}});
  }
  if (route.method == "POST") {
    parameters.push_back(json::object{{"name", "Idempotency-Key"},
                                      {"in", "header"},
                                      {"required", false},
                                      {"schema", {{"type", "string"}}}});
  }
  if (!parameters.empty()) {
    operation["parameters"] = std::move(parameters);
  }
  if (!route.info.request_schema.empty()) {
    operation["requestBody"] = json::object{
        {"required", true},
        {"content",
         {{route.info.request_media,
           {{"schema", {{"$ref", "#/components/schemas/" + route.info.request_schema}}}}}}}};
  }
  json::object success{{"description", "success"}};
  if (!route.info.response_schema.empty()) {
    success["content"] =
        JsonContent(json::object{{"$ref", "#/components/schemas/" + route.info.response_schema}});
  }
  json::object responses;
  responses[std::to_string(route.info.success_status)] = std::move(success);
  const auto& extra = ExtraResponses();
  if (auto it = extra.find(route.method + " " + route.pattern); it != extra.end()) {
    for (const ExtraResponse& response : it->second) {
      responses[std::to_string(response.status)] = json::object{
          {"description", response.description},
          {"content", JsonContent(json::parse(response.schema))}};
    }
  }
  responses["default"] = json::object{
      {"description", "an RFC 9457 problem"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  operation["responses"] = std::move(responses);
  if (route.info.public_route) {
    operation["security"] = json::array();
  } else {
    operation["x-permission"] = route.info.permission;
    // The permission matrix, from the role table: who may call this operation at all.
    json::array roles;
    for (const std::string& role : app::Roles()) {
      if (route.info.permission.empty() || app::RoleMeets(role, route.info.permission)) {
        roles.push_back(json::string(role));
      }
    }
    operation["x-roles"] = std::move(roles);
  }
  return operation;
}

}  // namespace

std::string OpenApiDocument(const Router& router) {
  json::object paths;
  for (const Route& route : router.routes()) {
    std::string method = route.method;
    for (char& c : method) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    json::value& path = paths[route.pattern];
    if (!path.is_object()) {
      path = json::object();
    }
    path.as_object()[method] = Operation(route);
  }
  json::object schemas = json::parse(kSchemas).as_object();
  const json::value supervision = json::parse(SupervisionSchemas());
  for (const auto& [name, schema] : supervision.as_object()) {
    schemas[name] = schema;
  }
  const json::value inventory = json::parse(InventorySchemas());
  for (const auto& [name, schema] : inventory.as_object()) {
    schemas[name] = schema;
  }
  const json::value fulfillment = json::parse(FulfillmentSchemas());
  for (const auto& [name, schema] : fulfillment.as_object()) {
    schemas[name] = schema;
  }
  const json::value after_sales = json::parse(AfterSalesSchemas());
  for (const auto& [name, schema] : after_sales.as_object()) {
    schemas[name] = schema;
  }
  const json::value payments = json::parse(PaymentSchemas());
  for (const auto& [name, schema] : payments.as_object()) {
    schemas[name] = schema;
  }
  const json::value changes = json::parse(OrderChangeSchemas());
  for (const auto& [name, schema] : changes.as_object()) {
    schemas[name] = schema;
  }
  const json::value customers = json::parse(CustomerSchemas());
  for (const auto& [name, schema] : customers.as_object()) {
    schemas[name] = schema;
  }
  const json::value console = json::parse(ConsoleSchemas());
  for (const auto& [name, schema] : console.as_object()) {
    schemas[name] = schema;
  }
  const json::value imports = json::parse(ImportSchemas());
  for (const auto& [name, schema] : imports.as_object()) {
    schemas[name] = schema;
  }
  const json::value exports = json::parse(ExportSchemas());
  for (const auto& [name, schema] : exports.as_object()) {
    schemas[name] = schema;
  }
  const json::value security = json::parse(SecuritySchemas());
  for (const auto& [name, schema] : security.as_object()) {
    schemas[name] = schema;
  }
  const json::value backups = json::parse(BackupSchemas());
  for (const auto& [name, schema] : backups.as_object()) {
    schemas[name] = schema;
  }
  const json::value archive = json::parse(DocumentSchemas());
  for (const auto& [name, schema] : archive.as_object()) {
    schemas[name] = schema;
  }
  schemas["Problem"] = Problem();
  // Fixed sets the code owns are listed from the code itself, so that they cannot drift.
  json::array case_types;
  for (const CaseType& type : CaseTypes()) {
    case_types.push_back(json::string(type.name));
  }
  schemas["Anomaly"].as_object()["properties"].as_object()["type"].as_object()["enum"] =
      std::move(case_types);
  schemas["WaveLeftOut"].as_object()["properties"].as_object()["code"] =
      schemas["Problem"].as_object()["properties"].as_object()["code"];
  json::array roles;
  for (const std::string& role : app::Roles()) {
    roles.push_back(json::string(role));
  }
  // Every tag an operation uses, described, in the order of kTags (new areas at the end).
  std::set<std::string> used;
  for (const Route& route : router.routes()) {
    used.insert(Tag(route));
  }
  json::array tags;
  for (const TagInfo& tag : kTags) {
    if (used.erase(tag.name)) {
      tags.push_back(json::object{{"name", tag.name}, {"description", tag.description}});
    }
  }
  for (const std::string& name : used) {
    tags.push_back(json::object{{"name", name}, {"description", "Operations under /api/v1/" + name}});
  }
  json::object document{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Ordo order-management API"},
        {"version", "1"},
        {"description",
         "Orders from every channel through review, payment, stock reservation, the warehouse "
         "and after-sales, with a timestamped history of every order and stock movement. Money "
         "is in integer fen; times are RFC 3339; personal data is masked unless the caller "
         "holds `pii:read`. Every refusal is an RFC 9457 problem naming the field at fault. "
         "POSTs take an `Idempotency-Key`; changes to an order take `If-Match` with its "
         "version. Each operation names the permission it needs (`x-permission`) and the "
         "roles holding it (`x-roles`)."},
        {"contact", {{"name", "The Ordo maintainers"}}},
        {"x-roles", std::move(roles)}}},
      {"servers",
       json::array{json::object{{"url", "/"}, {"description", "the server publishing this document"}}}},
      {"tags", std::move(tags)},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(schemas)},
        {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", json::array{json::object{{"bearer", json::array()}}}},
  };
  return Serialize(document);
}

}  // namespace ordo::http
