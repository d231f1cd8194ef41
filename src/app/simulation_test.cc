// A seeded simulation of the app layer over a real store (issue 22, item 4): random but
// reproducible sequences of commands (intake online and cash on delivery, payments exact, short,
// over, duplicate and late, review, backorders filled by receipts, picking, scanning, packing,
// shipping, delivery, completion, cancellations at every stage, unpaid orders closed by the
// timer, after-sales refunds, refund approval and execution) with the clock moving between
// them. After every step the invariants the spec promises are checked on what the store holds:
//   - every order's money balances (domain/order/money.h): paid = kept + refunded + due, nothing
//     negative, nothing due once paid in full or ended, an ended order keeps nothing;
//   - nothing ships that is not paid for: a shipped online order owes nothing;
//   - stock is never oversold: 0 <= reserved <= on hand, and the books (levels, ledger, order
//     holds) balance (VerifyStockBooks);
//   - the reports' summary counts every order placed, once;
// and at the end the audit chain verifies. A failing run names its seed and step; run it again
// with ORDO_SIM_SEED=<seed> (and ORDO_SIM_STEPS) to replay exactly that sequence. `make test`
// runs a few seeds; `make sim` runs many, longer (ORDO_SIM_SEEDS, ORDO_SIM_STEPS).
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "app/aftersales.h"
#include "app/anomaly.h"
#include "app/payments.h"
#include "domain/order/money.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/inventory_queries.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::app {
namespace {

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::strtoll(value, nullptr, 10) : fallback;
}

bool Ended(const Order& order) {
  return order.status == OrderStatus::kCancelled || order.status == OrderStatus::kClosed;
}

bool Shipped(const Order& order) {
  return order.status == OrderStatus::kShipped || order.status == OrderStatus::kDelivered ||
         order.status == OrderStatus::kCompleted;
}

class Simulation : public FulfillmentFixture {
 protected:
  static constexpr const char* kSkus[] = {"SIM-TEA", "SIM-CUP", "SIM-PEN"};

  void Seed() {
    AddWarehouse("SIM-WH");
    for (const char* sku : kSkus) {
      AddSku(sku, 200);
      Receive("SIM-WH", sku, 20);
    }
  }

  // Runs `seed` for `steps` steps; stops at the first broken invariant.
  void RunSeed(uint64_t seed, int steps) {
    rng_.seed(seed);
    seed_ = seed;
    Seed();
    for (step_ = 1; step_ <= steps && !::testing::Test::HasFailure(); ++step_) {
      Act();
      CheckInvariants();
    }
    std::map<std::string, int> statuses;
    for (const std::string& order_no : orders_no_) {
      ++statuses[std::string(StatusName(Load(order_no).status))];
    }
    if (!::testing::Test::HasFailure()) {
      CheckAuditChain();
    }
    std::ostringstream summary;
    summary << "seed " << seed_ << ", " << steps << " steps, " << orders_no_.size()
            << " orders; done/refused:";
    for (const auto& [name, count] : done_) {
      summary << " " << name << " " << count << "/" << refused_[name];
    }
    summary << "; orders now:";
    for (const auto& [status, count] : statuses) {
      summary << " " << status << " " << count;
    }
    std::cout << summary.str() << "\n";
    // A run that never got far would prove nothing: the common paths must all have been taken.
    if (steps >= 300) {
      for (const char* name : {"place", "pay", "review", "pick", "scan", "ship", "deliver",
                               "cancel", "after-sales", "refunds"}) {
        EXPECT_GT(done_[name], 0) << summary.str() << ": no " << name << " succeeded";
      }
    }
    done_.clear();
    refused_.clear();
  }

  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(int percent) { return Pick(100) < percent; }
  std::string Where() const {
    std::ostringstream where;
    where << "seed " << seed_ << " step " << step_ << " (" << last_action_ << ")";
    return where.str();
  }
  // A command's outcome: refusals (the state or the input does not allow it) are part of the
  // game; a fault is not.
  void Accept(const Status& status) {
    const std::string name = last_action_.substr(0, last_action_.find(' '));
    ++(status.ok() ? done_ : refused_)[name];
    if (!status.ok() && std::getenv("ORDO_SIM_VERBOSE") != nullptr) {
      std::cout << Where() << ": " << status.ToString() << "\n";
    }
    EXPECT_NE(status.kind(), Kind::kInternal) << Where() << ": " << status.ToString();
    EXPECT_NE(status.kind(), Kind::kUnavailable) << Where() << ": " << status.ToString();
  }
  std::string AnyOrder() { return orders_no_.empty() ? "" : orders_no_[Pick(orders_no_.size())]; }
  // Mostly an order the command suits (as the last check saw them), sometimes any order, so
  // that refusals are exercised too.
  std::string OrderIn(std::initializer_list<OrderStatus> wanted) {
    std::vector<std::string> fitting;
    for (const std::string& order_no : orders_no_) {
      if (std::find(wanted.begin(), wanted.end(), statuses_[order_no]) != wanted.end()) {
        fitting.push_back(order_no);
      }
    }
    return fitting.empty() || Chance(10) ? AnyOrder() : fitting[Pick(fitting.size())];
  }

