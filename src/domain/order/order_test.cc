#include "domain/order/order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "domain/order/money.h"
#include "domain/order/status_test_values.h"

namespace ordo {
namespace {

using S = OrderStatus;
using T = Transition;

using testing_values::kAllStatuses;
constexpr int64_t kTotal = 13200;  // Two units of 66.00 CNY.

Actor ActorAt(int64_t unix_ms, std::string name = "user:alice") {
  return Actor{std::move(name), Timestamp{unix_ms}};
}

Payment PaymentOf(int64_t amount, std::string transaction_id = "T-1",
                  std::string provider = "alipay") {
  Payment payment;
  payment.provider = std::move(provider);
  payment.transaction_id = std::move(transaction_id);
  payment.amount = amount;
  payment.at = Timestamp{1};
  return payment;
}

// An order of two 500 g units, stock reserved, as intake leaves it for an online payment.
Order NewOnlineOrder() {
  Order order;
  order.id = OrderId{7};
  order.order_no = "SO-20261122-0007";
  order.status = S::kPendingPayment;
  order.payment_status = PaymentStatus::kUnpaid;
  order.payment_method = PaymentMethod::kOnline;
  OrderLine line;
  line.line_no = 1;
  line.sku = "TEA-001";
  line.quantity = 2;
  line.unit_price_amount = kTotal / 2;
  line.quantity_reserved = 2;
  line.weight_g = 500;
  line.allocations = {{"SH-01", 2}};
  order.lines = {line};
  order.total_amount = kTotal;
  order.created_at = Timestamp{1000};
  order.updated_at = Timestamp{1000};
  return order;
}

// An order placed directly in `status`, with the payment state an order there would have:
// online orders are paid once past pending_payment (unless closed unpaid), cash-on-delivery
// orders are collected once delivered.
Order OrderAt(S status, PaymentMethod method) {
  Order order = NewOnlineOrder();
  order.status = status;
  order.payment_method = method;
  if (status == S::kShipped || status == S::kDelivered || status == S::kCompleted) {
    order.lines[0].quantity_shipped = order.lines[0].quantity_reserved;  // as Ship leaves it
    order.lines[0].quantity_reserved = 0;
  }
  if (method == PaymentMethod::kCod) {
    // Re-confirmed with the customer (REV-2), as a cash-on-delivery order must be to move on.
    order.cod_confirmed_at = Timestamp{1200};
    const bool collected = status == S::kDelivered || status == S::kCompleted;
    order.payment_status = collected ? PaymentStatus::kCodCollected : PaymentStatus::kCodPending;
    order.paid_amount = collected ? kTotal : 0;
    return order;
  }
  if (status != S::kPendingPayment && status != S::kClosed) {
    order.payment_status = PaymentStatus::kPaid;
    order.paid_amount = kTotal;
    order.payments.push_back(PaymentOf(kTotal));
    order.paid_at = Timestamp{1500};
  }
  return order;
}

std::string TimeText(const std::optional<Timestamp>& t) {
  return t ? std::to_string(t->unix_ms) : "-";
}

// Every field a transition may touch, as text, so that "unchanged" is one comparison.
std::string Snapshot(const Order& order) {
  std::ostringstream out;
  out << StatusName(order.status) << "|" << PaymentStatusName(order.payment_status) << "|"
      << order.paid_amount << "|" << order.total_amount << "|" << order.version << "|"
      << order.updated_at.unix_ms << "|" << TimeText(order.paid_at) << "|"
      << TimeText(order.shipped_at) << "|" << TimeText(order.delivered_at) << "|"
      << TimeText(order.finished_at) << "|" << order.close_reason << "|" << order.carrier << "|"
      << order.tracking_no << "|" << order.packed_weight_g << "|payments:";
  for (const Payment& payment : order.payments) {
    out << payment.provider << "/" << payment.transaction_id << "/" << payment.amount << "/"
        << payment.duplicate << "/" << payment.at.unix_ms << ";";
  }
  out << "|lines:";
  for (const OrderLine& line : order.lines) {
    out << line.sku << "/" << line.quantity << "/" << line.quantity_reserved << "/"
        << line.quantity_backordered << "/" << line.quantity_shipped << "/"
        << line.allocations.size() << ";";
  }
  return out.str();
}

std::string Detail(const OrderEvent& event, const std::string& key) {
  for (const auto& [name, value] : event.details) {
    if (name == key) {
      return value;
    }
  }
  return "<absent>";
}

// The code of the single field error of an Invalid status, and its field.
std::pair<std::string, Code> OnlyFieldError(const Status& status) {
  EXPECT_EQ(status.kind(), Kind::kInvalid) << status.ToString();
  EXPECT_EQ(status.field_errors().size(), 1u) << status.ToString();
  if (status.field_errors().empty()) {
    return {"", Code::kOk};
  }
  return {status.field_errors()[0].field, status.field_errors()[0].code};
}

void ExpectIllegal(const Result<Events>& result) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), Kind::kConflict);
  EXPECT_EQ(result.status().code(), Code::kIllegalTransition) << result.status().ToString();
}

