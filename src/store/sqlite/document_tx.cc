#include "store/sqlite/document_tx.h"

#include <zstd.h>

#include <charconv>
#include <memory>

#include "base/assert.h"
#include "base/json_writer.h"

namespace ordo::sqlite {
namespace {

constexpr const char* kDocumentColumns =
    "SELECT id, order_no, class, source_ref, template, sha256, size_bytes, status, created_at, "
    "created_by, order_ended_at, destruction_id, destroyed_at, destroyed_by, destruction_reason, "
    "content FROM documents ";

constexpr const char* kGrantColumns =
    "SELECT id, department, class, document_id, reason, hours, status, requested_by, "
    "requested_at, decided_by, decided_at, decision_note, expires_at, "
    "(SELECT count(*) FROM document_reads r WHERE r.grant_id = g.id) FROM document_grants g ";

constexpr const char* kDestructionColumns =
    "SELECT id, document_ids, reason, status, proposed_by, proposed_at, decided_by, decided_at, "
    "decision_note, destroyed_ids FROM document_destructions ";

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string text;
  for (int64_t id : ids) {
    text += (text.empty() ? "" : ",") + std::to_string(id);
  }
  return text;
}

std::vector<int64_t> SplitIds(std::string_view text) {
  std::vector<int64_t> ids;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    int64_t id = 0;
    std::from_chars(part.data(), part.data() + part.size(), id);
    ids.push_back(id);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return ids;
}

// A document's content at rest: a BLOB, kContentFormat followed by the sealed box
// (PiiCipher::SealBytes) of the zstd-compressed JSON: about half of the text Seal made of the
// JSON itself, which documents archived before this format still hold (and which still reads).
constexpr char kContentFormat = '\x01';
constexpr int kContentLevel = 3;  // zstd's default: most of the gain, a few µs a document

std::string SealContent(const PiiCipher& cipher, std::string_view json) {
  // One context per thread, reused: making one per call costs more than compressing a document.
  thread_local const std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> context(ZSTD_createCCtx(),
                                                                                 ZSTD_freeCCtx);
  std::string compressed(ZSTD_compressBound(json.size()), '\0');
  const size_t size = ZSTD_compressCCtx(context.get(), compressed.data(), compressed.size(),
                                        json.data(), json.size(), kContentLevel);
  ORDO_ASSERT(!ZSTD_isError(size));
  compressed.resize(size);
  return kContentFormat + cipher.SealBytes(compressed);
}

Result<std::string> OpenContent(const PiiCipher& cipher, const Statement& row, int column) {
  if (!row.IsBlob(column)) {
    return cipher.Open(row.TextView(column));
  }
  const std::string_view stored = row.BlobView(column);
  if (stored.empty() || stored.front() != kContentFormat) {
    return Status::Internal("an archived document's content has an unknown format");
  }
  ORDO_ASSIGN_OR_RETURN(const std::string compressed, cipher.OpenBytes(stored.substr(1)));
  const unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    return Status::Internal("an archived document's content is not a zstd frame");
  }
  thread_local const std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(),
                                                                                 ZSTD_freeDCtx);
  std::string json(size, '\0');
  const size_t written = ZSTD_decompressDCtx(context.get(), json.data(), json.size(),
                                             compressed.data(), compressed.size());
  if (ZSTD_isError(written) || written != size) {
    return Status::Internal("an archived document's content does not decompress");
  }
  return json;
}