  void Act() {
    const int roll = Pick(100);
    if (roll < 18 || orders_no_.empty()) {
      PlaceOne();
    } else if (roll < 34) {
      PayOne();
    } else if (roll < 42) {
      Step("review", OrderIn({OrderStatus::kPendingReview}),
           ReviewInput{Chance(90) ? "approve" : "reject", "sim"});
    } else if (roll < 50) {
      Step("pick", OrderIn({OrderStatus::kAwaitingFulfillment}), PickInput{});
    } else if (roll < 57) {
      PackOne();
    } else if (roll < 64) {
      Step("ship", OrderIn({OrderStatus::kPacked}), ShipInput{"", "", ""});
    } else if (roll < 69) {
      Step("deliver", OrderIn({OrderStatus::kShipped}), DeliverInput{});
    } else if (roll < 73) {
      Step("complete", OrderIn({OrderStatus::kDelivered}), CompleteInput{});
    } else if (roll < 79) {
      Step("cancel",
           OrderIn({OrderStatus::kPendingPayment, OrderStatus::kPendingReview,
                    OrderStatus::kAwaitingFulfillment, OrderStatus::kPicking,
                    OrderStatus::kPacked}),
           CancelInput{"sim: customer changed mind"});
    } else if (roll < 83) {
      last_action_ = "receive";
      const char* sku = kSkus[Pick(3)];
      Accept(Run(ReceiveStock({"SIM-WH", sku, 1 + Pick(10), "sim"}, Context(),
                              std::make_shared<StockOutcome>())));
    } else if (roll < 86) {
      last_action_ = "clock and unpaid orders closed";
      clock_.AdvanceMs(int64_t{60000} * (1 + Pick(120)));
      Accept(Run(CloseUnpaidOrders(orders_no_, 24 * 60, Context("system:jobs"),
                                   std::make_shared<int>())));
    } else if (roll < 88) {
      const std::string order_no =
          OrderIn({OrderStatus::kPendingReview, OrderStatus::kAwaitingFulfillment});
      last_action_ = "cod " + order_no;
      // Re-confirmed by phone, now and then refused (the order closes).
      Accept(Run(ConfirmCod(order_no, CodConfirmation{"phone", Chance(90), "sim"}, std::nullopt,
                            Context("user:service"), std::make_shared<Order>())));
    } else if (roll < 90) {
      DismissACase();
    } else if (roll < 94) {
      RefundAfterDelivery();
    } else {
      SettleRefunds();
    }
  }

