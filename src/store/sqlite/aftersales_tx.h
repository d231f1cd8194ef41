// The embedded engine's side of store/aftersales_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections).
#pragma once

#include <functional>

#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

class DocumentWriter;  // document_tx.h

// Owned by the writer's transaction object; runs on the writer thread only.
class AfterSalesWriter final : public AfterSalesWriteTx {
 public:
  AfterSalesWriter(Connection& conn, AuditChain& audit) : conn_(conn), audit_(audit) {}

  Status InsertAfterSales(AfterSales& c) override;
  Result<std::optional<AfterSales>> FindAfterSales(int64_t id) override;
  Result<std::vector<AfterSales>> FindOrderAfterSales(const std::string& order_no) override;
  Status UpdateAfterSales(const AfterSales& c, AfterSalesStatus before) override;
  Status InsertQualityReport(QualityReport& report) override;

  // Where the documents its writes produce are archived (set once by the writer's transaction).
  void ArchiveInto(DocumentWriter* documents) { documents_ = documents; }

 private:
  Connection& conn_;
  AuditChain& audit_;
  DocumentWriter* documents_ = nullptr;
};

class AfterSalesReader final : public AfterSalesReadView {
 public:
  // Runs a read on one of the pool's connections (PooledReadView::With).
  using WithConnection = std::function<Status(const std::function<Status(Connection&)>&)>;
  explicit AfterSalesReader(WithConnection with) : with_(std::move(with)) {}

  Result<std::vector<AfterSales>> ListAfterSales(const AfterSalesFilter& filter) override;
  Result<std::optional<AfterSales>> GetAfterSales(int64_t id) override;
  Result<std::vector<AfterSalesCase>> ListConfirmedAfterSales(Timestamp from,
                                                              Timestamp to) override;
  Result<std::vector<QualityReport>> ListQualityReports(int64_t before_id, int limit) override;

 private:
  template <typename T, typename Query>
  Result<T> Read(Query query);

  WithConnection with_;
};

}  // namespace ordo::sqlite
