#include "domain/customer/customer.h"

#include <algorithm>
#include <array>

namespace ordo {
namespace {

constexpr size_t kMaxReason = 500;
constexpr size_t kMaxNote = 2000;

int64_t Median(std::vector<int64_t> values) {
  if (values.empty()) {
    return 0;
  }
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) {
    return values[middle];
  }
  return (values[middle - 1] + values[middle]) / 2;
}

Status CheckReason(const std::string& reason) {
  if (reason.empty()) {
    return Status::Invalid("reason", Code::kRequired, "reason is required");
  }
  if (reason.size() > kMaxReason) {
    return Status::Invalid("reason", Code::kInvalidValue, "reason must be at most 500 bytes");
  }
  return Status::Ok();
}

void Stamp(CustomerProfile& profile, const Actor& actor) {
  profile.version += 1;
  profile.updated_at = actor.at;
  profile.updated_by = actor.name;
}

// A refusal: the order was rejected in review, or its parcel was refused at the door (the
// cancellation that follows names it).
bool IsRefusal(const Order& order) {
  return order.close_reason.rfind("rejected:", 0) == 0 ||
         order.close_reason.find("refused") != std::string::npos;
}

}  // namespace

std::string_view CreditLevelName(CreditLevel level) {
  return Name(level);
}

std::optional<CreditLevel> ParseCreditLevel(std::string_view text) {
  return ParseEnum<CreditLevel>(text);
}

const std::vector<std::string>& ComplaintCategories() {
  static const std::vector<std::string> kCategories = {"delivery",   "quality", "service",
                                                       "wrong_item", "fraud",   "other"};
  return kCategories;
}

CustomerHistory SummarizeHistory(const std::vector<Order>& orders,
                                 std::string_view exclude_order_no) {
  CustomerHistory history;
  std::vector<int64_t> totals;
  std::map<std::string, std::vector<int64_t>> quantities;
  for (const Order& order : orders) {
    if (order.order_no == exclude_order_no) {
      continue;
    }
    history.orders_placed += 1;
    if (order.status == OrderStatus::kCompleted) {
      history.orders_completed += 1;
    }
    if (IsRefusal(order)) {
      history.refusals += 1;
    }
    if (order.refunded_amount > 0) {
      history.refunds += 1;
      history.refunded_amount += order.refunded_amount;
    }
    if (!history.first_order_at || order.created_at < *history.first_order_at) {
      history.first_order_at = order.created_at;
    }
    if (!history.last_order_at || order.created_at > *history.last_order_at) {
      history.last_order_at = order.created_at;
    }
    totals.push_back(order.total_amount);
    for (const OrderLine& line : order.lines) {
      quantities[line.sku].push_back(line.quantity);
    }
  }
  history.usual_amount = Median(std::move(totals));
  for (auto& [sku, values] : quantities) {
    history.usual_quantity[sku] = Median(std::move(values));
  }
  return history;
}

CustomerProfile NewProfile(const Customer& customer, const Actor& actor) {
  CustomerProfile profile;
  profile.member_id = customer.member_id;
  profile.name = customer.name;
  profile.phone = customer.phone;
  profile.created_at = actor.at;
  profile.updated_at = actor.at;
  profile.updated_by = actor.name;
  return profile;
}

Status Blacklist(CustomerProfile& profile, const std::string& reason, const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CheckReason(reason));
  if (profile.blacklisted) {
    return Status::Conflict(Code::kAlreadyExists,
                            "customer " + profile.member_id + " is already blacklisted");
  }
  profile.blacklisted = true;
  profile.blacklist_reason = reason;
  profile.blacklisted_by = actor.name;
  profile.blacklisted_at = actor.at;
  Stamp(profile, actor);
  return Status::Ok();
}

Status Unblacklist(CustomerProfile& profile, const std::string& reason, const Actor& actor) {
  ORDO_RETURN_IF_ERROR(CheckReason(reason));
  if (!profile.blacklisted) {
    return Status::Conflict(Code::kInvalidValue,
                            "customer " + profile.member_id + " is not blacklisted");
  }
  profile.blacklisted = false;
  profile.blacklist_reason = reason;
  profile.blacklisted_by = actor.name;
  profile.blacklisted_at = actor.at;
  Stamp(profile, actor);
  return Status::Ok();
}

Status ApplyCustomerPatch(CustomerProfile& profile, const CustomerPatch& patch,
                          const Actor& actor) {
  if (!patch.credit_level && !patch.high_risk) {
    return Status::Invalid("credit_level", Code::kRequired,
                           "credit_level or high_risk is required");
  }
  ORDO_RETURN_IF_ERROR(CheckReason(patch.reason));
  if (patch.credit_level) {
    profile.credit_level = *patch.credit_level;
  }
  if (patch.high_risk) {
    profile.high_risk = *patch.high_risk;
    profile.high_risk_reason = *patch.high_risk ? patch.reason : "";
  }
  Stamp(profile, actor);
  return Status::Ok();
}

Status ValidateComplaint(const Complaint& complaint) {
  std::vector<FieldError> errors;
  const auto& categories = ComplaintCategories();
  if (complaint.category.empty()) {
    errors.push_back({"category", Code::kRequired, "category is required"});
  } else if (std::find(categories.begin(), categories.end(), complaint.category) ==
             categories.end()) {
    errors.push_back({"category", Code::kInvalidValue,
                      "category must be delivery, quality, service, wrong_item, fraud or other"});
  }
  if (complaint.note.empty()) {
    errors.push_back({"note", Code::kRequired, "note is required"});
  } else if (complaint.note.size() > kMaxNote) {
    errors.push_back({"note", Code::kInvalidValue, "note must be at most 2000 bytes"});
  }
  if (complaint.order_no.size() > 40) {
    errors.push_back({"order_no", Code::kInvalidValue, "order_no is too long"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return Status::Ok();
}

}  // namespace ordo