  void PlaceOne() {
    last_action_ = "place";
    std::vector<std::pair<std::string, Quantity>> lines;
    const int count = 1 + Pick(3);
    std::set<int> used;
    for (int i = 0; i < count; ++i) {
      const int sku = Pick(3);
      if (used.insert(sku).second) {
        lines.push_back({kSkus[sku], 1 + Pick(4)});
      }
    }
    NewOrder input;
    input.channel = "sim";
    input.external_id = "SIM-" + std::to_string(seed_) + "-" + std::to_string(step_);
    input.customer = {"m-" + std::to_string(Pick(20)), "张三", "13812345678"};
    input.consignee = {
        "张三", "13812345678", {"上海市", "上海市", "浦东新区", "世纪大道100号 8楼", ""}};
    for (const auto& [sku, quantity] : lines) {
      input.lines.push_back({sku, quantity, std::nullopt, ""});
    }
    input.payment_method = Chance(15) ? "cod" : "online";
    input.shipping_service = "standard";
    auto out = std::make_shared<OrderOutcome>();
    const Status status = Run(PlaceOrder(input, Context("token:web"), out));
    Accept(status);
    if (status.ok()) {
      orders_no_.push_back(out->order.order_no);
      ++placed_;
    }
  }

  // Exact, short, over, duplicate or late: money that arrives is never refused.
  void PayOne() {
    const std::string order_no = Chance(85) ? OrderIn({OrderStatus::kPendingPayment}) : AnyOrder();
    const Order order = Load(order_no);
    const int kind = Pick(10);
    int64_t amount = order.total_amount;
    last_action_ = "pay " + order_no;
    if (kind == 0) {
      amount = std::max<int64_t>(1, amount / 2);  // short
      last_action_ += " short";
    } else if (kind == 1) {
      amount += 100;  // over
      last_action_ += " over";
    }
    PaymentNotice notice{"alipay", "T-" + order_no + "-" + std::to_string(step_), amount, true,
                         "", std::nullopt};
    Accept(Run(RecordPaymentCallback(order_no, notice, Context("system:payments"),
                                     std::make_shared<PaymentCallbackOutcome>())));
  }

  void Step(const std::string& name, const std::string& order_no, OrderCommand command) {
    last_action_ = name + " " + order_no;
    auto [status, order] = Try(order_no, std::move(command));
    Accept(status);
  }

  void PackOne() {
    const std::string order_no = OrderIn({OrderStatus::kPicking});
    last_action_ = "scan and pack " + order_no;
    const Order order = Load(order_no);
    if (order.status != OrderStatus::kPicking) {
      Accept(Try(order_no, PackInput{500, "", "", {}}).first);
      return;
    }
    VerifyInput input{"", {}};
    for (const std::string& warehouse : WarehousesOf(order)) {
      input.warehouse = warehouse;
      input.scans.clear();
      int64_t weight_g = 0;
      for (const ShipmentLine& line : ParcelLines(order, warehouse)) {
        input.scans.push_back({line.sku, line.quantity});
        weight_g += 200 * line.quantity;  // every SKU weighs 200 g (Seed)
      }
      Accept(Run(VerifyParcel(order_no, input, Context("user:scanner"),
                              std::make_shared<VerifyOutcome>())));
      // Now and then the scale disagrees: a weight_mismatch case holds the order.
      Accept(Try(order_no, PackInput{Chance(90) ? weight_g : weight_g * 3, warehouse, "", {}})
                 .first);
    }
  }

  // Someone looks into an open abnormal case and dismisses it, lifting its hold.
  void DismissACase() {
    last_action_ = "dismiss a case";
    CaseFilter filter;
    filter.status = CaseStatus::kOpen;
    filter.limit = 20;
    auto cases = reads().fulfillment().ListCases(filter);
    ASSERT_TRUE(cases.ok()) << Where();
    if (cases->empty()) {
      return;
    }
    const AbnormalCase& picked = (*cases)[Pick(cases->size())];
    last_action_ = "dismiss case " + std::to_string(picked.id);
    Accept(Run(DismissAbnormalCase(picked.id, "sim: looked into it", Context("user:supervisor"),
                                   std::make_shared<CaseOutcome>())));
  }

