// The catalogue: SKUs and warehouses. Plain values; persistence lives in store/.
#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"
#include "base/ids.h"
#include "base/money.h"
#include "base/status.h"

namespace ordo {

struct Address {
  std::string province;       // e.g. "上海市"
  std::string city;           // e.g. "上海市"
  std::string district;       // e.g. "浦东新区"
  std::string detail;         // street, house number, building, floor, room
  std::string division_code;  // GB/T 2260 code of the district, when known (e.g. "310115")
};

struct Sku {
  SkuId id;
  std::string code;  // "TEA-001": the business key used by every API.
  std::string name;
  std::string spec;  // colour / size / weight, e.g. "500g"
  int64_t price_amount = 0;
  Currency currency;
  int64_t weight_g = 0;
  Quantity step_quantity = 1;  // Orders must be multiples of this (pack multiple, 步长).
  Quantity min_quantity = 1;
  bool sellable = true;
  std::string category;
  int64_t low_stock_threshold = 0;
  int64_t lead_time_days = 7;  // purchasing lead time: a backorder's expected restock date
  Timestamp created_at;
  std::string created_by;  // the actor; recorded in the audit trail, not in the SKU's row
};

struct Warehouse {
  WarehouseId id;
  std::string code;  // "SH-01"
  std::string name;
  Address address;
  // The warehouse's own phone (a business line, not personal data), printed as the sender's on
  // shipping labels: the courier calls it about a parcel.
  std::string phone;
  Timestamp created_at;
  std::string created_by;  // the actor; recorded in the audit trail, not in the warehouse's row
};

// Checks a new SKU's own fields. Field names are the API's ("price_amount", …).
Status ValidateSku(const Sku& sku);
Status ValidateWarehouse(const Warehouse& warehouse);

// True when `code` is 1–64 characters of A–Z a–z 0–9 and - _ . (SKU and warehouse codes).
bool IsValidCode(std::string_view code);

// Codes of outside parties are case-insensitive: a carrier ("SF", "sf") or a payment provider
// ("ALIPAY" in ORDO_PAYMENT_SECRET_ALIPAY, "alipay" in a confirmation). True when `a` and `b` are
// equal ignoring ASCII case.
bool SameCode(std::string_view a, std::string_view b);

}  // namespace ordo
