// Stored data that names a value its enum does not know (a damaged row, or one written by a
// newer build) fails to load with an error naming the field and the value; it is never read as
// some default value and acted on.

#include <sqlite3.h>

#include "testing/fulfillment_fixture.h"
#include "store/codec.h"
#include "store/sqlite/sqlite_store.h"

namespace ordo::sqlite {
namespace {

class StoredEnumTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 100);
  }

  // Changes the database file behind the store's back, as damage or a newer build would; the
  // tables' CHECK constraints are set aside for it.
  void Damage(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(DatabasePath(dir_.string()).c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const std::string script = "PRAGMA ignore_check_constraints = ON; " + sql;
    const int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << sql;
    sqlite3_free(error);
    EXPECT_EQ(sqlite3_changes(db), 1) << sql;
    sqlite3_close(db);
  }

  // A failure to load: kInternal, naming the stored field and the unknown value.
  static void ExpectCorrupt(const Status& status, const std::string& field,
                            const std::string& value) {
    EXPECT_EQ(status.kind(), Kind::kInternal) << status.ToString();
    EXPECT_NE(status.message().find(field), std::string::npos) << status.message();
    EXPECT_NE(status.message().find("unknown value \"" + value + "\""), std::string::npos)
        << status.message();
  }

  // A paid order, cancelled by the customer: it has a payment and a refund.
  Order CancelledAfterPayment() {
    const Order order = PaidAndApproved({{"TEA", 1}});
    return Move(order.order_no, app::CancelInput{"customer asked"});
  }
};

TEST_F(StoredEnumTest, AnOrderDocumentWithAnUnknownStatusFailsToLoad) {
  const Order order = Place({{"TEA", 1}});
  ASSERT_TRUE(reads().GetOrder(order.order_no).ok()) << "readable before the damage";
  Damage("UPDATE orders SET doc = json_set(doc, '$.status', 'teleported') WHERE order_no = '" +
         order.order_no + "'");
  auto loaded = reads().GetOrder(order.order_no);
  ASSERT_FALSE(loaded.ok()) << "an unknown status must not read as pending_payment";
  ExpectCorrupt(loaded.status(), "order status", "teleported");
}

TEST_F(StoredEnumTest, AnOrderDocumentWithAnUnknownPaymentOutcomeFailsToLoad) {
  const Order order = PaidAndApproved({{"TEA", 1}});
  ASSERT_EQ(Load(order.order_no).payments.size(), 1u);
  Damage(
      "UPDATE orders SET doc = json_set(doc, '$.payments[0].outcome', 'bounced') "
      "WHERE order_no = '" +
      order.order_no + "'");
  auto loaded = reads().GetOrder(order.order_no);
  ASSERT_FALSE(loaded.ok()) << "an unknown nested value must not read as succeeded";
  ExpectCorrupt(loaded.status(), "order payments[0].outcome", "bounced");
}

TEST_F(StoredEnumTest, AnOrderDocumentWithoutAPaymentOutcomeReadsAsSucceeded) {
  // Documents written before outcomes were recorded hold successful payments only.
  const Order order = PaidAndApproved({{"TEA", 1}});
  Damage("UPDATE orders SET doc = json_remove(doc, '$.payments[0].outcome') WHERE order_no = '" +
         order.order_no + "'");
  const Order loaded = Load(order.order_no);
  ASSERT_EQ(loaded.payments.size(), 1u);
  EXPECT_EQ(loaded.payments[0].outcome, PaymentOutcome::kSucceeded);
}

TEST_F(StoredEnumTest, TheOrderCodecRefusesAnUnknownPaymentMethod) {
  const Order order = Place({{"TEA", 1}});
  auto cipher = std::make_shared<const PiiCipher>(PiiCipher::Key{});
  std::string doc = EncodeOrderDoc(order, *cipher);
  const std::string online = "\"payment_method\":\"online\"";
  const size_t at = doc.find(online);
  ASSERT_NE(at, std::string::npos) << doc;
  ASSERT_TRUE(DecodeOrderDoc(doc, *cipher).ok()) << "the document as written decodes";
  doc.replace(at, online.size(), "\"payment_method\":\"barter\"");
  auto decoded = DecodeOrderDoc(doc, *cipher);
  ASSERT_FALSE(decoded.ok());
  ExpectCorrupt(decoded.status(), "order payment_method", "barter");
}

TEST_F(StoredEnumTest, AShipmentWithAnUnknownStatusFailsToLoad) {
  const Order order = PaidAndApproved({{"TEA", 1}});
  Move(order.order_no, app::PickInput{});
  Scan(order.order_no);
  Move(order.order_no, app::PackInput{550, ""});
  const std::vector<Shipment> parcels = Parcels(order.order_no);
  ASSERT_EQ(parcels.size(), 1u);
  Damage("UPDATE shipments SET status = 'vanished' WHERE id = " + std::to_string(parcels[0].id));
  auto loaded = reads().fulfillment().GetShipments(order.order_no);
  ASSERT_FALSE(loaded.ok()) << "an unknown status must not read as planned";
  ExpectCorrupt(loaded.status(), "shipment " + std::to_string(parcels[0].id) + " status",
                "vanished");
}

TEST_F(StoredEnumTest, ARefundWithAnUnknownStatusFailsToLoad) {
  const Order order = CancelledAfterPayment();
  auto refunds = reads().inventory().ListRefunds(order.order_no);
  ASSERT_TRUE(refunds.ok()) << refunds.status().ToString();
  ASSERT_EQ(refunds->size(), 1u);
  const std::string id = std::to_string(refunds->front().id);
  Damage("UPDATE refunds SET status = 'mislaid', decision = '' WHERE id = " + id);
  auto loaded = reads().inventory().ListRefunds(order.order_no);
  ASSERT_FALSE(loaded.ok());
  ExpectCorrupt(loaded.status(), "refund " + id + " status", "mislaid");
}

TEST_F(StoredEnumTest, ARefundWithAnUnknownCauseFailsToLoad) {
  const Order order = CancelledAfterPayment();
  auto refunds = reads().inventory().ListRefunds(order.order_no);
  ASSERT_TRUE(refunds.ok() && refunds->size() == 1u);
  const std::string id = std::to_string(refunds->front().id);
  Damage("UPDATE refunds SET reason = 'whim' WHERE id = " + id);
  auto loaded = reads().inventory().ListRefunds(order.order_no);
  ASSERT_FALSE(loaded.ok());
  ExpectCorrupt(loaded.status(), "refund " + id + " cause", "whim");
}

}  // namespace
}  // namespace ordo::sqlite
