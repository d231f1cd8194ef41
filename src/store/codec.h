// The stored form of an order: one JSON document per order (lines, parties, payments and
// timestamps), shared by every store engine. Indexed columns are derived from the Order, never
// read back from them.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "domain/order/order.h"

namespace ordo {

std::string EncodeOrderDoc(const Order& order);
// Restores an order from its document; `id` and `order_no` come from the row.
Result<Order> DecodeOrderDoc(std::string_view doc);

std::string EncodeDetails(const std::vector<std::pair<std::string, std::string>>& details);
std::vector<std::pair<std::string, std::string>> DecodeDetails(std::string_view text);

}  // namespace ordo
