// The SQL of customers and automatic review (store/customer_store.h), shared by the writer and
// the readers. Each function runs on the connection it is given and never opens a transaction
// itself. Names, phones and complaint notes are sealed with the PiiCipher before they are
// stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/customer_store.h"
#include "store/pii_cipher.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

Result<std::optional<CustomerProfile>> SelectCustomer(Connection& conn, const PiiCipher& cipher,
                                                      const std::string& member_id);
Result<std::vector<CustomerProfile>> SelectCustomers(Connection& conn, const PiiCipher& cipher,
                                                     const CustomerFilter& filter);
Status InsertCustomerRow(Connection& conn, const PiiCipher& cipher, const CustomerProfile& profile);
// kVersionMismatch unless the stored version is `expected_version`.
Status UpdateCustomerRow(Connection& conn, const PiiCipher& cipher, const CustomerProfile& profile,
                         int64_t expected_version);
Status InsertComplaintRow(Connection& conn, const PiiCipher& cipher, Complaint& complaint);
Result<std::vector<Complaint>> SelectComplaints(Connection& conn, const PiiCipher& cipher,
                                                const std::string& member_id, int limit);
Result<std::vector<Order>> SelectCustomerOrders(Connection& conn, const PiiCipher& cipher,
                                                const std::string& member_id, int limit);
// The id, channel and total of the orders with the latest kChannelSampleOrders ids, by id:
// the window the channels' usual amounts are taken from (CustomerWriter keeps it up to date).
struct ChannelTotal {
  int64_t id;
  std::string channel;
  int64_t total_amount;
};
Result<std::vector<ChannelTotal>> SelectLatestOrderTotals(Connection& conn);
// The median of `totals`, or 0 with fewer than kChannelMinOrders of them.
int64_t MedianAmount(std::vector<int64_t> totals);
Result<std::vector<Order>> SelectPendingReview(Connection& conn, const PiiCipher& cipher,
                                               const std::optional<QueuePosition>& after,
                                               int limit);

// The audit entry of a change of the profile: the judgement before and after (never the
// contact details), with the reason given. `before` null: the profile is new.
AuditEntry CustomerAudit(const CustomerProfile& profile, const CustomerProfile* before,
                         std::string_view action, const std::string& reason);
AuditEntry ComplaintAudit(const Complaint& complaint);

}  // namespace ordo::sqlite
