// After-sales use cases (售后, domain.md AFS-2…AFS-4; domain/aftersales/case.h). Each command
// runs in one transaction: the case, its history, the original order's history
// ("after_sales_opened", "after_sales_approved", …), and what the step sets in motion:
//   - a passed inspection that finds the goods sellable puts the returned units back on hand in
//     the warehouse they shipped from (ledger "return", the same code as returned parcels:
//     ReturnUnitsToStock); any other disposition (defective stock, back to the supplier, written
//     off) and a failed inspection move no sellable stock; a quality or damage return is
//     reported to purchasing (a QualityReport per line, GET /api/v1/quality-reports);
//   - a return_refund is refunded automatically once its inspection passes (the lines' value,
//     capped by what is still refundable); refund_only and partial_refund are refunded by an
//     explicit /refund after approval. A refund is created through app/payments.h IssueRefund
//     (booked on the order, awaiting a second person's approval when a person decided it) and
//     executed by the payments side; the case then waits in refunding until /complete;
//   - an exchange (after a passed inspection) and a reship (on approval) place a linked
//     replacement order through intake (PlaceOrder: stock reserved the usual way) at catalogue
//     prices, with the goods taken back as its allowance: released straight to
//     awaiting_fulfillment (ReleaseReplacementOrder) when nothing is left to pay, else waiting for
//     the customer to pay the difference before it ships; an exchange for cheaper goods refunds
//     the difference on the original order. The case completes with the replacement named.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/command.h"
#include "domain/aftersales/case.h"
#include "domain/inventory/stock.h"

namespace ordo::app {

struct AfterSalesOutcome {
  AfterSales after_sales;
  std::vector<LedgerEntry> entries;  // the "return" movements of a passed inspection
  std::optional<Order> replacement;  // the replacement order placed by this command
};

// Opens a case (OpenAfterSales): 404 unknown order; 409 after_sales_before_shipment,
// after_sales_window_expired (settings after_sales_window_days, no_reason_return_days); 422 with
// field errors; an exchange_sku must be a sellable SKU (422 lines[i].exchange_sku unknown_sku /
// sku_not_sellable).
WriteFn CreateAfterSales(AfterSalesRequest request, CommandContext context,
                         std::shared_ptr<AfterSalesOutcome> out);
// requested → approved (→ awaiting_return for return types; a reship places its replacement
// order and completes).
WriteFn ApproveAfterSalesCase(int64_t id, std::string note, CommandContext context,
                              std::shared_ptr<AfterSalesOutcome> out);
WriteFn RejectAfterSalesCase(int64_t id, std::string reason, CommandContext context,
                             std::shared_ptr<AfterSalesOutcome> out);
// The customer's return parcel: carrier and tracking number (awaiting_return).
WriteFn RecordAfterSalesReturnShipment(int64_t id, std::string carrier, std::string tracking_no,
                                       CommandContext context,
                                       std::shared_ptr<AfterSalesOutcome> out);
WriteFn ReceiveAfterSalesReturn(int64_t id, std::string carrier, std::string tracking_no,
                                CommandContext context, std::shared_ptr<AfterSalesOutcome> out);
WriteFn InspectAfterSalesReturn(int64_t id, Inspection inspection, CommandContext context,
                                std::shared_ptr<AfterSalesOutcome> out);
// Creates the refund of a refund_only or partial_refund case (approved) or of a return_refund
// whose automatic refund found nothing refundable (inspected); 409 refund_exceeds_payment when
// the order's refunds would exceed its payment.
WriteFn RefundAfterSalesCase(int64_t id, CommandContext context,
                             std::shared_ptr<AfterSalesOutcome> out);
// refunding → completed (finance saw the refund go out).
WriteFn CompleteAfterSalesCase(int64_t id, CommandContext context,
                               std::shared_ptr<AfterSalesOutcome> out);
WriteFn CloseAfterSalesCase(int64_t id, std::string reason, CommandContext context,
                            std::shared_ptr<AfterSalesOutcome> out);

// The refund of case `case_id` was rejected by its approver (app/payments.h DecideRefund): a case
// waiting in refunding goes back to approved or inspected, to be refunded anew or closed
// (domain ReturnAfterSalesRefund). A case no longer refunding is left as it is.
Status ReopenAfterSalesRefund(WriteTx& tx, int64_t case_id, const Actor& actor,
                              const std::string& note);

}  // namespace ordo::app
