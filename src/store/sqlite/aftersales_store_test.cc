// The SQL of after-sales cases: a case with its lines and history round-trips, updates append
// only the new history, the list filters and pages, supervision reads the confirmed cases of a
// period, and the audit trail records each step without the free-text notes.
#include "app/aftersales.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::sqlite {
namespace {

class AfterSalesStoreTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 100);
    order_no_ = Place({{"TEA", 2}}).order_no;
  }

  AfterSales NewCase(AfterSalesType type, AfterSalesReason reason) {
    AfterSales c;
    c.order_no = order_no_;
    c.type = type;
    c.reason = reason;
    c.freight_payer = FreightPayerFor(reason);
    c.lines = {{1, "TEA", 2, 1000, "SH-01", ""}};
    c.note = "客户电话 13812345678";  // free text: kept on the case, never in the audit trail
    c.created_at = clock_.Now();
    c.created_by = "user:cs";
    c.updated_at = c.created_at;
    c.updated_by = c.created_by;
    c.history.push_back({"requested", "", "requested", "user:cs", c.created_at, c.note});
    return c;
  }

  AfterSales Insert(AfterSales c) {
    EXPECT_TRUE(Run([&](WriteTx& tx) { return tx.aftersales().InsertAfterSales(c); }).ok());
    EXPECT_GT(c.id, 0);
    return c;
  }

  AfterSales Get(int64_t id) {
    auto found = reads().aftersales().GetAfterSales(id);
    EXPECT_TRUE(found.ok() && found->has_value());
    return found.ok() && found->has_value() ? **found : AfterSales{};
  }

  std::string order_no_;
};

TEST_F(AfterSalesStoreTest, ACaseRoundTripsWithItsLinesAndHistory) {
  const AfterSales stored = Insert(NewCase(AfterSalesType::kReturnRefund, AfterSalesReason::kSize));
  const AfterSales read = Get(stored.id);
  EXPECT_EQ(read.order_no, order_no_);
  EXPECT_EQ(read.type, AfterSalesType::kReturnRefund);
  EXPECT_EQ(read.reason, AfterSalesReason::kSize);
  EXPECT_EQ(read.freight_payer, FreightPayer::kBuyer);
  EXPECT_EQ(read.status, AfterSalesStatus::kRequested);
  ASSERT_EQ(read.lines.size(), 1u);
  EXPECT_EQ(read.lines[0].warehouse, "SH-01");
  EXPECT_EQ(read.lines[0].amount(), 2000);
  ASSERT_EQ(read.history.size(), 1u);
  EXPECT_EQ(read.history[0].action, "requested");
  EXPECT_FALSE(read.inspection.has_value());
  EXPECT_EQ(read.refund_id, 0);
}

TEST_F(AfterSalesStoreTest, UpdatesAppendOnlyTheNewHistoryAndAreAudited) {
  AfterSales c = Insert(NewCase(AfterSalesType::kExchange, AfterSalesReason::kWrongItem));
  const Actor actor{"user:wh", clock_.Now()};
  ASSERT_TRUE(ApproveAfterSales(c, "", actor).ok());
  ASSERT_TRUE(ReceiveReturn(c, "SF", "SF9", actor).ok());
  ASSERT_TRUE(InspectAfterSales(c, {true, "ok", true, std::nullopt, ""}, actor).ok());
  ASSERT_TRUE(Run([&](WriteTx& tx) {
                return tx.aftersales().UpdateAfterSales(c, AfterSalesStatus::kRequested);
              }).ok());
  const AfterSales read = Get(c.id);
  EXPECT_EQ(read.status, AfterSalesStatus::kInspected);
  EXPECT_EQ(read.history.size(), 5u);  // requested, approve, await_return, receive, inspect
  EXPECT_EQ(read.history.back().action, "inspect_passed");
  ASSERT_TRUE(read.inspection.has_value());
  EXPECT_TRUE(read.inspection->passed);
  EXPECT_EQ(read.inspection->tags_intact, true);
  EXPECT_FALSE(read.inspection->packaging_intact.has_value());
  EXPECT_TRUE(read.reason_confirmed);
  EXPECT_EQ(read.return_tracking_no, "SF9");

  auto audit = reads().ListAudit("after_sales", std::to_string(c.id), 0, 10);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 2u);
  EXPECT_EQ((*audit)[0].action, "requested");
  EXPECT_EQ((*audit)[1].action, "inspect_passed");
  EXPECT_EQ((*audit)[1].before, R"({"status":"requested"})");
  for (const AuditEntry& entry : *audit) {
    EXPECT_EQ(entry.after.find("13812345678"), std::string::npos) << entry.after;
  }
}

TEST_F(AfterSalesStoreTest, ListFiltersByOrderStatusAndTypeNewestFirst) {
  const AfterSales a = Insert(NewCase(AfterSalesType::kRefundOnly, AfterSalesReason::kQuality));
  const AfterSales b = Insert(NewCase(AfterSalesType::kReship, AfterSalesReason::kLogistics));
  AfterSalesFilter filter;
  filter.order_no = order_no_;
  auto all = reads().aftersales().ListAfterSales(filter);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].id, b.id);
  filter.type = AfterSalesType::kRefundOnly;
  auto refunds = reads().aftersales().ListAfterSales(filter);
  ASSERT_TRUE(refunds.ok());
  ASSERT_EQ(refunds->size(), 1u);
  EXPECT_EQ((*refunds)[0].id, a.id);
  filter.type.reset();
  filter.status = AfterSalesStatus::kCompleted;
  EXPECT_TRUE(reads().aftersales().ListAfterSales(filter)->empty());
  filter.status.reset();
  filter.before_id = b.id;
  auto page = reads().aftersales().ListAfterSales(filter);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].id, a.id);
}

TEST_F(AfterSalesStoreTest, SupervisionReadsTheConfirmedCasesOfAPeriod) {
  AfterSales confirmed =
      Insert(NewCase(AfterSalesType::kReturnRefund, AfterSalesReason::kWrongItem));
  AfterSales unconfirmed = Insert(NewCase(AfterSalesType::kReturnRefund, AfterSalesReason::kSize));
  const Actor actor{"user:wh", clock_.Now()};
  for (AfterSales* c : {&confirmed, &unconfirmed}) {
    ASSERT_TRUE(ApproveAfterSales(*c, "", actor).ok());
    ASSERT_TRUE(ReceiveReturn(*c, "", "", actor).ok());
    ASSERT_TRUE(InspectAfterSales(*c, {true, "", std::nullopt, std::nullopt, ""}, actor).ok());
    ASSERT_TRUE(Run([&](WriteTx& tx) {
                  return tx.aftersales().UpdateAfterSales(*c, AfterSalesStatus::kRequested);
                }).ok());
  }
  auto found = reads().aftersales().ListConfirmedAfterSales(actor.at, actor.at.PlusMs(1));
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].case_id, std::to_string(confirmed.id));
  EXPECT_EQ((*found)[0].reason, "wrong_item");
  EXPECT_EQ((*found)[0].confirmed_at, actor.at);
  EXPECT_TRUE(reads()
                  .aftersales()
                  .ListConfirmedAfterSales(actor.at.PlusMs(1), actor.at.PlusMs(2))
                  ->empty());
}

}  // namespace
}  // namespace ordo::sqlite
