// Abnormal-case use cases (domain.md EXC-2; domain/anomaly/case.h): raising a case from a
// detection, and assigning, resolving or dismissing it. Closing the last blocking case of an
// order lifts its hold in the same transaction.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/command.h"
#include "domain/anomaly/case.h"

namespace ordo::app {

struct ResolveInput {
  std::string resolution;
  std::string root_cause;
  std::string improvement;
};

struct RaisedCase {
  AbnormalCase abnormal;
  bool opened = false;  // false: a live case of the same type and subject already existed
};

// Opens a case of `type` (a known CaseType) about `order`, unless the order already has a live
// case of that type and subject: then that case is returned and nothing changes. A new case is
// recorded in the order's history ("anomaly_opened") and, when blocking, holds the order
// ("hold_placed"); both events are appended to `events` and the order is changed in memory: the
// caller saves the order (SaveOrder) and the events.
Result<RaisedCase> RaiseCase(WriteTx& tx, Order& order, std::string_view type, std::string subject,
                             std::string explanation, CaseDetails details, const Actor& actor,
                             Events& events);

// Writes `order` when it changed since it was loaded at `loaded_version`, then appends `events`.
Status SaveOrder(WriteTx& tx, const Order& order, int64_t loaded_version, const Events& events);

// What an order was before a command changed it, for CloseCasesWhoseCauseIsGone.
struct OrderBefore {
  OrderStatus status = OrderStatus::kPendingPayment;
  bool paid_in_full = false;

  static OrderBefore Of(const Order& order);
};

// A case closes itself when its cause is gone (domain/anomaly/case.h CaseType::gone_when): after
// a command took `order` from `before` to where it is now (its payment confirmed, shipped,
// delivered, cancelled or closed), each live case of a type whose cause that took away is
// resolved by `actor` ("cause gone: …"), and a blocking one's hold is lifted, in memory: the
// events are appended to `events` and the caller saves the order. Reads the order's live cases
// only when such a step happened.
Status CloseCasesWhoseCauseIsGone(WriteTx& tx, Order& order, const OrderBefore& before,
                                  const Actor& actor, Events& events);

struct CaseOutcome {
  AbnormalCase abnormal;
  bool hold_released = false;  // closing the case lifted its hold on the order
};

// Resolves the live (open or assigned) case of `type` and `subject` about `order`, when there is
// one, with `input` as `actor`: the cause was put right by the command that calls it (a parcel
// weighed again within the tolerance). A blocking case's hold on the in-memory order is lifted
// ("hold_released" appended to `events`); the caller saves the order. Returns whether a case
// was resolved.
Result<bool> ResolveLiveCase(WriteTx& tx, Order& order, std::string_view type,
                             const std::string& subject, const ResolveInput& input,
                             const Actor& actor, Events& events);

// kNotFound for an unknown id; the refusals of AssignCase, ResolveCase and DismissCase
// (case_closed, required fields). Resolving or dismissing a blocking case releases its hold on
// the order and records "hold_released" in the order's history. An assignee must be someone who
// may handle the case: "user:<username>" of an enabled staff account whose role handles the
// case's type (CaseType::handlers), else 422 assignee assignee_not_allowed.
WriteFn AssignAbnormalCase(int64_t id, std::string assignee, CommandContext context,
                           std::shared_ptr<CaseOutcome> out);
WriteFn ResolveAbnormalCase(int64_t id, ResolveInput input, CommandContext context,
                            std::shared_ptr<CaseOutcome> out);
WriteFn DismissAbnormalCase(int64_t id, std::string reason, CommandContext context,
                            std::shared_ptr<CaseOutcome> out);

}  // namespace ordo::app
