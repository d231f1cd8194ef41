#include "app/payments.h"

#include "app/settings.h"
#include "domain/order/money.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::app {
namespace {

constexpr int64_t kMinuteMs = 60 * 1000;

class PaymentsTest : public FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 50);
  }
  Result<PaymentCallbackOutcome> Callback(const std::string& order_no, std::string txn,
                                          int64_t amount, bool succeeded = true) {
    PaymentNotice notice;
    notice.provider = "ALIPAY";
    notice.transaction_id = std::move(txn);
    notice.amount = amount;
    notice.succeeded = succeeded;
    auto out = std::make_shared<PaymentCallbackOutcome>();
    ORDO_RETURN_IF_ERROR(
        Run(RecordPaymentCallback(order_no, notice, Context("provider:ALIPAY"), out)));
    return *out;
  }
  std::vector<Refund> Refunds(const std::string& order_no) {
    RefundFilter filter;
    filter.order_no = order_no;
    auto refunds = reads().payments().ListRefunds(filter);
    EXPECT_TRUE(refunds.ok());
    return refunds.ok() ? *refunds : std::vector<Refund>{};
  }
  void WorkMondayToFriday() {
    ASSERT_TRUE(Run(ChangeSettings(
                        [](Settings& s, std::vector<FieldError>&) {
                          s.business_calendar.working_days = {1, 2, 3, 4, 5};
                        },
                        Context(), std::make_shared<SettingsOutcome>()))
                    .ok());
  }
  int64_t Available() {
    auto stock = reads().GetStock("TEA");
    EXPECT_TRUE(stock.ok());
    return stock.ok() ? stock->levels.at(0).available() : -1;
  }
};

// A platform's paid order (imports) is placed and paid in one write: it must end exactly as
// placing it and then paying it would, in the order, its payment, its history and its cases.
TEST_F(PaymentsTest, APaidOrderPlacedInOneWriteEndsAsPlacingThenPayingWould) {
  // Automatic review holds orders above 15.00 for a person, with a case.
  ASSERT_TRUE(Run(ChangeSettings(
                      [](Settings& s, std::vector<FieldError>&) {
                        s.auto_review = true;
                        s.amount_too_large_amount = 1500;
                      },
                      Context(), std::make_shared<SettingsOutcome>()))
                  .ok());
  const Timestamp provider_at{clock_.Now().unix_ms - 60 * 1000};
  for (const Quantity quantity : {Quantity{1}, Quantity{4}}) {
    SCOPED_TRACE("quantity " + std::to_string(quantity));
    const Order placed = Place({{"TEA", quantity}});
    const Order two_steps = Move(
        placed.order_no, PaymentInput{"web", placed.external_id, placed.total_amount, true,
                                      provider_at, nullptr});

    NewOrder input;
    input.channel = "web";
    input.external_id = "EXT-PAID-" + std::to_string(quantity);
    input.customer = {"m-paid-" + std::to_string(quantity), "张三", "13812345678"};
    input.consignee = {
        "张三", "13812345678", {"上海市", "上海市", "浦东新区", "世纪大道100号 8楼", ""}};
    input.lines.push_back({"TEA", quantity, std::nullopt, ""});
    input.payment_method = "online";
    input.shipping_service = "standard";
    PaymentInput payment{"web", input.external_id, /*amount: ignored*/ 1, true, provider_at,
                         nullptr};
    auto out = std::make_shared<OrderOutcome>();
    ASSERT_TRUE(Run(PlacePaidOrder(input, payment, Context("token:web"), out)).ok());
    ASSERT_TRUE(out->created);
    const Order one_write = Load(out->order.order_no);

    EXPECT_EQ(one_write.status, two_steps.status);
    EXPECT_EQ(one_write.on_hold(), two_steps.on_hold());
    EXPECT_EQ(one_write.version, two_steps.version);
    EXPECT_EQ(one_write.total_amount, two_steps.total_amount);
    EXPECT_EQ(one_write.paid_amount, two_steps.total_amount);
    EXPECT_EQ(MoneyOf(one_write).due, 0);
    ASSERT_EQ(one_write.payments.size(), 1u);
    EXPECT_EQ(one_write.payments[0].amount, two_steps.payments.at(0).amount);
    EXPECT_EQ(one_write.payments[0].outcome, two_steps.payments.at(0).outcome);
    EXPECT_EQ(one_write.payments[0].transaction_id, input.external_id);
    EXPECT_EQ(EventTypes(one_write.order_no), EventTypes(two_steps.order_no));
    std::vector<std::string> cases_one, cases_two;
    for (const AbnormalCase& c : Cases(one_write.order_no)) cases_one.push_back(c.type);
    for (const AbnormalCase& c : Cases(two_steps.order_no)) cases_two.push_back(c.type);
    EXPECT_EQ(cases_one, cases_two);
    const bool too_large =
        std::find(cases_one.begin(), cases_one.end(), "amount_too_large") != cases_one.end();
    EXPECT_EQ(too_large, quantity == 4) << "4 x 10.00 is above 15.00";
    EXPECT_EQ(one_write.status, OrderStatus::kPendingReview) << "held by a case";

    // A repeat changes nothing: no second payment, the same order.
    auto again = std::make_shared<OrderOutcome>();
    ASSERT_TRUE(Run(PlacePaidOrder(input, payment, Context("token:web"), again)).ok());
    EXPECT_FALSE(again->created);
    EXPECT_EQ(again->order.order_no, one_write.order_no);
    EXPECT_EQ(Load(one_write.order_no).payments.size(), 1u);
    EXPECT_EQ(Load(one_write.order_no).version, one_write.version);
  }
  EXPECT_EQ(Available(), 50 - 2 * (1 + 4)) << "both pairs reserved their stock";
}

