#include "domain/inventory/stock.h"

#include <utility>

namespace ordo {
namespace {

// Far above any real stock, and far below where int64 arithmetic could overflow.
constexpr Quantity kMaxMovement = 1'000'000'000'000;

Status PositiveQuantity(Quantity quantity) {
  if (quantity <= 0 || quantity > kMaxMovement) {
    return Status::Invalid("quantity", Code::kInvalidValue,
                           "quantity must be between 1 and 10^12");
  }
  return Status::Ok();
}

Status Insufficient(const StockLevel& level, std::string_view what, Quantity wanted) {
  return Status::Conflict(Code::kInsufficientStock,
                          std::string(what) + " " + std::to_string(wanted) + " of " + level.sku() +
                              " in " + level.warehouse() + ": on hand " +
                              std::to_string(level.on_hand()) + ", reserved " +
                              std::to_string(level.reserved()));
}

}  // namespace

std::string_view MovementTypeName(MovementType type) {
  return Name(type);
}

std::optional<MovementType> ParseMovementTypeName(std::string_view text) {
  return ParseEnum<MovementType>(text);
}

StockLevel::StockLevel(std::string warehouse, std::string sku, Quantity on_hand, Quantity reserved)
    : warehouse_(std::move(warehouse)), sku_(std::move(sku)), on_hand_(on_hand),
      reserved_(reserved) {
  CheckInvariants();
}

void StockLevel::CheckInvariants() const {
  ORDO_ASSERT(reserved_ >= 0);
  ORDO_ASSERT(reserved_ <= on_hand_);
}

LedgerEntry StockLevel::Entry(MovementType type, Quantity quantity,
                              const MovementContext& context) const {
  LedgerEntry entry;
  entry.warehouse = warehouse_;
  entry.sku = sku_;
  entry.type = type;
  entry.quantity = quantity;
  entry.on_hand_after = on_hand_;
  entry.reserved_after = reserved_;
  entry.reason = context.reason;
  entry.actor = context.actor;
  entry.order_no = context.order_no;
  entry.at = context.at;
  return entry;
}

Result<LedgerEntry> StockLevel::Receive(Quantity quantity, const MovementContext& context) {
  ORDO_RETURN_IF_ERROR(PositiveQuantity(quantity));
  CheckInvariants();
  on_hand_ += quantity;
  CheckInvariants();
  return Entry(MovementType::kReceipt, quantity, context);
}

Result<LedgerEntry> StockLevel::Reserve(Quantity quantity, const MovementContext& context) {
  ORDO_RETURN_IF_ERROR(PositiveQuantity(quantity));
  CheckInvariants();
  if (quantity > available()) {
    return Insufficient(*this, "cannot reserve", quantity);
  }
  reserved_ += quantity;
  CheckInvariants();
  return Entry(MovementType::kReservation, quantity, context);
}

Result<LedgerEntry> StockLevel::Release(Quantity quantity, const MovementContext& context) {
  ORDO_RETURN_IF_ERROR(PositiveQuantity(quantity));
  CheckInvariants();
  if (quantity > reserved_) {
    return Insufficient(*this, "cannot release", quantity);
  }
  reserved_ -= quantity;
  CheckInvariants();
  return Entry(MovementType::kRelease, -quantity, context);
}

Result<LedgerEntry> StockLevel::Consume(Quantity quantity, const MovementContext& context) {
  ORDO_RETURN_IF_ERROR(PositiveQuantity(quantity));
  CheckInvariants();
  if (quantity > reserved_) {
    return Insufficient(*this, "cannot ship unreserved", quantity);
  }
  reserved_ -= quantity;
  on_hand_ -= quantity;
  CheckInvariants();
  return Entry(MovementType::kConsumption, -quantity, context);
}

Result<LedgerEntry> StockLevel::ReturnToStock(Quantity quantity, const MovementContext& context) {
  ORDO_RETURN_IF_ERROR(PositiveQuantity(quantity));
  CheckInvariants();
  on_hand_ += quantity;
  CheckInvariants();
  return Entry(MovementType::kReturn, quantity, context);
}

Result<LedgerEntry> StockLevel::Adjust(Quantity delta, const MovementContext& context) {
  if (delta == 0) {
    return Status::Invalid("quantity", Code::kInvalidValue, "an adjustment must not be zero");
  }
  CheckInvariants();
  if (on_hand_ + delta < reserved_) {
    return Insufficient(*this, "cannot adjust by", delta);
  }
  on_hand_ += delta;
  CheckInvariants();
  return Entry(MovementType::kAdjustment, delta, context);
}

Result<LedgerEntry> StockLevel::Count(Quantity counted, const MovementContext& context) {
  if (counted < 0) {
    return Status::Invalid("quantity", Code::kInvalidValue, "a count must not be negative");
  }
  CheckInvariants();
  if (counted < reserved_) {
    return Insufficient(*this, "counted below reserved:", counted);
  }
  const Quantity delta = counted - on_hand_;
  on_hand_ = counted;
  CheckInvariants();
  return Entry(MovementType::kStocktake, delta, context);
}

Result<LedgerEntry> StockLevel::ApplyStocktakeVariance(Quantity variance,
                                                       const MovementContext& context) {
  if (variance == 0 || variance > kMaxMovement || variance < -kMaxMovement) {
    return Status::Invalid("variance", Code::kInvalidValue,
                           "a variance must be a non-zero change of at most 10^12");
  }
  CheckInvariants();
  if (on_hand_ + variance < reserved_) {
    return Status::Conflict(Code::kStocktakeBelowReserved,
                            "SKU " + sku_ + " in " + warehouse_ + ": a variance of " +
                                std::to_string(variance) + " would leave on hand " +
                                std::to_string(on_hand_ + variance) + " below the " +
                                std::to_string(reserved_) + " reserved");
  }
  on_hand_ += variance;
  CheckInvariants();
  return Entry(MovementType::kStocktake, variance, context);
}

}  // namespace ordo
