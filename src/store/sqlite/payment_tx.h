// The embedded engine's side of store/payment_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections).
#pragma once

#include <functional>

#include "store/payment_store.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"

namespace ordo::sqlite {

class DocumentWriter;  // document_tx.h

// Owned by the writer's transaction object; runs on the writer thread only.
class PaymentWriter final : public PaymentWriteTx {
 public:
  PaymentWriter(Connection& conn, AuditChain& audit) : conn_(conn), audit_(audit) {}

  Result<std::optional<Refund>> FindRefund(int64_t id) override;
  Result<std::vector<Refund>> FindOrderRefunds(const std::string& order_no) override;
  Status SaveRefund(const Refund& refund, RefundStatus expected_status,
                    std::string_view action) override;
  Result<bool> RecordPaymentReminder(const std::string& order_no, Timestamp at) override;

  // Where the documents its writes produce are archived (set once by the writer's transaction).
  void ArchiveInto(DocumentWriter* documents) { documents_ = documents; }

 private:
  Connection& conn_;
  AuditChain& audit_;
  DocumentWriter* documents_ = nullptr;
};

// Runs a read on one of the pool's connections.
using PaymentConnection = std::function<Status(const std::function<Status(Connection&)>&)>;

class PaymentReader final : public PaymentReadView {
 public:
  explicit PaymentReader(PaymentConnection with) : with_(std::move(with)) {}

  Result<std::vector<Refund>> ListRefunds(const RefundFilter& filter) override;
  Result<std::vector<PaymentRecord>> ListPayments(const PaymentFilter& filter) override;
  Result<std::optional<Refund>> GetRefund(int64_t id) override;
  Result<std::vector<Refund>> ListPendingRefunds(int64_t after_id, int limit) override;
  Result<std::vector<UnpaidOrder>> ListUnpaidOrders(Timestamp created_before, bool unreminded,
                                                    bool not_held, UnpaidCursor cursor,
                                                    int limit) override;

 private:
  template <typename T, typename Query>
  Result<T> Read(Query query);

  PaymentConnection with_;
};

}  // namespace ordo::sqlite
