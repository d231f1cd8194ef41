// The persistence payments need (domain.md REV-2, REV-4, AFS-5): refund execution and the finance
// view of refunds, the unpaid orders the timers act on, and the payment reminders sent. Part of
// the store interface (store.h): WriteTx::payments() inside the writer's transaction,
// ReadView::payments() for reads. The same contracts hold: writes are audited by the store in
// the same transaction, reads see committed data only and are thread-safe.
//
// Refunds themselves are inserted through InventoryWriteTx::InsertRefund by whoever owes them
// (store/inventory_store.h); everything here works on any refund row, whoever inserted it. The
// payments list is derived by the store from the orders: whenever an order is saved with
// payments it did not have, they are added to it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/inventory_store.h"

namespace ordo {

// GET /refunds filters. Refunds by id, oldest first.
struct RefundFilter {
  std::optional<RefundStatus> status;  // nullopt: any
  std::string order_no;
  std::optional<Timestamp> from;           // created_at >= from
  std::optional<Timestamp> to;             // created_at < to
  std::optional<Timestamp> executed_from;  // executed_at >= executed_from (last attempt)
  std::optional<Timestamp> executed_to;    // executed_at < executed_to
  int64_t after_id = 0;                    // cursor
  int limit = 50;
};

// One payment as its order recorded it (domain/order/order.h Payment), for finance.
struct PaymentRecord {
  int64_t id = 0;
  std::string order_no;
  Payment payment;
};

// GET /payments filters. Payments by id (the order they were received in), oldest first.
struct PaymentFilter {
  std::string order_no;
  std::string provider;
  std::string transaction_id;
  std::string outcome;            // succeeded | failed | amount_mismatch | after_close
  std::optional<bool> duplicate;  // only duplicates (true) or none (false)
  std::optional<Timestamp> from;  // received at >= from
  std::optional<Timestamp> to;    // received at < to
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
  // Saves what happened to `refund` since it was read with status `expected_status` (else
  // kConflict illegal_transition): its status, approval decision, due date and execution
  // (executed_at, executed_by, provider_ref, failure_reason). `action` names the change in the
  // audit trail ("approve", "reject", "execute"). kConflict refund_exceeds_payment when the
  // order's refunds would exceed what it was paid.
  virtual Status SaveRefund(const Refund& refund, RefundStatus expected_status,
                            std::string_view action) = 0;
  // Records that the payment reminder of `order_no` was sent at `at`. Returns false (and changes
  // nothing) when one was already recorded: a reminder goes out once per order.
  virtual Result<bool> RecordPaymentReminder(const std::string& order_no, Timestamp at) = 0;
};

class PaymentReadView {
 public:
  virtual ~PaymentReadView() = default;

  virtual Result<std::vector<Refund>> ListRefunds(const RefundFilter& filter) = 0;
  virtual Result<std::vector<PaymentRecord>> ListPayments(const PaymentFilter& filter) = 0;
  virtual Result<std::optional<Refund>> GetRefund(int64_t id) = 0;
  // Pending refunds (approved or needing no approval) with id > after_id, by id, at most
  // `limit`.
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