TEST_F(PaymentsTest, AShortPaymentIsCreditedAndHoldsTheOrder) {
  const Order order = Place({{"TEA", 2}});
  auto out = Callback(order.order_no, "T-1", order.total_amount - 1);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->payment.outcome, PaymentOutcome::kAmountMismatch);
  const Order after = Load(order.order_no);
  EXPECT_EQ(after.status, OrderStatus::kPendingPayment);
  EXPECT_TRUE(after.on_hold());
  EXPECT_EQ(after.paid_amount, order.total_amount - 1);
  EXPECT_EQ(MoneyOf(after).due, order.total_amount - 1);
  ASSERT_EQ(after.payments.size(), 1u);
  EXPECT_EQ(after.payments[0].outcome, PaymentOutcome::kAmountMismatch) << "stored and read back";
  const auto cases = Cases(order.order_no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].type, "payment_amount_mismatch");
  EXPECT_TRUE(cases[0].blocking);
}

TEST_F(PaymentsTest, ADuplicatePaymentCreatesARefundDueOnTheNextBusinessDay) {
  WorkMondayToFriday();
  clock_.AdvanceMs(24 * 60 * kMinuteMs);  // Friday 27 November, 09:00 in Beijing
  const Order order = Place({{"TEA", 1}});
  ASSERT_TRUE(Callback(order.order_no, "T-1", order.total_amount).ok());
  auto second = Callback(order.order_no, "T-2", order.total_amount);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->payment.duplicate);
  ASSERT_TRUE(second->refund_id.has_value());
  const std::vector<Refund> refunds = Refunds(order.order_no);
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].id, *second->refund_id);
  EXPECT_EQ(refunds[0].cause, RefundCause::kDuplicatePayment);
  EXPECT_EQ(refunds[0].status, RefundStatus::kPending);
  ASSERT_TRUE(refunds[0].due_at.has_value());
  EXPECT_EQ(*refunds[0].due_at, ParseRfc3339("2026-11-29T16:00:00Z").value());  // Monday 00:00
  const Order after = Load(order.order_no);
  EXPECT_EQ(after.paid_amount, 2 * order.total_amount);
  EXPECT_EQ(after.refunded_amount, order.total_amount);
  // A repeat of the duplicate changes nothing.
  ASSERT_TRUE(Callback(order.order_no, "T-2", order.total_amount).ok());
  EXPECT_EQ(Refunds(order.order_no).size(), 1u);
}

