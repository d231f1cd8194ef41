// The embedded engine's side of store/customer_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections).
#pragma once

#include <deque>
#include <functional>

#include "store/customer_store.h"
#include "store/pii_cipher.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/sqlite/pending_search_keys.h"

namespace ordo::sqlite {

class DocumentWriter;  // document_tx.h

// Owned by the writer's transaction object; runs on the writer thread only.
class CustomerWriter final : public CustomerWriteTx {
 public:
  CustomerWriter(Connection& conn, const PiiCipher& cipher, AuditChain& audit,
                 PendingSearchKeys& pending_keys)
      : conn_(conn), cipher_(cipher), audit_(audit), pending_keys_(pending_keys) {}

  Result<std::optional<CustomerProfile>> FindCustomer(const std::string& member_id) override;
  Status InsertCustomer(const CustomerProfile& profile, std::string_view action) override;
  Status UpdateCustomer(const CustomerProfile& profile, int64_t expected_version,
                        std::string_view action, const std::string& reason) override;
  Status InsertComplaint(Complaint& complaint) override;
  Result<std::vector<Order>> FindCustomerOrders(const std::string& member_id, int limit) override;
  Result<int64_t> ChannelUsualAmount(const std::string& channel) override;
  Status SetBlacklistMarks(const std::string& member_id, const std::vector<std::string>& phones,
                           const std::vector<Address>& addresses) override;
  Result<std::vector<BlacklistMatch>> FindBlacklistMatches(const Order& order) override;

  // Keep the window of ChannelUsualAmount up to date with the writer's own changes, so that it
  // is read from the database once (bounded by the primary key) and never recomputed: an order
  // inserted or saved (its total may change) in the transaction.
  void OrderInserted(const Order& order);
  void OrderSaved(const Order& order);
  // Drops the window: after a rollback (it may hold rows that are gone) or a failed commit.
  void ForgetChannelWindow() { window_loaded_ = false; }

  // Where the documents its writes produce are archived (set once by the writer's transaction).
  void ArchiveInto(DocumentWriter* documents) { documents_ = documents; }

 private:
  // An order in the window: the orders with the latest kChannelSampleOrders ids.
  struct WindowOrder {
    int64_t id;
    std::string channel;
    int64_t total_amount;
  };
  Status LoadChannelWindow();

  Connection& conn_;
  const PiiCipher& cipher_;
  AuditChain& audit_;
  PendingSearchKeys& pending_keys_;
  std::deque<WindowOrder> window_;  // by id, ascending
  bool window_loaded_ = false;
  DocumentWriter* documents_ = nullptr;
};

class CustomerReader final : public CustomerReadView {
 public:
  using WithConnection = std::function<Status(const std::function<Status(Connection&)>&)>;
  CustomerReader(WithConnection with, const PiiCipher& cipher)
      : with_(std::move(with)), cipher_(cipher) {}

  Result<std::optional<CustomerProfile>> GetCustomer(const std::string& member_id) override;
  Result<std::vector<CustomerProfile>> ListCustomers(const CustomerFilter& filter) override;
  Result<std::vector<Complaint>> ListComplaints(const std::string& member_id, int limit) override;
  Result<std::vector<Order>> GetCustomerOrders(const std::string& member_id, int limit) override;
  Result<std::vector<Order>> ListPendingReview(const std::optional<QueuePosition>& after,
                                               int limit) override;

 private:
  // Runs `query` (Connection& → Result<T>) on a pooled connection.
  template <typename T, typename Query>
  Result<T> Read(Query query);

  WithConnection with_;
  const PiiCipher& cipher_;
};

}  // namespace ordo::sqlite
