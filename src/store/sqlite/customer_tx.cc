#include "store/sqlite/customer_tx.h"

#include "store/sqlite/customer_queries.h"

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
  return Status::Ok();
}

Result<std::vector<Order>> CustomerWriter::FindCustomerOrders(const std::string& member_id,
                                                              int limit) {
  return SelectCustomerOrders(conn_, cipher_, member_id, limit);
}

Result<int64_t> CustomerWriter::ChannelUsualAmount(const std::string& channel) {
  return SelectChannelUsualAmount(conn_, channel);
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
