#include "domain/order/status.h"

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <utility>

#include "domain/order/status_test_values.h"

namespace ordo {
namespace {

using S = OrderStatus;
using T = Transition;

using testing_values::kAllStatuses;
using testing_values::kAllTransitions;

constexpr PaymentStatus kAllPaymentStatuses[] = {PaymentStatus::kUnpaid,
                                                 PaymentStatus::kPaid,
                                                 PaymentStatus::kCodPending,
                                                 PaymentStatus::kCodCollected,
                                                 PaymentStatus::kPartiallyRefunded,
                                                 PaymentStatus::kRefunded};

// The life cycle of domain.md §12, written out independently of status.cc so that a change to
// the table shows up here as a deliberate edit.
std::optional<S> Expected(S from, T transition) {
  switch (transition) {
    case T::kConfirmPayment:
      return from == S::kPendingPayment ? std::optional(S::kPendingReview) : std::nullopt;
    case T::kApprove:
      return from == S::kPendingReview ? std::optional(S::kAwaitingFulfillment) : std::nullopt;
    case T::kReject:
      return from == S::kPendingReview ? std::optional(S::kClosed) : std::nullopt;
    case T::kStartPicking:
      return from == S::kAwaitingFulfillment ? std::optional(S::kPicking) : std::nullopt;
    case T::kPack:
      return from == S::kPicking ? std::optional(S::kPacked) : std::nullopt;
    case T::kShip:
      return from == S::kPacked ? std::optional(S::kShipped) : std::nullopt;
    case T::kDeliver:
      return from == S::kShipped ? std::optional(S::kDelivered) : std::nullopt;
    case T::kComplete:
      return from == S::kDelivered ? std::optional(S::kCompleted) : std::nullopt;
    case T::kCloseUnpaid:
      // Unpaid (online or cash on delivery) orders may be closed at any point before shipment.
      if (from == S::kPendingPayment || from == S::kPendingReview ||
          from == S::kAwaitingFulfillment || from == S::kPicking || from == S::kPacked) {
        return S::kClosed;
      }
      return std::nullopt;
    case T::kCancel:
      // Paid orders may be cancelled after payment and before shipment.
      if (from == S::kPendingReview || from == S::kAwaitingFulfillment || from == S::kPicking ||
          from == S::kPacked) {
        return S::kCancelled;
      }
      return std::nullopt;
    case T::kCloseAfterShipment:
      // Every parcel came back undelivered, or the order was refunded in full.
      if (from == S::kShipped || from == S::kDelivered) {
        return S::kClosed;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

TEST(TransitionTable, NextStatusMatchesTheLifeCycleForEveryStatusAndTransition) {
  int legal = 0;
  for (S from : kAllStatuses) {
    for (T transition : kAllTransitions) {
      SCOPED_TRACE(std::string(StatusName(from)) + " --" + std::string(TransitionName(transition)) +
                   "-->");
      const std::optional<S> expected = Expected(from, transition);
      const std::optional<S> actual = NextStatus(from, transition);
      ASSERT_EQ(actual.has_value(), expected.has_value());
      if (expected) {
        EXPECT_EQ(*actual, *expected);
        ++legal;
      }
    }
  }
  EXPECT_EQ(legal, 19);
}

TEST(TransitionTable, EveryRuleIsWhatNextStatusReturns) {
  for (const TransitionRule& rule : TransitionTable()) {
    const std::optional<S> next = NextStatus(rule.from, rule.transition);
    ASSERT_TRUE(next.has_value());
    EXPECT_EQ(*next, rule.to);
  }
  EXPECT_EQ(TransitionTable().size(), 19u);
}

TEST(TransitionTable, NoStatusHasTwoRulesForTheSameTransition) {
  std::set<std::pair<int, int>> seen;
  for (const TransitionRule& rule : TransitionTable()) {
    const bool inserted =
        seen.insert({static_cast<int>(rule.from), static_cast<int>(rule.transition)}).second;
    EXPECT_TRUE(inserted) << StatusName(rule.from) << " " << TransitionName(rule.transition);
  }
}

TEST(TransitionTable, NothingLeavesATerminalStatus) {
  for (S from : kAllStatuses) {
    if (!IsTerminal(from)) {
      continue;
    }
    for (T transition : kAllTransitions) {
      EXPECT_FALSE(NextStatus(from, transition).has_value())
          << StatusName(from) << " " << TransitionName(transition);
    }
  }
}

TEST(TransitionTable, ShippedAndDeliveredAreClosedOnlyAfterShipment) {
  for (S from : {S::kShipped, S::kDelivered}) {
    EXPECT_FALSE(NextStatus(from, T::kCancel).has_value()) << StatusName(from);
    EXPECT_FALSE(NextStatus(from, T::kCloseUnpaid).has_value()) << StatusName(from);
    EXPECT_EQ(NextStatus(from, T::kCloseAfterShipment), S::kClosed) << StatusName(from);
  }
}

TEST(TransitionTable, EveryStatusIsReachableFromAnEntryStatus) {
  std::set<S> reached = {S::kPendingPayment, S::kPendingReview};
  bool grew = true;
  while (grew) {
    grew = false;
    for (const TransitionRule& rule : TransitionTable()) {
      if (reached.count(rule.from) != 0 && reached.insert(rule.to).second) {
        grew = true;
      }
    }
  }
  for (S status : kAllStatuses) {
    EXPECT_EQ(reached.count(status), 1u) << StatusName(status);
  }
}

TEST(TransitionTable, OnlyCompletedCancelledAndClosedAreTerminal) {
  for (S status : kAllStatuses) {
    const bool terminal =
        status == S::kCompleted || status == S::kCancelled || status == S::kClosed;
    EXPECT_EQ(IsTerminal(status), terminal) << StatusName(status);
  }
}

TEST(StatusName, EveryStatusRoundTripsThroughItsName) {
  std::set<std::string> names;
  for (S status : kAllStatuses) {
    const std::string_view name = StatusName(status);
    EXPECT_FALSE(name.empty());
    names.insert(std::string(name));
    const std::optional<S> parsed = ParseStatus(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, status) << name;
  }
  EXPECT_EQ(names.size(), std::size(kAllStatuses));
}

TEST(StatusName, NamesAreTheDocumentedSnakeCase) {
  EXPECT_EQ(StatusName(S::kPendingPayment), "pending_payment");
  EXPECT_EQ(StatusName(S::kPendingReview), "pending_review");
  EXPECT_EQ(StatusName(S::kAwaitingFulfillment), "awaiting_fulfillment");
  EXPECT_EQ(StatusName(S::kPicking), "picking");
  EXPECT_EQ(StatusName(S::kPacked), "packed");
  EXPECT_EQ(StatusName(S::kShipped), "shipped");
  EXPECT_EQ(StatusName(S::kDelivered), "delivered");
  EXPECT_EQ(StatusName(S::kCompleted), "completed");
  EXPECT_EQ(StatusName(S::kCancelled), "cancelled");
  EXPECT_EQ(StatusName(S::kClosed), "closed");
}

TEST(StatusName, UnknownTextDoesNotParse) {
  for (std::string_view text : {"", "PENDING_PAYMENT", "pending payment", "pending_payment ",
                                "canceled", "open", "unpaid"}) {
    EXPECT_FALSE(ParseStatus(text).has_value()) << "'" << text << "'";
  }
}

TEST(PaymentStatusName, EveryPaymentStatusRoundTripsThroughItsName) {
  std::set<std::string> names;
  for (PaymentStatus status : kAllPaymentStatuses) {
    const std::string_view name = PaymentStatusName(status);
    names.insert(std::string(name));
    const std::optional<PaymentStatus> parsed = ParsePaymentStatus(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(*parsed, status) << name;
  }
  EXPECT_EQ(names.size(), std::size(kAllPaymentStatuses));
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kUnpaid), "unpaid");
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kPaid), "paid");
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kCodPending), "cod_pending");
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kCodCollected), "cod_collected");
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kPartiallyRefunded), "partially_refunded");
  EXPECT_EQ(PaymentStatusName(PaymentStatus::kRefunded), "refunded");
}

