#include "store/sqlite/customer_queries.h"

#include <algorithm>

#include "base/json_writer.h"
#include "store/codec.h"
#include "store/sqlite/queries.h"
#include "store/stored_enum.h"

namespace ordo::sqlite {
namespace {

constexpr const char* kCustomerColumns =
    "SELECT member_id, name, phone, credit_level, high_risk, high_risk_reason, blacklisted, "
    "blacklist_reason, blacklisted_by, blacklisted_at, complaints, version, created_at, "
    "updated_at, updated_by FROM customers ";

Result<CustomerProfile> ReadCustomer(const Statement& row, const PiiCipher& cipher) {
  CustomerProfile profile;
  profile.member_id = row.Text(0);
  ORDO_ASSIGN_OR_RETURN(profile.name, cipher.Open(row.TextView(1)));
  ORDO_ASSIGN_OR_RETURN(profile.phone, cipher.Open(row.TextView(2)));
  ORDO_ASSIGN_OR_RETURN(profile.credit_level,
                        DecodeStoredEnum<CreditLevel>(
                            "customer " + profile.member_id + " credit_level", row.TextView(3)));
  profile.high_risk = row.Int(4) != 0;
  profile.high_risk_reason = row.Text(5);
  profile.blacklisted = row.Int(6) != 0;
  profile.blacklist_reason = row.Text(7);
  profile.blacklisted_by = row.Text(8);
  profile.blacklisted_at = OptionalTime(row, 9);
  profile.complaints = row.Int(10);
  profile.version = row.Int(11);
  profile.created_at = Timestamp{row.Int(12)};
  profile.updated_at = Timestamp{row.Int(13)};
  profile.updated_by = row.Text(14);
  return profile;
}

Result<std::vector<CustomerProfile>> ReadCustomers(Statement& stmt, const PiiCipher& cipher) {
  std::vector<CustomerProfile> profiles;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(CustomerProfile profile, ReadCustomer(stmt, cipher));
    profiles.push_back(std::move(profile));
  }
  ORDO_RETURN_IF_ERROR(status);
  return profiles;
}

// Binds the columns after member_id, in the order of the INSERT and the UPDATE below.
void BindCustomer(Statement& stmt, const PiiCipher& cipher, const CustomerProfile& profile) {
  stmt.Bind(1, cipher.Seal(profile.name)).Bind(2, cipher.Seal(profile.phone));
  stmt.Bind(3, CreditLevelName(profile.credit_level)).Bind(4, profile.high_risk ? 1 : 0);
  stmt.Bind(5, profile.high_risk_reason).Bind(6, profile.blacklisted ? 1 : 0);
  stmt.Bind(7, profile.blacklist_reason).Bind(8, profile.blacklisted_by);
  BindOptionalTime(stmt, 9, profile.blacklisted_at);
  stmt.Bind(10, profile.complaints).Bind(11, profile.version);
  stmt.Bind(12, profile.updated_at.unix_ms).Bind(13, profile.updated_by);
  stmt.Bind(14, profile.member_id);
}

Result<std::vector<Order>> ReadOrders(Statement& stmt, const PiiCipher& cipher) {
  std::vector<Order> orders;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(Order order, DecodeOrderDoc(stmt.TextView(2), cipher));
    order.id = OrderId{stmt.Int(0)};
    order.order_no = stmt.Text(1);
    orders.push_back(std::move(order));
  }
  ORDO_RETURN_IF_ERROR(status);
  return orders;
}

std::string Judgement(const CustomerProfile& profile) {
  JsonWriter json;
  json.BeginObject()
      .Field("credit_level", CreditLevelName(profile.credit_level))
      .Field("high_risk", profile.high_risk)
      .Field("high_risk_reason", profile.high_risk_reason)
      .Field("blacklisted", profile.blacklisted)
      .Field("blacklist_reason", profile.blacklist_reason)
      .Field("complaints", profile.complaints)
      .Field("version", profile.version)
      .EndObject();
  return json.Take();
}

}  // namespace