struct NamedTransition {
  std::string name;
  Transition transition;
  std::function<Result<Events>(Order&, const Actor&)> apply;
};

// The transitions whose legality depends on the status alone, each with valid arguments.
std::vector<NamedTransition> StatusOnlyTransitions() {
  return {
      {"Approve", T::kApprove, [](Order& o, const Actor& a) { return Approve(o, "", a); }},
      {"Reject", T::kReject, [](Order& o, const Actor& a) { return Reject(o, "fraud", a); }},
      {"StartPicking", T::kStartPicking,
       [](Order& o, const Actor& a) { return StartPicking(o, a); }},
      {"Pack", T::kPack, [](Order& o, const Actor& a) { return Pack(o, 1020, a); }},
      {"Ship", T::kShip, [](Order& o, const Actor& a) { return Ship(o, "SF", "SF100", a); }},
      {"Deliver", T::kDeliver, [](Order& o, const Actor& a) { return Deliver(o, a); }},
      {"Complete", T::kComplete, [](Order& o, const Actor& a) { return Complete(o, a); }},
      {"CloseAfterShipment", T::kCloseAfterShipment,
       [](Order& o, const Actor& a) { return CloseAfterShipment(o, "parcel returned", a); }},
  };
}

// Applies `apply` to `order` and checks it against the table: a legal move changes the status,
// bumps the version and reports one event; an illegal one is refused and changes nothing.
void ExpectFollowsTable(Order order, Transition transition,
                        const std::function<Result<Events>(Order&, const Actor&)>& apply) {
  const S from = order.status;
  const std::string before = Snapshot(order);
  const int64_t version = order.version;
  const Actor actor = ActorAt(50000, "user:bob");
  const Result<Events> result = apply(order, actor);
  const std::optional<S> next = NextStatus(from, transition);
  if (!next) {
    ExpectIllegal(result);
    EXPECT_EQ(Snapshot(order), before);
    return;
  }
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, *next);
  EXPECT_EQ(order.version, version + 1);
  EXPECT_EQ(order.updated_at, actor.at);
  EXPECT_EQ(order.finished_at.has_value(), IsTerminal(*next));
  ASSERT_EQ(result->size(), 1u);
  const OrderEvent& event = result->front();
  EXPECT_EQ(event.type, TransitionName(transition));
  EXPECT_EQ(event.actor, "user:bob");
  EXPECT_EQ(event.at, actor.at);
  EXPECT_EQ(event.from_status, StatusName(from));
  EXPECT_EQ(event.to_status, StatusName(*next));
}

// --- The table, exhaustively ------------------------------------------------------------------

TEST(Order, EveryNamedTransitionFollowsTheTableFromEveryStatus) {
  for (PaymentMethod method : {PaymentMethod::kOnline, PaymentMethod::kCod}) {
    for (S status : kAllStatuses) {
      for (const NamedTransition& named : StatusOnlyTransitions()) {
        SCOPED_TRACE(named.name + " from " + std::string(StatusName(status)) + " (" +
                     std::string(PaymentMethodName(method)) + ")");
        ExpectFollowsTable(OrderAt(status, method), named.transition, named.apply);
      }
    }
  }
}

TEST(Order, AvailableTransitionsAreTheTablesFromTheStatus) {
  for (S status : kAllStatuses) {
    SCOPED_TRACE(StatusName(status));
    const Order order = OrderAt(status, PaymentMethod::kOnline);
    std::vector<Transition> expected;
    for (const TransitionRule& rule : TransitionTable()) {
      if (rule.from == status) {
        expected.push_back(rule.transition);
      }
    }
    EXPECT_EQ(AvailableTransitions(order), expected);
  }
}

TEST(Order, AvailableTransitionsOfAHeldOrderLeaveOutThoseTheHoldRefuses) {
  Order order = OrderAt(S::kPendingReview, PaymentMethod::kOnline);
  order.holds = {7};
  const std::vector<Transition> available = AvailableTransitions(order);
  EXPECT_EQ(std::count(available.begin(), available.end(), Transition::kApprove), 0);
  EXPECT_EQ(std::count(available.begin(), available.end(), Transition::kReject), 1);
  order.status = S::kPacked;
  for (Transition transition : AvailableTransitions(order)) {
    EXPECT_FALSE(HeldBack(transition)) << TransitionName(transition);
  }
  EXPECT_TRUE(HeldBack(Transition::kShip));
  EXPECT_FALSE(HeldBack(Transition::kCancel));
}

