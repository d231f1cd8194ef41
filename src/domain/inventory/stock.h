// The stock ledger of one SKU in one warehouse: on hand, reserved (occupied), available.
//
// Every change goes through one of the named movements below, each of which either refuses with
// a Status (leaving the level untouched) or applies and returns the ledger entry to record.
// Invariants, asserted before and after each movement: 0 <= reserved <= on_hand.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/ids.h"
#include "base/status.h"

namespace ordo {

enum class MovementType {
  kReceipt,      // Goods arrived: on hand +q.
  kReservation,  // An order took stock: reserved +q.
  kRelease,      // An order gave stock back (cancel, close, reject): reserved -q.
  kConsumption,  // A shipment left: on hand -q, reserved -q.
  kReturn,       // Returned goods passed inspection: on hand +q.
  kAdjustment,   // A correction with a reason: on hand ±q.
  kStocktake,    // A counted quantity replaced the book quantity: on hand ±q.
};

inline constexpr EnumName<MovementType> kMovementTypeNames[] = {
    {MovementType::kReceipt, "receipt"},     {MovementType::kReservation, "reservation"},
    {MovementType::kRelease, "release"},     {MovementType::kConsumption, "consumption"},
    {MovementType::kReturn, "return"},       {MovementType::kAdjustment, "adjustment"},
    {MovementType::kStocktake, "stocktake"},
};
constexpr std::span<const EnumName<MovementType>> EnumNames(MovementType) {
  return kMovementTypeNames;
}
static_assert(IsNameTable(kMovementTypeNames));

std::string_view MovementTypeName(MovementType type);
std::optional<MovementType> ParseMovementTypeName(std::string_view text);

// Who and why, for the ledger.
struct MovementContext {
  std::string actor;
  std::string reason;
  std::string order_no;  // Empty when the movement is not for an order.
  Timestamp at;
};

struct LedgerEntry {
  int64_t id = 0;  // Assigned by the store.
  std::string warehouse;
  std::string sku;
  MovementType type = MovementType::kReceipt;
  Quantity quantity = 0;  // Signed change of on_hand (receipt, consumption, adjustment, …) or
                          // of reserved (reservation, release).
  Quantity on_hand_after = 0;
  Quantity reserved_after = 0;
  std::string reason;
  std::string actor;
  std::string order_no;
  Timestamp at;
};

class StockLevel {
 public:
  StockLevel() = default;
  StockLevel(std::string warehouse, std::string sku, Quantity on_hand, Quantity reserved);

  const std::string& warehouse() const { return warehouse_; }
  const std::string& sku() const { return sku_; }
  Quantity on_hand() const { return on_hand_; }
  Quantity reserved() const { return reserved_; }
  Quantity available() const { return on_hand_ - reserved_; }

  // Each returns the entry to append, or refuses (kInvalid for a bad quantity,
  // kConflict/kInsufficientStock when the level cannot cover it) without changing anything.
  Result<LedgerEntry> Receive(Quantity quantity, const MovementContext& context);
  Result<LedgerEntry> Reserve(Quantity quantity, const MovementContext& context);
  Result<LedgerEntry> Release(Quantity quantity, const MovementContext& context);
  Result<LedgerEntry> Consume(Quantity quantity, const MovementContext& context);
  Result<LedgerEntry> ReturnToStock(Quantity quantity, const MovementContext& context);
  // `delta` may be negative, but never below what is reserved.
  Result<LedgerEntry> Adjust(Quantity delta, const MovementContext& context);
  Result<LedgerEntry> Count(Quantity counted, const MovementContext& context);
  // A stocktake's variance (counted − on hand when counted), not 0, applied to on hand as it
  // is now: movements since the count are kept. Never below what is reserved: refused with
  // kConflict/kStocktakeBelowReserved naming the SKU.
  Result<LedgerEntry> ApplyStocktakeVariance(Quantity variance, const MovementContext& context);

 private:
  void CheckInvariants() const;
  LedgerEntry Entry(MovementType type, Quantity quantity, const MovementContext& context) const;

  std::string warehouse_;
  std::string sku_;
  Quantity on_hand_ = 0;
  Quantity reserved_ = 0;
};

}  // namespace ordo
