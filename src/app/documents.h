// The document archive's use cases (domain.md DOC-1, DOC-3, DOC-4; domain/archive/document.h):
// who reads an archived document, access grants asked by another department and decided by the
// owning department's head, the reads made under them, and destructions proposed by one person
// and approved by a different supervisor. Archiving itself is done by the store with the write
// that produced each document (store/document_store.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/command.h"
#include "domain/archive/document.h"
#include "domain/settings/settings.h"
#include "store/document_store.h"

namespace ordo::app {

// The department a staff role works in when its account names none: customer_service,
// warehouse, logistics, finance, operations and purchasing are their own; supervisor and auditor
// are "supervision" (监督小组), admin "it"; a channel belongs to none ("").
std::string RoleDepartment(std::string_view role);

// How a caller may read a document: as its owning department, under a grant (whose id the read
// is recorded against), or not at all.
struct DocumentAccess {
  bool allowed = false;
  int64_t grant_id = 0;  // non-zero: allowed by this grant; the read must be recorded
};

// The owning department reads its own documents; another department reads only under a live
// approved grant covering the document (GrantCovers). An expired or refused grant reads nothing.
Result<DocumentAccess> DecideDocumentAccess(ReadView& reads, const ArchivedDocument& document,
                                            const std::string& department, Timestamp now);

// Records a read of `document_id` under `grant_id` by context.actor, re-checking in the writer
// that the grant still covers it (kForbidden no_access_grant otherwise).
WriteFn RecordGrantRead(int64_t document_id, int64_t grant_id, std::string department,
                        CommandContext context);

// Asks for access for `grant.department` (the caller's) to one document (document_id, whose
// class it takes) or a class. 404 for an unknown document; 422 as ValidateGrantRequest.
WriteFn RequestDocumentGrant(DocumentGrant grant, CommandContext context,
                             std::shared_ptr<DocumentGrant> out);

// Approves or refuses grant `id` as the head of `head_department`: 404 unknown; 403
// not_department_head; 409 already_decided.
WriteFn DecideDocumentGrant(int64_t id, bool approve, std::string head_department,
                            std::string note, CommandContext context,
                            std::shared_ptr<DocumentGrant> out);

// The documents due for destruction at `now`: archived, their order ended at least the
// retention of their class ago; at most `limit` per class, the longest due first per class.
Result<std::vector<ArchivedDocument>> ListDueDocuments(ReadView& reads, Timestamp now, int limit);

// A document left out of a destruction, and why (not_found, document_destroyed,
// not_due_for_destruction).
struct LeftOutDocument {
  int64_t id = 0;
  Code code = Code::kNotFound;
  std::string message;
};

struct DestructionOutcome {
  DocumentDestruction destruction;
  std::vector<LeftOutDocument> left_out;
};

// Proposes destroying the documents due among `ids` for `reason`; the others are left out with
// their reason. 422 when the reason is missing, no id is given, or none is due.
WriteFn ProposeDestruction(std::vector<int64_t> ids, std::string reason, CommandContext context,
                           std::shared_ptr<DestructionOutcome> out);

// Approves (destroying each proposed document still archived and due; the others left out) or
// refuses destruction `id`. 404 unknown; 403 self_approval for its proposer; 409
// already_decided.
WriteFn DecideDestruction(int64_t id, bool approve, std::string note, CommandContext context,
                          std::shared_ptr<DestructionOutcome> out);

}  // namespace ordo::app