TEST(Order, ConfirmPaymentOfAnUnpaidOrderIsLegalOnlyInPendingPayment) {
  for (S status : kAllStatuses) {
    if (status == S::kClosed || status == S::kCancelled) {
      continue;  // a payment after the order ended is received and refunded (below)
    }
    SCOPED_TRACE(StatusName(status));
    Order order = NewOnlineOrder();
    order.status = status;
    ExpectFollowsTable(order, T::kConfirmPayment, [](Order& o, const Actor& a) {
      return ConfirmPayment(o, PaymentOf(kTotal), a);
    });
  }
}

TEST(Order, CancelOfAnUnpaidOrderFollowsTheCloseRuleFromEveryStatus) {
  for (PaymentMethod method : {PaymentMethod::kOnline, PaymentMethod::kCod}) {
    for (S status : kAllStatuses) {
      SCOPED_TRACE(std::string(StatusName(status)) + " " + std::string(PaymentMethodName(method)));
      Order order = NewOnlineOrder();
      order.status = status;
      order.payment_method = method;
      order.payment_status =
          method == PaymentMethod::kCod ? PaymentStatus::kCodPending : PaymentStatus::kUnpaid;
      ExpectFollowsTable(order, T::kCloseUnpaid, [](Order& o, const Actor& a) {
        return Cancel(o, "customer changed their mind", a);
      });
    }
  }
}

TEST(Order, CancelOfAPaidOrderFollowsTheCancelRuleFromEveryStatus) {
  for (S status : kAllStatuses) {
    SCOPED_TRACE(StatusName(status));
    Order order = NewOnlineOrder();
    order.status = status;
    order.payment_status = PaymentStatus::kPaid;
    order.paid_amount = kTotal;
    ExpectFollowsTable(order, T::kCancel, [](Order& o, const Actor& a) {
      return Cancel(o, "customer changed their mind", a);
    });
  }
}

// --- ConfirmPayment -----------------------------------------------------------------------------

TEST(Order, ConfirmPaymentOfTheAmountDueMovesToPendingReview) {
  Order order = NewOnlineOrder();
  const Actor actor = ActorAt(2000, "token:web");
  const Result<Events> result = ConfirmPayment(order, PaymentOf(kTotal, "T-1"), actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kPendingReview);
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  EXPECT_EQ(order.paid_amount, kTotal);
  ASSERT_TRUE(order.paid_at.has_value());
  EXPECT_EQ(*order.paid_at, actor.at);
  EXPECT_EQ(order.version, 2);
  EXPECT_EQ(order.updated_at, actor.at);
  EXPECT_FALSE(order.finished_at.has_value());
  ASSERT_EQ(order.payments.size(), 1u);
  EXPECT_EQ(order.payments[0].transaction_id, "T-1");
  EXPECT_EQ(order.payments[0].provider, "alipay");
  EXPECT_EQ(order.payments[0].amount, kTotal);
  EXPECT_EQ(order.payments[0].at, actor.at);
  EXPECT_FALSE(order.payments[0].duplicate);
  ASSERT_EQ(result->size(), 1u);
  const OrderEvent& event = result->front();
  EXPECT_EQ(event.type, "confirm_payment");
  EXPECT_EQ(event.actor, "token:web");
  EXPECT_EQ(event.at, actor.at);
  EXPECT_EQ(event.from_status, "pending_payment");
  EXPECT_EQ(event.to_status, "pending_review");
  EXPECT_EQ(Detail(event, "provider"), "alipay");
  EXPECT_EQ(Detail(event, "transaction_id"), "T-1");
  EXPECT_EQ(Detail(event, "amount"), "13200");
}

TEST(Order, ConfirmPaymentRepeatOfTheSameTransactionIsANoOp) {
  Order order = NewOnlineOrder();
  ASSERT_TRUE(ConfirmPayment(order, PaymentOf(kTotal, "T-1"), ActorAt(2000)).ok());
  const std::string before = Snapshot(order);
  const Result<Events> repeat = ConfirmPayment(order, PaymentOf(kTotal, "T-1"), ActorAt(3000));
  ASSERT_TRUE(repeat.ok()) << repeat.status().ToString();
  EXPECT_TRUE(repeat->empty());
  EXPECT_EQ(Snapshot(order), before);
}

