// Refused attempts, violation detection and KPIs: reading the records and running the detectors.
#include "app/supervision.h"

namespace ordo::app {
namespace {

constexpr int kOrderPage = 500;

// Calls `each` for every order history that may hold facts dated in `period`, page by page, so
// that a month of orders is never held in memory at once.
Status ForEachOrder(ReadView& reads, const Period& period,
                    const std::function<void(const OrderHistory&)>& each) {
  int64_t after_id = 0;
  for (;;) {
    ORDO_ASSIGN_OR_RETURN(std::vector<OrderHistory> page,
                          reads.ScanOrderHistories(period.from, period.to, after_id, kOrderPage));
    for (const OrderHistory& order : page) {
      each(order);
    }
    if (page.size() < static_cast<size_t>(kOrderPage)) {
      return Status::Ok();
    }
    after_id = page.back().order_id;
  }
}

void Append(std::vector<Violation>& into, std::vector<Violation> more) {
  for (Violation& violation : more) {
    into.push_back(std::move(violation));
  }
}

// The after-sales cases whose inspection confirmed their reason in `period`, with the history
// of each one's order (read one by one: the order itself may not have changed in the period).
Status LoadConfirmedAfterSales(ReadView& reads, const Period& period,
                               std::vector<AfterSalesCase>& cases, OrderHistories& orders) {
  ORDO_ASSIGN_OR_RETURN(cases, reads.aftersales().ListConfirmedAfterSales(period.from, period.to));
  for (const AfterSalesCase& after_sales : cases) {
    if (orders.count(after_sales.order_no) > 0) {
      continue;
    }
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, reads.GetOrder(after_sales.order_no));
    if (!order) {
      continue;
    }
    OrderHistory history;
    history.order_id = order->id.value;
    history.order_no = order->order_no;
    history.priority = order->priority;
    history.order_class = order->order_class;
    history.shipping_service = order->shipping_service;
    history.payment_method = order->payment_method;
    history.status = order->status;
    history.payment_status = order->payment_status;
    history.created_at = order->created_at;
    ORDO_ASSIGN_OR_RETURN(history.events, reads.GetOrderEvents(after_sales.order_no));
    orders.emplace(after_sales.order_no, std::move(history));
  }
  return Status::Ok();
}

// Detects every violation the records of `period` show, calling `each_order` on each order as
// it goes (for the KPIs). Stock entries are read a correction window either side of the
// period: before it for the entries its corrections correct, after it for later corrections of
// its entries.
Result<std::vector<Violation>> Detect(ReadView& reads, const SupervisionPolicy& policy,
                                      const Period& period, Timestamp now,
                                      const StaffDirectory& directory,
                                      std::vector<LedgerEntry>& entries,
                                      const std::function<void(const OrderHistory&)>& each_order) {
  std::vector<Violation> violations;
  ORDO_RETURN_IF_ERROR(ForEachOrder(reads, period, [&](const OrderHistory& order) {
    Append(violations, DetectTimeLimitBreaches(order, policy, now));
    if (each_order) {
      each_order(order);
    }
  }));
  ORDO_ASSIGN_OR_RETURN(entries,
                        reads.ListManualEntries(period.from.PlusMs(-policy.correction_window_ms),
                                                period.to.PlusMs(policy.correction_window_ms)));
  Append(violations, DetectEntryCorrections(entries, policy));
  ORDO_ASSIGN_OR_RETURN(std::vector<Attempt> attempts, reads.ListAttempts(period.from, period.to));
  Append(violations, DetectAttemptViolations(attempts));
  // Wrong items confirmed by after-sales inspections name who packed (or shipped) the order.
  std::vector<AfterSalesCase> after_sales;
  OrderHistories after_sales_orders;
  ORDO_RETURN_IF_ERROR(LoadConfirmedAfterSales(reads, period, after_sales, after_sales_orders));
  Append(violations, DetectWrongItemsShipped(after_sales, after_sales_orders, policy));
  // Customer messages are not recorded yet: DetectLateReplies has nothing to read until they are.
  AssignDepartments(violations, directory);
  std::vector<Violation> in_period;
  for (Violation& violation : violations) {
    if (period.Contains(violation.at)) {
      in_period.push_back(std::move(violation));
    }
  }
  return in_period;
}

}  // namespace

WriteFn RecordAttempt(AttemptInput input, CommandContext context) {
  return [input = std::move(input), context](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    Attempt attempt{0,
                    input.at.unix_ms > 0 ? input.at : actor.at,
                    actor.name,
                    input.role,
                    input.method,
                    input.target,
                    input.action,
                    input.order_no,
                    "",
                    input.code,
                    input.permission};
    if (!input.order_no.empty() && input.code != CodeName(Code::kForbidden)) {
      ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(input.order_no));
      if (!order) {
        return Status::Ok();
      }
      attempt.order_status = std::string(StatusName(order->status));
    }
    if (!ClassifyAttempt(attempt)) {
      return Status::Ok();
    }
    return tx.RecordAttempt(attempt);
  };
}

Result<StaffDirectory> LoadStaffDirectory(ReadView& reads) {
  ORDO_ASSIGN_OR_RETURN(std::vector<User> users, reads.ListUsers());
  StaffDirectory directory;
  for (const User& user : users) {
    directory.Add("user:" + user.username, user.department);
  }
  return directory;
}

Result<std::vector<Violation>> FindViolations(ReadView& reads, const SupervisionPolicy& policy,
                                              const Period& period, Timestamp now) {
  ORDO_ASSIGN_OR_RETURN(StaffDirectory directory, LoadStaffDirectory(reads));
  std::vector<LedgerEntry> entries;
  return Detect(reads, policy, period, now, directory, entries, nullptr);
}

WriteFn StoreViolations(std::vector<Violation> violations, CommandContext context,
                        std::shared_ptr<DetectionOutcome> out) {
  return [violations = std::move(violations), context, out](WriteTx& tx) mutable -> Status {
    const Actor actor = context.Now();
    out->found = static_cast<int64_t>(violations.size());
    out->by_type.clear();
    out->created.clear();
    for (Violation& violation : violations) {
      violation.detected_at = actor.at;
      violation.detected_by = actor.name;
      out->by_type[std::string(ViolationTypeName(violation.type))] += 1;
    }
    ORDO_ASSIGN_OR_RETURN(std::vector<bool> created, tx.InsertViolations(violations));
    for (size_t i = 0; i < violations.size(); ++i) {
      if (created[i]) {
        out->created.push_back(violations[i]);
      }
    }
    return Status::Ok();
  };
}

Result<KpiReport> ComputeKpis(ReadView& reads, const SupervisionPolicy& policy,
                              const Period& period, KpiGroupBy group_by, Timestamp now) {
  ORDO_ASSIGN_OR_RETURN(StaffDirectory directory, LoadStaffDirectory(reads));
  KpiCalculator calculator(policy, period, directory, group_by);
  std::vector<LedgerEntry> entries;
  ORDO_ASSIGN_OR_RETURN(std::vector<Violation> violations,
                        Detect(reads, policy, period, now, directory, entries,
                               [&](const OrderHistory& order) { calculator.AddOrder(order); }));
  calculator.AddStockEntries(entries);
  calculator.AddViolations(violations);
  return KpiReport{period, group_by, calculator.Rows()};
}

}  // namespace ordo::app