TEST_F(PaymentsTest, RefundsNeverExceedWhatWasPaid) {
  const Order order = PaidAndApproved({{"TEA", 1}});
  const Actor actor{"user:fin", clock_.Now()};
  const Status status = Run([&](WriteTx& tx) -> Status {
    ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded, tx.FindOrder(order.order_no));
    ORDO_RETURN_IF_ERROR(
        IssueRefund(tx, *loaded, {order.total_amount, RefundCause::kOrderClosed, "", "", 0}, actor)
            .status());
    return IssueRefund(tx, *loaded, {1, RefundCause::kOrderClosed, "", "", 0}, actor).status();
  });
  EXPECT_EQ(status.code(), Code::kRefundExceedsPayment) << status.ToString();
  EXPECT_TRUE(Refunds(order.order_no).empty()) << "the command changed nothing";
}

TEST_F(PaymentsTest, RefundsAreExecutedWhenDueWhoeverInsertedThem) {
  WorkMondayToFriday();  // Thursday 26 November: due Friday 00:00
  const Order order = PaidAndApproved({{"TEA", 2}});
  // Inserted without a due date, as other use cases do: computed from its creation.
  Refund plain;
  plain.order_no = order.order_no;
  plain.amount = order.total_amount / 2;
  plain.cause = RefundCause::kMissingLines;
  plain.created_at = clock_.Now();
  plain.created_by = "user:cs";
  ASSERT_TRUE(Run([&](WriteTx& tx) { return tx.inventory().InsertRefund(plain); }).ok());
  auto pending = reads().payments().ListPendingRefunds(0, 10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_FALSE((*pending)[0].due_at.has_value());

  auto early = std::make_shared<RefundExecution>();
  ASSERT_TRUE(Run(ExecuteDueRefunds({plain.id}, BusinessCalendar{{1, 2, 3, 4, 5}, {}, {}},
                                    Context("system"), early))
                  .ok());
  EXPECT_TRUE(early->executed.empty()) << "not due yet";
  clock_.AdvanceMs(15 * 60 * kMinuteMs);  // Friday 00:00 in Beijing
  auto due = std::make_shared<RefundExecution>();
  ASSERT_TRUE(Run(ExecuteDueRefunds({plain.id}, BusinessCalendar{{1, 2, 3, 4, 5}, {}, {}},
                                    Context("system"), due))
                  .ok());
  ASSERT_EQ(due->executed.size(), 1u);
  auto stored = reads().payments().GetRefund(plain.id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_EQ((*stored)->status, RefundStatus::kSucceeded);
  EXPECT_EQ((*stored)->executed_by, "system");
  EXPECT_EQ((*stored)->executed_at, clock_.Now());
  EXPECT_EQ(Load(order.order_no).payment_status, PaymentStatus::kPartiallyRefunded);
  const auto types = EventTypes(order.order_no);
  EXPECT_EQ(std::count(types.begin(), types.end(), "refund_executed"), 1);
  // Executing again, by the job or by finance, changes nothing.
  auto again = std::make_shared<RefundExecution>();
  ASSERT_TRUE(Run(ExecuteRefundNow(plain.id, {true, "X", ""}, Context("user:fin"), again)).ok());
  ASSERT_TRUE(again->refund.has_value());
  EXPECT_EQ(again->refund->executed_by, "system");
  EXPECT_EQ(Run(ExecuteRefundNow(999, {true, "X", ""}, Context("user:fin"), again)).kind(),
            Kind::kNotFound);
}

TEST_F(PaymentsTest, CashOnDeliveryRefusalClosesTheOrderAndReleasesItsStock) {
  const Order order = Place({{"TEA", 3}}, "standard", /*cod=*/true);
  EXPECT_EQ(Available(), 47);
  auto out = std::make_shared<Order>();
  ASSERT_TRUE(
      Run(ConfirmCod(order.order_no, {"phone", false, ""}, std::nullopt, Context("user:cs"), out))
          .ok());
  EXPECT_EQ(out->status, OrderStatus::kClosed);
  EXPECT_EQ(Load(order.order_no).status, OrderStatus::kClosed);
  EXPECT_EQ(Available(), 50);
  const auto types = EventTypes(order.order_no);
  EXPECT_NE(std::find(types.begin(), types.end(), "cod_refused"), types.end());
  auto stale = std::make_shared<Order>();
  EXPECT_EQ(
      Run(ConfirmCod(order.order_no, {"phone", true, ""}, int64_t{1}, Context(), stale)).kind(),
      Kind::kPreconditionFailed);
}

TEST_F(PaymentsTest, UnpaidOrdersAreFoundByAgeOnlyWhileUnpaid) {
  const Order old_order = Place({{"TEA", 1}});
  clock_.AdvanceMs(10 * kMinuteMs);
  const Order young = Place({{"TEA", 1}});
  const Order paid = Place({{"TEA", 1}});
  Move(paid.order_no, PaymentInput{"alipay", "T-P", paid.total_amount});
  auto found = reads().payments().ListUnpaidOrders(clock_.Now().PlusMs(-5 * kMinuteMs), false,
                                                   false, {}, 10);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].order_no, old_order.order_no);
  auto all = reads().payments().ListUnpaidOrders(clock_.Now(), false, false, {}, 10);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u) << "the paid order is not unpaid";
  auto next = reads().payments().ListUnpaidOrders(clock_.Now(), false, false,
                                                  {(*all)[0].created_at, (*all)[0].id}, 10);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].order_no, young.order_no);

  auto sent = std::make_shared<int>(0);
  ASSERT_TRUE(
      Run(SendPaymentReminders({old_order.order_no, young.order_no}, 10, Context("system"), sent))
          .ok());
  EXPECT_EQ(*sent, 1) << "the young order is not due";
  auto unreminded = reads().payments().ListUnpaidOrders(clock_.Now(), true, false, {}, 10);
  ASSERT_TRUE(unreminded.ok());
  ASSERT_EQ(unreminded->size(), 1u);
  EXPECT_EQ((*unreminded)[0].order_no, young.order_no);
}

