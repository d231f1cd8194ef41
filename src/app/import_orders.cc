#include "app/import_orders.h"

#include <sodium.h>

#include <filesystem>
#include <future>

#include "app/order_commands.h"

namespace ordo::app {
namespace {

// What one chunk did, read by the runner once the chunk is durable.
struct ChunkOutcome {
  ImportRecord record;  // the import's counts after the chunk
};

// Places (and, when the platform says it is paid, pays) one order inside the chunk's
// transaction; the outcome says whether it was new.
Status PlaceImported(WriteTx& tx, const ImportedOrder& imported, const CommandContext& context,
                     OrderOutcome& outcome) {
  auto placed = std::make_shared<OrderOutcome>();
  if (imported.paid) {
    PaymentInput payment;
    payment.provider = imported.order.channel;
    payment.transaction_id = imported.order.external_id;
    payment.provider_at = imported.paid_at;
    ORDO_RETURN_IF_ERROR(PlacePaidOrder(imported.order, std::move(payment), context, placed)(tx));
  } else {
    ORDO_RETURN_IF_ERROR(PlaceOrder(imported.order, context, placed)(tx));
  }
  outcome = std::move(*placed);
  return Status::Ok();
}

ImportRowResult Rejected(const ImportedOrder& imported, std::string column, Code code,
                         std::string reason) {
  ImportRowResult row;
  row.file = imported.file;
  row.row = imported.row;
  row.outcome = "rejected";
  row.external_id = imported.order.external_id;
  row.column = std::move(column);
  row.code = std::string(CodeName(code));
  row.reason = std::move(reason);
  return row;
}

// The result of one order: a refusal names the file's column of the first field at fault.
Result<ImportRowResult> ImportOne(WriteTx& tx, const ImportedOrder& imported,
                                  const CommandContext& context) {
  if (imported.problem) {
    return Rejected(imported, imported.problem->column, imported.problem->code,
                    imported.problem->reason);
  }
  OrderOutcome outcome;
  Status status = tx.RunNested(
      [&](WriteTx& nested) { return PlaceImported(nested, imported, context, outcome); });
  if (status.kind() == Kind::kInternal || status.kind() == Kind::kUnavailable) {
    return status;  // the store's fault, not the row's
  }
  if (!status.ok()) {
    if (!status.field_errors().empty()) {
      const FieldError& first = status.field_errors().front();
      return Rejected(imported, imported.ColumnFor(first.field), first.code, first.message);
    }
    return Rejected(imported, "", status.code(), status.message());
  }
  ImportRowResult row;
  row.file = imported.file;
  row.row = imported.row;
  row.outcome = outcome.created ? "accepted" : "duplicate";
  row.external_id = imported.order.external_id;
  row.order_no = outcome.order.order_no;
  return row;
}

WriteFn ImportChunk(std::shared_ptr<std::vector<ImportedOrder>> orders,
                    std::shared_ptr<ImportRecord> tally, int64_t bytes_read,
                    CommandContext context, std::shared_ptr<ChunkOutcome> out) {
  return [orders, tally, bytes_read, context, out](WriteTx& tx) -> Status {
    ImportRecord next = *tally;
    std::vector<ImportRowResult> rows;
    rows.reserve(orders->size());
    for (const ImportedOrder& imported : *orders) {
      ORDO_ASSIGN_OR_RETURN(ImportRowResult row, ImportOne(tx, imported, context));
      row.seq = ++next.rows;
      (row.outcome == "accepted"    ? next.accepted
       : row.outcome == "duplicate" ? next.duplicate
                                    : next.rejected) += 1;
      rows.push_back(std::move(row));
    }
    next.bytes_read = bytes_read;
    ORDO_RETURN_IF_ERROR(tx.imports().InsertImportRows(next.id, rows));
    ORDO_RETURN_IF_ERROR(tx.imports().SaveImport(next, context.actor, context.clock->Now()));
    *tally = next;  // the writer runs chunks in order: the next one starts from here
    out->record = std::move(next);
    return Status::Ok();
  };
}

// The result of the row where a file stopped being readable: rejected, naming the file and row.
ImportedOrder Unreadable(const OrderFileReader::Position& where, const std::string& reason) {
  ImportedOrder unreadable;
  unreadable.file = where.file;
  unreadable.row = where.row;
  unreadable.problem =
      ImportProblem{"", Code::kInvalidValue, "the file cannot be read from here on: " + reason};
  return unreadable;
}

// Saves the final state of an import.
Status Finish(Store& store, ImportRecord& record, std::string status, std::string error,
              const CommandContext& context) {
  record.status = std::move(status);
  record.error = std::move(error);
  record.finished_at = context.clock->Now();
  return store.SubmitAndWait([record, context](WriteTx& tx) {
    return tx.imports().SaveImport(record, context.actor, context.clock->Now());
  });
}

}  // namespace

WriteFn CreateImport(const ImportJob& job, std::string status, CommandContext context,
                     std::shared_ptr<ImportRecord> record) {
  record->format = std::string(ImportFormatName(job.format));
  record->files = job.names;
  record->status = std::move(status);
  record->created_by = context.actor;
  record->created_at = context.clock->Now();
  for (const std::string& path : job.paths) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    record->bytes_total += error ? 0 : static_cast<int64_t>(size);
  }
  return [record](WriteTx& tx) { return tx.imports().InsertImport(*record); };
}

