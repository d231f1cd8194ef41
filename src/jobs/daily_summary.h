// The daily summary (domain.md DAT-3, CS-4, AUD-3): once the China day is over, the jobs write
// that day's reports as CSV files into `DIR/reports/YYYY-MM-DD/`: sales by channel, province,
// hour and SKU, after-sales by reason, SKU and carrier, refunds by cause, review and shipping
// times, abnormal cases by type and root cause, and complaints by category (app/reports.h).
// A day's folder is written under a temporary name and renamed when complete, so a folder that
// exists is whole, and a day already written is not written again; a server that was down
// writes the days it missed (up to a week back) at its next tick.
#pragma once

#include <string>
#include <vector>

#include "base/clock.h"
#include "store/store.h"

namespace ordo::jobs {

// The days written (their folder names), or the failure; `reports_dir` is created if missing.
Result<std::vector<std::string>> WriteDailySummaries(ReadView& reads, Timestamp now,
                                                     const std::string& reports_dir);

}  // namespace ordo::jobs