TEST(PaymentStatusName, UnknownTextDoesNotParse) {
  for (std::string_view text : {"", "Paid", "cod", "refund", "pending_payment"}) {
    EXPECT_FALSE(ParsePaymentStatus(text).has_value()) << "'" << text << "'";
  }
}

TEST(PaymentMethodName, BothMethodsRoundTripThroughTheirNames) {
  for (PaymentMethod method : {PaymentMethod::kOnline, PaymentMethod::kCod}) {
    const std::optional<PaymentMethod> parsed = ParsePaymentMethod(PaymentMethodName(method));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, method);
  }
  EXPECT_EQ(PaymentMethodName(PaymentMethod::kOnline), "online");
  EXPECT_EQ(PaymentMethodName(PaymentMethod::kCod), "cod");
}

TEST(PaymentMethodName, UnknownTextDoesNotParse) {
  for (std::string_view text : {"", "COD", "Online", "cash", "card", "online "}) {
    EXPECT_FALSE(ParsePaymentMethod(text).has_value()) << "'" << text << "'";
  }
}

TEST(TransitionName, EveryTransitionHasADistinctName) {
  std::set<std::string> names;
  for (T transition : kAllTransitions) {
    const std::string_view name = TransitionName(transition);
    EXPECT_FALSE(name.empty());
    EXPECT_NE(name, "unknown");
    names.insert(std::string(name));
  }
  EXPECT_EQ(names.size(), std::size(kAllTransitions));
}

}  // namespace
}  // namespace ordo