  void RefundAfterDelivery() {
    const std::string order_no =
        OrderIn({OrderStatus::kShipped, OrderStatus::kDelivered, OrderStatus::kCompleted});
    last_action_ = "after-sales refund " + order_no;
    const Order order = Load(order_no);
    AfterSalesRequest request;
    request.order_no = order_no;
    request.type = Chance(50) ? "refund_only" : "partial_refund";
    request.reason = "quality";
    if (request.type == "partial_refund") {
      request.amount = 1 + Pick(500);
    } else if (!order.lines.empty()) {
      request.lines.push_back({order.lines.front().sku, 1, ""});
    }
    auto out = std::make_shared<AfterSalesOutcome>();
    Status status = Run(CreateAfterSales(request, Context("user:service"), out));
    Accept(status);
    if (!status.ok()) {
      return;
    }
    const int64_t id = out->after_sales.id;
    Accept(Run(ApproveAfterSalesCase(id, "sim", Context("user:service-lead"), out)));
    Accept(Run(RefundAfterSalesCase(id, Context("user:service-lead"), out)));
  }

  // Finance approves what waits for approval and the execution job pays out what is due.
  void SettleRefunds() {
    last_action_ = "refunds approved and executed";
    RefundFilter filter;
    filter.limit = 500;
    auto refunds = reads().payments().ListRefunds(filter);
    ASSERT_TRUE(refunds.ok()) << Where() << refunds.status().ToString();
    std::vector<int64_t> ids;
    for (const Refund& refund : *refunds) {
      if (refund.status == RefundStatus::kAwaitingApproval) {
        Accept(Run(DecideRefund(refund.id, Chance(85), "sim", Approver{"user:finance", true},
                                Context("user:finance"), std::make_shared<RefundExecution>())));
      }
      ids.push_back(refund.id);
    }
    clock_.AdvanceMs(int64_t{86400000} * 3);
    Accept(Run(ExecuteDueRefunds(ids, BusinessCalendar{}, Context("system:jobs"),
                                 std::make_shared<RefundExecution>())));
  }

  void CheckInvariants() {
    for (const std::string& order_no : orders_no_) {
      const Order order = Load(order_no);
      statuses_[order_no] = order.status;
      const OrderMoney money = MoneyOf(order);
      // Described only when a check fails: the order's money and its refunds.
      auto what = [&] {
        std::string text = Where() + " order " + order_no + " " +
                           std::string(StatusName(order.status)) + " total " +
                           std::to_string(order.total_amount) + " credit " +
                           std::to_string(order.credit_amount) + " paid " +
                           std::to_string(money.paid) + " refunded " +
                           std::to_string(money.refunded) + " kept " +
                           std::to_string(money.kept) + " due " + std::to_string(money.due) +
                           " balance " + std::to_string(money.balance) + "; refunds:";
        if (auto refunds = reads().inventory().ListRefunds(order_no); refunds.ok()) {
          for (const Refund& refund : *refunds) {
            text += " #" + std::to_string(refund.id) + " " +
                    std::string(RefundCauseName(refund.cause)) + " " +
                    std::to_string(refund.amount) + " " +
                    std::string(RefundStatusName(refund.status));
          }
        }
        return text;
      };
      EXPECT_EQ(money.paid, money.kept + money.refunded + money.due) << what();
      EXPECT_GE(money.kept, 0) << what();
      EXPECT_GE(money.due, 0) << what();
      EXPECT_GE(money.refunded, 0) << what();
      if (PaidInFull(order) || Ended(order)) {
        EXPECT_EQ(money.due, 0) << what() << ": money held neither kept nor refunded";
      }
      if (Ended(order)) {
        EXPECT_EQ(money.kept, 0) << what() << ": an ended order keeps money";
      }
      if (Shipped(order) && order.payment_method == PaymentMethod::kOnline) {
        EXPECT_TRUE(PaidInFull(order)) << what() << ": shipped unpaid";
        EXPECT_EQ(money.balance, 0) << what() << ": shipped owing " << money.balance;
      }
      if (::testing::Test::HasFailure()) {
        return;
      }
    }
    for (const char* sku : kSkus) {
      auto stock = reads().GetStock(sku);
      ASSERT_TRUE(stock.ok()) << Where();
      for (const StockLevel& level : stock->levels) {
        EXPECT_GE(level.reserved(), 0) << Where() << " " << sku;
        EXPECT_LE(level.reserved(), level.on_hand()) << Where() << " " << sku << ": oversold";
      }
    }
    auto books = sqlite::VerifyStockBooks(dir_.string());
    ASSERT_TRUE(books.ok()) << Where() << books.status().ToString();
    EXPECT_TRUE(books->differences.empty())
        << Where() << ": the stock books do not balance (" << books->differences.size()
        << " differences)";
    auto sales = reads().reports().Sales(SalesDimension::kChannel, {"2000-01-01", "2100-12-31"});
    ASSERT_TRUE(sales.ok()) << Where();
    int64_t counted = 0;
    for (const SalesFigures& row : *sales) {
      counted += row.orders;
    }
    EXPECT_EQ(counted, placed_) << Where() << ": the reports count the orders placed";
  }