TEST(Order, ConfirmPaymentRepeatOfARecordedDuplicateIsANoOp) {
  Order order = NewOnlineOrder();
  ASSERT_TRUE(ConfirmPayment(order, PaymentOf(kTotal, "T-1"), ActorAt(2000)).ok());
  ASSERT_TRUE(ConfirmPayment(order, PaymentOf(kTotal, "T-2"), ActorAt(3000)).ok());
  const std::string before = Snapshot(order);
  const Result<Events> repeat = ConfirmPayment(order, PaymentOf(kTotal, "T-2"), ActorAt(4000));
  ASSERT_TRUE(repeat.ok());
  EXPECT_TRUE(repeat->empty());
  EXPECT_EQ(Snapshot(order), before);
}

TEST(Order, ConfirmPaymentOfTheWrongAmountIsRefusedAndChangesNothing) {
  for (int64_t amount : {kTotal - 1, kTotal + 1, int64_t{1}}) {
    SCOPED_TRACE(amount);
    Order order = NewOnlineOrder();
    const std::string before = Snapshot(order);
    const Result<Events> result = ConfirmPayment(order, PaymentOf(amount), ActorAt(2000));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(OnlyFieldError(result.status()),
              std::make_pair(std::string("amount"), Code::kPaymentAmountMismatch));
    EXPECT_EQ(Snapshot(order), before);
  }
}

TEST(Order, ConfirmPaymentOfANonPositiveAmountIsRefusedAndChangesNothing) {
  for (int64_t amount : {int64_t{0}, int64_t{-kTotal}}) {
    Order order = NewOnlineOrder();
    const std::string before = Snapshot(order);
    const Result<Events> result = ConfirmPayment(order, PaymentOf(amount), ActorAt(2000));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(OnlyFieldError(result.status()),
              std::make_pair(std::string("amount"), Code::kInvalidValue));
    EXPECT_EQ(Snapshot(order), before);
  }
}

TEST(Order, SecondDifferentPaymentOfAPaidOrderIsRecordedAsDuplicate) {
  Order order = NewOnlineOrder();
  ASSERT_TRUE(ConfirmPayment(order, PaymentOf(kTotal, "T-1"), ActorAt(2000)).ok());
  const Actor actor = ActorAt(3000, "token:pay");
  const Result<Events> result = ConfirmPayment(order, PaymentOf(kTotal, "T-2"), actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kPendingReview);
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  EXPECT_EQ(order.paid_amount, 2 * kTotal) << "received: the caller refunds it";
  EXPECT_EQ(SurplusOf(order), kTotal);
  EXPECT_EQ(*order.paid_at, Timestamp{2000});
  EXPECT_EQ(order.version, 3);
  ASSERT_EQ(order.payments.size(), 2u);
  EXPECT_FALSE(order.payments[0].duplicate);
  EXPECT_TRUE(order.payments[1].duplicate);
  EXPECT_EQ(order.payments[1].transaction_id, "T-2");
  EXPECT_EQ(order.payments[1].at, actor.at);
  ASSERT_EQ(result->size(), 1u);
  const OrderEvent& event = result->front();
  EXPECT_EQ(event.type, "duplicate_payment");
  EXPECT_EQ(event.actor, "token:pay");
  EXPECT_EQ(event.at, actor.at);
  EXPECT_TRUE(event.from_status.empty());
  EXPECT_TRUE(event.to_status.empty());
  EXPECT_EQ(Detail(event, "transaction_id"), "T-2");
  EXPECT_EQ(Detail(event, "amount"), "13200");
}

TEST(Order, SameTransactionIdFromAnotherProviderIsADifferentPayment) {
  Order order = NewOnlineOrder();
  ASSERT_TRUE(ConfirmPayment(order, PaymentOf(kTotal, "T-1", "alipay"), ActorAt(2000)).ok());
  const Result<Events> result =
      ConfirmPayment(order, PaymentOf(kTotal, "T-1", "wechat"), ActorAt(3000));
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ(result->front().type, "duplicate_payment");
  ASSERT_EQ(order.payments.size(), 2u);
  EXPECT_TRUE(order.payments[1].duplicate);
}

TEST(Order, DuplicatePaymentOfAnyAmountIsRecordedOnAPaidOrderLaterInTheLifeCycle) {
  Order order = OrderAt(S::kShipped, PaymentMethod::kOnline);
  const Result<Events> result = ConfirmPayment(order, PaymentOf(500, "T-9"), ActorAt(9000));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kShipped);
  EXPECT_EQ(order.paid_amount, kTotal + 500);
  EXPECT_EQ(SurplusOf(order), 500);
  ASSERT_EQ(order.payments.size(), 2u);
  EXPECT_TRUE(order.payments[1].duplicate);
  EXPECT_EQ(order.payments[1].amount, 500);
}

