// The canonical content of each archived document (store/document_store.h): which write
// produces which document, and the facts it holds, as compact JSON written in a fixed order so
// that the same facts always give the same bytes (and the same SHA-256). Personal data (names,
// phones, the address detail) sits under "personal", the one object a reader masks; the whole
// content is sealed at rest.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/aftersales/case.h"
#include "domain/archive/document.h"
#include "domain/customer/customer.h"
#include "domain/order/order.h"
#include "domain/payment/refund.h"
#include "store/aftersales_store.h"
#include "store/backup_manifest.h"  // Sha256Hex

namespace ordo {

struct DocumentDraft {
  DocumentClass document_class = DocumentClass::kOrderConfirmation;
  std::string source_ref;     // unique per order and class: "order", "parcel:3", "refund:12"
  std::string template_name;  // "<class>/<version>"
  std::string content;        // canonical JSON
  std::string actor;
  Timestamp at;
};

// The documents an order event produces, given the order as it is after the event:
//   approve                  → order_confirmation
//   pack, parcel_packed      → packing_slip of the parcel (shipment_id)
//   ship, parcel_shipped     → waybill of the parcel; ship also → the invoice of the order
// Other events produce none.
std::vector<DocumentDraft> DocumentsOfEvent(const Order& order, const OrderEvent& event);
// A refund paid out (status succeeded) → its refund_voucher.
DocumentDraft RefundVoucher(const Refund& refund);
// A complaint recorded against an order → its complaint_record.
DocumentDraft ComplaintRecord(const Complaint& complaint);
// A quality report filed for a returned item → its inspection_report.
DocumentDraft InspectionReport(const QualityReport& report);

// True when the event ends the order (completed, closed, cancelled): retention starts.
bool EndsOrder(const OrderEvent& event);

}  // namespace ordo
