// The embedded engine's side of store/import_store.h: the writer's (inside its batch
// transaction, audit entries added to the batch's chain) and the readers' (on the pool's
// connections).
#pragma once

#include <functional>

#include "store/import_store.h"
#include "store/sqlite/audit.h"
#include "store/sqlite/db.h"
#include "store/store.h"

namespace ordo::sqlite {

// Owned by the writer's transaction object; runs on the writer thread only.
class ImportWriter final : public ImportWriteTx {
 public:
  ImportWriter(Connection& conn, AuditChain& audit) : conn_(conn), audit_(audit) {}

  Status InsertImport(ImportRecord& record) override;
  Status SaveImport(const ImportRecord& record, const std::string& actor, Timestamp at) override;
  Status InsertImportRows(int64_t import_id, const std::vector<ImportRowResult>& rows) override;
  Result<int> InterruptLiveImports(const std::string& actor, Timestamp at) override;

 private:
  Connection& conn_;
  AuditChain& audit_;
};

class ImportReader final : public ImportReadView {
 public:
  using WithConnection = std::function<Status(const std::function<Status(Connection&)>&)>;

  explicit ImportReader(WithConnection with) : with_(std::move(with)) {}

  Result<std::optional<ImportRecord>> GetImport(int64_t id) override;
  Result<std::vector<ImportRecord>> ListImports(int64_t before_id, int limit) override;
  Result<std::vector<ImportRowResult>> ListImportRows(int64_t import_id,
                                                      const std::string& outcome,
                                                      int64_t after_seq, int limit) override;

 private:
  WithConnection with_;
};

}  // namespace ordo::sqlite
