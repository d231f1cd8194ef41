// JSON converters of the inventory-depth resources (stock check, alerts, allocation rules,
// backorders, replenishment requests, refunds, stocktakes) and the parsing of their queries.
// Internal to http/.
#pragma once

#include <boost/json.hpp>

#include "app/inventory.h"
#include "http/server.h"
#include "store/store.h"

namespace ordo::http {

boost::json::object StockCheckToJson(const StockCheckReport& report);
boost::json::object AlertsToJson(const std::vector<StockAlert>& alerts);
boost::json::object WarehouseRuleToJson(const WarehouseRule& rule);
boost::json::object WaitingLineToJson(const WaitingLine& line, Timestamp now);
boost::json::object ReplenishmentToJson(const ReplenishmentRequest& request,
                                        std::optional<Quantity> waiting);
boost::json::object RefundToJson(const Refund& refund);
boost::json::object StocktakeToJson(const Stocktake& stocktake);

// ?warehouse=&type=&from=&to= (RFC 3339 or a date) plus the page: the ledger of `sku`.
Result<LedgerFilter> ParseLedgerFilter(const Request& request, const std::string& sku);

// A positive integer {id} path parameter, or nullopt.
std::optional<int64_t> PositiveIdParam(const Request& request);

}  // namespace ordo::http
