#include "domain/fulfillment/verification.h"

#include <map>

namespace ordo {

std::string_view ScanDifferenceKindName(ScanDifferenceKind kind) {
  return Name(kind);
}

std::vector<ScanDifference> CompareScans(const std::vector<ShipmentLine>& expected,
                                         const std::vector<ScanLine>& scans) {
  std::map<std::string, std::pair<Quantity, Quantity>> counts;  // sku → (expected, scanned)
  for (const ShipmentLine& line : expected) {
    counts[line.sku].first += line.quantity;
  }
  for (const ScanLine& scan : scans) {
    counts[scan.sku].second += scan.quantity;
  }
  std::vector<ScanDifference> differences;
  for (const auto& [sku, pair] : counts) {
    const auto [want, got] = pair;
    if (want == got) {
      continue;
    }
    const ScanDifferenceKind kind = got == 0    ? ScanDifferenceKind::kMissing
                                    : want == 0 ? ScanDifferenceKind::kExtra
                                                : ScanDifferenceKind::kWrongQuantity;
    differences.push_back({sku, kind, want, got});
  }
  return differences;
}

std::string DescribeDifferences(const std::vector<ScanDifference>& differences) {
  std::string text;
  for (const ScanDifference& difference : differences) {
    if (!text.empty()) {
      text += "; ";
    }
    text += difference.sku + " ";
    switch (difference.kind) {
      case ScanDifferenceKind::kMissing:
        text += "missing (expected " + std::to_string(difference.expected) + ")";
        break;
      case ScanDifferenceKind::kExtra:
        text += "extra (scanned " + std::to_string(difference.scanned) + ")";
        break;
      case ScanDifferenceKind::kWrongQuantity:
        text += "scanned " + std::to_string(difference.scanned) + ", expected " +
                std::to_string(difference.expected);
        break;
    }
  }
  return text;
}

}  // namespace ordo
