// The persistence after-sales cases need (domain.md AFS-2…AFS-4; domain/aftersales/case.h):
// cases with their lines and history, and the read supervision uses to find the cases whose
// inspection confirmed the customer's reason. Part of the store interface (store.h):
// WriteTx::aftersales() inside the writer's transaction, ReadView::aftersales() for reads. The
// same contracts hold: writes are audited by the store in the same transaction (entity
// "after_sales", never personal data nor the free-text notes), reads see committed data only and
// are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "domain/aftersales/case.h"
#include "domain/audit/records.h"

namespace ordo {

struct AfterSalesFilter {
  std::string order_no;  // empty: every order
  std::optional<AfterSalesStatus> status;
  std::optional<AfterSalesType> type;
  int limit = 50;
  int64_t before_id = 0;  // cursor: cases with id < before_id when non-zero (newest first)
};

// A returned item that failed for quality or was damaged, inspected, reported to purchasing (and
// through it to the supplier, AFS-4): what came back, why, and what became of it.
struct QualityReport {
  int64_t id = 0;  // assigned by the store
  int64_t case_id = 0;
  std::string order_no;
  std::string sku;
  Quantity quantity = 0;
  std::string warehouse;    // where it came back to
  std::string reason;       // "quality" or "damaged"
  bool passed = false;      // the inspection's verdict
  std::string disposition;  // sellable, defective_stock, return_to_supplier, written_off, …
  std::string note;
  Timestamp reported_at;
  std::string reported_by;
};

class AfterSalesWriteTx {
 public:
  virtual ~AfterSalesWriteTx() = default;

  // Stores a new case with its lines and history (assigning c.id). Audited ("after_sales", id,
  // "requested").
  virtual Status InsertAfterSales(AfterSales& c) = 0;
  // The case with its lines and history.
  virtual Result<std::optional<AfterSales>> FindAfterSales(int64_t id) = 0;
  // Every case of the order, oldest first (for the units earlier cases cover).
  virtual Result<std::vector<AfterSales>> FindOrderAfterSales(const std::string& order_no) = 0;
  // Saves the case and appends the history entries not stored yet. Audited with the status
  // before (`before`) and the last history entry's action.
  virtual Status UpdateAfterSales(const AfterSales& c, AfterSalesStatus before) = 0;
  // Assigns report.id. Audited ("quality_report", id, "report").
  virtual Status InsertQualityReport(QualityReport& report) = 0;
};

class AfterSalesReadView {
 public:
  virtual ~AfterSalesReadView() = default;

  // Cases matching `filter`, newest first, at most filter.limit, each with lines and history.
  virtual Result<std::vector<AfterSales>> ListAfterSales(const AfterSalesFilter& filter) = 0;
  virtual Result<std::optional<AfterSales>> GetAfterSales(int64_t id) = 0;
  // Supervision's source records (domain/audit/records.h): the cases whose inspection confirmed
  // the reason with from <= inspected_at < to, by id.
  virtual Result<std::vector<AfterSalesCase>> ListConfirmedAfterSales(Timestamp from,
                                                                      Timestamp to) = 0;
  // Quality reports for purchasing, newest first, with id < before_id when non-zero, at most
  // `limit`.
  virtual Result<std::vector<QualityReport>> ListQualityReports(int64_t before_id, int limit) = 0;
};

}  // namespace ordo
