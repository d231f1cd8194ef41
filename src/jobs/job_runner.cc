#include "jobs/job_runner.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "app/fulfillment.h"
#include "app/settings.h"
#include "base/thread_name.h"

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
    const app::CommandContext context{kActor, &at};
    WatchShipLimits(store_, *settings, context, report);
    ConfirmReceipts(store_, *settings, context, report);
  }
  for (const std::string& failure : report.failures) {
    spdlog::warn("jobs: {}", failure);
  }
  if (report.ship_limit_cases > 0 || report.receipts_confirmed > 0) {
    spdlog::info("jobs: {} ship-by breaches recorded, {} receipts confirmed",
                 report.ship_limit_cases, report.receipts_confirmed);
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
