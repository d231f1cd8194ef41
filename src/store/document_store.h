// The persistence of the document archive (domain.md DOC-1, DOC-3, DOC-4;
// domain/archive/document.h): archived documents, access grants with the reads made under them,
// and destructions. Part of the store interface (store.h): WriteTx::documents() inside the
// writer's transaction, ReadView::documents() for reads. The same contracts hold: every write is
// audited in the same transaction (entity "document", "document_grant" or
// "document_destruction"; never personal data), reads see committed data only and are
// thread-safe.
//
// A document's content is its canonical form: the facts it printed, as compact JSON, with the
// template and version that lay them out (so the PDF is rendered again, identically, on read).
// It is addressed by the SHA-256 of that JSON and stored sealed with the store's PII cipher, so
// the names, phones and addresses it holds are never in the database file in clear. It is never
// changed: an order's document of one class and source is archived once. Destruction removes
// the content and keeps the record (what, why, who, when, the hash).
//
// The store archives the documents itself, in the transaction of the write that produced each
// (store/document_content.h says which): an order's events (approved, packed, shipped), a
// refund paid out, a complaint recorded, a quality report filed. No use case can forget one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/archive/document.h"

namespace ordo {

struct ArchivedDocument {
  int64_t id = 0;
  std::string order_no;
  DocumentClass document_class = DocumentClass::kOrderConfirmation;
  std::string source_ref;  // what produced it on the order: "order", "parcel:3", "refund:12", …
  std::string template_name;  // e.g. "order_confirmation/1": the layout that renders the content
  std::string sha256;         // hex of the SHA-256 of `content`
  int64_t size_bytes = 0;     // of the canonical content, before sealing
  DocumentStatus status = DocumentStatus::kArchived;
  Timestamp created_at;
  std::string created_by;
  // When the order ended (completed, closed or cancelled): retention runs from here.
  std::optional<Timestamp> order_ended_at;
  std::string content;  // the canonical JSON (opened); empty unless asked for, or destroyed
  // Destruction (status destroyed): the destruction that removed the content.
  int64_t destruction_id = 0;
  std::optional<Timestamp> destroyed_at;
  std::string destroyed_by;
  std::string destruction_reason;
};

struct DocumentGrantFilter {
  std::optional<GrantStatus> status;  // nullopt: pending
  int limit = 50;
  int64_t before_id = 0;  // newest first
};

struct DocumentRead {
  int64_t id = 0;
  int64_t document_id = 0;
  int64_t grant_id = 0;
  std::string reader;
  Timestamp at;
};

class DocumentWriteTx {
 public:
  virtual ~DocumentWriteTx() = default;

  // The document without its content (kNotFound is an empty optional).
  virtual Result<std::optional<ArchivedDocument>> FindDocument(int64_t id) = 0;
  // Assigns grant.id. Audited ("document_grant", id, "request").
  virtual Status InsertGrant(DocumentGrant& grant) = 0;
  virtual Result<std::optional<DocumentGrant>> FindGrant(int64_t id) = 0;
  // Saves the decision of a pending grant; kConflict already_decided when no longer pending.
  // Audited ("approve" or "refuse").
  virtual Status SaveGrantDecision(const DocumentGrant& grant) = 0;
  // Records a read of `document_id` under `grant_id` (assigning read.id). Audited
  // ("document", id, "read_under_grant").
  virtual Status RecordRead(DocumentRead& read) = 0;
  // Assigns destruction.id. Audited ("document_destruction", id, "propose").
  virtual Status InsertDestruction(DocumentDestruction& destruction) = 0;
  virtual Result<std::optional<DocumentDestruction>> FindDestruction(int64_t id) = 0;
  // Saves the decision (and, approved, the documents destroyed); kConflict already_decided when
  // it is no longer proposed. Audited ("approve" or "refuse").
  virtual Status SaveDestructionDecision(const DocumentDestruction& destruction) = 0;
  // Removes the content of an archived document and records its destruction on it (status
  // destroyed, destroyed_at/by, the destruction and its reason); kConflict document_destroyed
  // when it was destroyed already. Audited ("document", id, "destroy") with the hash, the
  // reason, the proposer and the approver.
  virtual Status DestroyDocument(int64_t id, const DocumentDestruction& destruction,
                                 Timestamp at) = 0;
};

class DocumentReadView {
 public:
  virtual ~DocumentReadView() = default;

  // The documents of the order, oldest first, without content.
  virtual Result<std::vector<ArchivedDocument>> ListOrderDocuments(const std::string& order_no) = 0;
  // The document with its content opened (empty when destroyed).
  virtual Result<std::optional<ArchivedDocument>> GetDocument(int64_t id) = 0;
  // The archived (not destroyed) documents of `document_class` whose order ended at or before
  // `ended_by`, the longest ended first, at most `limit` (through the retention index).
  virtual Result<std::vector<ArchivedDocument>> ListDue(DocumentClass document_class,
                                                        Timestamp ended_by, int limit) = 0;
  virtual Result<std::vector<DocumentGrant>> ListGrants(const DocumentGrantFilter& filter) = 0;
  virtual Result<std::optional<DocumentGrant>> GetGrant(int64_t id) = 0;
  // The approved grants of `department` for `document_class` that end after `now`.
  virtual Result<std::vector<DocumentGrant>> LiveGrants(const std::string& department,
                                                        DocumentClass document_class,
                                                        Timestamp now) = 0;
  // The reads made under the grant, oldest first.
  virtual Result<std::vector<DocumentRead>> ListGrantReads(int64_t grant_id) = 0;
  // Destructions with `status`, newest first.
  virtual Result<std::vector<DocumentDestruction>> ListDestructions(DestructionStatus status,
                                                                    int limit) = 0;
  virtual Result<std::optional<DocumentDestruction>> GetDestruction(int64_t id) = 0;
};

}  // namespace ordo
