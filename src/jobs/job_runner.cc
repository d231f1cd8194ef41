#include "jobs/job_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "app/fulfillment.h"
#include "app/payments.h"
#include "app/settings.h"
#include "base/thread_name.h"
#include "jobs/daily_summary.h"

namespace ordo::jobs {
namespace {

constexpr int kBatch = 200;  // orders per write command
constexpr int64_t kDayMs = 24 * 3600 * 1000LL;
constexpr char kActor[] = "system";

void Fail(JobReport& report, const char* job, const Status& status) {
  report.failures.push_back(std::string(job) + ": " + status.ToString());
}

void WatchShipLimits(Store& store, const Settings& settings, const app::CommandContext& context,
                     JobReport& report) {
  Result<std::vector<app::ShipDeadline>> breaches =
      app::FindShipLimitBreaches(store.reads(), settings, report.at);
  if (!breaches.ok()) {
    Fail(report, "ship_limit_watch", breaches.status());
    return;
  }
  for (size_t start = 0; start < breaches->size(); start += kBatch) {
    const auto first = breaches->begin() + static_cast<std::ptrdiff_t>(start);
    const auto last =
        breaches->begin() + static_cast<std::ptrdiff_t>(std::min(breaches->size(), start + kBatch));
    auto opened = std::make_shared<int>(0);
    const Status status = store.SubmitAndWait(
        app::RecordShipLimitBreaches(std::vector<app::ShipDeadline>(first, last), context, opened));
    if (!status.ok()) {
      Fail(report, "ship_limit_watch", status);
      return;
    }
    report.ship_limit_cases += *opened;
  }
}

void ConfirmReceipts(Store& store, const Settings& settings, const app::CommandContext& context,
                     JobReport& report) {
  const Timestamp shipped_before = report.at.PlusMs(-settings.auto_confirm_days * kDayMs);
  int64_t after_id = 0;
  while (true) {
    auto page = store.reads().fulfillment().ListOrdersToConfirm(shipped_before, after_id, kBatch);
    if (!page.ok()) {
      Fail(report, "confirm_receipt", page.status());
      return;
    }
    if (page->empty()) {
      return;
    }
    std::vector<std::string> order_nos;
    for (const auto& [id, order_no] : *page) {
      order_nos.push_back(order_no);
      after_id = id;
    }
    auto confirmed = std::make_shared<int>(0);
    const Status status = store.SubmitAndWait(
        app::ConfirmReceipts(std::move(order_nos), settings.auto_confirm_days, context, confirmed));
    if (!status.ok()) {
      Fail(report, "confirm_receipt", status);
      return;
    }
    report.receipts_confirmed += *confirmed;
  }
}

constexpr int64_t kMinuteMs = 60 * 1000LL;

// Opens a delivery_too_long case for each shipped order past the delivery promise of its
// shipping service (app::RecordLateDeliveries). The scan starts from the shortest promise.
void WatchDeliveries(Store& store, const Settings& settings, const app::CommandContext& context,
                     JobReport& report) {
  int64_t shortest_hours = 0;
  for (const auto& [service, hours] : settings.deliver_within_hours) {
    shortest_hours = shortest_hours == 0 ? hours : std::min(shortest_hours, hours);
  }
  const Timestamp shipped_before = report.at.PlusMs(-shortest_hours * 60 * kMinuteMs);
  int64_t after_id = 0;
  while (true) {
    auto page = store.reads().fulfillment().ListUndeliveredOrders(shipped_before, after_id, kBatch);
    if (!page.ok()) {
      Fail(report, "delivery_watch", page.status());
      return;
    }
    if (page->empty()) {
      return;
    }
    after_id = page->back().id;
    auto opened = std::make_shared<int>(0);
    const Status status =
        store.SubmitAndWait(app::RecordLateDeliveries(std::move(*page), context, opened));
    if (!status.ok()) {
      Fail(report, "delivery_watch", status);
      return;
    }
    report.late_deliveries += *opened;
  }
}

// The unpaid orders placed at or before `created_before` (REV-4), page by page, each page handed
// to `act` as one write command. Returns false after a failure (recorded in the report).
template <typename Act>
bool ForUnpaidOrders(Store& store, Timestamp created_before, bool unreminded, bool not_held,
                     const char* job, JobReport& report, Act act) {
  UnpaidCursor cursor;
  while (true) {
    auto page = store.reads().payments().ListUnpaidOrders(created_before, unreminded, not_held,
                                                          cursor, kBatch);
    if (!page.ok()) {
      Fail(report, job, page.status());
      return false;
    }
    if (page->empty()) {
      return true;
    }
    std::vector<std::string> order_nos;
    for (const UnpaidOrder& order : *page) {
      order_nos.push_back(order.order_no);
    }
    cursor = {page->back().created_at, page->back().id};
    const Status status = store.SubmitAndWait(act(std::move(order_nos)));
    if (!status.ok()) {
      Fail(report, job, status);
      return false;
    }
  }
}

void RemindUnpaid(Store& store, const Settings& settings, const app::CommandContext& context,
                  JobReport& report) {
  const int64_t minutes = settings.unpaid_reminder_minutes;
  auto sent = std::make_shared<int>(0);
  ForUnpaidOrders(store, report.at.PlusMs(-minutes * kMinuteMs), /*unreminded=*/true,
                  /*not_held=*/true, "payment_reminder", report,
                  [&](std::vector<std::string> order_nos) {
                    return app::SendPaymentReminders(std::move(order_nos), minutes, context, sent);
                  });
  report.payment_reminders += *sent;
}

void CloseUnpaid(Store& store, const Settings& settings, const app::CommandContext& context,
                 JobReport& report) {
  const int64_t minutes = settings.unpaid_close_minutes;
  auto closed = std::make_shared<int>(0);
  // An order on hold (a payment whose amount did not match) waits for people, not the timer.
  ForUnpaidOrders(store, report.at.PlusMs(-minutes * kMinuteMs), /*unreminded=*/false,
                  /*not_held=*/true, "unpaid_close", report,
                  [&](std::vector<std::string> order_nos) {
                    return app::CloseUnpaidOrders(std::move(order_nos), minutes, context, closed);
                  });
  report.unpaid_closed += *closed;
}

void ExecuteRefunds(Store& store, const Settings& settings, const app::CommandContext& context,
                    JobReport& report) {
  int64_t after_id = 0;
  while (true) {
    auto page = store.reads().payments().ListPendingRefunds(after_id, kBatch);
    if (!page.ok()) {
      Fail(report, "refund_execution", page.status());
      return;
    }
    if (page->empty()) {
      return;
    }
    std::vector<int64_t> due;
    for (const Refund& refund : *page) {
      after_id = refund.id;
      if (app::DueAt(refund, settings.business_calendar).unix_ms <= report.at.unix_ms) {
        due.push_back(refund.id);
      }
    }
    if (due.empty()) {
      continue;
    }
    auto out = std::make_shared<app::RefundExecution>();
    const Status status = store.SubmitAndWait(
        app::ExecuteDueRefunds(std::move(due), settings.business_calendar, context, out));
    if (!status.ok()) {
      Fail(report, "refund_execution", status);
      return;
    }
    report.refunds_executed += static_cast<int64_t>(out->executed.size());
    for (const std::string& failure : out->failures) {
      report.failures.push_back("refund_execution: " + failure);
    }
  }
}

constexpr int kWaybillBatch = 100;  // parcels per carrier per tick

void FetchWaybills(Store& store, const app::CarrierAdapters* adapters,
                   const app::CommandContext& context, JobReport& report) {
  if (adapters == nullptr || adapters->empty()) {
    return;
  }
  Result<int> fetched = app::FetchCarrierWaybills(store, *adapters, context, kWaybillBatch);
  if (!fetched.ok()) {
    Fail(report, "carrier_waybills", fetched.status());
    return;
  }
  report.waybills_fetched += *fetched;
}

}  // namespace

JobReport JobRunner::RunOnce() {
  std::lock_guard run(run_mutex_);
  JobReport report;
  report.at = clock_.Now();
  Result<Settings> settings = app::LoadSettings(store_.reads());
  if (!settings.ok()) {
    Fail(report, "settings", settings.status());
  } else {
    // The jobs' clock is the runner's: a command sees the same "now" as the scan before it.
    ManualClock at(report.at);
    const app::CommandContext context{kActor, &at, adapters_};
    WatchShipLimits(store_, *settings, context, report);
    WatchDeliveries(store_, *settings, context, report);
    ConfirmReceipts(store_, *settings, context, report);
    // Closing first: an order found past both delays (the server was down) is closed, not
    // reminded of a payment it can no longer make.
    CloseUnpaid(store_, *settings, context, report);
    RemindUnpaid(store_, *settings, context, report);
    ExecuteRefunds(store_, *settings, context, report);
    FetchWaybills(store_, adapters_, context, report);
  }
  if (!reports_dir_.empty()) {
    Result<std::vector<std::string>> days =
        WriteDailySummaries(store_.reads(), report.at, reports_dir_);
    if (!days.ok()) {
      Fail(report, "daily_summary", days.status());
    } else {
      report.daily_summaries = static_cast<int64_t>(days->size());
      for (const std::string& day : *days) {
        spdlog::info("jobs: the daily summary of {} is in {}/{}", day, reports_dir_, day);
      }
    }
  }
  if (backups_ != nullptr) {
    // Last, so that the backup holds what this tick changed.
    ManualClock at(report.at);
    const app::CommandContext context{kActor, &at, adapters_};
    report.backups_taken += backups_->RunSchedule(context, report.failures) ? 1 : 0;
  }
  for (const std::string& failure : report.failures) {
    spdlog::warn("jobs: {}", failure);
  }
  if (report.ship_limit_cases > 0 || report.receipts_confirmed > 0) {
    spdlog::info("jobs: {} ship-by breaches recorded, {} receipts confirmed",
                 report.ship_limit_cases, report.receipts_confirmed);
  }
  if (report.payment_reminders > 0 || report.unpaid_closed > 0 || report.refunds_executed > 0) {
    spdlog::info("jobs: {} payment reminders sent, {} unpaid orders closed, {} refunds executed",
                 report.payment_reminders, report.unpaid_closed, report.refunds_executed);
  }
  return report;
}

void JobRunner::Start(std::chrono::milliseconds interval) {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) {
    return;
  }
  stopping_ = false;
  thread_ = std::thread([this, interval] { Loop(interval); });
}

void JobRunner::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void JobRunner::Loop(std::chrono::milliseconds interval) {
  SetThreadName("ordo-jobs");
  while (true) {
    RunOnce();
    std::unique_lock lock(mutex_);
    if (wake_.wait_for(lock, interval, [&] { return stopping_; })) {
      return;
    }
  }
}

}  // namespace ordo::jobs
