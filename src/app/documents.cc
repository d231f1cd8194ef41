#include "app/documents.h"

#include <algorithm>

#include "app/settings.h"
#include "domain/staff/department.h"

namespace ordo::app {
namespace {

bool IsDue(const ArchivedDocument& document, const Settings& settings, Timestamp now) {
  return document.status == DocumentStatus::kArchived && document.order_ended_at &&
         DestroyableFrom(*document.order_ended_at,
                         settings.RetentionDays(document.document_class)) <= now;
}

// Why `document` (nullopt: not found) cannot be destroyed at `now`, or nullopt when it can.
std::optional<LeftOutDocument> WhyNotDestroyable(int64_t id,
                                                 const std::optional<ArchivedDocument>& document,
                                                 const Settings& settings, Timestamp now) {
  if (!document) {
    return LeftOutDocument{id, Code::kNotFound, "no document " + std::to_string(id)};
  }
  if (document->status == DocumentStatus::kDestroyed) {
    return LeftOutDocument{id, Code::kDocumentDestroyed, "destroyed already"};
  }
  if (!IsDue(*document, settings, now)) {
    return LeftOutDocument{
        id, Code::kNotDueForDestruction,
        document->order_ended_at
            ? "kept until " + FormatRfc3339(DestroyableFrom(
                                  *document->order_ended_at,
                                  settings.RetentionDays(document->document_class)))
            : "its order has not ended: the retention period has not started"};
  }
  return std::nullopt;
}

}  // namespace

std::string RoleDepartment(std::string_view role) {
  if (role == "supervisor" || role == "auditor") {
    return "supervision";
  }
  if (role == "admin") {
    return "it";
  }
  for (std::string_view own : {kCustomerService, kWarehouse, kLogistics, kFinance, kOperations,
                               kPurchasing}) {
    if (role == own) {
      return std::string(own);
    }
  }
  return "";
}

Result<DocumentAccess> DecideDocumentAccess(ReadView& reads, const ArchivedDocument& document,
                                            const std::string& department, Timestamp now) {
  if (department.empty()) {
    return DocumentAccess{};
  }
  if (department == OwningDepartment(document.document_class)) {
    return DocumentAccess{true, 0};
  }
  ORDO_ASSIGN_OR_RETURN(std::vector<DocumentGrant> grants,
                        reads.documents().LiveGrants(department, document.document_class, now));
  for (const DocumentGrant& grant : grants) {
    if (GrantCovers(grant, department, document.document_class, document.id, now)) {
      return DocumentAccess{true, grant.id};
    }
  }
  return DocumentAccess{};
}

WriteFn RecordGrantRead(int64_t document_id, int64_t grant_id, std::string department,
                        CommandContext context) {
  return [=](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    ORDO_ASSIGN_OR_RETURN(std::optional<DocumentGrant> grant, tx.documents().FindGrant(grant_id));
    ORDO_ASSIGN_OR_RETURN(std::optional<ArchivedDocument> document,
                          tx.documents().FindDocument(document_id));
    if (!grant || !document ||
        !GrantCovers(*grant, department, document->document_class, document_id, actor.at)) {
      return Status(Kind::kForbidden, Code::kNoAccessGrant,
                    "no live grant lets the " + department + " department read document " +
                        std::to_string(document_id));
    }
    DocumentRead read{0, document_id, grant_id, actor.name, actor.at};
    return tx.documents().RecordRead(read);
  };
}

WriteFn RequestDocumentGrant(DocumentGrant grant, CommandContext context,
                             std::shared_ptr<DocumentGrant> out) {
  return [grant = std::move(grant), context, out](WriteTx& tx) mutable -> Status {
    const Actor actor = context.Now();
    if (grant.document_id != 0) {
      ORDO_ASSIGN_OR_RETURN(std::optional<ArchivedDocument> document,
                            tx.documents().FindDocument(grant.document_id));
      if (!document) {
        return Status::NotFound("no document " + std::to_string(grant.document_id));
      }
      grant.document_class = document->document_class;
    }
    ORDO_RETURN_IF_ERROR(ValidateGrantRequest(grant));
    grant.status = GrantStatus::kPending;
    grant.requested_by = actor.name;
    grant.requested_at = actor.at;
    ORDO_RETURN_IF_ERROR(tx.documents().InsertGrant(grant));
    *out = grant;
    return Status::Ok();
  };
}

WriteFn DecideDocumentGrant(int64_t id, bool approve, std::string head_department,
                            std::string note, CommandContext context,
                            std::shared_ptr<DocumentGrant> out) {
  return [=](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    ORDO_ASSIGN_OR_RETURN(std::optional<DocumentGrant> grant, tx.documents().FindGrant(id));
    if (!grant) {
      return Status::NotFound("no document grant " + std::to_string(id));
    }
    ORDO_RETURN_IF_ERROR(
        ordo::DecideGrant(*grant, approve, actor.name, head_department, note, actor.at));
    ORDO_RETURN_IF_ERROR(tx.documents().SaveGrantDecision(*grant));
    *out = *grant;
    return Status::Ok();
  };
}

Result<std::vector<ArchivedDocument>> ListDueDocuments(ReadView& reads, Timestamp now, int limit) {
  ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(reads));
  std::vector<ArchivedDocument> due;
  for (DocumentClass document_class : DocumentClasses()) {
    const int64_t days = settings.RetentionDays(document_class);
    // Ended at or before now - retention: DestroyableFrom(ended, days) <= now.
    const Timestamp ended_by{now.unix_ms - days * 24 * 3600 * 1000};
    ORDO_ASSIGN_OR_RETURN(std::vector<ArchivedDocument> found,
                          reads.documents().ListDue(document_class, ended_by, limit));
    due.insert(due.end(), found.begin(), found.end());
  }
  return due;
}