// `with_content`: open the sealed content (column 15).
Result<ArchivedDocument> ReadDocument(const Statement& row, const PiiCipher* cipher) {
  ArchivedDocument doc;
  doc.id = row.Int(0);
  doc.order_no = row.Text(1);
  std::optional<DocumentClass> document_class = ParseDocumentClass(row.TextView(2));
  std::optional<DocumentStatus> status = ParseDocumentStatus(row.TextView(7));
  if (!document_class || !status) {
    return Status::Internal("document " + std::to_string(doc.id) + " has an unknown class or status");
  }
  doc.document_class = *document_class;
  doc.source_ref = row.Text(3);
  doc.template_name = row.Text(4);
  doc.sha256 = row.Text(5);
  doc.size_bytes = row.Int(6);
  doc.status = *status;
  doc.created_at = Timestamp{row.Int(8)};
  doc.created_by = row.Text(9);
  doc.order_ended_at = OptionalTime(row, 10);
  doc.destruction_id = row.IsNull(11) ? 0 : row.Int(11);
  doc.destroyed_at = OptionalTime(row, 12);
  doc.destroyed_by = row.Text(13);
  doc.destruction_reason = row.Text(14);
  if (cipher != nullptr && !row.IsNull(15)) {
    ORDO_ASSIGN_OR_RETURN(doc.content, OpenContent(*cipher, row, 15));
  }
  return doc;
}

Result<std::vector<ArchivedDocument>> ReadDocuments(Statement& stmt, const PiiCipher* cipher) {
  std::vector<ArchivedDocument> docs;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(ArchivedDocument doc, ReadDocument(stmt, cipher));
    docs.push_back(std::move(doc));
  }
  ORDO_RETURN_IF_ERROR(status);
  return docs;
}

Result<DocumentGrant> ReadGrant(const Statement& row) {
  DocumentGrant grant;
  grant.id = row.Int(0);
  grant.department = row.Text(1);
  std::optional<DocumentClass> document_class = ParseDocumentClass(row.TextView(2));
  std::optional<GrantStatus> status = ParseGrantStatus(row.TextView(6));
  if (!document_class || !status) {
    return Status::Internal("grant " + std::to_string(grant.id) + " has an unknown class or status");
  }
  grant.document_class = *document_class;
  grant.document_id = row.Int(3);
  grant.reason = row.Text(4);
  grant.hours = row.Int(5);
  grant.status = *status;
  grant.requested_by = row.Text(7);
  grant.requested_at = Timestamp{row.Int(8)};
  grant.decided_by = row.Text(9);
  grant.decided_at = OptionalTime(row, 10);
  grant.decision_note = row.Text(11);
  grant.expires_at = OptionalTime(row, 12);
  grant.reads = row.Int(13);
  return grant;
}

Result<std::vector<DocumentGrant>> ReadGrants(Statement& stmt) {
  std::vector<DocumentGrant> grants;
  Status status;
  while (stmt.Step(&status)) {
    ORDO_ASSIGN_OR_RETURN(DocumentGrant grant, ReadGrant(stmt));
    grants.push_back(std::move(grant));
  }
  ORDO_RETURN_IF_ERROR(status);
  return grants;
}

Result<std::vector<DocumentDestruction>> ReadDestructions(Statement& stmt) {
  std::vector<DocumentDestruction> list;
  Status status;
  while (stmt.Step(&status)) {
    DocumentDestruction d;
    d.id = stmt.Int(0);
    d.document_ids = SplitIds(stmt.TextView(1));
    d.reason = stmt.Text(2);
    std::optional<DestructionStatus> parsed = ParseDestructionStatus(stmt.TextView(3));
    if (!parsed) {
      return Status::Internal("destruction " + std::to_string(d.id) + " has an unknown status");
    }
    d.status = *parsed;
    d.proposed_by = stmt.Text(4);
    d.proposed_at = Timestamp{stmt.Int(5)};
    d.decided_by = stmt.Text(6);
    d.decided_at = OptionalTime(stmt, 7);
    d.decision_note = stmt.Text(8);
    d.destroyed_ids = SplitIds(stmt.TextView(9));
    list.push_back(std::move(d));
  }
  ORDO_RETURN_IF_ERROR(status);
  return list;
}

template <typename T>
std::optional<T> First(std::vector<T> rows) {
  if (rows.empty()) {
    return std::nullopt;
  }
  return std::move(rows.front());
}

std::string GrantJson(const DocumentGrant& grant) {
  JsonWriter out;
  out.BeginObject()
      .Field("department", grant.department)
      .Field("class", DocumentClassName(grant.document_class))
      .Field("document_id", grant.document_id)
      .Field("hours", grant.hours)
      .Field("status", GrantStatusName(grant.status));
  if (grant.expires_at) {
    out.Field("expires_at", FormatRfc3339(*grant.expires_at));
  }
  return out.EndObject().Take();
}

