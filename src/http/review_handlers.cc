// Manual review (domain.md REV-3):
//   GET  /api/v1/review-queue?limit=&cursor=     orders in pending_review by priority, then
//                                                 oldest first (INT-4), each
//                                                 with its live abnormal cases (the rule hits)
//   POST /api/v1/orders/{order_no}/rerun-review   run the review rules again
// Approval and rejection go through POST /api/v1/orders/{order_no}/review (orders_handlers.cc).
#include <charconv>

#include "app/review.h"
#include "http/dto.h"
#include "http/fulfillment_dto.h"
#include "http/fulfillment_routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

// The live (open or assigned) cases of the order, oldest first.
Result<json::array> LiveCases(ReadView& reads, const std::string& order_no, bool& blocked) {
  CaseFilter filter;
  filter.order_no = order_no;
  filter.limit = 100;
  ORDO_ASSIGN_OR_RETURN(std::vector<AbnormalCase> cases, reads.fulfillment().ListCases(filter));
  json::array live;
  for (auto it = cases.rbegin(); it != cases.rend(); ++it) {
    if (IsClosed(it->status)) {
      continue;
    }
    blocked = blocked || it->blocking;
    live.push_back(CaseToJson(*it));
  }
  return live;
}

// A review queue cursor's key, "priority:id" (see ListQueue), or nullopt when it is not one.
std::optional<QueuePosition> ParseQueuePosition(std::string_view key) {
  const size_t colon = key.find(':');
  QueuePosition position;
  if (colon == std::string_view::npos) {
    return std::nullopt;
  }
  auto [p_end, p_ec] = std::from_chars(key.data(), key.data() + colon, position.priority);
  auto [i_end, i_ec] =
      std::from_chars(key.data() + colon + 1, key.data() + key.size(), position.id);
  if (p_ec != std::errc() || p_end != key.data() + colon || i_ec != std::errc() ||
      i_end != key.data() + key.size() || position.id <= 0) {
    return std::nullopt;
  }
  return position;
}

void ListQueue(const ApiContext& api, Request& request, Respond respond) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  std::optional<QueuePosition> after;
  if (!page->after_key.empty() || page->after_id > 0) {
    after = ParseQueuePosition(page->after_key);
    if (!after) {
      respond(Response::Problem(
          Status::Invalid("cursor", Code::kInvalidValue, "cursor is not one this server issued")));
      return;
    }
  }
  ReadView& reads = api.store->reads();
  Result<std::vector<Order>> orders = reads.customers().ListPendingReview(after, page->limit + 1);
  if (!orders.ok()) {
    respond(Response::Problem(orders.status()));
    return;
  }
  const bool reveal = kMasked;
  const Timestamp now = api.clock->Now();
  json::array data;
  const size_t shown = std::min(orders->size(), static_cast<size_t>(page->limit));
  for (size_t i = 0; i < shown; ++i) {
    const Order& order = (*orders)[i];
    bool blocked = false;
    Result<json::array> cases = LiveCases(reads, order.order_no, blocked);
    if (!cases.ok()) {
      respond(Response::Problem(cases.status()));
      return;
    }
    data.push_back(
        json::object{{"order", OrderToJson(order, reveal)},
                     {"cases", std::move(*cases)},
                     {"blocked", blocked},
                     {"waiting_minutes", (now.unix_ms - order.updated_at.unix_ms) / 60000}});
  }
  std::string next;
  if (orders->size() > shown) {
    const Order& last = (*orders)[shown - 1];
    next = std::to_string(last.priority) + ":" + std::to_string(last.id.value);
  }
  respond(Response::Json(200, Serialize(PageJson(std::move(data), next))));
}

json::object ReportToJson(const app::ReviewReport& report) {
  json::array hits;
  for (size_t i = 0; i < report.hits.size(); ++i) {
    const RuleHit& hit = report.hits[i];
    json::object details;
    for (const auto& [key, value] : hit.details) {
      details[key] = value;
    }
    hits.push_back(json::object{{"rule", hit.rule},
                                {"subject", hit.subject},
                                {"explanation", hit.explanation},
                                {"details", std::move(details)},
                                {"case_id", i < report.case_ids.size() ? report.case_ids[i] : 0}});
  }
  return json::object{{"hits", std::move(hits)}, {"approved", report.approved}};
}

void PostRerun(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  auto out = std::make_shared<app::RerunOutcome>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::RerunReview(std::string(request.Param("order_no")), ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               json::object body{{"order", OrderToJson(out->order, reveal)},
                                 {"review", ReportToJson(out->report)}};
               Response response = Response::Json(200, Serialize(body));
               response.headers.emplace_back("ETag",
                                             "\"" + std::to_string(out->order.version) + "\"");
               return response;
             });
}

}  // namespace

void RegisterReviewRoutes(Router& router, const ApiContext& api) {
  router.Add(
      "GET", "/api/v1/review-queue",
      {"Orders waiting for manual review, highest priority first, then oldest, with their live "
       "abnormal cases",
       "orders:review", false, "", "ReviewQueuePage", 200, Paged()},
      Bind(api, &ListQueue));
  router.Add("POST", "/api/v1/orders/{order_no}/rerun-review",
             {"Run the review rules again on an order in pending_review (approves it when none "
              "flags it and auto_review is on)",
              "orders:review", false, "", "ReviewRerun", 200},
             Bind(api, &PostRerun));
}

}  // namespace ordo::http
