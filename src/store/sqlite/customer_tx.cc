#include "store/sqlite/customer_tx.h"

#include "store/sqlite/document_tx.h"

#include <algorithm>

#include "store/sqlite/customer_queries.h"
#include "store/sqlite/queries.h"

namespace ordo::sqlite {

// --- The writer ---

Result<std::optional<CustomerProfile>> CustomerWriter::FindCustomer(const std::string& member_id) {
  return SelectCustomer(conn_, cipher_, member_id);
}

Status CustomerWriter::InsertCustomer(const CustomerProfile& profile, std::string_view action) {
  ORDO_RETURN_IF_ERROR(InsertCustomerRow(conn_, cipher_, profile));
  audit_.Add(CustomerAudit(profile, nullptr, action, ""));
  return Status::Ok();
}

Status CustomerWriter::UpdateCustomer(const CustomerProfile& profile, int64_t expected_version,
                                      std::string_view action, const std::string& reason) {
  ORDO_ASSIGN_OR_RETURN(std::optional<CustomerProfile> before,
                        SelectCustomer(conn_, cipher_, profile.member_id));
  if (!before) {
    return Status::NotFound("no customer " + profile.member_id);
  }
  ORDO_RETURN_IF_ERROR(UpdateCustomerRow(conn_, cipher_, profile, expected_version));
  audit_.Add(CustomerAudit(profile, &*before, action, reason));
  return Status::Ok();
}

Status CustomerWriter::InsertComplaint(Complaint& complaint) {
  ORDO_RETURN_IF_ERROR(InsertComplaintRow(conn_, cipher_, complaint));
  audit_.Add(ComplaintAudit(complaint));
  if (documents_ != nullptr) {
    ORDO_RETURN_IF_ERROR(documents_->Archive(complaint.order_no, {ComplaintRecord(complaint)}));
  }
  return Status::Ok();
}

Result<std::vector<Order>> CustomerWriter::FindCustomerOrders(const std::string& member_id,
                                                              int limit) {
  if (member_id.empty()) {
    return std::vector<Order>();
  }
  const std::string key = SearchKey('m', member_id);
  ORDO_ASSIGN_OR_RETURN(std::vector<int64_t> pending, pending_keys_.Find(conn_, key));
  return SelectNewestOrdersWithKey(
      conn_, cipher_, key, std::move(pending), limit,
      [&](const Order& order) { return order.customer.member_id == member_id; });
}

Result<int64_t> CustomerWriter::ChannelUsualAmount(const std::string& channel) {
  if (!window_loaded_) {
    ORDO_RETURN_IF_ERROR(LoadChannelWindow());
  }
  std::vector<int64_t> totals;
  for (const WindowOrder& order : window_) {
    if (order.channel == channel) {
      totals.push_back(order.total_amount);
    }
  }
  return MedianAmount(totals);
}

Status CustomerWriter::LoadChannelWindow() {
  ORDO_ASSIGN_OR_RETURN(std::vector<ChannelTotal> latest, SelectLatestOrderTotals(conn_));
  window_.clear();
  for (ChannelTotal& order : latest) {
    window_.push_back(WindowOrder{order.id, std::move(order.channel), order.total_amount});
  }
  window_loaded_ = true;
  return Status::Ok();
}

void CustomerWriter::OrderInserted(const Order& order) {
  if (!window_loaded_) {
    return;  // read when first needed, with this order
  }
  window_.push_back(WindowOrder{order.id.value, order.channel, order.total_amount});
  while (!window_.empty() && window_.front().id <= order.id.value - kChannelSampleOrders) {
    window_.pop_front();
  }
}

void CustomerWriter::OrderSaved(const Order& order) {
  if (!window_loaded_ || window_.empty() || order.id.value < window_.front().id) {
    return;
  }
  auto it = std::lower_bound(window_.begin(), window_.end(), order.id.value,
                             [](const WindowOrder& entry, int64_t id) { return entry.id < id; });
  if (it != window_.end() && it->id == order.id.value) {
    it->total_amount = order.total_amount;
  }
}

namespace {

// "p:" + the blind index of a phone as stored (a mainland mobile in canonical form).
std::string PhoneMark(const PiiCipher& cipher, const std::string& phone) {
  return "p:" + cipher.BlindIndex(phone);
}

// "a:" + the blind index of the whole address with spaces removed: the same delivery point
// written with or without spaces matches.
std::string AddressMark(const PiiCipher& cipher, const Address& address) {
  std::string text =
      address.province + "|" + address.city + "|" + address.district + "|" + address.detail;
  std::erase(text, ' ');
  return "a:" + cipher.BlindIndex(text);
}

}  // namespace

Status CustomerWriter::SetBlacklistMarks(const std::string& member_id,
                                         const std::vector<std::string>& phones,
                                         const std::vector<Address>& addresses) {
  ORDO_PREPARE(clear, conn_, "DELETE FROM blacklist_marks WHERE member_id = ?");
  clear->Bind(1, member_id);
  ORDO_RETURN_IF_ERROR(clear->Run());
  ORDO_PREPARE(insert, conn_,
               "INSERT OR IGNORE INTO blacklist_marks (key, member_id) VALUES (?, ?)");
  std::vector<std::string> marks;
  for (const std::string& phone : phones) {
    if (!phone.empty()) {
      marks.push_back(PhoneMark(cipher_, phone));
    }
  }
  for (const Address& address : addresses) {
    if (!address.detail.empty()) {
      marks.push_back(AddressMark(cipher_, address));
    }
  }
  for (const std::string& mark : marks) {
    insert->Reset();
    insert->Bind(1, mark).Bind(2, member_id);
    ORDO_RETURN_IF_ERROR(insert->Run());
  }
  return Status::Ok();
}

Result<std::vector<BlacklistMatch>> CustomerWriter::FindBlacklistMatches(const Order& order) {
  // Primary-key look-ups of three marks, joined to the customers still blacklisted.
  ORDO_PREPARE(stmt, conn_,
               "SELECT m.key, m.member_id, c.blacklist_reason FROM blacklist_marks m "
               "JOIN customers c ON c.member_id = m.member_id AND c.blacklisted = 1 "
               "WHERE m.key IN (?, ?, ?) ORDER BY m.member_id, m.key");
  stmt->Bind(1, PhoneMark(cipher_, order.customer.phone))
      .Bind(2, PhoneMark(cipher_, order.consignee.phone))
      .Bind(3, AddressMark(cipher_, order.consignee.address));
  std::vector<BlacklistMatch> matches;
  Status status;
  while (stmt->Step(&status)) {
    const std::string matched = stmt->TextView(0).starts_with("p:") ? "phone" : "address";
    std::string member_id = stmt->Text(1);
    const bool seen = std::any_of(matches.begin(), matches.end(), [&](const BlacklistMatch& m) {
      return m.member_id == member_id && m.matched == matched;
    });
    if (!seen) {
      matches.push_back(BlacklistMatch{std::move(member_id), matched, stmt->Text(2)});
    }
  }
  ORDO_RETURN_IF_ERROR(status);
  return matches;
}

// --- The readers ---

template <typename T, typename Query>
Result<T> CustomerReader::Read(Query query) {
  return ReadWith<T>(with_, std::move(query));
}

Result<std::optional<CustomerProfile>> CustomerReader::GetCustomer(const std::string& member_id) {
  return Read<std::optional<CustomerProfile>>(
      [&](Connection& c) { return SelectCustomer(c, cipher_, member_id); });
}

Result<std::vector<CustomerProfile>> CustomerReader::ListCustomers(const CustomerFilter& filter) {
  return Read<std::vector<CustomerProfile>>(
      [&](Connection& c) { return SelectCustomers(c, cipher_, filter); });
}

Result<std::vector<Complaint>> CustomerReader::ListComplaints(const std::string& member_id,
                                                              int limit) {
  return Read<std::vector<Complaint>>(
      [&](Connection& c) { return SelectComplaints(c, cipher_, member_id, limit); });
}

Result<std::vector<Order>> CustomerReader::GetCustomerOrders(const std::string& member_id,
                                                             int limit) {
  return Read<std::vector<Order>>(
      [&](Connection& c) { return SelectCustomerOrders(c, cipher_, member_id, limit); });
}

Result<std::vector<Order>> CustomerReader::ListPendingReview(
    const std::optional<QueuePosition>& after, int limit) {
  return Read<std::vector<Order>>(
      [&](Connection& c) { return SelectPendingReview(c, cipher_, after, limit); });
}

}  // namespace ordo::sqlite
