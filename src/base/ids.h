// Strong, sized identifiers, so an order id is never passed where a stock row id is expected.
#pragma once

#include <cstdint>
#include <functional>

namespace ordo {

template <typename Tag>
struct Id {
  int64_t value = 0;
  friend auto operator<=>(const Id&, const Id&) = default;
  bool valid() const { return value > 0; }
};

using OrderId = Id<struct OrderIdTag>;
using SkuId = Id<struct SkuIdTag>;
using WarehouseId = Id<struct WarehouseIdTag>;

// A count of items. Always non-negative where stored; signed so differences are natural.
using Quantity = int64_t;

}  // namespace ordo
