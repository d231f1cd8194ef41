// Stocktakes (库存核实 / 盘点, domain.md INV-5): counting a warehouse, or some of its SKUs
// before a promotion, and putting the counted quantities on the books once a second person has
// approved them.
//
// A stocktake is opened for a warehouse (every SKU stocked there, or a list of SKUs), counted
// (each count records the book quantity at that moment, so the variance is counted − on hand
// then), and approved by someone who counted nothing in it. Approval applies each variance as a
// "stocktake" movement to the level as it is at approval: movements between count and approval
// (orders shipping, goods arriving) are real and are kept.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/inventory/stock.h"

namespace ordo {

enum class StocktakeStatus {
  kOpen,       // Being counted.
  kApproved,   // Variances applied to the books.
  kCancelled,  // Abandoned; nothing applied.
};

inline constexpr EnumName<StocktakeStatus> kStocktakeStatusNames[] = {
    {StocktakeStatus::kOpen, "open"},
    {StocktakeStatus::kApproved, "approved"},
    {StocktakeStatus::kCancelled, "cancelled"},
};
constexpr std::span<const EnumName<StocktakeStatus>> EnumNames(StocktakeStatus) {
  return kStocktakeStatusNames;
}
static_assert(IsNameTable(kStocktakeStatusNames));

std::string_view StocktakeStatusName(StocktakeStatus status);
std::optional<StocktakeStatus> ParseStocktakeStatus(std::string_view text);

struct StocktakeLine {
  std::string sku;
  std::optional<Quantity> counted;  // absent until counted
  Quantity book_on_hand = 0;        // on hand when it was (last) counted
  Quantity book_reserved = 0;
  std::string counted_by;
  std::optional<Timestamp> counted_at;
  Quantity applied = 0;  // the movement applied at approval (0 when none)

  // counted − book on hand; 0 while not counted.
  Quantity variance() const { return counted ? *counted - book_on_hand : 0; }
};

struct Stocktake {
  int64_t id = 0;  // assigned by the store
  std::string warehouse;
  bool whole_warehouse = true;  // false: only the listed SKUs
  std::string reason;
  StocktakeStatus status = StocktakeStatus::kOpen;
  std::vector<StocktakeLine> lines;  // by SKU code
  // Everyone who recorded a count in it, in the order they first did; a recount replaces a
  // line's count and counted_by, never this list, so four eyes hold after a recount too.
  std::vector<std::string> counters;
  Timestamp created_at;
  std::string created_by;
  std::optional<Timestamp> decided_at;
  std::string decided_by;
};

// One count as submitted.
struct Count {
  std::string sku;
  Quantity counted = 0;
};

// A new open stocktake of `warehouse` for `skus` (sorted, without repeats), each not counted.
// `whole_warehouse` stocktakes list the SKUs stocked there when opened and accept counts of
// other SKUs found there; the others only their list. 422 reason required (≤ 500 bytes), an
// empty list for a SKU stocktake, more than 5000 SKUs.
Result<Stocktake> OpenStocktake(std::string warehouse, std::vector<std::string> skus,
                                bool whole_warehouse, std::string reason, Timestamp at,
                                std::string actor);

// Records `counts` (a recount replaces an earlier count) with the book level of each SKU in
// the warehouse now (`levels`: its level per SKU counted; a SKU without one has 0 on hand).
// 409 already_decided unless open; 422 per count ("counts[i].sku" not_in_stocktake,
// "counts[i].counted" negative, a SKU twice).
Status RecordCounts(Stocktake& stocktake, const std::vector<Count>& counts,
                    const std::vector<StockLevel>& levels, const std::string& actor, Timestamp at);

// A variance to apply at approval.
struct Variance {
  std::string sku;
  Quantity variance = 0;
};

// Checks that `approver` may approve and that every variance can be applied to the levels as
// they are now (`levels`, per SKU of the warehouse), and returns the non-zero variances in SKU
// order. 409 already_decided unless open; 409 stocktake_incomplete when a line is not counted;
// 403 self_approval when the approver recorded any count in it, even one recounted since by
// someone else (four eyes); 409 stocktake_below_reserved
// naming the SKU when on hand + variance would fall below what is reserved now.
Result<std::vector<Variance>> PlanApproval(const Stocktake& stocktake, const std::string& approver,
                                           const std::vector<StockLevel>& levels);

// Marks the stocktake approved (or cancelled) by `actor`, with what was applied.
void MarkApproved(Stocktake& stocktake, const std::vector<Variance>& applied,
                  const std::string& actor, Timestamp at);
Status CancelStocktake(Stocktake& stocktake, const std::string& actor, Timestamp at);

}  // namespace ordo
