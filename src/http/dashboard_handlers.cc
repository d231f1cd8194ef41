// The staff console's dashboard (工作台): GET /api/v1/dashboard?date=YYYY-MM-DD, the orders of
// one China Standard Time day (count, amount, per hour, per channel) with the pipeline of every
// order per status, the review queue's length and the abnormal cases still open. Reads only
// indexes and the day's rows; staff only (a channel sees its own orders through the list).
#include <charconv>
#include <cstdio>

#include "http/api.h"
#include "http/json_util.h"
#include "http/problem.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000;
constexpr int64_t kDayMs = 24 * 3600 * 1000;

// The start (as an instant) of the China Standard Time day `date`, or today's when absent.
Result<Timestamp> DayStart(const Request& request, const Clock& clock) {
  std::optional<std::string_view> date = request.Query("date");
  if (!date || date->empty()) {
    const int64_t local = clock.Now().unix_ms + kChinaOffsetMs;
    return Timestamp{local - ((local % kDayMs) + kDayMs) % kDayMs - kChinaOffsetMs};
  }
  Result<Timestamp> midnight = ParseDate(*date);
  if (!midnight.ok()) {
    return Status::Invalid("date", Code::kInvalidValue, "date must be YYYY-MM-DD");
  }
  return midnight->PlusMs(-kChinaOffsetMs);
}

std::string DateText(Timestamp day_start) {
  const int32_t date = ChinaDate(day_start);
  char text[16];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100);
  return text;
}

void GetDashboard(const ApiContext& api, Request& request, Respond respond) {
  Result<Timestamp> start = DayStart(request, *api.clock);
  if (!start.ok()) {
    respond(Response::Problem(start.status()));
    return;
  }
  ReadView& reads = api.store->reads();
  Result<OrderDaySummary> day =
      reads.SummariseOrders(*start, start->PlusMs(kDayMs), kChinaOffsetMs);
  Result<std::vector<std::pair<OrderStatus, int64_t>>> statuses =
      reads.CountOrdersByStatus(OrderFilter{});
  Result<int64_t> cases = reads.CountLiveCases();
  for (const Status& status : {day.status(), statuses.status(), cases.status()}) {
    if (!status.ok()) {
      respond(Response::Problem(status));
      return;
    }
  }
  json::array by_hour;
  for (int64_t count : day->by_hour) {
    by_hour.push_back(count);
  }
  json::array by_channel;
  for (const OrderDaySummary::Channel& channel : day->by_channel) {
    by_channel.push_back(json::object{
        {"channel", channel.channel}, {"orders", channel.orders}, {"amount", channel.amount}});
  }
  json::array by_status;
  int64_t pending_review = 0;
  for (const auto& [status, count] : *statuses) {
    by_status.push_back(json::object{{"status", StatusName(status)}, {"orders", count}});
    pending_review += status == OrderStatus::kPendingReview ? count : 0;
  }
  respond(Response::Json(200, Serialize(json::object{{"date", DateText(*start)},
                                                     {"from", FormatRfc3339(*start)},
                                                     {"to", FormatRfc3339(start->PlusMs(kDayMs))},
                                                     {"orders", day->orders},
                                                     {"amount_total", day->amount},
                                                     {"currency", "CNY"},
                                                     {"pending_review", pending_review},
                                                     {"anomalies_open", *cases},
                                                     {"by_hour", std::move(by_hour)},
                                                     {"by_channel", std::move(by_channel)},
                                                     {"by_status", std::move(by_status)}})));
}

}  // namespace

void RegisterDashboardRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("GET", "/api/v1/dashboard",
             {"The console's dashboard: one China Standard Time day's orders (?date=YYYY-MM-DD, "
              "default today) per hour and channel, every order per status, the review queue and "
              "the open abnormal cases",
              "dashboard:read", false, "", "Dashboard", 200},
             [a](Request& r, Respond respond) { GetDashboard(*a, r, std::move(respond)); });
}

}  // namespace ordo::http