Result<std::optional<CustomerProfile>> SelectCustomer(Connection& conn, const PiiCipher& cipher,
                                                      const std::string& member_id) {
  ORDO_PREPARE(stmt, conn, std::string(kCustomerColumns) + "WHERE member_id = ?");
  stmt->Bind(1, member_id);
  ORDO_ASSIGN_OR_RETURN(std::vector<CustomerProfile> found, ReadCustomers(*stmt, cipher));
  if (found.empty()) {
    return std::optional<CustomerProfile>();
  }
  return std::optional<CustomerProfile>(std::move(found.front()));
}

Result<std::vector<CustomerProfile>> SelectCustomers(Connection& conn, const PiiCipher& cipher,
                                                     const CustomerFilter& filter) {
  // A prefix range on the primary key: member ids >= q and < q followed by the highest byte.
  std::string sql = std::string(kCustomerColumns) + "WHERE member_id > ?";
  if (!filter.q.empty()) {
    sql += " AND member_id >= ? AND member_id < ?";
  }
  if (filter.blacklisted) {
    sql += " AND blacklisted = ?";
  }
  sql += " ORDER BY member_id LIMIT ?";
  ORDO_PREPARE(stmt, conn, sql);
  int position = 1;
  stmt->Bind(position++, filter.after_member_id);
  if (!filter.q.empty()) {
    stmt->Bind(position++, filter.q);
    stmt->Bind(position++, filter.q + "\xff");
  }
  if (filter.blacklisted) {
    stmt->Bind(position++, *filter.blacklisted ? 1 : 0);
  }
  stmt->Bind(position, filter.limit);
  return ReadCustomers(*stmt, cipher);
}

Status InsertCustomerRow(Connection& conn, const PiiCipher& cipher,
                         const CustomerProfile& profile) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO customers (name, phone, credit_level, high_risk, high_risk_reason, "
               "blacklisted, blacklist_reason, blacklisted_by, blacklisted_at, complaints, "
               "version, updated_at, updated_by, member_id, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (member_id) DO NOTHING");
  BindCustomer(*stmt, cipher, profile);
  stmt->Bind(15, profile.created_at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() != 1) {
    return Status(Kind::kConflict, Code::kAlreadyExists,
                  "customer " + profile.member_id + " exists");
  }
  return Status::Ok();
}

Status UpdateCustomerRow(Connection& conn, const PiiCipher& cipher, const CustomerProfile& profile,
                         int64_t expected_version) {
  ORDO_PREPARE(stmt, conn,
               "UPDATE customers SET name = ?, phone = ?, credit_level = ?, high_risk = ?, "
               "high_risk_reason = ?, blacklisted = ?, blacklist_reason = ?, blacklisted_by = ?, "
               "blacklisted_at = ?, complaints = ?, version = ?, updated_at = ?, updated_by = ? "
               "WHERE member_id = ? AND version = ?");
  BindCustomer(*stmt, cipher, profile);
  stmt->Bind(15, expected_version);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn.Changes() != 1) {
    return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                  "customer " + profile.member_id + " changed meanwhile");
  }
  return Status::Ok();
}