  void CheckAuditChain() {
    PiiCipher::Key key;
    key.fill(9);  // the fixture's key (testing/store_fixture.h)
    store_.reset();
    auto report = sqlite::VerifyAuditLog(dir_.string(), PiiCipher(key));
    ASSERT_TRUE(report.ok()) << "seed " << seed_ << ": " << report.status().ToString();
    EXPECT_FALSE(report->problem.has_value())
        << "seed " << seed_ << ": the audit chain does not verify at entry "
        << report->problem->seq << " (" << report->problem->detail << ")";
  }

  std::mt19937_64 rng_;
  uint64_t seed_ = 0;
  int step_ = 0;
  int64_t placed_ = 0;
  std::string last_action_;
  std::vector<std::string> orders_no_;
  std::map<std::string, OrderStatus> statuses_;  // as the last check saw them
  std::map<std::string, int> done_;     // commands that succeeded, by kind
  std::map<std::string, int> refused_;  // and those refused
};

// A seed of a multi-seed run replays alone (ORDO_SIM_SEED) only if it starts at the same time:
// each reopened store starts the clock again. (Without it the 152nd seed of `make sim` ran ~75
// years on, past the reports' range, and counted one order short.)
TEST_F(Simulation, EverySeedStartsAtTheSameTime) {
  const Timestamp start = clock_.Now();
  clock_.AdvanceMs(int64_t{86400000} * 400);
  TearDown();
  SetUp();
  EXPECT_EQ(clock_.Now().unix_ms, start.unix_ms);
}

TEST_F(Simulation, RandomSequencesKeepEveryInvariant) {
  const int64_t steps = EnvInt("ORDO_SIM_STEPS", 300);
  const int64_t fixed = EnvInt("ORDO_SIM_SEED", 0);
  const int64_t seeds = EnvInt("ORDO_SIM_SEEDS", 3);
  if (fixed != 0) {
    RunSeed(static_cast<uint64_t>(fixed), static_cast<int>(steps));
    return;
  }
  // Each seed on a fresh store: the fixture's store is the first; the others are reopened.
  for (int64_t i = 0; i < seeds && !::testing::Test::HasFailure(); ++i) {
    if (i > 0) {
      TearDown();
      SetUp();
      orders_no_.clear();
      statuses_.clear();
      placed_ = 0;
    }
    RunSeed(static_cast<uint64_t>(20261207 + i), static_cast<int>(steps));
  }
}

}  // namespace
}  // namespace ordo::app