TEST(Order, ConfirmPaymentOfACashOnDeliveryOrderIsRefused) {
  for (S status : {S::kPendingPayment, S::kPendingReview, S::kShipped}) {
    SCOPED_TRACE(StatusName(status));
    Order order = OrderAt(status, PaymentMethod::kCod);
    const std::string before = Snapshot(order);
    ExpectIllegal(ConfirmPayment(order, PaymentOf(kTotal), ActorAt(2000)));
    EXPECT_EQ(Snapshot(order), before);
  }
}

// Finance may record a payment that arrives after the order closed: it is received (labelled
// after_close, not a duplicate) and all of it is for the caller to refund.
TEST(Order, APaymentEnteredAfterTheOrderClosedIsReceivedForRefund) {
  Order order = NewOnlineOrder();
  ASSERT_TRUE(Cancel(order, "timeout", ActorAt(2000)).ok());
  const Result<Events> result = ConfirmPayment(order, PaymentOf(kTotal), ActorAt(3000));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kClosed);
  ASSERT_EQ(order.payments.size(), 1u);
  EXPECT_EQ(order.payments[0].outcome, PaymentOutcome::kAfterClose);
  EXPECT_FALSE(order.payments[0].duplicate);
  EXPECT_EQ(result->front().type, "payment_after_close");
  EXPECT_EQ(SurplusOf(order), kTotal);
}

TEST(Order, NothingGoesToTheWarehouseWhileASupplementIsOwed) {
  Order order = OrderAt(S::kAwaitingFulfillment, PaymentMethod::kOnline);
  order.total_amount = kTotal + 9980;  // a change raised the total of the paid order
  const std::string before = Snapshot(order);
  const Result<Events> pick = StartPicking(order, ActorAt(3000));
  ASSERT_FALSE(pick.ok());
  EXPECT_EQ(pick.status().code(), Code::kPaymentDue);
  EXPECT_EQ(Snapshot(order), before);
  ASSERT_TRUE(ConfirmPayment(order, PaymentOf(9980, "T-SUP"), ActorAt(4000)).ok());
  EXPECT_TRUE(StartPicking(order, ActorAt(5000)).ok());
  for (S status : {S::kPicking, S::kPacked}) {
    Order later = OrderAt(status, PaymentMethod::kOnline);
    later.total_amount = kTotal + 1;
    const Result<Events> moved = status == S::kPicking ? Pack(later, 1020, ActorAt(3000))
                                                       : Ship(later, "SF", "SF1", ActorAt(3000));
    EXPECT_EQ(moved.status().code(), Code::kPaymentDue) << StatusName(status);
  }
}

TEST(Order, AvailableTransitionsLeaveOutTheWarehouseWhileMoneyIsOwed) {
  for (S status : {S::kAwaitingFulfillment, S::kPicking, S::kPacked}) {
    SCOPED_TRACE(StatusName(status));
    Order order = OrderAt(status, PaymentMethod::kOnline);
    const size_t paid_up = AvailableTransitions(order).size();
    order.total_amount = kTotal + 9980;  // a supplement is owed
    const std::vector<Transition> owing = AvailableTransitions(order);
    EXPECT_EQ(owing.size(), paid_up - 1);
    for (Transition transition : owing) {
      EXPECT_TRUE(transition != Transition::kStartPicking && transition != Transition::kPack &&
                  transition != Transition::kShip)
          << TransitionName(transition);
    }
    EXPECT_EQ(std::count(owing.begin(), owing.end(), Transition::kCancel), 1);
  }
}

TEST(Order, CompletingAnOrderRefundedInFullClosesIt) {
  Order order = OrderAt(S::kDelivered, PaymentMethod::kOnline);
  order.refunded_amount = kTotal;
  order.credit_amount = kTotal;  // returned and refunded through after-sales
  const Result<Events> result = Complete(order, ActorAt(3000));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kClosed);
  EXPECT_EQ(order.close_reason, "refunded in full");
  EXPECT_EQ(result->front().type, "close_after_shipment");
}

// --- Approve and Reject -------------------------------------------------------------------------

TEST(Order, ApproveRecordsTheReasonWhenGiven) {
  Order order = OrderAt(S::kPendingReview, PaymentMethod::kOnline);
  const Result<Events> result = Approve(order, "called the customer", ActorAt(4000));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(order.status, S::kAwaitingFulfillment);
  EXPECT_EQ(Detail(result->front(), "reason"), "called the customer");

  Order silent = OrderAt(S::kPendingReview, PaymentMethod::kOnline);
  const Result<Events> plain = Approve(silent, "", ActorAt(4000));
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->front().details.empty());
}

