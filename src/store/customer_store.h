// The persistence customers and automatic review need (domain.md REV-1, REV-3): customer
// profiles with the staff's judgement, complaints, the customer's and the channel's order
// history as review reads it, and the manual review queue. Part of the store interface
// (store.h): WriteTx::customers() inside the writer's transaction, ReadView::customers() for
// reads. The same contracts hold: writes are audited by the store in the same transaction
// (entity "customer", id the member id; never names, phones or complaint notes), reads see
// committed data only and are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/customer/customer.h"
#include "domain/order/order.h"

namespace ordo {

struct CustomerFilter {
  std::optional<bool> blacklisted;
  std::string q;  // member id, exact or prefix (names and phones are sealed: not searchable)
  int limit = 50;
  std::string after_member_id;  // cursor: member ids after this one, in member id order
};

// A place in the review queue: the last order of a page, by its priority and id.
struct QueuePosition {
  int priority = 0;
  int64_t id = 0;
};

// How many of the channel's latest orders the channel's usual amount is computed from, and how
// many of them it needs before it counts.
constexpr int kChannelSampleOrders = 500;
constexpr int kChannelMinOrders = 20;

class CustomerWriteTx {
 public:
  virtual ~CustomerWriteTx() = default;

  virtual Result<std::optional<CustomerProfile>> FindCustomer(const std::string& member_id) = 0;
  // Stores a new profile; kAlreadyExists when the member id is taken. Audited with `action`
  // ("create") and `actor`.
  virtual Status InsertCustomer(const CustomerProfile& profile, std::string_view action) = 0;
  // Saves the profile; kVersionMismatch unless the stored version is `expected_version`.
  // Audited with `action` ("blacklist", "unblacklist", "update", "complaint") and `reason`, the
  // before → after of the judgement (never the contact details).
  virtual Status UpdateCustomer(const CustomerProfile& profile, int64_t expected_version,
                                std::string_view action, const std::string& reason) = 0;
  // Assigns complaint.id; the note is sealed. Audited without the note.
  virtual Status InsertComplaint(Complaint& complaint) = 0;
  // The customer's orders, newest first, at most `limit`: through the member search key (an
  // index look-up, plus the keys still pending a merge).
  virtual Result<std::vector<Order>> FindCustomerOrders(const std::string& member_id,
                                                        int limit) = 0;
  // The median total of the channel's orders among the latest kChannelSampleOrders orders (by
  // id), or 0 with fewer than kChannelMinOrders of them. The writer keeps this window in memory
  // as it inserts and changes orders: reading it costs no query after the first.
  virtual Result<int64_t> ChannelUsualAmount(const std::string& channel) = 0;
  // The contact marks of a blacklisted customer (REV-1): keyed blind indexes of their phones and
  // delivery addresses (no plaintext), replacing the member's marks; empty lists remove them.
  virtual Status SetBlacklistMarks(const std::string& member_id,
                                   const std::vector<std::string>& phones,
                                   const std::vector<Address>& addresses) = 0;
  // The blacklisted customers (still blacklisted) whose marks match the order's customer or
  // consignee phone or its delivery address, one match per member and kind; index look-ups only.
  virtual Result<std::vector<BlacklistMatch>> FindBlacklistMatches(const Order& order) = 0;
};

class CustomerReadView {
 public:
  virtual ~CustomerReadView() = default;

  virtual Result<std::optional<CustomerProfile>> GetCustomer(const std::string& member_id) = 0;
  // Profiles matching `filter`, by member id, at most filter.limit.
  virtual Result<std::vector<CustomerProfile>> ListCustomers(const CustomerFilter& filter) = 0;
  // The customer's complaints, newest first, at most `limit`.
  virtual Result<std::vector<Complaint>> ListComplaints(const std::string& member_id,
                                                        int limit) = 0;
  virtual Result<std::vector<Order>> GetCustomerOrders(const std::string& member_id, int limit) = 0;
  // The review queue (domain.md INT-4, REV-3): orders in pending_review by priority, highest
  // first, then oldest first (by id); after `after` (the last order of the previous page, or
  // nullopt for the first page), at most `limit`.
  virtual Result<std::vector<Order>> ListPendingReview(const std::optional<QueuePosition>& after,
                                                       int limit) = 0;
};

}  // namespace ordo
