// The embedded engine's side of store/document_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections). A document's content is sealed with the store's PII cipher before it is written
// and opened when read.
#pragma once

#include <functional>

#include "store/document_content.h"
#include "store/document_store.h"
#include "store/pii_cipher.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// Owned by the writer's transaction object; runs on the writer thread only.
class DocumentWriter final : public DocumentWriteTx {
 public:
  DocumentWriter(Connection& conn, AuditChain& audit, const PiiCipher& cipher)
      : conn_(conn), audit_(audit), cipher_(cipher) {}

  // Archives the drafts of `order_no` that are not archived yet (one per order, class and
  // source: a repeat is left as it was, documents are immutable). Each new one is audited
  // ("document", id, "archive") with its class and hash. The retention clock of a document
  // archived after its order ended starts at that end.
  Status Archive(const std::string& order_no, const std::vector<DocumentDraft>& drafts);
  // The order's documents' retention starts at `at` (its first end only).
  Status MarkOrderEnded(const std::string& order_no, Timestamp at);

  Result<std::optional<ArchivedDocument>> FindDocument(int64_t id) override;
  Status InsertGrant(DocumentGrant& grant) override;
  Result<std::optional<DocumentGrant>> FindGrant(int64_t id) override;
  Status SaveGrantDecision(const DocumentGrant& grant) override;
  Status RecordRead(DocumentRead& read) override;
  Status InsertDestruction(DocumentDestruction& destruction) override;
  Result<std::optional<DocumentDestruction>> FindDestruction(int64_t id) override;
  Status SaveDestructionDecision(const DocumentDestruction& destruction) override;
  Status DestroyDocument(int64_t id, const DocumentDestruction& destruction, Timestamp at) override;

 private:
  Connection& conn_;
  AuditChain& audit_;
  const PiiCipher& cipher_;
};

class DocumentReader final : public DocumentReadView {
 public:
  using WithConnection = std::function<Status(const std::function<Status(Connection&)>&)>;

  DocumentReader(WithConnection with, const PiiCipher& cipher)
      : with_(std::move(with)), cipher_(cipher) {}

  Result<std::vector<ArchivedDocument>> ListOrderDocuments(const std::string& order_no) override;
  Result<std::optional<ArchivedDocument>> GetDocument(int64_t id) override;
  Result<std::vector<ArchivedDocument>> ListDue(DocumentClass document_class, Timestamp ended_by,
                                                int limit) override;
  Result<std::vector<DocumentGrant>> ListGrants(const DocumentGrantFilter& filter) override;
  Result<std::optional<DocumentGrant>> GetGrant(int64_t id) override;
  Result<std::vector<DocumentGrant>> LiveGrants(const std::string& department,
                                                DocumentClass document_class,
                                                Timestamp now) override;
  Result<std::vector<DocumentRead>> ListGrantReads(int64_t grant_id) override;
  Result<std::vector<DocumentDestruction>> ListDestructions(DestructionStatus status,
                                                            int limit) override;
  Result<std::optional<DocumentDestruction>> GetDestruction(int64_t id) override;

 private:
  WithConnection with_;
  const PiiCipher& cipher_;
};

}  // namespace ordo::sqlite
