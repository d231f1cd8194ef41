// Order imports (domain.md INT-1, bulk import): the orders of a platform's export files go
// through intake exactly as an API order does (PlaceOrder: validation, rules, stock
// reservation, automatic review), with the platform as channel and its order number as
// external_id; a paid row is placed as paid (PlacePaidOrder: one write of the order, its payment
// and what follows, as a payment of the stored order would leave it). Each order read gets a result: accepted (its order number), duplicate
// (the external id exists: nothing changes) or rejected (row, column, reason). A rejected row
// never stops the others.
//
// Orders are submitted to the store's writer in chunks: one WriteFn per chunk, each order in a
// nested savepoint of it, the chunk's results and the import's counts written in the same
// transaction, so a crash loses nothing committed and counts and results always agree. Files
// are read block by block while earlier chunks commit: memory stays bounded whatever the size.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/command.h"
#include "app/import_formats.h"
#include "store/import_store.h"
#include "store/pii_cipher.h"

namespace ordo::app {

struct ImportJob {
  ImportFormat format = ImportFormat::kOrdo;
  std::vector<std::string> paths;  // the files to read
  std::vector<std::string> names;  // their names as shown in results (the uploaded names)
  // Set: the files were written by WriteSealedFile under this cipher (uploads at rest).
  const PiiCipher* sealed = nullptr;
};

// Orders per WriteFn, and WriteFns in flight. A chunk is small because SQLite's statement
// journal makes each order's savepoint (and each statement's) cost time in proportion to what
// the chunk changed before it: the release walks the in-memory journal from its start. Rows per
// CPU second importing 30,000 Taobao rows: 2,318 at 1,024 orders a chunk, 3,240 at 128, 3,822 at
// 64, 4,666-4,959 at 16, 4,926-4,942 at 4 (the chunk's own writes then weigh as much). Many
// chunks in flight keep the writer fed and let group commit put several in one commit (and one
// fsync), while API intake waiting behind them waits for one small chunk at most.
inline constexpr size_t kImportChunkOrders = 16;
inline constexpr size_t kImportChunksInFlight = 32;

// Records a new import of `job` (status `status`: "running" for the command line, "queued" for
// the server) and assigns record->id.
WriteFn CreateImport(const ImportJob& job, std::string status, CommandContext context,
                     std::shared_ptr<ImportRecord> record);

// Imports the orders of `job` into `store` as import `record.id` (created by CreateImport), on
// the calling thread, and returns the final record: completed (even with rejected rows), failed
// (a file could not be read; `error` says why) or interrupted (`stop` became true). A file
// that cannot be read past some row keeps every order read before it, and gets one more result:
// rejected, at the file and row where reading stopped, with the reason; the import is failed.
// A store
// failure is returned as an error after the import is marked failed when possible.
// `on_progress` (may be null) is called after each committed chunk.
Result<ImportRecord> RunImport(Store& store, const ImportJob& job, ImportRecord record,
                               CommandContext context, const std::atomic<bool>* stop,
                               const std::function<void(const ImportRecord&)>& on_progress);

// The server's imports: one background thread, owned here and joined by Stop(), runs the queued
// imports one after another. On construction, imports left queued or running by a server that
// stopped without finishing them are marked interrupted. Thread-safe.
class ImportService {
 public:
  // Uploaded files are kept under `work_dir` (created if missing) until their import ends,
  // sealed with a key that lives in this object alone: neither the files nor a crash's leftovers
  // (removed here, at the next start) can be read without the server that wrote them.
  ImportService(Store& store, const Clock& clock, std::string work_dir);
  ~ImportService();
  ImportService(const ImportService&) = delete;
  ImportService& operator=(const ImportService&) = delete;

  // Writes uploaded contents, sealed, to files of their own under work_dir; their paths, in
  // order.
  Result<std::vector<std::string>> StageFiles(const std::vector<std::string_view>& contents);
  // Removes staged files (when their import could not be created).
  void DropFiles(const std::vector<std::string>& paths);
  // Queues import `import_id` (created by CreateImport with status "queued") of files staged by
  // StageFiles; they are removed when it ends. After Stop() the import is marked interrupted at
  // once.
  void Start(int64_t import_id, ImportJob job, CommandContext context);
  // Stops the running import at its next chunk (marked interrupted), marks the queued ones
  // interrupted, and joins the thread. Idempotent.
  void Stop();

 private:
  struct Queued {
    int64_t id = 0;
    ImportJob job;
    CommandContext context;
  };
  void Loop();

  Store& store_;
  const Clock& clock_;
  std::string work_dir_;
  const PiiCipher upload_cipher_{PiiCipher::NewKey()};  // seals the staged uploads
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Queued> queue_;
  std::atomic<bool> stop_{false};
  bool stopped_ = false;
  uint64_t staged_ = 0;
  std::thread thread_;
};

}  // namespace ordo::app
