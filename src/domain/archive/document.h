// The document archive (domain.md DOC-1, DOC-3, DOC-4): the classes of documents archived with
// an order, the department owning each, how long each is kept, and the pure decisions of
// lending (查阅与借用) and destruction (销毁). No I/O: the store keeps the records, the app
// layer loads them, asks these functions and persists the outcome.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/enum_names.h"
#include "base/status.h"

namespace ordo {

// Every class of order document, in documented order.
enum class DocumentClass {
  kOrderConfirmation,  // 订单确认: archived when review approves the order
  kPackingSlip,        // 发货单/装箱单: when the order (or one of its parcels) is packed
  kWaybill,            // 电子面单: when a parcel ships with its carrier and tracking number
  kInvoice,            // 发票: when the order ships (the goods leave; the sale is invoiced)
  kComplaintRecord,    // 投诉记录: when customer service records a complaint on the order
  kInspectionReport,   // 质检报告: when a returned item's quality report is filed
  kRefundVoucher,      // 退款凭证: when a refund is paid out
};

inline constexpr EnumName<DocumentClass> kDocumentClassNames[] = {
    {DocumentClass::kOrderConfirmation, "order_confirmation"},
    {DocumentClass::kPackingSlip, "packing_slip"},
    {DocumentClass::kWaybill, "waybill"},
    {DocumentClass::kInvoice, "invoice"},
    {DocumentClass::kComplaintRecord, "complaint_record"},
    {DocumentClass::kInspectionReport, "inspection_report"},
    {DocumentClass::kRefundVoucher, "refund_voucher"},
};
constexpr std::span<const EnumName<DocumentClass>> EnumNames(DocumentClass) {
  return kDocumentClassNames;
}
static_assert(IsNameTable(kDocumentClassNames));

const std::vector<DocumentClass>& DocumentClasses();
std::string_view DocumentClassName(DocumentClass document_class);
std::optional<DocumentClass> ParseDocumentClass(std::string_view text);
// The department code (domain/staff/department.h) that owns the class's documents and reads
// them without a grant: operations, warehouse, logistics, finance or customer_service.
std::string_view OwningDepartment(DocumentClass document_class);
// Days a document of the class is kept after its order ended (completed, closed or cancelled)
// unless the settings say otherwise: three years for every class (transaction records, DOC-4),
// ten for invoices and refund vouchers (accounting vouchers).
int64_t DefaultRetentionDays(DocumentClass document_class);
// The least a setting may keep any class: three years.
inline constexpr int64_t kMinRetentionDays = 3 * 365;
inline constexpr int64_t kMaxRetentionDays = 100 * 365;

enum class DocumentStatus {
  kArchived,   // 已归档: the content is kept
  kDestroyed,  // 已销毁: the content is gone; the record of what, why, who, when and the hash stay
};

inline constexpr EnumName<DocumentStatus> kDocumentStatusNames[] = {
    {DocumentStatus::kArchived, "archived"},
    {DocumentStatus::kDestroyed, "destroyed"},
};
constexpr std::span<const EnumName<DocumentStatus>> EnumNames(DocumentStatus) {
  return kDocumentStatusNames;
}
static_assert(IsNameTable(kDocumentStatusNames));
std::string_view DocumentStatusName(DocumentStatus status);
std::optional<DocumentStatus> ParseDocumentStatus(std::string_view text);

// An access grant (借阅): a department other than the owner asks to read one document or a
// whole class; the owning department's head approves (for a time) or refuses.
enum class GrantStatus {
  kPending,   // 待审批
  kApproved,  // 已批准: readable until expires_at
  kRefused,   // 已拒绝: reads nothing
};

inline constexpr EnumName<GrantStatus> kGrantStatusNames[] = {
    {GrantStatus::kPending, "pending"},
    {GrantStatus::kApproved, "approved"},
    {GrantStatus::kRefused, "refused"},
};
constexpr std::span<const EnumName<GrantStatus>> EnumNames(GrantStatus) {
  return kGrantStatusNames;
}
static_assert(IsNameTable(kGrantStatusNames));
std::string_view GrantStatusName(GrantStatus status);
std::optional<GrantStatus> ParseGrantStatus(std::string_view text);

struct DocumentGrant {
  int64_t id = 0;
  std::string department;  // the department asking
  DocumentClass document_class = DocumentClass::kOrderConfirmation;
  int64_t document_id = 0;  // 0: every document of the class
  std::string reason;
  int64_t hours = 0;  // how long the reads are wanted for, 1..kMaxGrantHours
  GrantStatus status = GrantStatus::kPending;
  std::string requested_by;
  Timestamp requested_at;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_note;
  std::optional<Timestamp> expires_at;  // approved: decided_at + hours
  int64_t reads = 0;                    // reads made under it (as loaded)

  std::string_view owner() const { return OwningDepartment(document_class); }
};
inline constexpr int64_t kMaxGrantHours = 30 * 24;

// Checks a new grant request: the department is known and is not the owner (422
// own_department: it reads its own documents without one), a reason, hours within 1..720.
Status ValidateGrantRequest(const DocumentGrant& grant);

// Decides a pending grant as `head`, whose department is `head_department`: refused with
// kForbidden not_department_head unless it is the owner of the grant's class; kConflict
// already_decided unless pending. On approval the grant reads until at + hours.
Status DecideGrant(DocumentGrant& grant, bool approve, const std::string& head,
                   std::string_view head_department, const std::string& note, Timestamp at);

// True when `grant` lets `department` read document `document_id` of `document_class` at `now`:
// approved, not expired, for that department and class, and for that document or its class.
bool GrantCovers(const DocumentGrant& grant, std::string_view department,
                 DocumentClass document_class, int64_t document_id, Timestamp now);

// The time a document of `document_class` whose order ended at `order_ended_at` may be
// destroyed, under the retention of `retention_days`.
Timestamp DestroyableFrom(Timestamp order_ended_at, int64_t retention_days);

// A destruction (销毁) proposed by one person and approved by a different supervisor.
enum class DestructionStatus {
  kProposed,  // 待审批
  kApproved,  // 已销毁: the documents' content is gone
  kRefused,   // 已驳回: nothing destroyed
};

inline constexpr EnumName<DestructionStatus> kDestructionStatusNames[] = {
    {DestructionStatus::kProposed, "proposed"},
    {DestructionStatus::kApproved, "approved"},
    {DestructionStatus::kRefused, "refused"},
};
constexpr std::span<const EnumName<DestructionStatus>> EnumNames(DestructionStatus) {
  return kDestructionStatusNames;
}
static_assert(IsNameTable(kDestructionStatusNames));
std::string_view DestructionStatusName(DestructionStatus status);
std::optional<DestructionStatus> ParseDestructionStatus(std::string_view text);

struct DocumentDestruction {
  int64_t id = 0;
  std::vector<int64_t> document_ids;  // the documents proposed (due at the time)
  std::string reason;
  DestructionStatus status = DestructionStatus::kProposed;
  std::string proposed_by;
  Timestamp proposed_at;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_note;
  std::vector<int64_t> destroyed_ids;  // approved: the documents whose content was removed
};

// Decides a proposed destruction: kForbidden self_approval when `approver` proposed it (a
// destruction needs two people); kConflict already_decided unless proposed.
Status DecideDestruction(DocumentDestruction& destruction, bool approve,
                         const std::string& approver, const std::string& note, Timestamp at);

}  // namespace ordo
