#include "cli/test_clock.h"

#include <boost/json.hpp>

#include "http/api.h"
#include "http/json_util.h"

namespace ordo::cli {
namespace json = boost::json;
namespace {

constexpr int64_t kHourMs = 3600 * 1000;
constexpr int64_t kMaxAdvanceMs = 3660LL * 24 * kHourMs;  // ten years

void MoveClock(ManualClock& clock, jobs::JobRunner& runner, http::Request& request,
               http::Respond respond) {
  Result<json::value> body = http::ParseJsonBody(request.body);
  if (!body.ok()) {
    respond(http::Response::Problem(body.status()));
    return;
  }
  std::vector<FieldError> errors;
  http::FieldReader reader(body->as_object(), "", errors);
  const std::optional<int64_t> hours = reader.OptionalInt("advance_hours");
  const std::optional<int64_t> ms = reader.OptionalInt("advance_ms");
  const std::optional<std::string> set = reader.OptionalString("set");
  int64_t advance_ms = hours.value_or(0) * kHourMs + ms.value_or(0);
  std::optional<Timestamp> target;
  if (set) {
    Result<Timestamp> parsed = ParseRfc3339(*set);
    if (!parsed.ok()) {
      reader.AddError("set", Code::kInvalidValue, "set must be an RFC 3339 time");
    } else {
      target = *parsed;
    }
  }
  if (advance_ms < 0 || advance_ms > kMaxAdvanceMs) {
    reader.AddError(hours ? "advance_hours" : "advance_ms", Code::kInvalidValue,
                    "the clock only moves forward, at most ten years at a time");
  }
  if (!errors.empty()) {
    respond(http::Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  if (target) {
    clock.Set(*target);
  }
  clock.AdvanceMs(advance_ms);
  const jobs::JobReport report = runner.RunOnce();
  json::array failures;
  for (const std::string& failure : report.failures) {
    failures.emplace_back(failure);
  }
  respond(http::Response::Json(
      200, http::Serialize(
               json::object{{"now", FormatRfc3339(report.at)},
                            {"jobs", json::object{{"ship_limit_cases", report.ship_limit_cases},
                                                  {"late_deliveries", report.late_deliveries},
                                                  {"receipts_confirmed", report.receipts_confirmed},
                                                  {"payment_reminders", report.payment_reminders},
                                                  {"unpaid_closed", report.unpaid_closed},
                                                  {"refunds_executed", report.refunds_executed},
                                                  {"daily_summaries", report.daily_summaries},
                                                  {"failures", std::move(failures)}}}})));
}

}  // namespace

Result<std::unique_ptr<Clock>> MakeServeClock(const std::string& test_clock) {
  if (test_clock.empty()) {
    return std::unique_ptr<Clock>(new SystemClock());
  }
  Timestamp start = SystemClock().Now();
  if (test_clock != "now") {
    Result<Timestamp> parsed = ParseRfc3339(test_clock);
    if (!parsed.ok()) {
      return Status::Invalid("test_clock", Code::kInvalidValue,
                             "--test-clock must be 'now' or an RFC 3339 time");
    }
    start = *parsed;
  }
  return std::unique_ptr<Clock>(new ManualClock(start));
}

void AddTestClockRoute(http::Router& router, ManualClock& clock, jobs::JobRunner& runner) {
  router.Add("POST", "/api/v1/ops/clock",
             {"Testing only (serve --test-clock): move the clock forward, then run every job",
              "ops:clock", false, "", "", 200},
             [&clock, &runner](http::Request& request, http::Respond respond) {
               MoveClock(clock, runner, request, std::move(respond));
             });
}

}  // namespace ordo::cli