Result<ImportRecord> RunImport(Store& store, const ImportJob& job, ImportRecord record,
                               CommandContext context, const std::atomic<bool>* stop,
                               const std::function<void(const ImportRecord&)>& on_progress) {
  record.status = "running";
  Result<std::unique_ptr<OrderFileReader>> reader =
      OrderFileReader::Open(job.format, job.paths, job.names, job.sealed);
  if (!reader.ok()) {
    ORDO_RETURN_IF_ERROR(Finish(store, record, "failed", reader.status().message(), context));
    return record;
  }
  auto tally = std::make_shared<ImportRecord>(record);
  struct InFlight {
    std::shared_ptr<ChunkOutcome> outcome;
    std::future<Status> done;
  };
  std::deque<InFlight> in_flight;
  ImportRecord committed = record;
  Status failure;
  // Waits for the oldest chunk; false when it failed (then `failure` says why).
  auto settle = [&]() {
    InFlight chunk = std::move(in_flight.front());
    in_flight.pop_front();
    Status status = chunk.done.get();
    if (!status.ok()) {
      failure = status;
      return false;
    }
    committed = chunk.outcome->record;
    if (on_progress) {
      on_progress(committed);
    }
    return true;
  };
  std::string read_error;
  bool interrupted = false;
  bool at_end = false;  // the end of the files, or a read error
  while (failure.ok()) {
    if (stop != nullptr && stop->load()) {
      interrupted = true;
      break;
    }
    auto orders = std::make_shared<std::vector<ImportedOrder>>();
    while (!at_end && orders->size() < kImportChunkOrders) {
      Result<std::optional<ImportedOrder>> next = (*reader)->Next();
      if (!next.ok()) {
        read_error = next.status().message();
        orders->push_back(Unreadable((*reader)->Failure(), read_error));
        at_end = true;
      } else if (!next->has_value()) {
        at_end = true;
      } else {
        orders->push_back(std::move(**next));
      }
    }
    if (!orders->empty()) {
      auto outcome = std::make_shared<ChunkOutcome>();
      auto promise = std::make_shared<std::promise<Status>>();
      in_flight.push_back({outcome, promise->get_future()});
      store.Submit(ImportChunk(orders, tally, (*reader)->BytesRead(), context, outcome),
                   [promise](const Status& status) { promise->set_value(status); });
    }
    // Several chunks in flight: the writer commits them while the next are read.
    while (in_flight.size() >= (at_end ? 1u : kImportChunksInFlight) && settle()) {
    }
    if (at_end) {
      break;
    }
  }
  while (!in_flight.empty()) {
    settle();
  }
  if (!failure.ok()) {
    (void)Finish(store, committed, "failed", "the store refused a chunk: " + failure.message(),
                 context);
    return failure;
  }
  const std::string status = interrupted ? "interrupted" : read_error.empty() ? "completed" : "failed";
  ORDO_RETURN_IF_ERROR(Finish(store, committed, status, read_error, context));
  return committed;
}

// ---------------------------------------------------------------------------------------------

ImportService::ImportService(Store& store, const Clock& clock, std::string work_dir)
    : store_(store), clock_(clock), work_dir_(std::move(work_dir)) {
  std::error_code error;
  std::filesystem::create_directories(work_dir_, error);
  // Files staged by a server that stopped before their import ended are of no further use.
  for (const auto& entry : std::filesystem::directory_iterator(work_dir_, error)) {
    std::filesystem::remove(entry.path(), error);
  }
  const Clock* clock_ptr = &clock_;
  (void)store_.SubmitAndWait([clock_ptr](WriteTx& tx) {
    return tx.imports().InterruptLiveImports("system", clock_ptr->Now()).status();
  });
  thread_ = std::thread([this] { Loop(); });
}

ImportService::~ImportService() { Stop(); }

Result<std::vector<std::string>> ImportService::StageFiles(
    const std::vector<std::string_view>& contents) {
  std::vector<std::string> paths;
  for (std::string_view content : contents) {
    uint64_t n = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      n = ++staged_;
    }
    const std::string path = work_dir_ + "/upload-" + std::to_string(n) + "-" +
                             std::to_string(randombytes_random()) + ".sealed";
    // Personal data never rests in clear: the file is sealed under a key held in memory alone,
    // and removed when the import ends or, after a crash, when the server next starts.
    Status written = WriteSealedFile(upload_cipher_, content, path);
    if (!written.ok()) {
      DropFiles(paths);
      return written;
    }
    paths.push_back(path);
  }
  return paths;
}

void ImportService::DropFiles(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    std::error_code error;
    std::filesystem::remove(path, error);
  }
}

void ImportService::Start(int64_t import_id, ImportJob job, CommandContext context) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopped_) {
      job.sealed = &upload_cipher_;
      queue_.push_back({import_id, std::move(job), context});
      wake_.notify_one();
      return;
    }
  }
  DropFiles(job.paths);
  const Clock* clock = &clock_;
  store_.Submit(
      [clock](WriteTx& tx) {
        return tx.imports().InterruptLiveImports("system", clock->Now()).status();
      },
      [](const Status&) {});
}

void ImportService::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) {
      return;
    }
    stopped_ = true;
    stop_ = true;
    wake_.notify_all();
  }
  if (thread_.joinable()) {
    thread_.join();
  }
  for (const Queued& queued : queue_) {
    DropFiles(queued.job.paths);
  }
  queue_.clear();
  const Clock* clock = &clock_;
  (void)store_.SubmitAndWait([clock](WriteTx& tx) {
    return tx.imports().InterruptLiveImports("system", clock->Now()).status();
  });
}

void ImportService::Loop() {
  while (true) {
    Queued next;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stop_.load() || !queue_.empty(); });
      if (stop_.load()) {
        return;
      }
      next = std::move(queue_.front());
      queue_.pop_front();
    }
    Result<std::optional<ImportRecord>> record = store_.reads().imports().GetImport(next.id);
    if (record.ok() && record->has_value()) {
      (void)RunImport(store_, next.job, std::move(**record), next.context, &stop_, nullptr);
    }
    DropFiles(next.job.paths);
  }
}

}  // namespace ordo::app
