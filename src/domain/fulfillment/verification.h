// Scan verification (校验, domain.md FUL-3): the packer scans what was picked for a parcel; the
// scans must match the parcel's contents exactly before it is packed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/enum_names.h"
#include "base/ids.h"
#include "domain/fulfillment/shipment.h"

namespace ordo {

struct ScanLine {
  std::string sku;
  Quantity quantity = 0;  // positive
};

enum class ScanDifferenceKind {
  kMissing,        // expected, not scanned at all
  kExtra,          // scanned, not in the parcel
  kWrongQuantity,  // in both, in another quantity
};

inline constexpr EnumName<ScanDifferenceKind> kScanDifferenceKindNames[] = {
    {ScanDifferenceKind::kMissing, "missing"},
    {ScanDifferenceKind::kExtra, "extra"},
    {ScanDifferenceKind::kWrongQuantity, "wrong_quantity"},
};
constexpr std::span<const EnumName<ScanDifferenceKind>> EnumNames(ScanDifferenceKind) {
  return kScanDifferenceKindNames;
}
static_assert(IsNameTable(kScanDifferenceKindNames));

std::string_view ScanDifferenceKindName(ScanDifferenceKind kind);

struct ScanDifference {
  std::string sku;
  ScanDifferenceKind kind = ScanDifferenceKind::kMissing;
  Quantity expected = 0;
  Quantity scanned = 0;
};

// The differences between `expected` and `scans`, by SKU in code order; empty when they match.
// Repeated scans of one SKU add up (one scan per unit is as good as one per SKU).
std::vector<ScanDifference> CompareScans(const std::vector<ShipmentLine>& expected,
                                         const std::vector<ScanLine>& scans);

// "TEA-1 missing (expected 2); CUP-9 extra (scanned 1)": for the order's history and the case.
std::string DescribeDifferences(const std::vector<ScanDifference>& differences);

}  // namespace ordo
