#include "app/customers.h"
#include "app/review.h"

namespace ordo::app {
namespace {

Status NoCustomer(const std::string& member_id) {
  return Status::NotFound("no customer " + member_id);
}

// The stored profile, or a new one (stored now) for a customer known from their orders.
Result<CustomerProfile> LoadOrCreate(WriteTx& tx, const std::string& member_id,
                                     const Actor& actor) {
  ORDO_ASSIGN_OR_RETURN(std::optional<CustomerProfile> stored,
                        tx.customers().FindCustomer(member_id));
  if (stored) {
    return std::move(*stored);
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<Order> orders, tx.customers().FindCustomerOrders(member_id, 1));
  if (orders.empty()) {
    return NoCustomer(member_id);
  }
  CustomerProfile profile = NewProfile(orders.front().customer, actor);
  ORDO_RETURN_IF_ERROR(tx.customers().InsertCustomer(profile, "create"));
  return profile;
}

using Change = std::function<Status(CustomerProfile&, const Actor&)>;

WriteFn ChangeCustomer(std::string member_id, std::string action, std::string reason,
                       std::optional<int64_t> if_match, Change change, CommandContext context,
                       std::shared_ptr<CustomerOutcome> out) {
  return [member_id = std::move(member_id), action = std::move(action), reason = std::move(reason),
          if_match, change = std::move(change), context, out](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    ORDO_ASSIGN_OR_RETURN(CustomerProfile profile, LoadOrCreate(tx, member_id, actor));
    if (if_match && *if_match != profile.version) {
      return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                    "customer " + member_id + " is at version " + std::to_string(profile.version) +
                        ", not " + std::to_string(*if_match));
    }
    const int64_t loaded_version = profile.version;
    ORDO_RETURN_IF_ERROR(change(profile, actor));
    ORDO_RETURN_IF_ERROR(tx.customers().UpdateCustomer(profile, loaded_version, action, reason));
    out->profile = std::move(profile);
    return Status::Ok();
  };
}

}  // namespace

Result<CustomerProfile> FindProfile(ReadView& reads, const std::string& member_id) {
  ORDO_ASSIGN_OR_RETURN(std::optional<CustomerProfile> stored,
                        reads.customers().GetCustomer(member_id));
  if (stored) {
    return std::move(*stored);
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<Order> orders,
                        reads.customers().GetCustomerOrders(member_id, 1));
  if (orders.empty()) {
    return NoCustomer(member_id);
  }
  CustomerProfile profile = NewProfile(orders.front().customer, {"", orders.front().created_at});
  profile.version = 0;
  return profile;
}

namespace {

// Marks the contacts of a blacklisted customer (REV-1): the profile's phone and the phones and
// delivery addresses of their recent orders, so the same person is caught under another member
// id or none. Stored as blind indexes only (store/customer_store.h).
Status MarkContacts(WriteTx& tx, const CustomerProfile& profile) {
  std::vector<std::string> phones{profile.phone};
  std::vector<Address> addresses;
  ORDO_ASSIGN_OR_RETURN(std::vector<Order> orders,
                        tx.customers().FindCustomerOrders(profile.member_id, kHistoryOrders));
  for (const Order& order : orders) {
    phones.push_back(order.customer.phone);
    phones.push_back(order.consignee.phone);
    addresses.push_back(order.consignee.address);
  }
  return tx.customers().SetBlacklistMarks(profile.member_id, phones, addresses);
}

}  // namespace

WriteFn BlacklistCustomer(std::string member_id, std::string reason,
                          std::optional<int64_t> if_match, CommandContext context,
                          std::shared_ptr<CustomerOutcome> out) {
  Change change = [reason](CustomerProfile& profile, const Actor& actor) {
    return Blacklist(profile, reason, actor);
  };
  WriteFn blacklist = ChangeCustomer(std::move(member_id), "blacklist", reason, if_match,
                                     std::move(change), std::move(context), out);
  return [blacklist = std::move(blacklist), out](WriteTx& tx) -> Status {
    ORDO_RETURN_IF_ERROR(blacklist(tx));
    return MarkContacts(tx, out->profile);
  };
}

WriteFn UnblacklistCustomer(std::string member_id, std::string reason,
                            std::optional<int64_t> if_match, CommandContext context,
                            std::shared_ptr<CustomerOutcome> out) {
  Change change = [reason](CustomerProfile& profile, const Actor& actor) {
    return Unblacklist(profile, reason, actor);
  };
  const std::string member = member_id;
  WriteFn unblacklist = ChangeCustomer(std::move(member_id), "unblacklist", reason, if_match,
                                       std::move(change), std::move(context), std::move(out));
  return [unblacklist = std::move(unblacklist), member](WriteTx& tx) -> Status {
    ORDO_RETURN_IF_ERROR(unblacklist(tx));
    return tx.customers().SetBlacklistMarks(member, {}, {});
  };
}

WriteFn PatchCustomer(std::string member_id, CustomerPatch patch, std::optional<int64_t> if_match,
                      CommandContext context, std::shared_ptr<CustomerOutcome> out) {
  const std::string reason = patch.reason;
  Change change = [patch = std::move(patch)](CustomerProfile& profile, const Actor& actor) {
    return ApplyCustomerPatch(profile, patch, actor);
  };
  return ChangeCustomer(std::move(member_id), "update", reason, if_match, std::move(change),
                        std::move(context), std::move(out));
}

WriteFn AddComplaint(std::string member_id, Complaint complaint, CommandContext context,
                     std::shared_ptr<CustomerOutcome> out) {
  return [member_id = std::move(member_id), complaint = std::move(complaint), context,
          out](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    Complaint recorded = complaint;
    recorded.member_id = member_id;
    recorded.at = actor.at;
    recorded.created_by = actor.name;
    ORDO_RETURN_IF_ERROR(ValidateComplaint(recorded));
    ORDO_ASSIGN_OR_RETURN(CustomerProfile profile, LoadOrCreate(tx, member_id, actor));
    if (!recorded.order_no.empty()) {
      ORDO_ASSIGN_OR_RETURN(std::optional<Order> order, tx.FindOrder(recorded.order_no));
      if (!order || order->customer.member_id != member_id) {
        return Status::Invalid("order_no", Code::kInvalidValue,
                               "order_no must name an order of customer " + member_id);
      }
    }
    ORDO_RETURN_IF_ERROR(tx.customers().InsertComplaint(recorded));
    const int64_t loaded_version = profile.version;
    profile.complaints += 1;
    profile.version += 1;
    profile.updated_at = actor.at;
    profile.updated_by = actor.name;
    ORDO_RETURN_IF_ERROR(
        tx.customers().UpdateCustomer(profile, loaded_version, "complaint", recorded.category));
    out->profile = std::move(profile);
    out->complaint = std::move(recorded);
    return Status::Ok();
  };
}

}  // namespace ordo::app
