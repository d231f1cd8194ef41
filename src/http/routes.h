// Internal to http/: the per-resource route registrations and the pagination helpers they share.
#pragma once

#include <boost/json.hpp>

#include "http/api.h"

namespace ordo::http {

struct PageParams {
  int limit = 50;
  int64_t after_id = 0;  // decoded cursor; 0 for the first page
};

constexpr int kMaxPageLimit = 200;

// ?limit=…&cursor=… — limit 1..200 (default 50); the cursor is the opaque string a previous
// page returned as next_cursor.
Result<PageParams> ParsePage(const Request& request);
// {"data": [...], "next_cursor": "…" | null}
boost::json::object PageJson(boost::json::array data, int64_t next_after_id);

void RegisterOrderRoutes(Router& router, const ApiContext& api);
void RegisterCatalogRoutes(Router& router, const ApiContext& api);
void RegisterOperationsRoutes(Router& router, const ApiContext& api);

}  // namespace ordo::http
