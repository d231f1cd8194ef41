// JSON DTOs: the named converters between API JSON and domain types. Field names are the API's
// (api.md); personal data is masked here unless the caller may see it.
#pragma once

#include <boost/json.hpp>

#include "domain/catalog/catalog.h"
#include "domain/inventory/stock.h"
#include "domain/order/intake.h"
#include "domain/order/order.h"
#include "store/store.h"

namespace ordo::http {

// "13812345678" → "138****5678"; anything shorter keeps only its first and last character.
std::string MaskPhone(std::string_view phone);
// "张三" → "张*", "Alice" → "A****": the first character (UTF-8 aware) and one star per other.
std::string MaskName(std::string_view name);
// The detail of an address reduced to its first few characters and "****".
std::string MaskDetail(std::string_view detail);

boost::json::object AddressToJson(const Address& address, bool reveal);
boost::json::object OrderToJson(const Order& order, bool reveal_pii);
// The same as JSON text, written without a DOM: for answers that are the order alone.
std::string OrderJsonText(const Order& order, bool reveal_pii);
boost::json::object SkuToJson(const Sku& sku);
boost::json::object WarehouseToJson(const Warehouse& warehouse);
boost::json::object StockToJson(const StockView& stock);
boost::json::object LedgerEntryToJson(const LedgerEntry& entry);
// A large stock movement waiting for (or decided by) a second person.
boost::json::object MovementRequestToJson(const MovementRequest& request);
boost::json::object OrderEventToJson(const OrderEvent& event);

// Reads a submitted order. Type errors are appended to `errors` with their JSON paths; the
// business rules are checked later by the domain (BuildOrder).
NewOrder ParseNewOrder(const boost::json::object& body, std::vector<FieldError>& errors);
// A price other than the catalogue's is set by staff holding orders:override_price only (a
// channel sends the catalogue price or none). Ok, or 403 forbidden naming the first line that
// asks to override.
Status CheckPriceOverrides(std::string_view role, const std::vector<NewOrderLine>& lines);
Sku ParseSku(const boost::json::object& body, std::vector<FieldError>& errors);
Warehouse ParseWarehouse(const boost::json::object& body, std::vector<FieldError>& errors);

}  // namespace ordo::http
