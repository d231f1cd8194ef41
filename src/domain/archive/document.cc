#include "domain/archive/document.h"

#include <array>

#include "domain/staff/department.h"

namespace ordo {
namespace {

struct ClassInfo {
  DocumentClass document_class;
  std::string_view owner;
  int64_t retention_days;
};

// One row per class: its owning department and its default retention (names: document.h).
constexpr std::array<ClassInfo, 7> kClasses = {{
    {DocumentClass::kOrderConfirmation, kOperations, kMinRetentionDays},
    {DocumentClass::kPackingSlip, kWarehouse, kMinRetentionDays},
    {DocumentClass::kWaybill, kLogistics, kMinRetentionDays},
    {DocumentClass::kInvoice, kFinance, 10 * 365},
    {DocumentClass::kComplaintRecord, kCustomerService, kMinRetentionDays},
    {DocumentClass::kInspectionReport, kWarehouse, kMinRetentionDays},
    {DocumentClass::kRefundVoucher, kFinance, 10 * 365},
}};

const ClassInfo& Info(DocumentClass document_class) {
  return kClasses[static_cast<size_t>(document_class)];
}

}  // namespace

const std::vector<DocumentClass>& DocumentClasses() {
  static const std::vector<DocumentClass> kAll = [] {
    std::vector<DocumentClass> all;
    for (const ClassInfo& info : kClasses) {
      all.push_back(info.document_class);
    }
    return all;
  }();
  return kAll;
}

std::string_view DocumentClassName(DocumentClass document_class) {
  return Name(document_class);
}

std::optional<DocumentClass> ParseDocumentClass(std::string_view text) {
  return ParseEnum<DocumentClass>(text);
}

std::string_view OwningDepartment(DocumentClass document_class) {
  return Info(document_class).owner;
}

int64_t DefaultRetentionDays(DocumentClass document_class) {
  return Info(document_class).retention_days;
}

std::string_view DocumentStatusName(DocumentStatus status) {
  return Name(status);
}

std::optional<DocumentStatus> ParseDocumentStatus(std::string_view text) {
  return ParseEnum<DocumentStatus>(text);
}

std::string_view GrantStatusName(GrantStatus status) {
  return Name(status);
}

std::optional<GrantStatus> ParseGrantStatus(std::string_view text) {
  return ParseEnum<GrantStatus>(text);
}

Status ValidateGrantRequest(const DocumentGrant& grant) {
  std::vector<FieldError> errors;
  if (grant.department == grant.owner()) {
    errors.push_back({"department", Code::kOwnDepartment,
                      "the " + grant.department +
                          " department owns these documents and reads them without a grant"});
  }
  if (grant.reason.empty()) {
    errors.push_back({"reason", Code::kRequired, "say why the documents are needed"});
  }
  if (grant.hours < 1 || grant.hours > kMaxGrantHours) {
    errors.push_back({"hours", Code::kInvalidValue,
                      "hours must be 1.." + std::to_string(kMaxGrantHours)});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return Status::Ok();
}

Status DecideGrant(DocumentGrant& grant, bool approve, const std::string& head,
                   std::string_view head_department, const std::string& note, Timestamp at) {
  if (head_department != grant.owner()) {
    return Status(Kind::kForbidden, Code::kNotDepartmentHead,
                  "only the head of the " + std::string(grant.owner()) +
                      " department decides access to its documents");
  }
  if (grant.status != GrantStatus::kPending) {
    return Status::Conflict(Code::kAlreadyDecided,
                            "grant " + std::to_string(grant.id) + " was already " +
                                std::string(GrantStatusName(grant.status)));
  }
  grant.status = approve ? GrantStatus::kApproved : GrantStatus::kRefused;
  grant.decided_by = head;
  grant.decided_at = at;
  grant.decision_note = note;
  if (approve) {
    grant.expires_at = Timestamp{at.unix_ms + grant.hours * 3600 * 1000};
  }
  return Status::Ok();
}

bool GrantCovers(const DocumentGrant& grant, std::string_view department,
                 DocumentClass document_class, int64_t document_id, Timestamp now) {
  return grant.status == GrantStatus::kApproved && grant.expires_at &&
         now.unix_ms < grant.expires_at->unix_ms && grant.department == department &&
         grant.document_class == document_class &&
         (grant.document_id == 0 || grant.document_id == document_id);
}

Timestamp DestroyableFrom(Timestamp order_ended_at, int64_t retention_days) {
  return Timestamp{order_ended_at.unix_ms + retention_days * 24 * 3600 * 1000};
}

std::string_view DestructionStatusName(DestructionStatus status) {
  return Name(status);
}

std::optional<DestructionStatus> ParseDestructionStatus(std::string_view text) {
  return ParseEnum<DestructionStatus>(text);
}

Status DecideDestruction(DocumentDestruction& destruction, bool approve,
                         const std::string& approver, const std::string& note, Timestamp at) {
  if (approver == destruction.proposed_by) {
    return Status(Kind::kForbidden, Code::kSelfApproval,
                  "a destruction is approved by a supervisor other than the one who proposed it");
  }
  if (destruction.status != DestructionStatus::kProposed) {
    return Status::Conflict(Code::kAlreadyDecided,
                            "destruction " + std::to_string(destruction.id) + " was already " +
                                std::string(DestructionStatusName(destruction.status)));
  }
  destruction.status = approve ? DestructionStatus::kApproved : DestructionStatus::kRefused;
  destruction.decided_by = approver;
  destruction.decided_at = at;
  destruction.decision_note = note;
  return Status::Ok();
}

}  // namespace ordo
