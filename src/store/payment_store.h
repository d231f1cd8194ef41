// The persistence payments need (domain.md REV-2, REV-4, AFS-5): refund execution and the finance
// view of refunds, the unpaid orders the timers act on, and the payment reminders sent. Part of
// the store interface (store.h): WriteTx::payments() inside the writer's transaction,
// ReadView::payments() for reads. The same contracts hold: writes are audited by the store in
// the same transaction, reads see committed data only and are thread-safe.
//
// Refunds themselves are inserted through InventoryWriteTx::InsertRefund by whoever owes them
// (store/inventory_store.h); everything here works on any refund row, whoever inserted it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/inventory_store.h"

namespace ordo {

// GET /refunds filters. Refunds by id, oldest first.
struct RefundFilter {
  std::string status;  // empty: any
  std::string order_no;
  std::optional<Timestamp> from;  // created_at >= from
  std::optional<Timestamp> to;    // created_at < to
  int64_t after_id = 0;           // cursor
  int limit = 50;
};

// An order still waiting for its payment, as the timers see it.
struct UnpaidOrder {
  int64_t id = 0;
  std::string order_no;
  Timestamp created_at;
};

// Where a scan of unpaid orders goes on from: after (created_at, id).
struct UnpaidCursor {
  Timestamp created_at{-1};
  int64_t id = 0;
};

class PaymentWriteTx {
 public:
  virtual ~PaymentWriteTx() = default;

  // The refund with `id` as this transaction sees it.
  virtual Result<std::optional<Refund>> FindRefund(int64_t id) = 0;
  // The refunds of `order_no`, by id.
  virtual Result<std::vector<Refund>> FindOrderRefunds(const std::string& order_no) = 0;
  // Saves the execution of `refund` (status, executed_at, executed_by, provider_ref, due_at);
  // its previous status must be `expected_status`, else kConflict. Audited ("refund", id,
  // "execute").
  virtual Status SaveRefundExecution(const Refund& refund, const std::string& expected_status) = 0;
  // Records that the payment reminder of `order_no` was sent at `at`. Returns false (and changes
  // nothing) when one was already recorded: a reminder goes out once per order.
  virtual Result<bool> RecordPaymentReminder(const std::string& order_no, Timestamp at) = 0;
};

class PaymentReadView {
 public:
  virtual ~PaymentReadView() = default;

  virtual Result<std::vector<Refund>> ListRefunds(const RefundFilter& filter) = 0;
  virtual Result<std::optional<Refund>> GetRefund(int64_t id) = 0;
  // Pending refunds with id > after_id, by id, at most `limit`.
  virtual Result<std::vector<Refund>> ListPendingRefunds(int64_t after_id, int limit) = 0;
  // Orders in pending_payment created at or before `created_before`, after `cursor`, oldest
  // first, at most `limit`; an indexed range scan of the unpaid orders only.
  //   unreminded: only those without a payment reminder recorded;
  //   not_held:   only those without an open blocking abnormal case.
  virtual Result<std::vector<UnpaidOrder>> ListUnpaidOrders(Timestamp created_before,
                                                            bool unreminded, bool not_held,
                                                            UnpaidCursor cursor, int limit) = 0;
};

}  // namespace ordo