TEST(Order, RejectClosesTheOrderWithTheReason) {
  Order order = OrderAt(S::kPendingReview, PaymentMethod::kCod);
  const Actor actor = ActorAt(4000, "user:reviewer");
  const Result<Events> result = Reject(order, "address is a parcel locker", actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kClosed);
  EXPECT_EQ(order.close_reason, "rejected: address is a parcel locker");
  ASSERT_TRUE(order.finished_at.has_value());
  EXPECT_EQ(*order.finished_at, actor.at);
  EXPECT_EQ(order.version, 2);
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ(result->front().to_status, "closed");
  EXPECT_EQ(result->front().actor, "user:reviewer");
  EXPECT_EQ(Detail(result->front(), "reason"), "address is a parcel locker");
}

TEST(Order, RejectWithoutAReasonIsRefusedAndChangesNothing) {
  Order order = OrderAt(S::kPendingReview, PaymentMethod::kOnline);
  const std::string before = Snapshot(order);
  const Result<Events> result = Reject(order, "", ActorAt(4000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(OnlyFieldError(result.status()),
            std::make_pair(std::string("reason"), Code::kRequired));
  EXPECT_EQ(Snapshot(order), before);
}

// --- StartPicking, Pack, Ship -------------------------------------------------------------------

TEST(Order, StartPickingWithABackorderedLineIsRefused) {
  Order order = OrderAt(S::kAwaitingFulfillment, PaymentMethod::kOnline);
  order.lines[0].quantity_reserved = 1;
  order.lines[0].quantity_backordered = 1;
  const std::string before = Snapshot(order);
  const Result<Events> result = StartPicking(order, ActorAt(5000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().kind(), Kind::kConflict);
  EXPECT_EQ(result.status().code(), Code::kBackordered);
  EXPECT_EQ(Snapshot(order), before);
}

TEST(Order, StartPickingWithABackorderInTheWrongStatusIsAnIllegalTransition) {
  Order order = OrderAt(S::kPendingReview, PaymentMethod::kOnline);
  order.lines[0].quantity_backordered = 1;
  const std::string before = Snapshot(order);
  ExpectIllegal(StartPicking(order, ActorAt(5000)));
  EXPECT_EQ(Snapshot(order), before);
}

TEST(Order, PackRecordsTheWeighedAndExpectedWeight) {
  Order order = OrderAt(S::kPicking, PaymentMethod::kOnline);
  const Result<Events> result = Pack(order, 1020, ActorAt(6000));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kPacked);
  EXPECT_EQ(order.packed_weight_g, 1020);
  EXPECT_EQ(Detail(result->front(), "weight_g"), "1020");
  EXPECT_EQ(Detail(result->front(), "expected_weight_g"), "1000");
}

TEST(Order, PackWithoutAPositiveWeightIsRefusedAndChangesNothing) {
  for (int64_t weight_g : {int64_t{0}, int64_t{-5}}) {
    Order order = OrderAt(S::kPicking, PaymentMethod::kOnline);
    const std::string before = Snapshot(order);
    const Result<Events> result = Pack(order, weight_g, ActorAt(6000));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(OnlyFieldError(result.status()),
              std::make_pair(std::string("weight_g"), Code::kInvalidValue));
    EXPECT_EQ(Snapshot(order), before);
  }
}

TEST(Order, ShipRecordsCarrierTrackingAndMovesReservedToShipped) {
  Order order = OrderAt(S::kPacked, PaymentMethod::kOnline);
  const Actor actor = ActorAt(7000, "user:dock");
  const Result<Events> result = Ship(order, "SF", "SF1234567890", actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kShipped);
  EXPECT_EQ(order.carrier, "SF");
  EXPECT_EQ(order.tracking_no, "SF1234567890");
  ASSERT_TRUE(order.shipped_at.has_value());
  EXPECT_EQ(*order.shipped_at, actor.at);
  EXPECT_EQ(order.lines[0].quantity_shipped, 2);
  EXPECT_EQ(order.lines[0].quantity_reserved, 0);
  EXPECT_EQ(Detail(result->front(), "carrier"), "SF");
  EXPECT_EQ(Detail(result->front(), "tracking_no"), "SF1234567890");
}

TEST(Order, ShipWithoutCarrierOrTrackingNumberIsRefusedAndChangesNothing) {
  struct Case {
    std::string carrier;
    std::string tracking_no;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"", "SF1", {"carrier"}}, {"SF", "", {"tracking_no"}}, {"", "", {"carrier", "tracking_no"}}};
  for (const Case& c : cases) {
    Order order = OrderAt(S::kPacked, PaymentMethod::kOnline);
    const std::string before = Snapshot(order);
    const Result<Events> result = Ship(order, c.carrier, c.tracking_no, ActorAt(7000));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().kind(), Kind::kInvalid);
    ASSERT_EQ(result.status().field_errors().size(), c.fields.size());
    for (size_t i = 0; i < c.fields.size(); ++i) {
      EXPECT_EQ(result.status().field_errors()[i].field, c.fields[i]);
      EXPECT_EQ(result.status().field_errors()[i].code, Code::kRequired);
    }
    EXPECT_EQ(Snapshot(order), before);
  }
}

