// The persistence of order imports (domain.md INT-1, bulk import): each import (who, when, the
// format, the files, its counts and status) and one result per order read (accepted with its
// order number, duplicate, or rejected with the row, the column and the reason), so results
// outlive the process that ran the import. Part of the store interface (store.h):
// WriteTx::imports() inside the writer's transaction, ReadView::imports() for reads. Creating,
// finishing and interrupting an import are audited (entity "import"); the orders an import
// creates are audited as every order is. No personal data is kept here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace ordo {

struct ImportRecord {
  int64_t id = 0;
  std::string format;              // taobao | jd | pdd | ordo
  std::vector<std::string> files;  // the names given (uploaded file names), in order
  // queued → running → completed | failed | interrupted (the server stopped before the end)
  std::string status = "queued";
  std::string created_by;
  Timestamp created_at;
  std::optional<Timestamp> finished_at;
  int64_t rows = 0;  // orders read so far
  int64_t accepted = 0;
  int64_t duplicate = 0;
  int64_t rejected = 0;
  int64_t bytes_read = 0;
  int64_t bytes_total = 0;
  std::string error;  // why a failed import could not read its files
};

struct ImportRowResult {
  int64_t seq = 0;  // 1, 2, … in the order the rows were read
  std::string file;
  int64_t row = 0;  // the row in the file (the header is row 1)
  std::string outcome;  // accepted | duplicate | rejected
  std::string external_id;
  std::string order_no;  // accepted and duplicate
  std::string column;    // rejected: the file's column at fault ("" for the row)
  std::string code;      // rejected: the error code (snake_case)
  std::string reason;    // rejected: a sentence
};

class ImportWriteTx {
 public:
  virtual ~ImportWriteTx() = default;
  // Assigns record.id; audited ("create").
  virtual Status InsertImport(ImportRecord& record) = 0;
  // Saves the status, counts and bytes of `record`; a status other than queued or running is
  // audited ("finish") with the counts. kNotFound when the import does not exist.
  virtual Status SaveImport(const ImportRecord& record, const std::string& actor, Timestamp at) = 0;
  // Appends rows of results of import `import_id`.
  virtual Status InsertImportRows(int64_t import_id, const std::vector<ImportRowResult>& rows) = 0;
  // Marks every queued or running import interrupted (a server stopped or died while it ran);
  // each is audited. Returns how many.
  virtual Result<int> InterruptLiveImports(const std::string& actor, Timestamp at) = 0;
};

class ImportReadView {
 public:
  virtual ~ImportReadView() = default;
  virtual Result<std::optional<ImportRecord>> GetImport(int64_t id) = 0;
  // Imports with id < before_id (all when 0), newest first, at most `limit`.
  virtual Result<std::vector<ImportRecord>> ListImports(int64_t before_id, int limit) = 0;
  // Results of import `import_id` with seq > after_seq, in order, at most `limit`; only those
  // of `outcome` when it is not empty.
  virtual Result<std::vector<ImportRowResult>> ListImportRows(int64_t import_id,
                                                              const std::string& outcome,
                                                              int64_t after_seq, int limit) = 0;
};

}  // namespace ordo