Status InsertComplaintRow(Connection& conn, const PiiCipher& cipher, Complaint& complaint) {
  ORDO_PREPARE(stmt, conn,
               "INSERT INTO customer_complaints (member_id, order_no, category, note, at, "
               "created_by) VALUES (?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, complaint.member_id).Bind(2, complaint.order_no).Bind(3, complaint.category);
  stmt->Bind(4, cipher.Seal(complaint.note)).Bind(5, complaint.at.unix_ms);
  stmt->Bind(6, complaint.created_by);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  complaint.id = conn.LastInsertId();
  return Status::Ok();
}

Result<std::vector<Complaint>> SelectComplaints(Connection& conn, const PiiCipher& cipher,
                                                const std::string& member_id, int limit) {
  ORDO_PREPARE(stmt, conn,
               "SELECT id, member_id, order_no, category, note, at, created_by "
               "FROM customer_complaints WHERE member_id = ? ORDER BY id DESC LIMIT ?");
  stmt->Bind(1, member_id).Bind(2, limit);
  std::vector<Complaint> complaints;
  Status status;
  while (stmt->Step(&status)) {
    Complaint complaint;
    complaint.id = stmt->Int(0);
    complaint.member_id = stmt->Text(1);
    complaint.order_no = stmt->Text(2);
    complaint.category = stmt->Text(3);
    ORDO_ASSIGN_OR_RETURN(complaint.note, cipher.Open(stmt->TextView(4)));
    complaint.at = Timestamp{stmt->Int(5)};
    complaint.created_by = stmt->Text(6);
    complaints.push_back(std::move(complaint));
  }
  ORDO_RETURN_IF_ERROR(status);
  return complaints;
}

Result<std::vector<Order>> SelectCustomerOrders(Connection& conn, const PiiCipher& cipher,
                                                const std::string& member_id, int limit) {
  if (member_id.empty()) {
    return std::vector<Order>();
  }
  const std::string key = SearchKey('m', member_id);
  ORDO_ASSIGN_OR_RETURN(std::vector<int64_t> pending, SelectPendingIdsWithKey(conn, key));
  return SelectNewestOrdersWithKey(
      conn, cipher, key, std::move(pending), limit,
      [&](const Order& order) { return order.customer.member_id == member_id; });
}

Result<std::vector<ChannelTotal>> SelectLatestOrderTotals(Connection& conn) {
  // A range of the primary key: the plan is a search by rowid, whatever the size of the store.
  ORDO_PREPARE(stmt, conn,
               "SELECT id, channel, total_amount FROM orders WHERE id > "
               "(SELECT coalesce(max(id), 0) FROM orders) - ? ORDER BY id");
  stmt->Bind(1, kChannelSampleOrders);
  return ReadAll<ChannelTotal>(*stmt, [](const Statement& row) {
    return ChannelTotal{row.Int(0), row.Text(1), row.Int(2)};
  });
}

int64_t MedianAmount(std::vector<int64_t> totals) {
  if (totals.size() < static_cast<size_t>(kChannelMinOrders)) {
    return 0;
  }
  const size_t middle = totals.size() / 2;
  std::nth_element(totals.begin(), totals.begin() + static_cast<std::ptrdiff_t>(middle),
                   totals.end());
  return totals[middle];
}

Result<std::vector<Order>> SelectPendingReview(Connection& conn, const PiiCipher& cipher,
                                               const std::optional<QueuePosition>& after,
                                               int limit) {
  // The partial index orders_in_review holds only the waiting orders, in this order; named,
  // because without statistics the planner would take orders_by_status and sort.
  ORDO_PREPARE(stmt, conn,
               "SELECT id, order_no, doc FROM orders INDEXED BY orders_in_review "
               "WHERE status = 'pending_review' "
               "AND (?1 = 0 OR priority < ?2 OR (priority = ?2 AND id > ?3)) "
               "ORDER BY priority DESC, id LIMIT ?4");
  stmt->Bind(1, after ? 1 : 0)
      .Bind(2, after ? int64_t{after->priority} : 0)
      .Bind(3, after ? after->id : 0)
      .Bind(4, limit);
  return ReadOrders(*stmt, cipher);
}

AuditEntry CustomerAudit(const CustomerProfile& profile, const CustomerProfile* before,
                         std::string_view action, const std::string& reason) {
  std::string after = Judgement(profile);
  if (!reason.empty()) {
    // The reason joins the after-state: it explains the change.
    after.pop_back();
    JsonWriter text;
    text.String(reason);
    after += ",\"reason\":" + text.Take() + "}";
  }
  return AuditEntry{0,
                    profile.updated_at,
                    profile.updated_by,
                    "customer",
                    profile.member_id,
                    std::string(action),
                    before != nullptr ? Judgement(*before) : "null",
                    std::move(after)};
}

AuditEntry ComplaintAudit(const Complaint& complaint) {
  JsonWriter after;
  after.BeginObject()
      .Field("complaint_id", complaint.id)
      .Field("order_no", complaint.order_no)
      .Field("category", complaint.category)
      .EndObject();
  return AuditEntry{0,          complaint.at,        complaint.created_by,
                    "customer", complaint.member_id, "complaint",
                    "null",     after.Take()};
}

}  // namespace ordo::sqlite
