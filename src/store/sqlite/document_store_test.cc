// The document archive in the embedded store: an approved order's confirmation is archived in
// the approval's transaction, once, sealed and addressed by its hash; an order's end starts the
// retention of its documents; grants read for their hours only, their reads recorded;
// destruction needs a second person and removes the content, keeping the record.
#include <sqlite3.h>

#include "app/documents.h"
#include "store/document_content.h"
#include "testing/fulfillment_fixture.h"

namespace ordo::sqlite {
namespace {

constexpr int64_t kDayMs = 24 * 3600 * 1000;

class DocumentStoreTest : public app::FulfillmentFixture {
 protected:
  void SetUp() override {
    FulfillmentFixture::SetUp();
    AddWarehouse("SH-01");
    AddSku("TEA", 500);
    Receive("SH-01", "TEA", 100);
    order_ = PaidAndApproved({{"TEA", 2}});
  }

  std::vector<ArchivedDocument> Documents() {
    auto docs = reads().documents().ListOrderDocuments(order_.order_no);
    EXPECT_TRUE(docs.ok());
    return docs.ok() ? *docs : std::vector<ArchivedDocument>{};
  }

  ArchivedDocument Confirmation() {
    for (const ArchivedDocument& doc : Documents()) {
      if (doc.document_class == DocumentClass::kOrderConfirmation) {
        return doc;
      }
    }
    ADD_FAILURE() << "no order confirmation";
    return {};
  }

  // The stored column as it is in the file.
  std::string RawContent(int64_t id) {
    sqlite3* db = nullptr;
    std::string content = "<null>";
    const std::string path = (dir_ / "ordo.db").string();
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT content FROM documents WHERE id = ?", -1, &stmt, nullptr);
    sqlite3_bind_int64(stmt, 1, id);
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
      content.assign(static_cast<const char*>(sqlite3_column_blob(stmt, 0)),
                     static_cast<size_t>(sqlite3_column_bytes(stmt, 0)));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return content;
  }

  // Writes the stored column as an outsider would: text (the earlier form) or a BLOB.
  void SetRawContent(int64_t id, const std::string& content, bool as_text) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "ordo.db").string().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "UPDATE documents SET content = ? WHERE id = ?", -1, &stmt, nullptr);
    const int size = static_cast<int>(content.size());
    as_text ? sqlite3_bind_text(stmt, 1, content.data(), size, SQLITE_TRANSIENT)
            : sqlite3_bind_blob(stmt, 1, content.data(), size, SQLITE_TRANSIENT);
    sqlite3_bind_int64(stmt, 2, id);
    EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }

  Status AppendEvent(const std::string& type, const std::string& to_status) {
    const Order order = Load(order_.order_no);
    OrderEvent event{type, clock_.Now(), "user:lead", "", to_status, {}};
    return Run([&](WriteTx& tx) { return tx.AppendOrderEvents(order, {event}); });
  }

  Order order_;
};

TEST_F(DocumentStoreTest, ApprovalArchivesTheConfirmationSealedAndAddressedByItsHash) {
  const ArchivedDocument listed = Confirmation();
  EXPECT_EQ(listed.template_name, "order_confirmation/1");
  EXPECT_EQ(listed.created_by, "user:lead");
  EXPECT_TRUE(listed.content.empty()) << "lists carry no content";
  auto read = reads().documents().GetDocument(listed.id);
  ASSERT_TRUE(read.ok() && read->has_value());
  const ArchivedDocument& doc = **read;
  EXPECT_EQ(Sha256Hex(doc.content), doc.sha256);
  EXPECT_EQ(static_cast<int64_t>(doc.content.size()), doc.size_bytes);
  EXPECT_NE(doc.content.find("\"personal\""), std::string::npos);
  EXPECT_NE(doc.content.find("13812345678"), std::string::npos);
  // Compressed, then sealed: a BLOB in the content format 1, smaller than the JSON it holds.
  const std::string raw = RawContent(doc.id);
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(raw.front(), '\x01');
  EXPECT_LT(raw.size(), doc.content.size());
  EXPECT_EQ(raw.find("13812345678"), std::string::npos);
  EXPECT_EQ(raw.find("张三"), std::string::npos);
}

