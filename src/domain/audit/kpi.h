// Key performance indicators per person or per department for a period (domain.md AUD-3, 考核指标):
// processing timeliness, order accuracy, on-time delivery and refund rate. Customer satisfaction
// is not collected yet and is reported as unknown by the callers.
//
// Rates are kept as numerator / denominator counts and shown in basis points (1/100 of a
// percent, rounded down), never as floating point. A rate over nothing is unknown (nullopt).
//
// Definitions (an order's time limits run from its acceptance, see records.h):
//   timeliness  timed steps (review decision, shipment) done in the period within their limit /
//               timed steps done in the period; each step counts for whoever did it.
//   accuracy    orders and manual stock entries handled in the period without an
//               entry_corrected or wrong_item_shipped violation against the handler / handled.
//               An order is handled by whoever did a review or fulfilment step on it (approve,
//               reject, start_picking, pack, ship); a stock entry by whoever booked it.
//   on_time_delivery  orders delivered in the period within the promised window of their
//               shipping service, from shipment / orders delivered in the period; each counts
//               for the shipper.
//   refunds     paid orders handled in the period that were cancelled after payment or
//               refunded / paid orders handled in the period.
// A department counts each order once, however many of its members handled it, so a
// department's figures are not the sum of its members'.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/audit/period.h"
#include "domain/audit/policy.h"
#include "domain/audit/records.h"
#include "domain/audit/violation.h"
#include "domain/inventory/stock.h"

namespace ordo {

struct Ratio {
  int64_t numerator = 0;
  int64_t denominator = 0;

  // numerator * 10000 / denominator rounded down, or nullopt when the denominator is 0.
  std::optional<int64_t> basis_points() const;
};

enum class KpiGroupBy { kUser, kDepartment };

struct KpiRow {
  std::string key;         // the actor ("user:alice"), or the department; "" for none
  std::string department;  // for a person: their department ("" when unknown)
  Ratio timeliness;
  Ratio accuracy;
  Ratio on_time_delivery;
  Ratio refunds;
  int64_t violations = 0;  // violations dated in the period
  // A person with no violation, at least reward_min_steps timed steps, and a timeliness rate
  // of at least reward_min_timeliness_bp. Always false for departments.
  bool reward_eligible = false;
};

// Accumulates records, then reports one row per person or department that did anything in the
// period. Records may be added in any order and in several calls (orders page by page).
class KpiCalculator {
 public:
  KpiCalculator(const SupervisionPolicy& policy, Period period, const StaffDirectory& directory,
                KpiGroupBy group_by);

  void AddOrder(const OrderHistory& order);
  // Manual stock entries: those of the period, and any later ones that may correct them.
  void AddStockEntries(const std::vector<LedgerEntry>& entries);
  // Every violation that may fall in the period; those of other periods are ignored.
  void AddViolations(const std::vector<Violation>& violations);

  std::vector<KpiRow> Rows() const;  // sorted by key

 private:
  std::string GroupOf(const std::string& actor) const;
  KpiRow& Row(const std::string& key);

  SupervisionPolicy policy_;
  Period period_;
  const StaffDirectory& directory_;
  KpiGroupBy group_by_;
  std::map<std::string, KpiRow> rows_;
  std::map<std::string, std::set<std::string>> handled_orders_;  // group → order numbers
  std::set<std::pair<std::string, std::string>> wrong_orders_;   // (group, order number)
  std::map<std::string, std::set<int64_t>> handled_entries_;     // group → ledger ids
  std::set<int64_t> corrected_entries_;
};

}  // namespace ordo