WriteFn ProposeDestruction(std::vector<int64_t> ids, std::string reason, CommandContext context,
                           std::shared_ptr<DestructionOutcome> out) {
  return [=](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    std::vector<FieldError> errors;
    if (reason.empty()) {
      errors.push_back({"reason", Code::kRequired, "say why the documents are destroyed"});
    }
    if (ids.empty()) {
      errors.push_back({"document_ids", Code::kRequired, "name the documents to destroy"});
    }
    if (!errors.empty()) {
      return Status::Invalid(std::move(errors));
    }
    ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
    DestructionOutcome outcome;
    for (int64_t id : ids) {
      if (std::find(outcome.destruction.document_ids.begin(),
                    outcome.destruction.document_ids.end(), id) !=
          outcome.destruction.document_ids.end()) {
        continue;
      }
      ORDO_ASSIGN_OR_RETURN(std::optional<ArchivedDocument> document,
                            tx.documents().FindDocument(id));
      if (auto left = WhyNotDestroyable(id, document, settings, actor.at)) {
        outcome.left_out.push_back(std::move(*left));
      } else {
        outcome.destruction.document_ids.push_back(id);
      }
    }
    if (outcome.destruction.document_ids.empty()) {
      std::vector<FieldError> faults;
      for (size_t i = 0; i < outcome.left_out.size(); ++i) {
        faults.push_back({"document_ids[" + std::to_string(i) + "]", outcome.left_out[i].code,
                          outcome.left_out[i].message});
      }
      return Status::Invalid(std::move(faults));
    }
    outcome.destruction.reason = reason;
    outcome.destruction.proposed_by = actor.name;
    outcome.destruction.proposed_at = actor.at;
    ORDO_RETURN_IF_ERROR(tx.documents().InsertDestruction(outcome.destruction));
    *out = std::move(outcome);
    return Status::Ok();
  };
}

WriteFn DecideDestruction(int64_t id, bool approve, std::string note, CommandContext context,
                          std::shared_ptr<DestructionOutcome> out) {
  return [=](WriteTx& tx) -> Status {
    const Actor actor = context.Now();
    ORDO_ASSIGN_OR_RETURN(std::optional<DocumentDestruction> destruction,
                          tx.documents().FindDestruction(id));
    if (!destruction) {
      return Status::NotFound("no document destruction " + std::to_string(id));
    }
    ORDO_RETURN_IF_ERROR(ordo::DecideDestruction(*destruction, approve, actor.name, note, actor.at));
    DestructionOutcome outcome;
    if (approve) {
      ORDO_ASSIGN_OR_RETURN(const Settings settings, LoadSettings(tx));
      for (int64_t document_id : destruction->document_ids) {
        ORDO_ASSIGN_OR_RETURN(std::optional<ArchivedDocument> document,
                              tx.documents().FindDocument(document_id));
        if (auto left = WhyNotDestroyable(document_id, document, settings, actor.at)) {
          outcome.left_out.push_back(std::move(*left));
          continue;
        }
        ORDO_RETURN_IF_ERROR(tx.documents().DestroyDocument(document_id, *destruction, actor.at));
        destruction->destroyed_ids.push_back(document_id);
      }
    }
    ORDO_RETURN_IF_ERROR(tx.documents().SaveDestructionDecision(*destruction));
    outcome.destruction = std::move(*destruction);
    *out = std::move(outcome);
    return Status::Ok();
  };
}

}  // namespace ordo::app
