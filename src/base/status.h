// Status and Result<T>: expected failures as values.
//
// Every refusal in Ordo carries a stable snake_case `Code` (listed once, below, in a fixed order)
// and a `Kind` that says which family of failure it is; the HTTP layer maps the kind to a status
// code and surfaces the code unchanged. Bugs are assertions (see assert.h), never a Status.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/assert.h"
#include "base/enum_names.h"

namespace ordo {

// The family of a failure. The HTTP mapping is in http/problem.cc.
enum class Kind {
  kOk,
  kMalformed,           // The request could not be parsed (HTTP 400).
  kUnauthenticated,     // No or bad credentials (401).
  kForbidden,           // The caller may not do this (403).
  kNotFound,            // The thing named does not exist (404).
  kConflict,            // The request is valid but the current state refuses it (409).
  kPreconditionFailed,  // An If-Match no longer matches (412).
  kInvalid,             // Validation failed (422).
  kUnavailable,         // The store is unreachable or shutting down (503).
  kInternal,            // A fault that is not the caller's (500).
};

// Every stable error code, in documented order. New codes are appended; none is ever renamed.
#define ORDO_CODES(X)                                            \
  X(kOk, "ok")                                                   \
  X(kMalformedJson, "malformed_json")                            \
  X(kMalformedRequest, "malformed_request")                      \
  X(kUnauthenticated, "unauthenticated")                         \
  X(kForbidden, "forbidden")                                     \
  X(kNotFound, "not_found")                                      \
  X(kValidationFailed, "validation_failed")                      \
  X(kRequired, "required")                                       \
  X(kInvalidValue, "invalid_value")                              \
  X(kInvalidPhone, "invalid_phone")                              \
  X(kAddressIncomplete, "address_incomplete")                    \
  X(kUnknownSku, "unknown_sku")                                  \
  X(kSkuNotSellable, "sku_not_sellable")                         \
  X(kQuantityBelowMinimum, "quantity_below_minimum")             \
  X(kQuantityNotMultipleOfStep, "quantity_not_multiple_of_step") \
  X(kPriceMismatch, "price_mismatch")                            \
  X(kTotalMismatch, "total_mismatch")                            \
  X(kDuplicateLine, "duplicate_line")                            \
  X(kUnknownWarehouse, "unknown_warehouse")                      \
  X(kAlreadyExists, "already_exists")                            \
  X(kIllegalTransition, "illegal_transition")                    \
  X(kBackordered, "backordered")                                 \
  X(kPaymentAmountMismatch, "payment_amount_mismatch")           \
  X(kCurrencyMismatch, "currency_mismatch")                      \
  X(kIdempotencyKeyReused, "idempotency_key_reused")             \
  X(kVersionMismatch, "version_mismatch")                        \
  X(kInsufficientStock, "insufficient_stock")                    \
  X(kOrderOnHold, "order_on_hold")                               \
  X(kChangeNotAllowed, "change_not_allowed")                     \
  X(kUnavailable, "unavailable")                                 \
  X(kInternal, "internal_error")                                 \
  X(kAccountLocked, "account_locked")                            \
  X(kSelfApproval, "self_approval")                              \
  X(kAlreadyDecided, "already_decided")                          \
  X(kRefundOwed, "refund_owed")                                  \
  X(kRefundAwaitingApproval, "refund_awaiting_approval")         \
  X(kUnknownViolation, "unknown_violation")                      \
  X(kVerificationMismatch, "verification_mismatch")              \
  X(kCaseClosed, "case_closed")                                  \
  X(kUnknownSetting, "unknown_setting")                          \
  X(kInvalidSignature, "invalid_signature")                      \
  X(kNoEligibleCarrier, "no_eligible_carrier")                   \
  X(kNotVerified, "not_verified")                                \
  X(kNothingToWave, "nothing_to_wave")                           \
  X(kNothingMissing, "nothing_missing")                          \
  X(kNothingToShip, "nothing_to_ship")                           \
  X(kNotPaid, "not_paid")                                        \
  X(kRefundExceedsPayment, "refund_exceeds_payment")             \
  X(kNotInStocktake, "not_in_stocktake")                         \
  X(kStocktakeIncomplete, "stocktake_incomplete")                \
  X(kStocktakeBelowReserved, "stocktake_below_reserved")         \
  X(kAfterSalesBeforeShipment, "after_sales_before_shipment")    \
  X(kAfterSalesWindowExpired, "after_sales_window_expired")      \
  X(kQuantityExceedsShipped, "quantity_exceeds_shipped")         \
  X(kAmountExceedsRefundable, "amount_exceeds_refundable")       \
  X(kCodNotConfirmed, "cod_not_confirmed")                       \
  X(kUnknownProvider, "unknown_provider")                        \
  X(kPreconditionRequired, "precondition_required")              \
  X(kNoWaybillNumbers, "no_waybill_numbers")                     \
  X(kWaybillPending, "waybill_pending")                          \
  X(kUnknownCarrier, "unknown_carrier")                          \
  X(kPaymentDue, "payment_due")                                  \
  X(kFinanceApprovalRequired, "finance_approval_required")       \
  X(kPossibleDuplicateRequest, "possible_duplicate_request")     \
  X(kAssigneeNotAllowed, "assignee_not_allowed")                 \
  X(kWeakPassword, "weak_password")                              \
  X(kTooManyRequests, "too_many_requests")                       \
  X(kCrossSiteRequest, "cross_site_request")                     \
  X(kOwnDepartment, "own_department")                            \
  X(kNotDepartmentHead, "not_department_head")                   \
  X(kNoAccessGrant, "no_access_grant")                           \
  X(kNotDueForDestruction, "not_due_for_destruction")            \
  X(kDocumentDestroyed, "document_destroyed")

enum class Code {
#define ORDO_CODE_ENUM(name, text) name,
  ORDO_CODES(ORDO_CODE_ENUM)
#undef ORDO_CODE_ENUM
};

inline constexpr EnumName<Code> kCodeNames[] = {
#define ORDO_CODE_NAME(name, text) {Code::name, text},
    ORDO_CODES(ORDO_CODE_NAME)
#undef ORDO_CODE_NAME
};
constexpr std::span<const EnumName<Code>> EnumNames(Code) {
  return kCodeNames;
}
static_assert(IsNameTable(kCodeNames));

// The snake_case text of `code`, as sent to API clients.
std::string_view CodeName(Code code);
// The code whose text is `name`, or nullopt.
std::optional<Code> ParseCodeName(std::string_view name);
// Every code in documented order (for the OpenAPI document).
const std::vector<Code>& AllCodes();

// One field at fault, named by its JSON path (e.g. "consignee.address.detail", "lines[1].sku").
struct FieldError {
  std::string field;
  Code code;
  std::string message;
};

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  Status(Kind kind, Code code, std::string message)
      : kind_(kind), code_(code), message_(std::move(message)) {}

