// Shortage (缺货, domain.md INV-3 and INV-4): lines waiting for stock, the order in which
// arriving stock serves them, and the customer's choice for the missing units.
//
// A line's units are reserved, backordered (waiting for stock), shipped, or dropped (the
// customer chose to ship what is in stock: the missing units are no longer awaited nor
// shipped with this order, and stay payable until refunded or exchanged):
//   quantity == quantity_reserved + quantity_backordered + quantity_shipped + quantity_dropped
// for every order that is not cancelled or closed. The functions below keep it so.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/catalog/catalog.h"
#include "domain/inventory/allocation.h"
#include "domain/order/order.h"

namespace ordo {

// Why a line waits.
constexpr std::string_view kReasonOutOfStock = "out_of_stock";  // no warehouse had any unit
constexpr std::string_view kReasonInsufficientStock = "insufficient_stock";  // some, not all

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

// A backordered line as the queue sees it (one per order line with units waiting).
struct WaitingLine {
  int64_t order_id = 0;
  std::string order_no;
  std::string channel;
  int line_no = 0;
  std::string sku;
  std::string warehouse;  // where it waits
  Quantity quantity = 0;  // units waiting
  int priority = 0;
  Timestamp order_created_at;
  // False when the customer asked for one parcel: only its waiting warehouse may fill it.
  bool any_warehouse = true;
  std::string reason;
  std::optional<Timestamp> expected_restock_at;
};

// The waiting lines of `order` (the order's own view of the queue).
std::vector<WaitingLine> WaitingLinesOf(const Order& order);

// Units of `sku` that arrived in (or became free at) `warehouse` for one waiting line.
struct Fill {
  std::string order_no;
  int line_no = 0;
  Quantity quantity = 0;
};

// Serves the waiting lines of one SKU from `available` units in `warehouse` (INV-4): higher
// order priority first, then older orders, then order number and line; a line that waits in
// another warehouse is served only when its order may be split (any_warehouse). When stock is
// short the best line takes what there is, even if that is part of what it needs, and nothing
// is left for the lines after it. Lines of other SKUs are ignored.
std::vector<Fill> PlanFills(std::vector<WaitingLine> waiting, const std::string& sku,
                            const std::string& warehouse, Quantity available);

// Records a shortage on `line` at intake or after a partial fill: why it waits, where, and
// when stock is expected. Clears the three when nothing is missing any more.
void NoteShortage(OrderLine& line, std::string_view reason, const std::string& warehouse,
                  std::optional<Timestamp> expected_restock_at);

// The expected restock time for a line waiting now: the open replenishment request's date when
// purchasing gave one, else now plus the SKU's purchasing lead time (at least one day).
Timestamp ExpectedRestock(Timestamp now, int64_t lead_time_days,
                          std::optional<Timestamp> request_expected_at);

// Moves `quantity` units of `line` from backordered to reserved at `warehouse` (a fill).
// Requires 0 < quantity <= line.quantity_backordered.
void ApplyFill(OrderLine& line, const std::string& warehouse, Quantity quantity);

// --- The customer's choice (INV-3) ---

enum class BackorderChoice {
  kWait,           // 等待: keep waiting for stock.
  kShipAvailable,  // 有货先发: ship what is reserved; the missing units are dropped.
  kRefundMissing,  // 退款: remove the missing units and refund them.
  kExchange,       // 换货: replace the missing units by another SKU, reserved now.
};

inline constexpr EnumName<BackorderChoice> kBackorderChoiceNames[] = {
    {BackorderChoice::kWait, "wait"},
    {BackorderChoice::kShipAvailable, "ship_available"},
    {BackorderChoice::kRefundMissing, "refund_missing"},
    {BackorderChoice::kExchange, "exchange"},
};
constexpr std::span<const EnumName<BackorderChoice>> EnumNames(BackorderChoice) {
  return kBackorderChoiceNames;
}
static_assert(IsNameTable(kBackorderChoiceNames));

std::string_view BackorderChoiceName(BackorderChoice choice);
std::optional<BackorderChoice> ParseBackorderChoice(std::string_view text);

// Units of `line` the customer still lacks: backordered plus dropped.
Quantity MissingUnits(const OrderLine& line);
bool HasMissingUnits(const Order& order);

// Records "wait": dropped units (if any) wait again. With `single_parcel`, arrivals at other
// warehouses no longer fill the order. Refused (409) once picking started, or when nothing is
// missing (nothing_missing).
Result<Events> ChooseWait(Order& order, bool single_parcel, const std::string& note,
                          const Actor& actor);

// Records "ship_available": the backordered units become dropped, so the order can be picked
// and shipped with what is reserved, and their price leaves the total (the caller refunds a paid
// order what it no longer owes: domain/order/money.h SurplusOf). Refused once picking started,
// when nothing is missing, or when nothing is reserved either (nothing would ship: refund or
// exchange instead). Choosing "wait" later charges the dropped units again.
Result<Events> ChooseShipAvailable(Order& order, const std::string& note, const Actor& actor);

struct MissingRefund {
  int64_t amount = 0;  // fen: what the customer is no longer charged for the missing units
  std::vector<std::pair<int, Quantity>> lines;  // line_no → units refunded
  bool cancelled = false;  // nothing was left to deliver: the order was cancelled
};

// Records "refund_missing": the missing units leave the order (a line left with nothing is
// removed; the total shrinks by their amount) and `refund` says what they were charged. When no
// line keeps a unit, the order is cancelled instead (the lines stay, for the record). The caller
// refunds what the order no longer owes (SurplusOf). Only for a paid order that is not cancelled
// or closed (409 not_paid / illegal_transition).
Result<Events> ChooseRefundMissing(Order& order, const std::string& note, const Actor& actor,
                                   MissingRefund& refund);

// One replacement: the missing units of line `line_no` are replaced by `quantity` of `sku`.
struct ExchangeRequest {
  int line_no = 0;
  std::string sku;
  Quantity quantity = 0;
};

// Checks exchange requests against the order and the catalogue (every SKU named that exists is
// in `catalog`): the line exists and misses units, the SKU exists, is sellable, differs from the
// line's, and the quantity respects its minimum and step. Field names are "lines[i].…". Refused
// (409) once picking started, or when nothing is missing.
Status CheckExchange(const Order& order, const std::vector<ExchangeRequest>& requests,
                     const std::map<std::string, Sku>& catalog);

// Records "exchange" once the app has reserved the replacements (`plans`, one per request, each
// fully reserved): the missing units leave their lines (removed when empty), a new line per
// request is appended at the catalogue price with its allocations and the total is recomputed.
// For a paid order a higher total is a supplement the customer pays before the order goes to the
// warehouse, a lower one is refunded by the caller (domain/order/money.h).
Result<Events> ApplyExchange(Order& order, const std::vector<ExchangeRequest>& requests,
                             const std::map<std::string, Sku>& catalog,
                             const std::vector<LinePlan>& plans, const std::string& note,
                             const Actor& actor);

}  // namespace ordo