TEST_F(DocumentStoreTest, ContentArchivedInTheEarlierTextFormStillReads) {
  auto read = reads().documents().GetDocument(Confirmation().id);
  ASSERT_TRUE(read.ok() && read->has_value());
  const ArchivedDocument doc = **read;
  PiiCipher::Key key;
  key.fill(9);  // the fixture's key (testing/store_fixture.h)
  SetRawContent(doc.id, PiiCipher(key).Seal(doc.content), /*as_text=*/true);
  EXPECT_TRUE(RawContent(doc.id).starts_with("v1:"));
  auto again = reads().documents().GetDocument(doc.id);
  ASSERT_TRUE(again.ok() && again->has_value()) << again.status().ToString();
  EXPECT_EQ((*again)->content, doc.content);
}

TEST_F(DocumentStoreTest, AlteredContentIsRefusedNotGuessed) {
  const int64_t id = Confirmation().id;
  const std::string stored = RawContent(id);
  std::string altered = stored;
  altered[altered.size() / 2] ^= 0x01;
  SetRawContent(id, altered, /*as_text=*/false);
  auto read = reads().documents().GetDocument(id);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().kind(), Kind::kInternal);
  EXPECT_NE(read.status().message().find("failed authentication"), std::string::npos)
      << read.status().message();

  std::string unknown = stored;
  unknown[0] = '\x02';
  SetRawContent(id, unknown, /*as_text=*/false);
  read = reads().documents().GetDocument(id);
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.status().message().find("unknown format"), std::string::npos)
      << read.status().message();
}

TEST_F(DocumentStoreTest, ADocumentIsArchivedOnceAndNeverReplaced) {
  const ArchivedDocument first = Confirmation();
  clock_.AdvanceMs(60 * 1000);
  ASSERT_TRUE(AppendEvent("approve", "awaiting_fulfillment").ok());
  const std::vector<ArchivedDocument> docs = Documents();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].sha256, first.sha256);
  EXPECT_EQ(docs[0].created_at, first.created_at);
}

TEST_F(DocumentStoreTest, RetentionStartsWhenTheOrderEndsAndListsTheDueByClass) {
  auto due = reads().documents().ListDue(DocumentClass::kOrderConfirmation,
                                         clock_.Now().PlusMs(100 * 365 * kDayMs), 10);
  ASSERT_TRUE(due.ok());
  EXPECT_TRUE(due->empty()) << "the order has not ended";
  const Timestamp ended = clock_.Now();
  ASSERT_TRUE(AppendEvent("complete", "completed").ok());
  EXPECT_EQ(Confirmation().order_ended_at, ended);
  clock_.AdvanceMs(kDayMs);
  ASSERT_TRUE(AppendEvent("close", "closed").ok());
  EXPECT_EQ(Confirmation().order_ended_at, ended) << "the first end counts";
  due = reads().documents().ListDue(DocumentClass::kOrderConfirmation, ended, 10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 1u);
  due = reads().documents().ListDue(DocumentClass::kInvoice, ended, 10);
  EXPECT_TRUE(due.ok() && due->empty());
  auto listed = app::ListDueDocuments(reads(), clock_.Now(), 10);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty()) << "three years have not passed";
  clock_.AdvanceMs(3 * 365 * kDayMs);
  listed = app::ListDueDocuments(reads(), clock_.Now(), 10);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
}