std::string DestructionJson(const DocumentDestruction& d) {
  JsonWriter out;
  return out.BeginObject()
      .Field("status", DestructionStatusName(d.status))
      .Field("document_ids", JoinIds(d.document_ids))
      .Field("reason", d.reason)
      .Field("proposed_by", d.proposed_by)
      .Field("destroyed_ids", JoinIds(d.destroyed_ids))
      .EndObject()
      .Take();
}

}  // namespace

Status DocumentWriter::Archive(const std::string& order_no,
                               const std::vector<DocumentDraft>& drafts) {
  if (order_no.empty() || drafts.empty()) {
    return Status::Ok();
  }
  for (const DocumentDraft& draft : drafts) {
    ORDO_PREPARE(stmt, conn_,
                 "INSERT INTO documents (order_no, class, source_ref, template, sha256, "
                 "size_bytes, content, created_at, created_by, order_ended_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT order_ended_at FROM "
                 "documents WHERE order_no = ?1 AND order_ended_at IS NOT NULL LIMIT 1)) "
                 "ON CONFLICT (order_no, class, source_ref) DO NOTHING");
    const std::string sha256 = Sha256Hex(draft.content);
    stmt->Bind(1, order_no).Bind(2, DocumentClassName(draft.document_class));
    stmt->Bind(3, draft.source_ref).Bind(4, draft.template_name).Bind(5, sha256);
    stmt->Bind(6, static_cast<int64_t>(draft.content.size()));
    stmt->BindBlob(7, SealContent(cipher_, draft.content));
    stmt->Bind(8, draft.at.unix_ms).Bind(9, draft.actor);
    ORDO_RETURN_IF_ERROR(stmt->Run());
    if (conn_.Changes() != 1) {
      continue;
    }
    JsonWriter after;
    after.BeginObject()
        .Field("order_no", order_no)
        .Field("class", DocumentClassName(draft.document_class))
        .Field("source_ref", draft.source_ref)
        .Field("template", draft.template_name)
        .Field("sha256", sha256)
        .EndObject();
    audit_.Add(AuditEntry{0, draft.at, draft.actor, "document",
                          std::to_string(conn_.LastInsertId()), "archive", "null", after.Take()});
  }
  return Status::Ok();
}

Status DocumentWriter::MarkOrderEnded(const std::string& order_no, Timestamp at) {
  ORDO_PREPARE(stmt, conn_,
               "UPDATE documents SET order_ended_at = ?2 WHERE order_no = ?1 AND "
               "order_ended_at IS NULL");
  stmt->Bind(1, order_no).Bind(2, at.unix_ms);
  return stmt->Run();
}

