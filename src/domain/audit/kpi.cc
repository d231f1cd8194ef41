#include "domain/audit/kpi.h"

#include "domain/audit/detectors.h"

namespace ordo {
namespace {

bool IsPaid(const OrderHistory& order) {
  return order.payment_status == PaymentStatus::kPaid ||
         order.payment_status == PaymentStatus::kCodCollected ||
         order.payment_status == PaymentStatus::kPartiallyRefunded ||
         order.payment_status == PaymentStatus::kRefunded;
}

bool IsRefunded(const OrderHistory& order) {
  return order.status == OrderStatus::kCancelled ||
         order.payment_status == PaymentStatus::kPartiallyRefunded ||
         order.payment_status == PaymentStatus::kRefunded;
}

}  // namespace

std::optional<int64_t> Ratio::basis_points() const {
  if (denominator <= 0) {
    return std::nullopt;
  }
  return numerator * 10000 / denominator;
}

KpiCalculator::KpiCalculator(const SupervisionPolicy& policy, Period period,
                             const StaffDirectory& directory, KpiGroupBy group_by)
    : policy_(policy), period_(std::move(period)), directory_(directory), group_by_(group_by) {}

std::string KpiCalculator::GroupOf(const std::string& actor) const {
  return group_by_ == KpiGroupBy::kUser ? actor : directory_.DepartmentOf(actor);
}

KpiRow& KpiCalculator::Row(const std::string& key) {
  auto [it, inserted] = rows_.try_emplace(key);
  if (inserted) {
    it->second.key = key;
    if (group_by_ == KpiGroupBy::kUser) {
      it->second.department = directory_.DepartmentOf(key);
    }
  }
  return it->second;
}

void KpiCalculator::AddOrder(const OrderHistory& order) {
  for (const TimedStep& step : TimedStepsOf(order, policy_)) {
    if (period_.Contains(step.event->at)) {
      Ratio& timeliness = Row(GroupOf(step.event->actor)).timeliness;
      timeliness.denominator += 1;
      timeliness.numerator += step.within_limit() ? 1 : 0;
    }
  }
  const OrderMilestones milestones = MilestonesOf(order);
  std::set<std::string> handlers;
  for (const OrderEvent* step : milestones.handling_steps) {
    if (period_.Contains(step->at)) {
      handlers.insert(GroupOf(step->actor));
    }
  }
  for (const std::string& group : handlers) {
    Row(group);
    handled_orders_[group].insert(order.order_no);
    if (IsPaid(order)) {
      Ratio& refunds = rows_[group].refunds;
      refunds.denominator += 1;
      refunds.numerator += IsRefunded(order) ? 1 : 0;
    }
  }
  const OrderEvent* delivery = milestones.delivery;
  if (delivery != nullptr && milestones.shipment != nullptr && milestones.accepted_at &&
      period_.Contains(delivery->at)) {
    // The promise runs from shipment (settings deliver_within_hours), as the delivery watch's.
    const int64_t taken_ms = delivery->at.unix_ms - milestones.shipment->at.unix_ms;
    Ratio& on_time = Row(GroupOf(milestones.shipment->actor)).on_time_delivery;
    on_time.denominator += 1;
    on_time.numerator += taken_ms <= policy_.DeliverWithinMs(order.shipping_service) ? 1 : 0;
  }
}

void KpiCalculator::AddStockEntries(const std::vector<LedgerEntry>& entries) {
  for (const LedgerEntry& entry : entries) {
    if (IsManualEntry(entry.type) && period_.Contains(entry.at)) {
      const std::string group = GroupOf(entry.actor);
      Row(group);
      handled_entries_[group].insert(entry.id);
    }
  }
  for (const EntryCorrection& correction : FindEntryCorrections(entries, policy_)) {
    corrected_entries_.insert(correction.original.id);
  }
}

void KpiCalculator::AddViolations(const std::vector<Violation>& violations) {
  for (const Violation& violation : violations) {
    if (!period_.Contains(violation.at)) {
      continue;
    }
    if (violation.actor.empty() && group_by_ == KpiGroupBy::kUser) {
      continue;  // a department's violation, not a person's
    }
    const std::string group =
        violation.actor.empty() ? violation.department : GroupOf(violation.actor);
    Row(group).violations += 1;
    if (violation.type == ViolationType::kWrongItemShipped && violation.entity == "order") {
      wrong_orders_.emplace(group, violation.entity_id);
    }
  }
}

std::vector<KpiRow> KpiCalculator::Rows() const {
  std::vector<KpiRow> rows;
  for (const auto& [key, stored] : rows_) {
    KpiRow row = stored;
    if (auto orders = handled_orders_.find(key); orders != handled_orders_.end()) {
      for (const std::string& order_no : orders->second) {
        row.accuracy.denominator += 1;
        row.accuracy.numerator += wrong_orders_.count({key, order_no}) == 0 ? 1 : 0;
      }
    }
    if (auto entries = handled_entries_.find(key); entries != handled_entries_.end()) {
      for (int64_t id : entries->second) {
        row.accuracy.denominator += 1;
        row.accuracy.numerator += corrected_entries_.count(id) == 0 ? 1 : 0;
      }
    }
    const std::optional<int64_t> timeliness = row.timeliness.basis_points();
    row.reward_eligible = group_by_ == KpiGroupBy::kUser && IsPersonActor(key) &&
                          row.violations == 0 &&
                          row.timeliness.denominator >= policy_.reward_min_steps && timeliness &&
                          *timeliness >= policy_.reward_min_timeliness_bp;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace ordo