TEST_F(DocumentStoreTest, AGrantReadsForItsHoursAndEachReadIsRecorded) {
  const ArchivedDocument doc = Confirmation();
  DocumentGrant ask;
  ask.department = "finance";
  ask.document_class = DocumentClass::kOrderConfirmation;
  ask.reason = "对账";
  ask.hours = 1;
  auto grant = std::make_shared<DocumentGrant>();
  ASSERT_TRUE(Run(app::RequestDocumentGrant(ask, Context("user:fin"), grant)).ok());
  auto access = app::DecideDocumentAccess(reads(), doc, "finance", clock_.Now());
  ASSERT_TRUE(access.ok());
  EXPECT_FALSE(access->allowed) << "pending";
  EXPECT_EQ(Run(app::DecideDocumentGrant(grant->id, true, "warehouse", "", Context("user:wh"),
                                         grant))
                .code(),
            Code::kNotDepartmentHead);
  ASSERT_TRUE(Run(app::DecideDocumentGrant(grant->id, true, "operations", "",
                                           Context("user:ops-head"), grant))
                  .ok());
  access = app::DecideDocumentAccess(reads(), doc, "finance", clock_.Now());
  ASSERT_TRUE(access.ok() && access->allowed);
  EXPECT_EQ(access->grant_id, grant->id);
  ASSERT_TRUE(Run(app::RecordGrantRead(doc.id, grant->id, "finance", Context("user:fin"))).ok());
  auto read_log = reads().documents().ListGrantReads(grant->id);
  ASSERT_TRUE(read_log.ok());
  ASSERT_EQ(read_log->size(), 1u);
  EXPECT_EQ(read_log->front().reader, "user:fin");
  auto owner = app::DecideDocumentAccess(reads(), doc, "operations", clock_.Now());
  ASSERT_TRUE(owner.ok() && owner->allowed);
  EXPECT_EQ(owner->grant_id, 0) << "the owner reads without a grant";
  clock_.AdvanceMs(3600 * 1000);
  access = app::DecideDocumentAccess(reads(), doc, "finance", clock_.Now());
  ASSERT_TRUE(access.ok());
  EXPECT_FALSE(access->allowed) << "expired";
  EXPECT_EQ(Run(app::RecordGrantRead(doc.id, grant->id, "finance", Context("user:fin"))).code(),
            Code::kNoAccessGrant);
}

TEST_F(DocumentStoreTest, DestructionNeedsASecondPersonAndKeepsTheRecord) {
  ASSERT_TRUE(AppendEvent("complete", "completed").ok());
  const ArchivedDocument doc = Confirmation();
  auto out = std::make_shared<app::DestructionOutcome>();
  Status early = Run(app::ProposeDestruction({doc.id}, "期满", Context("user:a"), out));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.field_errors().front().code, Code::kNotDueForDestruction);
  clock_.AdvanceMs((3 * 365 + 1) * kDayMs);
  ASSERT_TRUE(Run(app::ProposeDestruction({doc.id, 424242}, "期满", Context("user:a"), out)).ok());
  ASSERT_EQ(out->left_out.size(), 1u);
  EXPECT_EQ(out->left_out[0].code, Code::kNotFound);
  const int64_t id = out->destruction.id;
  EXPECT_EQ(Run(app::DecideDestruction(id, true, "", Context("user:a"), out)).code(),
            Code::kSelfApproval);
  EXPECT_FALSE(RawContent(doc.id) == "<null>");
  ASSERT_TRUE(Run(app::DecideDestruction(id, true, "监销", Context("user:b"), out)).ok());
  EXPECT_EQ(out->destruction.destroyed_ids, std::vector<int64_t>{doc.id});
  EXPECT_EQ(RawContent(doc.id), "<null>");
  auto read = reads().documents().GetDocument(doc.id);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ((*read)->status, DocumentStatus::kDestroyed);
  EXPECT_EQ((*read)->sha256, doc.sha256);
  EXPECT_EQ((*read)->destroyed_by, "user:b");
  EXPECT_EQ((*read)->destruction_reason, "期满");
  EXPECT_TRUE((*read)->content.empty());
  auto audit = reads().ListAudit("document", std::to_string(doc.id), 0, 50);
  ASSERT_TRUE(audit.ok());
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->back().action, "destroy");
  EXPECT_NE(audit->back().after.find(doc.sha256), std::string::npos);
  EXPECT_NE(audit->back().after.find("user:a"), std::string::npos);
}

}  // namespace
}  // namespace ordo::sqlite
