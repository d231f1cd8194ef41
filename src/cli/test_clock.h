// For tests only: `ordo serve --test-clock START` runs the server on a clock that moves only when
// told (START is "now" or an RFC 3339 time), and adds
//   POST /api/v1/ops/clock {"advance_hours": n} | {"advance_ms": n} | {"set": "RFC 3339"}
// (permission ops:clock, held by admin only) that moves it and then runs every job once
// (jobs/job_runner.h), answering with the new time and what the jobs did. Without the flag
// neither the clock nor the route exists. Integration tests use it to reach time limits and
// automatic confirmation without waiting.
#pragma once

#include <memory>
#include <string>

#include "base/clock.h"
#include "http/server.h"
#include "jobs/job_runner.h"

namespace ordo::cli {

// The clock `serve` runs on: the system's when `test_clock` is empty, else a ManualClock
// starting at it. kInvalid when it is neither "now" nor an RFC 3339 time.
Result<std::unique_ptr<Clock>> MakeServeClock(const std::string& test_clock);

// Registers POST /api/v1/ops/clock on `router`; `clock` and `runner` must outlive it.
void AddTestClockRoute(http::Router& router, ManualClock& clock, jobs::JobRunner& runner);

}  // namespace ordo::cli
