// The SQL of customers and the review queue: the member id prefix and blacklist filters with
// their cursor, the channel's usual amount from a bounded sample, the queue's order and index.

#include "app/customers.h"
#include "store/sqlite/query_plan_test_util.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::sqlite {
namespace {

class CustomerStoreTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 100);
  }

  Status Insert(const std::string& member_id, bool blacklisted) {
    return Run([&](WriteTx& tx) -> Status {
      CustomerProfile profile =
          NewProfile(Customer{member_id, "赵六", "13912340011"}, {"user:cs", clock_.Now()});
      profile.blacklisted = blacklisted;
      return tx.customers().InsertCustomer(profile, "create");
    });
  }

  std::vector<std::string> Members(const CustomerFilter& filter) {
    auto found = reads().customers().ListCustomers(filter);
    EXPECT_TRUE(found.ok());
    std::vector<std::string> members;
    for (const CustomerProfile& profile : found.ok() ? *found : std::vector<CustomerProfile>{}) {
      members.push_back(profile.member_id);
    }
    return members;
  }

  // The query plan of `sql` on a connection of our own.
  std::string Plan(const std::string& sql) {
    return QueryPlan(DatabasePath(dir_.string()), sql);
  }
};

TEST_F(CustomerStoreTest, ProfilesAreFilteredByPrefixAndBlacklistAndPaged) {
  ASSERT_TRUE(Insert("vip-1", false).ok());
  ASSERT_TRUE(Insert("vip-2", true).ok());
  ASSERT_TRUE(Insert("vip-3", true).ok());
  ASSERT_TRUE(Insert("web-1", true).ok());
  EXPECT_EQ(Insert("vip-1", false).code(), Code::kAlreadyExists);
  CustomerFilter filter;
  filter.q = "vip-";
  EXPECT_EQ(Members(filter), (std::vector<std::string>{"vip-1", "vip-2", "vip-3"}));
  filter.blacklisted = true;
  filter.limit = 1;
  EXPECT_EQ(Members(filter), (std::vector<std::string>{"vip-2"}));
  filter.after_member_id = "vip-2";
  EXPECT_EQ(Members(filter), (std::vector<std::string>{"vip-3"}));
  CustomerFilter all;
  all.blacklisted = false;
  EXPECT_EQ(Members(all), (std::vector<std::string>{"vip-1"}));
}

TEST_F(CustomerStoreTest, TheChannelsUsualAmountNeedsEnoughOrders) {
  auto usual = [&] {
    int64_t amount = -1;
    EXPECT_TRUE(Run([&](WriteTx& tx) -> Status {
                  ORDO_ASSIGN_OR_RETURN(amount, tx.customers().ChannelUsualAmount("web"));
                  return Status::Ok();
                }).ok());
    return amount;
  };
  int64_t single = 0;
  for (int i = 0; i < kChannelMinOrders - 1; ++i) {
    single = Place({{"TEA", 1}}).total_amount;
  }
  EXPECT_EQ(usual(), 0) << "one order short of the minimum";
  Place({{"TEA", 3}});
  EXPECT_EQ(usual(), single) << "the median, not the mean";
}

