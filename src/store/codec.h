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
#include "store/pii_cipher.h"

namespace ordo {

// The personal fields (customer name and phone, consignee name, phone and address detail) are
// stored sealed by `cipher`; everything else is plain JSON.
std::string EncodeOrderDoc(const Order& order, const PiiCipher& cipher);
// Restores an order from its document; `id` and `order_no` come from the row. kInternal when
// the document is malformed or a personal field does not open under `cipher`.
Result<Order> DecodeOrderDoc(std::string_view doc, const PiiCipher& cipher);

std::string EncodeDetails(const std::vector<std::pair<std::string, std::string>>& details);
std::vector<std::pair<std::string, std::string>> DecodeDetails(std::string_view text);

}  // namespace ordo
