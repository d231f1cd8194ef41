// The OpenAPI 3 document, built from the route table so that every route is described.
#include <boost/json.hpp>

#include "app/access.h"
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
  "OrderLine": {"type": "object", "properties": {
    "line_no": {"type": "integer"}, "sku": {"type": "string"}, "name": {"type": "string"},
    "spec": {"type": "string"}, "quantity": {"type": "integer"},
    "unit_price_amount": {"type": "integer"}, "line_amount": {"type": "integer"},
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
  "Order": {"type": "object", "properties": {
    "order_no": {"type": "string"}, "channel": {"type": "string"},
    "external_id": {"type": "string"},
    "status": {"type": "string", "enum": ["pending_payment", "pending_review",
      "awaiting_fulfillment", "picking", "packed", "shipped", "delivered", "completed",
      "cancelled", "closed"]},
    "payment_status": {"type": "string", "enum": ["unpaid", "paid", "cod_pending",
      "cod_collected", "partially_refunded", "refunded"]},
    "payment_method": {"type": "string"}, "priority": {"type": "integer"},
    "order_class": {"type": "string"}, "currency": {"type": "string"},
    "total_amount": {"type": "integer"}, "paid_amount": {"type": "integer"},
    "customer": {"$ref": "#/components/schemas/Party"},
    "consignee": {"type": "object"},
    "consignee_changes": {"type": "array", "description":
      "every change of the consignee, oldest first, before and after (masked unless revealed)",
      "items": {"type": "object", "properties": {
        "at": {"type": "string", "format": "date-time"}, "actor": {"type": "string"},
        "before": {"type": "object"}, "after": {"type": "object"}}}},
    "lines": {"type": "array", "items": {"$ref": "#/components/schemas/OrderLine"}},
    "shipping": {"type": "object"},
    "on_hold": {"type": "boolean", "description": "an open blocking abnormal case holds it"},
    "hold_case_ids": {"type": "array", "items": {"type": "integer"}},
    "backorder_choice": {"type": "string", "nullable": true},
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
    "version": {"type": "integer"}, "created_at": {"type": "string", "format": "date-time"},
    "updated_at": {"type": "string", "format": "date-time"}}},
  "OrderPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "OrderEvents": {"type": "object", "properties": {"data": {"type": "array", "items": {
    "type": "object", "properties": {"type": {"type": "string"},
    "at": {"type": "string", "format": "date-time"}, "actor": {"type": "string"},
    "from_status": {"type": "string"}, "to_status": {"type": "string"},
    "details": {"type": "object"}}}}}},
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
    "lead_time_days": {"type": "integer", "default": 7}}},
  "SkuPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/Sku"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "Warehouse": {"type": "object", "required": ["code", "name"], "properties": {
    "code": {"type": "string"}, "name": {"type": "string"},
    "address": {"$ref": "#/components/schemas/Address"},
    "phone": {"type": "string", "maxLength": 32,
      "description": "printed as the sender's phone on the warehouse's shipping labels"}}},
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
      "before": {"type": "object", "nullable": true}, "after": {"type": "object"}}}},
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
                           {"properties", {{"field", text}, {"code", text}, {"message", text}}}};
  json::object properties{{"type", text},
                          {"title", text},
                          {"status", {{"type", "integer"}}},
                          {"code", {{"type", "string"}, {"enum", std::move(codes)}}},
                          {"detail", text},
                          {"errors", {{"type", "array"}, {"items", std::move(field_error)}}}};
  return json::object{{"type", "object"},
                      {"description", "RFC 9457 problem details"},
                      {"properties", std::move(properties)}};
}

json::object Operation(const Route& route) {
  json::object operation{{"summary", route.info.summary}};
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
    success["content"] = json::object{
        {"application/json",
         {{"schema", {{"$ref", "#/components/schemas/" + route.info.response_schema}}}}}};
  }
  json::object responses;
  responses[std::to_string(route.info.success_status)] = std::move(success);
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
  json::array roles;
  for (const std::string& role : app::Roles()) {
    roles.push_back(json::string(role));
  }
  json::object document{
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Ordo order-management API"}, {"version", "1"}, {"x-roles", std::move(roles)}}},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(schemas)},
        {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
      {"security", json::array{json::object{{"bearer", json::array()}}}},
  };
  return Serialize(document);
}

}  // namespace ordo::http