TEST_F(CustomerStoreTest, TheReviewQueueIsByPriorityThenAgeThroughItsPartialIndex) {
  const Order first = Place({{"TEA", 1}});
  const Order second = Place({{"TEA", 2}});
  const Order express = Place({{"TEA", 3}}, "express");
  Place({{"TEA", 1}});  // unpaid: not in the queue
  for (const Order* order : {&express, &second, &first}) {
    Move(order->order_no, app::PaymentInput{"alipay", "T-" + order->order_no, order->total_amount});
  }
  auto queue = reads().customers().ListPendingReview(std::nullopt, 10);
  ASSERT_TRUE(queue.ok());
  std::vector<std::string> numbers;
  for (const Order& order : *queue) {
    numbers.push_back(order.order_no);
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{express.order_no, first.order_no, second.order_no}))
      << "the newest, expedited order first; then the oldest of equal priority";
  auto after = reads().customers().ListPendingReview(
      QueuePosition{(*queue)[1].priority, (*queue)[1].id.value}, 10);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].order_no, second.order_no);
  after = reads().customers().ListPendingReview(
      QueuePosition{(*queue)[0].priority, (*queue)[0].id.value}, 1);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].order_no, first.order_no) << "a page boundary between priorities";
  const std::string plan = Plan(
      "SELECT id, order_no, doc FROM orders INDEXED BY orders_in_review "
      "WHERE status = 'pending_review' "
      "AND (1 = 0 OR priority < 50 OR (priority = 50 AND id > 1)) "
      "ORDER BY priority DESC, id LIMIT 10");
  EXPECT_NE(plan.find("orders_in_review"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

TEST_F(CustomerStoreTest, AComplaintsNoteIsReadBackButNeverAudited) {
  ASSERT_TRUE(Insert("m-c", false).ok());
  auto out = std::make_shared<app::CustomerOutcome>();
  Complaint complaint;
  complaint.category = "service";
  complaint.note = "王先生 says the courier was rude";
  ASSERT_TRUE(Run(app::AddComplaint("m-c", complaint, Context("user:cs"), out)).ok());
  auto complaints = reads().customers().ListComplaints("m-c", 10);
  ASSERT_TRUE(complaints.ok());
  ASSERT_EQ(complaints->size(), 1u);
  EXPECT_EQ(complaints->front().note, complaint.note);
  auto audit = reads().ListAudit("customer", "m-c", 0, 100);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 3u);  // create, the complaint, the profile's counter
  for (const AuditEntry& entry : *audit) {
    EXPECT_EQ(entry.after.find("王先生"), std::string::npos) << entry.action;
  }
}

// The channel's usual amount is read from the database once, by primary key, and then kept up
// to date with the orders the writer inserts and changes; a rolled-back order leaves no trace.
TEST_F(CustomerStoreTest, TheChannelsUsualAmountFollowsTheWritersOrdersWithoutRereading) {
  const std::string log = (dir_ / "statements.jsonl").string();
  ASSERT_TRUE(LogPreparedStatements(log).ok());
  auto usual = [&] {
    int64_t amount = -1;
    EXPECT_TRUE(Run([&](WriteTx& tx) -> Status {
                  ORDO_ASSIGN_OR_RETURN(amount, tx.customers().ChannelUsualAmount("web"));
                  return Status::Ok();
                }).ok());
    return amount;
  };
  int64_t one = 0;
  for (int i = 0; i < kChannelMinOrders; ++i) {
    one = Place({{"TEA", 1}}).total_amount;
  }
  EXPECT_EQ(usual(), one);
  int64_t three = 0;
  for (int i = 0; i <= kChannelMinOrders; ++i) {
    three = Place({{"TEA", 3}}).total_amount;
  }
  EXPECT_EQ(usual(), three) << "the orders placed since the window was read count";
  const Order model = Load(Place({{"TEA", 1}}).order_no);
  const Status refused = Run([&](WriteTx& tx) -> Status {
    for (int i = 0; i < 3 * kChannelMinOrders; ++i) {
      Order big = model;
      big.id = OrderId{0};
      big.order_no += "-X" + std::to_string(i);
      big.external_id += "-X" + std::to_string(i);
      big.total_amount = 99900;
      ORDO_RETURN_IF_ERROR(tx.InsertOrder(big));
    }
    ORDO_ASSIGN_OR_RETURN(const int64_t during, tx.customers().ChannelUsualAmount("web"));
    EXPECT_EQ(during, 99900) << "the command sees its own orders";
    return Status::Internal("refused after inserting");
  });
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(usual(), three) << "the rolled-back orders are gone from the window too";
  const std::vector<std::string> reads = LoggedStatements(log, "total_amount FROM orders");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_NE(Plan(reads[0]).find("USING INTEGER PRIMARY KEY"), std::string::npos) << Plan(reads[0]);
}

TEST_F(CustomerStoreTest, ACustomersNewestOrdersComeFromTheIndexAndThePendingKeysByLimit) {
  const std::string log = (dir_ / "statements.jsonl").string();
  ASSERT_TRUE(LogPreparedStatements(log).ok());
  const Order model = Load(Place({{"TEA", 1}}).order_no);
  int copies = 0;
  auto insert = [&](WriteTx& tx, const std::string& member) -> Result<int64_t> {
    Order copy = model;
    copy.id = OrderId{0};
    copy.order_no += "-C" + std::to_string(++copies);
    copy.external_id += "-C" + std::to_string(copies);
    copy.customer.member_id = member;
    ORDO_RETURN_IF_ERROR(tx.InsertOrder(copy));
    return copy.id.value;
  };
  std::vector<int64_t> many;  // the orders of m-many, oldest first
  ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 120; ++i) {
                  ORDO_ASSIGN_OR_RETURN(int64_t id, insert(tx, i % 2 ? "m-many" : "m-else"));
                  if (i % 2) {
                    many.push_back(id);
                  }
                }
                return Status::Ok();
              }).ok());
  // The newest of them moves to another member: its old key stays in the index, stale.
  const int64_t moved = many.back();
  many.pop_back();
  auto ids = [](const std::vector<Order>& orders) {
    std::vector<int64_t> out;
    for (const Order& order : orders) {
      out.push_back(order.id.value);
    }
    return out;
  };
  ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                for (int i = 0; i < 3; ++i) {  // pending: not merged inside this transaction
                  ORDO_ASSIGN_OR_RETURN(int64_t id, insert(tx, "m-many"));
                  many.push_back(id);
                  ORDO_RETURN_IF_ERROR(insert(tx, "m-else").status());
                }
                ORDO_ASSIGN_OR_RETURN(std::vector<Order> before,
                                      tx.customers().FindCustomerOrders("m-many", 5));
                EXPECT_EQ(ids(before).size(), 5u);
                EXPECT_EQ(ids(before)[0], many.back()) << "the pending orders count, newest first";
                return Status::Ok();
              }).ok());
  ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                ORDO_ASSIGN_OR_RETURN(std::optional<Order> loaded,
                                      tx.FindOrder(model.order_no + "-C120"));
                EXPECT_TRUE(loaded && loaded->id.value == moved);
                Order changed = *loaded;
                changed.customer.member_id = "m-other";
                changed.version += 1;
                return tx.UpdateOrder(changed, loaded->version);
              }).ok());
  const std::vector<int64_t> newest(many.rbegin(), many.rbegin() + 5);
  ASSERT_TRUE(Run([&](WriteTx& tx) -> Status {
                ORDO_ASSIGN_OR_RETURN(std::vector<Order> found,
                                      tx.customers().FindCustomerOrders("m-many", 5));
                EXPECT_EQ(ids(found), newest) << "the moved order is left out, five still found";
                ORDO_ASSIGN_OR_RETURN(std::vector<Order> all,
                                      tx.customers().FindCustomerOrders("m-many", 500));
                EXPECT_EQ(all.size(), many.size());
                return Status::Ok();
              }).ok());
  auto read = reads().customers().GetCustomerOrders("m-many", 5);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(ids(*read), newest) << "a reader finds the same";
  // The index is read backwards from the newest entry, a page at a time.
  const std::vector<std::string> pages = LoggedStatements(log, "FROM order_search WHERE key = ?");
  ASSERT_FALSE(pages.empty());
  for (const std::string& sql : pages) {
    EXPECT_NE(Plan(sql).find("USING PRIMARY KEY (key=? AND order_id<?)"), std::string::npos)
        << Plan(sql);
  }
}

}  // namespace
}  // namespace ordo::sqlite
