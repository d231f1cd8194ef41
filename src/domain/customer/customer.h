// Customers (domain.md REV-1): who orders, what their history says about them, and the staff's
// judgement of them (credit level, high risk, blacklist). The profile is what staff record; the
// history is computed from the customer's orders when it is needed (review, the profile page),
// so intake never pays for keeping counters up to date.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"
#include "domain/order/order.h"

namespace ordo {

// The staff's credit judgement, best first. "low" counts as a risk signal in review.
enum class CreditLevel { kGood, kNormal, kLow };

inline constexpr EnumName<CreditLevel> kCreditLevelNames[] = {
    {CreditLevel::kGood, "good"},
    {CreditLevel::kNormal, "normal"},
    {CreditLevel::kLow, "low"},
};
constexpr std::span<const EnumName<CreditLevel>> EnumNames(CreditLevel) {
  return kCreditLevelNames;
}
static_assert(IsNameTable(kCreditLevelNames));
std::string_view CreditLevelName(CreditLevel level);
std::optional<CreditLevel> ParseCreditLevel(std::string_view text);

struct CustomerProfile {
  std::string member_id;
  // Personal data: sealed at rest, masked in responses unless pii:read, never audited. The
  // latest the customer gave with an order.
  std::string name;
  std::string phone;
  CreditLevel credit_level = CreditLevel::kNormal;
  bool high_risk = false;
  std::string high_risk_reason;
  bool blacklisted = false;
  std::string blacklist_reason;
  std::string blacklisted_by;
  std::optional<Timestamp> blacklisted_at;
  int64_t complaints = 0;  // complaints recorded against the customer
  int64_t version = 1;
  Timestamp created_at;
  Timestamp updated_at;
  std::string updated_by;
};

// An order's contact that matches a blacklisted customer's (REV-1): the same person under another
// member id, or none. `matched` is "phone" or "address"; the contact itself is never kept here.
struct BlacklistMatch {
  std::string member_id;
  std::string matched;
  std::string reason;  // the customer's blacklist reason
};

// A complaint (CS-1) recorded against a customer, optionally about one of their orders.
struct Complaint {
  int64_t id = 0;
  std::string member_id;
  std::string order_no;  // may be empty
  std::string category;  // one of ComplaintCategories()
  std::string note;      // may name people: sealed at rest, never audited
  Timestamp at;
  std::string created_by;
};
const std::vector<std::string>& ComplaintCategories();

// What the customer's past orders say, computed by SummarizeHistory.
struct CustomerHistory {
  int64_t orders_placed = 0;
  int64_t orders_completed = 0;
  // Orders the customer refused: rejected in review, or a parcel refused at the door.
  int64_t refusals = 0;
  int64_t refunds = 0;          // orders with money given back
  int64_t refunded_amount = 0;  // fen
  std::optional<Timestamp> first_order_at;
  std::optional<Timestamp> last_order_at;
  // The median total of the past orders (0 without history): a median, not a mean, so that one
  // odd order does not move what counts as usual.
  int64_t usual_amount = 0;
  // Per SKU, the median quantity ordered in the past orders holding it.
  std::map<std::string, int64_t> usual_quantity;
};

// The history of `orders` (the customer's past orders; an order numbered `exclude_order_no`,
// the one under review, is left out).
CustomerHistory SummarizeHistory(const std::vector<Order>& orders,
                                 std::string_view exclude_order_no);

// A new profile for `member_id` with the contact details of `customer`.
CustomerProfile NewProfile(const Customer& customer, const Actor& actor);

// Each refuses bad input with kInvalid naming the field; otherwise changes the profile, moves
// its version on and stamps the actor and time.
// reason: 1-500 bytes. Blacklisting a blacklisted customer is kConflict (already_exists).
Status Blacklist(CustomerProfile& profile, const std::string& reason, const Actor& actor);
// reason: 1-500 bytes. kConflict (invalid_value) when the customer is not blacklisted.
Status Unblacklist(CustomerProfile& profile, const std::string& reason, const Actor& actor);

// A PATCH of the staff's judgement: absent members stay as they are. A change of high_risk
// needs a reason (1-500 bytes); so does a change of credit level.
struct CustomerPatch {
  std::optional<CreditLevel> credit_level;
  std::optional<bool> high_risk;
  std::string reason;
};
Status ApplyCustomerPatch(CustomerProfile& profile, const CustomerPatch& patch, const Actor& actor);

// category one of ComplaintCategories(); note 1-2000 bytes; order_no at most 40 bytes.
Status ValidateComplaint(const Complaint& complaint);

}  // namespace ordo