Result<std::optional<ArchivedDocument>> DocumentWriter::FindDocument(int64_t id) {
  ORDO_PREPARE(stmt, conn_, std::string(kDocumentColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<ArchivedDocument> found, ReadDocuments(*stmt, nullptr));
  return First(std::move(found));
}

Status DocumentWriter::InsertGrant(DocumentGrant& grant) {
  ORDO_PREPARE(stmt, conn_,
               "INSERT INTO document_grants (department, class, document_id, reason, hours, "
               "status, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  stmt->Bind(1, grant.department).Bind(2, DocumentClassName(grant.document_class));
  stmt->Bind(3, grant.document_id).Bind(4, grant.reason).Bind(5, grant.hours);
  stmt->Bind(6, GrantStatusName(grant.status)).Bind(7, grant.requested_by);
  stmt->Bind(8, grant.requested_at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  grant.id = conn_.LastInsertId();
  audit_.Add(AuditEntry{0, grant.requested_at, grant.requested_by, "document_grant",
                        std::to_string(grant.id), "request", "null", GrantJson(grant)});
  return Status::Ok();
}

Result<std::optional<DocumentGrant>> DocumentWriter::FindGrant(int64_t id) {
  ORDO_PREPARE(stmt, conn_, std::string(kGrantColumns) + "WHERE g.id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<DocumentGrant> found, ReadGrants(*stmt));
  return First(std::move(found));
}

Status DocumentWriter::SaveGrantDecision(const DocumentGrant& grant) {
  ORDO_PREPARE(stmt, conn_,
               "UPDATE document_grants SET status = ?1, decided_by = ?2, decided_at = ?3, "
               "decision_note = ?4, expires_at = ?5 WHERE id = ?6 AND status = 'pending'");
  stmt->Bind(1, GrantStatusName(grant.status)).Bind(2, grant.decided_by);
  BindOptionalTime(*stmt, 3, grant.decided_at);
  stmt->Bind(4, grant.decision_note);
  BindOptionalTime(*stmt, 5, grant.expires_at);
  stmt->Bind(6, grant.id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn_.Changes() != 1) {
    return Status::Conflict(Code::kAlreadyDecided,
                            "grant " + std::to_string(grant.id) + " was already decided");
  }
  audit_.Add(AuditEntry{0, grant.decided_at.value_or(grant.requested_at), grant.decided_by,
                        "document_grant", std::to_string(grant.id),
                        grant.status == GrantStatus::kApproved ? "approve" : "refuse",
                        R"({"status":"pending"})", GrantJson(grant)});
  return Status::Ok();
}

Status DocumentWriter::RecordRead(DocumentRead& read) {
  ORDO_PREPARE(stmt, conn_,
               "INSERT INTO document_reads (document_id, grant_id, reader, at) VALUES (?, ?, ?, ?)");
  stmt->Bind(1, read.document_id).Bind(2, read.grant_id).Bind(3, read.reader);
  stmt->Bind(4, read.at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  read.id = conn_.LastInsertId();
  JsonWriter after;
  after.BeginObject().Field("grant_id", read.grant_id).EndObject();
  audit_.Add(AuditEntry{0, read.at, read.reader, "document", std::to_string(read.document_id),
                        "read_under_grant", "null", after.Take()});
  return Status::Ok();
}

Status DocumentWriter::InsertDestruction(DocumentDestruction& d) {
  ORDO_PREPARE(stmt, conn_,
               "INSERT INTO document_destructions (document_ids, reason, status, proposed_by, "
               "proposed_at) VALUES (?, ?, ?, ?, ?)");
  stmt->Bind(1, JoinIds(d.document_ids)).Bind(2, d.reason);
  stmt->Bind(3, DestructionStatusName(d.status)).Bind(4, d.proposed_by);
  stmt->Bind(5, d.proposed_at.unix_ms);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  d.id = conn_.LastInsertId();
  audit_.Add(AuditEntry{0, d.proposed_at, d.proposed_by, "document_destruction",
                        std::to_string(d.id), "propose", "null", DestructionJson(d)});
  return Status::Ok();
}

Result<std::optional<DocumentDestruction>> DocumentWriter::FindDestruction(int64_t id) {
  ORDO_PREPARE(stmt, conn_, std::string(kDestructionColumns) + "WHERE id = ?");
  stmt->Bind(1, id);
  ORDO_ASSIGN_OR_RETURN(std::vector<DocumentDestruction> found, ReadDestructions(*stmt));
  return First(std::move(found));
}

Status DocumentWriter::SaveDestructionDecision(const DocumentDestruction& d) {
  ORDO_PREPARE(stmt, conn_,
               "UPDATE document_destructions SET status = ?1, decided_by = ?2, decided_at = ?3, "
               "decision_note = ?4, destroyed_ids = ?5 WHERE id = ?6 AND status = 'proposed'");
  stmt->Bind(1, DestructionStatusName(d.status)).Bind(2, d.decided_by);
  BindOptionalTime(*stmt, 3, d.decided_at);
  stmt->Bind(4, d.decision_note).Bind(5, JoinIds(d.destroyed_ids)).Bind(6, d.id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn_.Changes() != 1) {
    return Status::Conflict(Code::kAlreadyDecided,
                            "destruction " + std::to_string(d.id) + " was already decided");
  }
  audit_.Add(AuditEntry{0, d.decided_at.value_or(d.proposed_at), d.decided_by,
                        "document_destruction", std::to_string(d.id),
                        d.status == DestructionStatus::kApproved ? "approve" : "refuse",
                        R"({"status":"proposed"})", DestructionJson(d)});
  return Status::Ok();
}

Status DocumentWriter::DestroyDocument(int64_t id, const DocumentDestruction& d, Timestamp at) {
  ORDO_ASSIGN_OR_RETURN(std::optional<ArchivedDocument> doc, FindDocument(id));
  if (!doc) {
    return Status::NotFound("no document " + std::to_string(id));
  }
  ORDO_PREPARE(stmt, conn_,
               "UPDATE documents SET content = NULL, status = 'destroyed', destruction_id = ?1, "
               "destroyed_at = ?2, destroyed_by = ?3, destruction_reason = ?4 "
               "WHERE id = ?5 AND status = 'archived'");
  stmt->Bind(1, d.id).Bind(2, at.unix_ms).Bind(3, d.decided_by).Bind(4, d.reason).Bind(5, id);
  ORDO_RETURN_IF_ERROR(stmt->Run());
  if (conn_.Changes() != 1) {
    return Status::Conflict(Code::kDocumentDestroyed,
                            "document " + std::to_string(id) + " was destroyed already");
  }
  JsonWriter before;
  before.BeginObject().Field("status", "archived").Field("sha256", doc->sha256).EndObject();
  JsonWriter after;
  after.BeginObject()
      .Field("status", "destroyed")
      .Field("order_no", doc->order_no)
      .Field("class", DocumentClassName(doc->document_class))
      .Field("sha256", doc->sha256)
      .Field("destruction_id", d.id)
      .Field("reason", d.reason)
      .Field("proposed_by", d.proposed_by)
      .Field("approved_by", d.decided_by)
      .EndObject();
  audit_.Add(AuditEntry{0, at, d.decided_by, "document", std::to_string(id), "destroy",
                        before.Take(), after.Take()});
  return Status::Ok();
}

// --- The readers ---

Result<std::vector<ArchivedDocument>> DocumentReader::ListOrderDocuments(
    const std::string& order_no) {
  return ReadWith<std::vector<ArchivedDocument>>(
      with_, [&](Connection& c) -> Result<std::vector<ArchivedDocument>> {
        ORDO_PREPARE(stmt, c, std::string(kDocumentColumns) + "WHERE order_no = ? ORDER BY id");
        stmt->Bind(1, order_no);
        return ReadDocuments(*stmt, nullptr);
      });
}

Result<std::optional<ArchivedDocument>> DocumentReader::GetDocument(int64_t id) {
  return ReadWith<std::optional<ArchivedDocument>>(
      with_, [&](Connection& c) -> Result<std::optional<ArchivedDocument>> {
        ORDO_PREPARE(stmt, c, std::string(kDocumentColumns) + "WHERE id = ?");
        stmt->Bind(1, id);
        ORDO_ASSIGN_OR_RETURN(std::vector<ArchivedDocument> found, ReadDocuments(*stmt, &cipher_));
        return First(std::move(found));
      });
}

Result<std::vector<ArchivedDocument>> DocumentReader::ListDue(DocumentClass document_class,
                                                              Timestamp ended_by, int limit) {
  return ReadWith<std::vector<ArchivedDocument>>(
      with_, [&](Connection& c) -> Result<std::vector<ArchivedDocument>> {
        ORDO_PREPARE(stmt, c,
                     std::string(kDocumentColumns) +
                         "WHERE class = ? AND status = 'archived' AND order_ended_at IS NOT NULL "
                         "AND order_ended_at <= ? ORDER BY order_ended_at LIMIT ?");
        stmt->Bind(1, DocumentClassName(document_class)).Bind(2, ended_by.unix_ms).Bind(3, limit);
        return ReadDocuments(*stmt, nullptr);
      });
}

Result<std::vector<DocumentGrant>> DocumentReader::ListGrants(const DocumentGrantFilter& filter) {
  return ReadWith<std::vector<DocumentGrant>>(
      with_, [&](Connection& c) -> Result<std::vector<DocumentGrant>> {
        ORDO_PREPARE(stmt, c,
                     std::string(kGrantColumns) +
                         "WHERE g.status = ? AND (? = 0 OR g.id < ?) ORDER BY g.id DESC LIMIT ?");
        stmt->Bind(1, GrantStatusName(filter.status.value_or(GrantStatus::kPending)));
        stmt->Bind(2, filter.before_id).Bind(3, filter.before_id).Bind(4, filter.limit);
        return ReadGrants(*stmt);
      });
}

Result<std::optional<DocumentGrant>> DocumentReader::GetGrant(int64_t id) {
  return ReadWith<std::optional<DocumentGrant>>(
      with_, [&](Connection& c) -> Result<std::optional<DocumentGrant>> {
        ORDO_PREPARE(stmt, c, std::string(kGrantColumns) + "WHERE g.id = ?");
        stmt->Bind(1, id);
        ORDO_ASSIGN_OR_RETURN(std::vector<DocumentGrant> found, ReadGrants(*stmt));
        return First(std::move(found));
      });
}

Result<std::vector<DocumentGrant>> DocumentReader::LiveGrants(const std::string& department,
                                                              DocumentClass document_class,
                                                              Timestamp now) {
  return ReadWith<std::vector<DocumentGrant>>(
      with_, [&](Connection& c) -> Result<std::vector<DocumentGrant>> {
        ORDO_PREPARE(stmt, c,
                     std::string(kGrantColumns) +
                         "WHERE g.status = 'approved' AND g.department = ? AND g.class = ? AND "
                         "g.expires_at > ? ORDER BY g.expires_at LIMIT 50");
        stmt->Bind(1, department).Bind(2, DocumentClassName(document_class));
        stmt->Bind(3, now.unix_ms);
        return ReadGrants(*stmt);
      });
}

Result<std::vector<DocumentRead>> DocumentReader::ListGrantReads(int64_t grant_id) {
  return ReadWith<std::vector<DocumentRead>>(
      with_, [&](Connection& c) -> Result<std::vector<DocumentRead>> {
        ORDO_PREPARE(stmt, c,
                     "SELECT id, document_id, grant_id, reader, at FROM document_reads "
                     "WHERE grant_id = ? ORDER BY id LIMIT 1000");
        stmt->Bind(1, grant_id);
        std::vector<DocumentRead> reads;
        Status status;
        while (stmt->Step(&status)) {
          reads.push_back(DocumentRead{stmt->Int(0), stmt->Int(1), stmt->Int(2), stmt->Text(3),
                                       Timestamp{stmt->Int(4)}});
        }
        ORDO_RETURN_IF_ERROR(status);
        return reads;
      });
}

Result<std::vector<DocumentDestruction>> DocumentReader::ListDestructions(DestructionStatus status,
                                                                          int limit) {
  return ReadWith<std::vector<DocumentDestruction>>(
      with_, [&](Connection& c) -> Result<std::vector<DocumentDestruction>> {
        ORDO_PREPARE(stmt, c,
                     std::string(kDestructionColumns) +
                         "WHERE status = ? ORDER BY id DESC LIMIT ?");
        stmt->Bind(1, DestructionStatusName(status)).Bind(2, limit);
        return ReadDestructions(*stmt);
      });
}

Result<std::optional<DocumentDestruction>> DocumentReader::GetDestruction(int64_t id) {
  return ReadWith<std::optional<DocumentDestruction>>(
      with_, [&](Connection& c) -> Result<std::optional<DocumentDestruction>> {
        ORDO_PREPARE(stmt, c, std::string(kDestructionColumns) + "WHERE id = ?");
        stmt->Bind(1, id);
        ORDO_ASSIGN_OR_RETURN(std::vector<DocumentDestruction> found, ReadDestructions(*stmt));
        return First(std::move(found));
      });
}

}  // namespace ordo::sqlite
