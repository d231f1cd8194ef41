// Automatic review (domain.md REV-1, REV-3, EXC-1): what the detection rules look at, and what
// they report. Pure: the caller (app/review.cc) loads everything first, then the rules decide.
//
// A rule is a function of the ReviewContext returning zero or more hits. Each hit names its rule
// (which is also the abnormal-case type it opens, domain/anomaly/case.h), the part of the order
// it is about (the case subject: "" for the whole order, "sku:TEA-001" for a line, …), the
// observed values and thresholds as details, and an explanation in words for the reviewer.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/anomaly/case.h"
#include "domain/catalog/catalog.h"
#include "domain/customer/customer.h"
#include "domain/order/order.h"

namespace ordo {

// The configurable thresholds (domain/settings/settings.h), with the same defaults.
struct ReviewThresholds {
  int64_t amount_too_large_amount = 500000;  // fen, absolute
  int64_t usual_amount_factor = 5;           // × the customer's or the channel's usual amount
  int64_t quantity_surge_factor = 5;         // × the customer's usual quantity of a SKU
  int64_t duplicate_order_window_minutes = 30;
  int64_t high_risk_refusal_count = 3;  // refusals that make a customer high risk
};

// A customer's usual amount counts once they have this many past orders, so that the first
// few orders are not judged against one or two data points.
constexpr int64_t kMinOrdersForUsual = 3;

struct ReviewContext {
  const Order* order = nullptr;              // the order under review; never null
  const CustomerProfile* profile = nullptr;  // null: no profile recorded yet
  // Blacklisted customers whose phone or address the order shares (another member id, or none).
  std::vector<BlacklistMatch> blacklist_matches;
  CustomerHistory history;                   // the customer's other orders, summarised
  // The customer's other recent orders (for the duplicate check), newest first.
  std::vector<Order> recent_orders;
  std::map<std::string, Sku> skus;  // the catalogue entries of the order's SKUs, by code
  // The median total of the channel's recent orders; 0 when there are too few to tell.
  int64_t channel_usual_amount = 0;
  ReviewThresholds thresholds;
};

struct RuleHit {
  std::string rule;     // the rule's name, which is its case type
  std::string subject;  // what within the order; "" for the whole order
  std::string explanation;
  CaseDetails details;  // "observed_amount", "threshold_amount", …
};

using RuleCheck = std::vector<RuleHit> (*)(const ReviewContext& context);

struct ReviewRule {
  std::string_view name;
  RuleCheck check;
};

// Every rule, in the order they run (and report). Each name is a known case type.
const std::vector<ReviewRule>& ReviewRules();
// Runs every rule of ReviewRules() on `context`: the hits, in rule order.
std::vector<RuleHit> RunReviewRules(const ReviewContext& context);

// The rules, one file each (rules/<name>.cc).
std::vector<RuleHit> CheckAmountTooLarge(const ReviewContext& context);
std::vector<RuleHit> CheckQuantitySurge(const ReviewContext& context);
std::vector<RuleHit> CheckStepMismatch(const ReviewContext& context);
std::vector<RuleHit> CheckPriceOverridden(const ReviewContext& context);
std::vector<RuleHit> CheckProbableDuplicateOrder(const ReviewContext& context);
std::vector<RuleHit> CheckAddressIncomplete(const ReviewContext& context);
std::vector<RuleHit> CheckInvalidPhone(const ReviewContext& context);
std::vector<RuleHit> CheckBlacklistedCustomer(const ReviewContext& context);
std::vector<RuleHit> CheckHighRiskCustomer(const ReviewContext& context);
std::vector<RuleHit> CheckNewCustomerIncomplete(const ReviewContext& context);
std::vector<RuleHit> CheckPaymentAmountMismatch(const ReviewContext& context);
std::vector<RuleHit> CheckDuplicatePayment(const ReviewContext& context);
std::vector<RuleHit> CheckCodNotReconfirmed(const ReviewContext& context);

// Fen as yuan for explanations: 123456 → "1234.56".
std::string FormatYuan(int64_t amount);

}  // namespace ordo