  static Status Invalid(std::vector<FieldError> errors);
  static Status Invalid(std::string field, Code code, std::string message);
  static Status Conflict(Code code, std::string message) {
    return Status(Kind::kConflict, code, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(Kind::kNotFound, Code::kNotFound, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(Kind::kInternal, Code::kInternal, std::move(message));
  }
  static Status Unavailable(std::string message) {
    return Status(Kind::kUnavailable, Code::kUnavailable, std::move(message));
  }

  bool ok() const { return kind_ == Kind::kOk; }
  Kind kind() const { return kind_; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& field_errors() const { return field_errors_; }
  std::string ToString() const;

 private:
  Kind kind_ = Kind::kOk;
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldError> field_errors_;
};

// A value or the Status that explains its absence. Never holds an ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design.
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    ORDO_ASSERT(!std::get<Status>(state_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(state_);
  }
  T& value() & {
    ORDO_ASSERT(ok());
    return std::get<T>(state_);
  }
  const T& value() const& {
    ORDO_ASSERT(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    ORDO_ASSERT(ok());
    return std::get<T>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> state_;
};

#define ORDO_CONCAT_INNER(a, b) a##b
#define ORDO_CONCAT(a, b) ORDO_CONCAT_INNER(a, b)

// Returns early from the enclosing function when `expr` (a Status) is not ok.
#define ORDO_RETURN_IF_ERROR(expr)      \
  do {                                  \
    ::ordo::Status ordo_status_ = (expr); \
    if (!ordo_status_.ok()) {           \
      return ordo_status_;              \
    }                                   \
  } while (false)

// Declares `lhs` from a Result expression, returning its Status early on failure.
#define ORDO_ASSIGN_OR_RETURN(lhs, expr) \
  ORDO_ASSIGN_OR_RETURN_IMPL(ORDO_CONCAT(ordo_result_, __LINE__), lhs, expr)
#define ORDO_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) {                                 \
    return tmp.status();                           \
  }                                                \
  lhs = std::move(tmp).value()

}  // namespace ordo