TEST_F(PaymentsTest, ARejectedPaidOrderIsRefundedWhatItWasPaid) {
  const Order order = Place({{"TEA", 2}});
  ASSERT_TRUE(Callback(order.order_no, "T-1", order.total_amount).ok());
  ASSERT_TRUE(Try(order.order_no, ReviewInput{"reject", "fraud"}).first.ok());
  const Order closed = Load(order.order_no);
  EXPECT_EQ(closed.status, OrderStatus::kClosed);
  EXPECT_EQ(closed.refunded_amount, order.total_amount);
  EXPECT_EQ(MoneyOf(closed).kept, 0);
  const std::vector<Refund> refunds = Refunds(order.order_no);
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].cause, RefundCause::kOrderClosed);
  EXPECT_EQ(refunds[0].status, RefundStatus::kPending) << "exactly what was paid: no approval";
}

TEST_F(PaymentsTest, AShortPaymentsCaseClosesItselfAndLiftsItsHoldWhenTheBalanceIsPaid) {
  const Order order = Place({{"TEA", 2}});
  ASSERT_TRUE(Callback(order.order_no, "T-1", order.total_amount - 100).ok());
  ASSERT_TRUE(Load(order.order_no).on_hold());
  auto balance = Callback(order.order_no, "T-2", 100);
  ASSERT_TRUE(balance.ok()) << balance.status().ToString();
  const Order paid = Load(order.order_no);
  EXPECT_FALSE(paid.on_hold());
  EXPECT_NE(paid.status, OrderStatus::kPendingPayment);
  EXPECT_EQ(MoneyOf(paid).kept, order.total_amount);
  const std::vector<AbnormalCase> cases = Cases(order.order_no);
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].status, CaseStatus::kResolved);
  EXPECT_EQ(cases[0].resolution, "cause gone: the payment succeeded");
}

TEST_F(PaymentsTest, AnOverpaymentIsRefundedBeforeTheReviewRulesLookAtTheOrder) {
  const Order order = Place({{"TEA", 1}});
  auto over = Callback(order.order_no, "T-1", order.total_amount + 500);
  ASSERT_TRUE(over.ok()) << over.status().ToString();
  ASSERT_TRUE(over->refund_id.has_value());
  const Order paid = Load(order.order_no);
  EXPECT_EQ(paid.refunded_amount, 500);
  EXPECT_EQ(MoneyOf(paid).due, 0);
  for (const AbnormalCase& abnormal : Cases(order.order_no)) {
    EXPECT_NE(abnormal.type, "payment_amount_mismatch") << "the books balance: no mismatch";
  }
  EXPECT_FALSE(paid.on_hold());
}

}  // namespace
}  // namespace ordo::app
