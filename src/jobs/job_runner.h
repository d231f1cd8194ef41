// Jobs: the work that time, not a request, sets off (conventions "jobs/"). Each tick reads the
// clock once and runs every job:
//   ship_limit_watch  opens a ship_time_limit_breached case for each order past its ship-by
//                     deadline (FUL-2; app::FindShipLimitBreaches);
//   delivery_watch    opens a delivery_too_long case for each order not delivered within the
//                     promise of its shipping service (EXC-1; app::RecordLateDeliveries);
//   confirm_receipt   confirms receipt of orders shipped auto_confirm_days ago (LOG-4;
//                     app::ConfirmReceipts), paused while a logistics or after-sales case is
//                     open;
//   payment_reminder  reminds unpaid orders once, unpaid_reminder_minutes after they were
//                     placed (REV-4; app::SendPaymentReminders);
//   unpaid_close      closes unpaid orders unpaid_close_minutes after they were placed,
//                     releasing their stock (REV-4; app::CloseUnpaidOrders);
//   refund_execution  pays out the refunds that are due (AFS-5; app::ExecuteDueRefunds);
//   carrier_waybills  asks the carriers with an adapter for the waybill numbers their parcels
//                     wait for (app::FetchCarrierWaybills);
//   backups           takes the day's backup, copies it to the second location, removes what
//                     the retention policy no longer keeps (DAT-2; app::BackupService), when
//                     the runner was given the backups (SetBackups).
//   daily_summary     writes each finished China day's reports as CSV files into the reports
//                     folder, when one is set (jobs/daily_summary.h).
// Jobs look at the state of the store, never at the ticks they missed: a server that was down
// catches up at its first tick, and running a tick twice changes nothing the second time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "app/backups.h"
#include "app/waybills.h"
#include "base/clock.h"
#include "store/store.h"

namespace ordo::jobs {

// What one tick did.
struct JobReport {
  Timestamp at;
  int64_t ship_limit_cases = 0;       // cases opened
  int64_t late_deliveries = 0;        // delivery_too_long cases opened
  int64_t receipts_confirmed = 0;     // orders completed
  int64_t payment_reminders = 0;      // reminders sent
  int64_t unpaid_closed = 0;          // unpaid orders closed
  int64_t refunds_executed = 0;       // refunds paid out
  int64_t waybills_fetched = 0;       // waybill numbers the carriers' systems issued
  int64_t backups_taken = 0;          // scheduled backups written
  int64_t daily_summaries = 0;        // days whose summary was written
  std::vector<std::string> failures;  // "job: reason", for the log; the next tick retries
};

class JobRunner {
 public:
  // `store`, `clock` and `adapters` (when given) must outlive the runner.
  JobRunner(Store& store, const Clock& clock, const app::CarrierAdapters* adapters = nullptr)
      : store_(store), clock_(clock), adapters_(adapters) {}
  ~JobRunner() { Stop(); }
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Where the daily summaries go (`DIR/reports`); empty (the default): none are written. Call
  // before Start().
  void SetReportsDir(std::string dir) { reports_dir_ = std::move(dir); }

  // Runs every job once, at the clock's now, and waits for their writes to be durable.
  // Thread-safe: concurrent calls run one after the other.
  JobReport RunOnce();

  // The backups the ticks take and prune; null (the default): none. Call before Start.
  void SetBackups(app::BackupService* backups) { backups_ = backups; }

  // Ticks every `interval` on a thread of its own, the first tick at once, until Stop().
  void Start(std::chrono::milliseconds interval);
  // Stops the ticking thread after its current tick. Idempotent.
  void Stop();

 private:
  void Loop(std::chrono::milliseconds interval);

  Store& store_;
  const Clock& clock_;
  const app::CarrierAdapters* adapters_;
  app::BackupService* backups_ = nullptr;
  std::string reports_dir_;
  std::mutex run_mutex_;  // one tick at a time
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ordo::jobs