TEST(Order, ShipAfterCancelIsRefused) {
  Order order = OrderAt(S::kPacked, PaymentMethod::kOnline);
  ASSERT_TRUE(Cancel(order, "customer request", ActorAt(7000)).ok());
  ASSERT_EQ(order.status, S::kCancelled);
  const std::string before = Snapshot(order);
  ExpectIllegal(Ship(order, "SF", "SF1", ActorAt(8000)));
  EXPECT_EQ(Snapshot(order), before);
}

// --- Deliver and Complete -----------------------------------------------------------------------

TEST(Order, DeliverOfACashOnDeliveryOrderRecordsTheCollection) {
  Order order = OrderAt(S::kShipped, PaymentMethod::kCod);
  ASSERT_EQ(order.paid_amount, 0);
  const Actor actor = ActorAt(8000, "system");
  const Result<Events> result = Deliver(order, actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kDelivered);
  EXPECT_EQ(order.payment_status, PaymentStatus::kCodCollected);
  EXPECT_EQ(order.paid_amount, kTotal);
  ASSERT_TRUE(order.paid_at.has_value());
  EXPECT_EQ(*order.paid_at, actor.at);
  ASSERT_TRUE(order.delivered_at.has_value());
  EXPECT_EQ(*order.delivered_at, actor.at);
  EXPECT_EQ(Detail(result->front(), "cod_collected_amount"), "13200");
}

TEST(Order, DeliverOfAPaidOrderLeavesThePaymentAlone) {
  Order order = OrderAt(S::kShipped, PaymentMethod::kOnline);
  const Result<Events> result = Deliver(order, ActorAt(8000));
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(order.payment_status, PaymentStatus::kPaid);
  EXPECT_EQ(*order.paid_at, Timestamp{1500});
  EXPECT_EQ(Detail(result->front(), "cod_collected_amount"), "<absent>");
}

TEST(Order, StaffDoNotDeliverAnOrderOnHoldButTheCarriersDeliveryIsRecorded) {
  Order order = OrderAt(S::kShipped, PaymentMethod::kCod);
  order.holds = {7};  // a lost parcel's case
  const std::string before = Snapshot(order);
  const Result<Events> refused = Deliver(order, ActorAt(8000));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kOrderOnHold);
  EXPECT_EQ(Snapshot(order), before);
  const Result<Events> reported = RecordDelivery(order, Timestamp{7500}, ActorAt(9000, "carrier"));
  ASSERT_TRUE(reported.ok()) << reported.status().ToString();
  EXPECT_EQ(order.status, S::kDelivered);
  EXPECT_EQ(order.delivered_at, Timestamp{7500}) << "the carrier's time, not the callback's";
  EXPECT_EQ(order.paid_at, Timestamp{7500});
  EXPECT_EQ(order.holds, std::vector<int64_t>{7}) << "the hold stays for people";
}

TEST(Order, AnOnlineOrderWalksTheWholeLifeCycle) {
  Order order = NewOnlineOrder();
  ASSERT_TRUE(ConfirmPayment(order, PaymentOf(kTotal), ActorAt(2000)).ok());
  ASSERT_TRUE(Approve(order, "", ActorAt(3000)).ok());
  ASSERT_TRUE(StartPicking(order, ActorAt(4000)).ok());
  ASSERT_TRUE(Pack(order, 1000, ActorAt(5000)).ok());
  ASSERT_TRUE(Ship(order, "SF", "SF1", ActorAt(6000)).ok());
  ASSERT_TRUE(Deliver(order, ActorAt(7000)).ok());
  EXPECT_FALSE(order.finished_at.has_value());
  ASSERT_TRUE(Complete(order, ActorAt(8000)).ok());
  EXPECT_EQ(order.status, S::kCompleted);
  EXPECT_EQ(order.version, 8);
  EXPECT_EQ(*order.finished_at, Timestamp{8000});
  ExpectIllegal(Cancel(order, "too late", ActorAt(9000)));
}

