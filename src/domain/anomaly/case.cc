#include "domain/anomaly/case.h"

#include <algorithm>
#include <array>

namespace ordo {
namespace {

constexpr size_t kMaxText = 2000;

using V = CaseSeverity;

constexpr unsigned kEnded = kGoneWhenEnded;
constexpr std::string_view kReview = "customer_service operations";
constexpr std::string_view kMoney = "finance";

const std::vector<CaseType> kTypes = {
    {"weight_mismatch", V::kMedium, true,
     "The packed parcel's weight is outside the tolerance of its goods' and packaging's weight "
     "(FUL-5); the order is held until the parcel is weighed again within it, or the case is "
     "closed.",
     "warehouse operations", kEnded, "orders:fulfil"},
    {"verification_mismatch", V::kMedium, false,
     "The scans of a parcel did not match its contents (missing, extra or wrong quantity); "
     "packing waits for a correct scan.",
     "warehouse operations", kGoneWhenShipped | kEnded, "orders:fulfil"},
    {"ship_time_limit_breached", V::kMedium, false,
     "The order was not shipped by its ship-by deadline (FUL-2); names the late stage.",
     "operations warehouse customer_service logistics", kGoneWhenShipped | kEnded},
    {"logistics_lost", V::kHigh, true, "The carrier reports the parcel lost (LOG-3).",
     "logistics customer_service", kEnded},
    {"logistics_damaged", V::kHigh, true, "The carrier reports the parcel damaged (LOG-3).",
     "logistics customer_service", kEnded},
    {"logistics_delayed", V::kLow, false, "The carrier reports the parcel delayed (LOG-3).",
     "logistics customer_service", kGoneWhenDelivered | kEnded},
    {"logistics_refused", V::kMedium, false, "The consignee refused the parcel (LOG-3).",
     "logistics customer_service", kEnded},
    {"logistics_undeliverable", V::kMedium, false,
     "The carrier could not deliver the parcel (LOG-3).", "logistics customer_service", kEnded},
    {"delivery_too_long", V::kMedium, false,
     "The parcel has not been delivered within the promised delivery time of its shipping "
     "service (EXC-1); customer service checks with the carrier and the customer.",
     "logistics customer_service", kGoneWhenDelivered | kEnded},
    // Automatic review (REV-1, REV-3; domain/anomaly/rules/): any of these keeps the order in
    // the manual review queue; the blocking ones also refuse its approval until closed.
    {"blacklisted_customer", V::kHigh, true, "The customer is on the blacklist (REV-1).", kReview,
     kEnded},
    {"high_risk_customer", V::kHigh, true,
     "The customer is marked high risk, has a low credit level or many refused orders.", kReview,
     kEnded},
    {"new_customer_incomplete", V::kLow, false,
     "A first order from a customer whose registration is incomplete (REV-1).", kReview, kEnded},
    {"amount_too_large", V::kMedium, true,
     "The total is above the limit, or far above the customer's or the channel's usual.", kReview,
     kEnded},
    {"quantity_surge", V::kMedium, true,
     "A line orders many times the customer's usual quantity of its SKU.", kReview, kEnded},
    {"step_mismatch", V::kLow, false,
     "A line's quantity is not a multiple of its SKU's ordering step.", kReview, kEnded},
    {"price_overridden", V::kMedium, false,
     "A line's price was set by hand instead of the catalogue's; a reviewer confirms it.", kReview,
     kEnded},
    {"probable_duplicate_order", V::kMedium, true,
     "The same customer ordered the same items a short while before.", kReview, kEnded},
    {"address_incomplete", V::kMedium, true,
     "The delivery address is incomplete or a placeholder; confirm it with the customer.", kReview,
     kEnded},
    {"invalid_phone", V::kMedium, false, "A phone number looks made up.", kReview, kEnded},
    {"cod_not_reconfirmed", V::kMedium, false,
     "A cash-on-delivery order not yet re-confirmed with the customer (REV-2).", kReview, kEnded},
    // Payments as the providers report them (REV-2, domain/payment/payment.h).
    {"payment_failed", V::kLow, false,
     "A payment attempt of an unpaid order failed; the customer may need help paying.",
     "finance customer_service", kGoneWhenPaid | kEnded},
    {"payment_amount_mismatch", V::kHigh, true,
     "A short payment is held for the balance: the order waits until the rest is paid, or is "
     "refunded when it closes.",
     kMoney, kGoneWhenPaid | kEnded},
    {"duplicate_payment", V::kMedium, false,
     "An already-paid order was paid again; the extra payment is refunded automatically.", kMoney,
     kNeverGone},
    {"payment_after_close", V::kMedium, false,
     "A payment arrived after the order had ended (closed or cancelled); it is refunded "
     "automatically.",
     kMoney, kNeverGone},
    {"payment_overpaid", V::kLow, false,
     "A payment above the amount due; the difference is refunded automatically.", kMoney,
     kNeverGone},
    {"refund_failed", V::kHigh, false,
     "The provider refused a refund's payout; it is still owed and finance pays it out again.",
     kMoney, kNeverGone},
};

Status Closed(const AbnormalCase& abnormal) {
  return Status::Conflict(Code::kCaseClosed, "case " + std::to_string(abnormal.id) + " is " +
                                                 std::string(CaseStatusName(abnormal.status)));
}

void Check(std::vector<FieldError>& errors, const char* field, const std::string& value,
           bool required) {
  if (required && value.empty()) {
    errors.push_back({field, Code::kRequired, std::string(field) + " is required"});
  } else if (value.size() > kMaxText) {
    errors.push_back({field, Code::kInvalidValue, std::string(field) + " is too long"});
  }
}

void Close(AbnormalCase& abnormal, CaseStatus status, const Actor& actor) {
  abnormal.status = status;
  abnormal.updated_at = actor.at;
  abnormal.updated_by = actor.name;
  abnormal.closed_at = actor.at;
  abnormal.closed_by = actor.name;
}

OrderEvent HoldEvent(Order& order, const char* type, const AbnormalCase& abnormal,
                     const Actor& actor) {
  order.version += 1;
  order.updated_at = actor.at;
  OrderEvent event;
  event.type = type;
  event.at = actor.at;
  event.actor = actor.name;
  event.details = {{"case_id", std::to_string(abnormal.id)}, {"case_type", abnormal.type}};
  return event;
}

}  // namespace

std::string_view CaseSeverityName(CaseSeverity severity) {
  return Name(severity);
}

std::string_view CaseStatusName(CaseStatus status) {
  return Name(status);
}

std::optional<CaseStatus> ParseCaseStatus(std::string_view text) {
  return ParseEnum<CaseStatus>(text);
}

bool IsClosed(CaseStatus status) {
  return status == CaseStatus::kResolved || status == CaseStatus::kDismissed;
}

std::string_view HandlingDepartment(const CaseType& type) {
  return type.handlers.substr(0, type.handlers.find(' '));
}

bool MayHandle(const CaseType& type, std::string_view role) {
  if (role == "admin" || role == "supervisor") {
    return true;
  }
  std::string_view rest = type.handlers;
  while (!rest.empty()) {
    const size_t end = rest.find(' ');
    if (rest.substr(0, end) == role) {
      return true;
    }
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return false;
}

const std::vector<CaseType>& CaseTypes() {
  return kTypes;
}

const CaseType* FindCaseType(std::string_view name) {
  for (const CaseType& type : kTypes) {
    if (type.name == name) {
      return &type;
    }
  }
  return nullptr;
}

AbnormalCase OpenCase(const CaseType& type, std::string order_no, std::string subject,
                      std::string explanation, CaseDetails details, const Actor& actor) {
  AbnormalCase abnormal;
  abnormal.order_no = std::move(order_no);
  abnormal.type = std::string(type.name);
  abnormal.subject = std::move(subject);
  abnormal.severity = type.severity;
  abnormal.blocking = type.blocking;
  abnormal.explanation = std::move(explanation);
  abnormal.details = std::move(details);
  abnormal.opened_at = actor.at;
  abnormal.opened_by = actor.name;
  abnormal.updated_at = actor.at;
  abnormal.updated_by = actor.name;
  return abnormal;
}

Status AssignCase(AbnormalCase& abnormal, const std::string& assignee, const Actor& actor) {
  if (IsClosed(abnormal.status)) {
    return Closed(abnormal);
  }
  if (assignee.empty()) {
    return Status::Invalid("assignee", Code::kRequired, "assignee is required");
  }
  if (assignee.size() > 100) {
    return Status::Invalid("assignee", Code::kInvalidValue, "assignee is too long");
  }
  abnormal.status = CaseStatus::kAssigned;
  abnormal.assignee = assignee;
  abnormal.updated_at = actor.at;
  abnormal.updated_by = actor.name;
  return Status::Ok();
}

Status ResolveCase(AbnormalCase& abnormal, const std::string& resolution,
                   const std::string& root_cause, const std::string& improvement,
                   const Actor& actor) {
  if (IsClosed(abnormal.status)) {
    return Closed(abnormal);
  }
  std::vector<FieldError> errors;
  Check(errors, "resolution", resolution, true);
  Check(errors, "root_cause", root_cause, true);
  Check(errors, "improvement", improvement, false);
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  abnormal.resolution = resolution;
  abnormal.root_cause = root_cause;
  abnormal.improvement = improvement;
  Close(abnormal, CaseStatus::kResolved, actor);
  return Status::Ok();
}

Status DismissCase(AbnormalCase& abnormal, const std::string& reason, const Actor& actor) {
  if (IsClosed(abnormal.status)) {
    return Closed(abnormal);
  }
  std::vector<FieldError> errors;
  Check(errors, "reason", reason, true);
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  abnormal.resolution = reason;
  Close(abnormal, CaseStatus::kDismissed, actor);
  return Status::Ok();
}

OrderEvent PlaceHold(Order& order, const AbnormalCase& abnormal, const Actor& actor) {
  ORDO_ASSERT(abnormal.id > 0 && abnormal.blocking);
  if (std::find(order.holds.begin(), order.holds.end(), abnormal.id) == order.holds.end()) {
    order.holds.push_back(abnormal.id);
  }
  return HoldEvent(order, "hold_placed", abnormal, actor);
}

std::optional<OrderEvent> ReleaseHold(Order& order, const AbnormalCase& abnormal,
                                      const Actor& actor) {
  auto it = std::find(order.holds.begin(), order.holds.end(), abnormal.id);
  if (it == order.holds.end()) {
    return std::nullopt;
  }
  order.holds.erase(it);
  return HoldEvent(order, "hold_released", abnormal, actor);
}

}  // namespace ordo