// --- Cancel -------------------------------------------------------------------------------------

TEST(Order, CancelOfAnUnpaidOrderClosesIt) {
  Order order = NewOnlineOrder();
  const Actor actor = ActorAt(2000, "user:cs");
  const Result<Events> result = Cancel(order, "customer request", actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kClosed);
  EXPECT_EQ(order.payment_status, PaymentStatus::kUnpaid);
  EXPECT_EQ(order.close_reason, "cancelled: customer request");
  EXPECT_EQ(*order.finished_at, actor.at);
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ(result->front().from_status, "pending_payment");
  EXPECT_EQ(result->front().to_status, "closed");
  EXPECT_EQ(Detail(result->front(), "reason"), "customer request");
  EXPECT_EQ(Detail(result->front(), "refund_due_amount"), "<absent>");
}

TEST(Order, CancelOfAPendingCashOnDeliveryOrderClosesIt) {
  Order order = OrderAt(S::kPicking, PaymentMethod::kCod);
  const Result<Events> result = Cancel(order, "customer request", ActorAt(2000));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kClosed);
  EXPECT_EQ(Detail(result->front(), "refund_due_amount"), "<absent>");
}

TEST(Order, CancelOfAPaidOrderCancelsItWithTheRefundDue) {
  Order order = OrderAt(S::kAwaitingFulfillment, PaymentMethod::kOnline);
  const Actor actor = ActorAt(4000, "user:cs");
  const Result<Events> result = Cancel(order, "out of stock", actor);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(order.status, S::kCancelled);
  EXPECT_EQ(order.close_reason, "cancelled: out of stock");
  EXPECT_EQ(*order.finished_at, actor.at);
  EXPECT_EQ(order.version, 2);
  ASSERT_EQ(result->size(), 1u);
  EXPECT_EQ(result->front().type, "cancel");
  EXPECT_EQ(result->front().from_status, "awaiting_fulfillment");
  EXPECT_EQ(result->front().to_status, "cancelled");
  EXPECT_EQ(Detail(result->front(), "refund_due_amount"), "13200");
}

TEST(Order, CancelClearsBackorders) {
  Order order = OrderAt(S::kAwaitingFulfillment, PaymentMethod::kOnline);
  order.lines[0].quantity_reserved = 1;
  order.lines[0].quantity_backordered = 1;
  ASSERT_TRUE(Cancel(order, "customer will not wait", ActorAt(4000)).ok());
  EXPECT_EQ(order.lines[0].quantity_backordered, 0);
  EXPECT_FALSE(order.has_backorder());
}

TEST(Order, CancelAfterShipmentIsRefused) {
  for (PaymentMethod method : {PaymentMethod::kOnline, PaymentMethod::kCod}) {
    for (S status : {S::kShipped, S::kDelivered, S::kCompleted}) {
      SCOPED_TRACE(std::string(StatusName(status)) + " " + std::string(PaymentMethodName(method)));
      Order order = OrderAt(status, method);
      const std::string before = Snapshot(order);
      ExpectIllegal(Cancel(order, "customer request", ActorAt(9000)));
      EXPECT_EQ(Snapshot(order), before);
    }
  }
}

TEST(Order, CancelWithoutAReasonIsRefusedAndChangesNothing) {
  Order order = OrderAt(S::kPendingReview, PaymentMethod::kOnline);
  const std::string before = Snapshot(order);
  const Result<Events> result = Cancel(order, "", ActorAt(4000));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(OnlyFieldError(result.status()),
            std::make_pair(std::string("reason"), Code::kRequired));
  EXPECT_EQ(Snapshot(order), before);
}

TEST(Order, CancelTwiceIsRefused) {
  Order order = OrderAt(S::kPendingReview, PaymentMethod::kOnline);
  ASSERT_TRUE(Cancel(order, "first", ActorAt(4000)).ok());
  const std::string before = Snapshot(order);
  ExpectIllegal(Cancel(order, "second", ActorAt(5000)));
  EXPECT_EQ(Snapshot(order), before);
}

// --- Derived values -----------------------------------------------------------------------------

TEST(Order, ExpectedWeightSumsUnitWeightTimesQuantity) {
  Order order = NewOnlineOrder();
  OrderLine cup;
  cup.sku = "CUP-002";
  cup.quantity = 3;
  cup.weight_g = 150;
  order.lines.push_back(cup);
  EXPECT_EQ(order.expected_weight_g(), 2 * 500 + 3 * 150);
  EXPECT_FALSE(order.has_backorder());
  order.lines[1].quantity_backordered = 3;
  EXPECT_TRUE(order.has_backorder());
}

}  // namespace
}  // namespace ordo
