// Supervision (domain.md AUD-2, AUD-3): violations, penalties, rewards and KPIs.
//   POST /api/v1/violations/detect, GET /api/v1/violations, GET /api/v1/violations/{id}
//   POST|GET /api/v1/penalties, POST /api/v1/penalties/{id}/approve|reject
//   POST|GET /api/v1/rewards, POST /api/v1/rewards/{id}/approve|reject,
//   POST /api/v1/rewards/propose-eligible
//   GET /api/v1/kpis?period=2026-11&group_by=user|department, GET /api/v1/supervision/policy
#include <charconv>

#include "app/settings.h"
#include "app/supervision.h"
#include "base/limits.h"
#include "http/api.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

// Detection without a period looks this far back.
constexpr int64_t kDefaultDetectionDays = 31;
constexpr int64_t kDayMs = 24 * 3600 * 1000;

// The policy in force: every time limit from the settings, the reward thresholds from the
// policy file (domain/audit/policy.h).
Result<SupervisionPolicy> PolicyOf(const ApiContext& api) {
  ORDO_ASSIGN_OR_RETURN(const Settings settings, app::LoadSettings(api.store->reads()));
  return PolicyFromSettings(settings,
                            api.supervision != nullptr ? *api.supervision : RewardThresholds{});
}

json::value TextOrNull(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object DetailsToJson(const Details& details) {
  json::object object;
  for (const auto& [key, value] : details) {
    object[key] = value;
  }
  return object;
}

json::object ViolationToJson(const Violation& violation) {
  const SuggestedPenalty suggested = SuggestedPenaltyFor(violation.type);
  return json::object{{"id", violation.id},
                      {"type", ViolationTypeName(violation.type)},
                      {"severity", SeverityName(violation.severity)},
                      {"actor", TextOrNull(violation.actor)},
                      {"department", TextOrNull(violation.department)},
                      {"entity", violation.entity},
                      {"entity_id", violation.entity_id},
                      {"occurrence", violation.occurrence},
                      {"at", FormatRfc3339(violation.at)},
                      {"explanation", violation.explanation},
                      {"details", DetailsToJson(violation.details)},
                      {"suggested_penalty",
                       {{"kind", PenaltyKindName(suggested.kind)},
                        {"points", suggested.points},
                        {"amount", suggested.amount}}},
                      {"detected_at", FormatRfc3339(violation.detected_at)},
                      {"detected_by", violation.detected_by}};
}

json::object SanctionToJson(const Sanction& sanction, const std::vector<SanctionChange>& history) {
  json::array changes;
  for (const SanctionChange& change : history) {
    changes.push_back(json::object{{"state", ProposalStateName(change.state)},
                                   {"actor", change.actor},
                                   {"at", FormatRfc3339(change.at)},
                                   {"reason", TextOrNull(change.reason)}});
  }
  json::object object{
      {"id", sanction.id},
      {"kind", sanction.kind},
      {"person", sanction.person},
      {"department", TextOrNull(sanction.department)},
      {"reason", sanction.reason},
      {"points", sanction.points},
      {"amount", sanction.amount},
      {"state", ProposalStateName(sanction.state)},
      {"proposed_by", sanction.proposed_by},
      {"proposed_at", FormatRfc3339(sanction.proposed_at)},
      {"decided_by", TextOrNull(sanction.decided_by)},
      {"decided_at", sanction.decided_at ? json::value(FormatRfc3339(*sanction.decided_at))
                                         : json::value(nullptr)},
      {"decision_reason", TextOrNull(sanction.decision_reason)},
      {"history", std::move(changes)}};
  if (sanction.category == SanctionCategory::kPenalty) {
    object["violation_id"] =
        sanction.violation_id > 0 ? json::value(sanction.violation_id) : json::value(nullptr);
  } else {
    object["period"] = TextOrNull(sanction.period);
  }
  return object;
}

// The history a sanction has right after the command that proposed or decided it.
std::vector<SanctionChange> HistoryAfterCommand(const Sanction& sanction) {
  std::vector<SanctionChange> history = {
      {ProposalState::kProposed, sanction.proposed_by, sanction.proposed_at, sanction.reason}};
  if (sanction.decided_at) {
    history.push_back(
        {sanction.state, sanction.decided_by, *sanction.decided_at, sanction.decision_reason});
  }
  return history;
}

json::object PeriodToJson(const Period& period) {
  return json::object{{"label", period.label},
                      {"from", FormatRfc3339(period.from)},
                      {"to", FormatRfc3339(period.to)}};
}

std::optional<int64_t> IdParam(const Request& request) {
  const std::string_view text = request.Param("id");
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

// A period from `period` (a month), or from `from` and `to`; one of them is required.
Result<Period> ReadPeriod(const std::optional<std::string>& month,
                          const std::optional<std::string>& from,
                          const std::optional<std::string>& to) {
  if (month) {
    return MonthPeriod(*month);
  }
  if (from || to) {
    std::vector<FieldError> errors;
    if (!from) {
      errors.push_back({"from", Code::kRequired, "from is required with to"});
    }
    if (!to) {
      errors.push_back({"to", Code::kRequired, "to is required with from"});
    }
    if (!errors.empty()) {
      return Status::Invalid(std::move(errors));
    }
    return RangePeriod(*from, *to);
  }
  return Status::Invalid("period", Code::kRequired, "period (2026-11) or from and to is required");
}

std::optional<std::string> QueryText(const Request& request, std::string_view name) {
  std::optional<std::string_view> value = request.Query(name);
  return value ? std::optional<std::string>(std::string(*value)) : std::nullopt;
}

void Refuse(Respond& respond, const Status& status) {
  respond(Response::Problem(status));
}

// --- Violations ---

Period RecentPeriod(Timestamp now) {
  return Period{now.PlusMs(-kDefaultDetectionDays * kDayMs), now.PlusMs(1), "recent"};
}

Response DetectionAnswer(const Status& status, const app::DetectionOutcome& out,
                         const Period& period) {
  if (!status.ok()) {
    return Response::Problem(status);
  }
  json::array data;
  for (const Violation& violation : out.created) {
    data.push_back(ViolationToJson(violation));
  }
  json::object by_type;
  for (const auto& [type, count] : out.by_type) {
    by_type[type] = count;
  }
  return Response::Json(
      200, Serialize(json::object{{"period", PeriodToJson(period)},
                                  {"found", out.found},
                                  {"created", static_cast<int64_t>(out.created.size())},
                                  {"by_type", std::move(by_type)},
                                  {"data", std::move(data)}}));
}

// Runs on a server thread once every write submitted before the request is durable, so that
// the attempts recorded just before (their refusals already answered) are seen.
void DetectAndStore(const ApiContext& api, Request& request, Respond respond,
                    const Period& period) {
  Result<SupervisionPolicy> policy = PolicyOf(api);
  Result<std::vector<Violation>> found =
      policy.ok() ? app::FindViolations(api.store->reads(), *policy, period, api.clock->Now())
                  : Result<std::vector<Violation>>(policy.status());
  if (!found.ok()) {
    respond(Response::Problem(found.status()));
    return;
  }
  auto out = std::make_shared<app::DetectionOutcome>();
  RunCommand(api, request, std::move(respond),
             app::StoreViolations(std::move(found).value(), ContextOf(api, request), out),
             [out, period](const Status& status) { return DetectionAnswer(status, *out, period); });
}

void PostDetect(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  const std::optional<std::string> month = reader.OptionalString("period");
  const std::optional<std::string> from = reader.OptionalString("from");
  const std::optional<std::string> to = reader.OptionalString("to");
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  // Without `to`, detection runs up to now ("since from"), and without any bound over the last
  // kDefaultDetectionDays; "now" is read after the barrier below.
  const bool open_ended = !month && !to;
  Result<Period> period = open_ended ? Result<Period>(Period{}) : ReadPeriod(month, from, to);
  if (open_ended && from) {
    Result<Timestamp> start = ParsePeriodBound(*from, false);
    period = start.ok()
                 ? Result<Period>(Period{*start, {}, "since " + *from})
                 : Result<Period>(Status::Invalid("from", Code::kInvalidValue,
                                                  "from must be a date (2026-11-01) or RFC 3339"));
  }
  if (!period.ok()) {
    respond(Response::Problem(period.status()));
    return;
  }
  // A write barrier: the writer applies commands in order, so once this empty one is durable,
  // so is every attempt submitted before it.
  api.store->Submit(
      [](WriteTx&) { return Status::Ok(); },
      [a = &api, r = &request, respond = std::move(respond), period = *period, open_ended,
       recent = open_ended && !from, defer = request.defer](const Status& barrier) mutable {
        auto work = [a, r, respond = std::move(respond), period, open_ended, recent,
                     barrier]() mutable {
          if (!barrier.ok()) {
            respond(Response::Problem(barrier));
            return;
          }
          const Timestamp now = a->clock->Now();
          if (recent) {
            period = RecentPeriod(now);
          } else if (open_ended) {
            period.to = now.PlusMs(1);
          }
          DetectAndStore(*a, *r, std::move(respond), period);
        };
        if (defer) {
          defer(std::move(work));
        } else {
          work();
        }
      });
}

Result<ViolationFilter> ParseViolationFilter(const Request& request) {
  ViolationFilter filter;
  std::vector<FieldError> errors;
  filter.actor = std::string(request.Query("actor").value_or(""));
  filter.department = std::string(request.Query("department").value_or(""));
  if (auto type = request.Query("type")) {
    filter.type = ParseViolationType(*type);
    if (!filter.type) {
      errors.push_back(
          {"type", Code::kInvalidValue, "unknown violation type " + std::string(*type)});
    }
  }
  for (const char* name : {"from", "to"}) {
    if (auto text = request.Query(name)) {
      const bool is_to = std::string_view(name) == "to";
      Result<Timestamp> bound = ParsePeriodBound(*text, is_to);
      if (!bound.ok()) {
        errors.push_back({name, Code::kInvalidValue,
                          std::string(name) + " must be a date (2026-11-01) or RFC 3339"});
      } else {
        (is_to ? filter.to : filter.from) = *bound;
      }
    }
  }
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit + 1;
    filter.before_id = page->after_id;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return filter;
}

void ListViolations(const ApiContext& api, Request& request, Respond respond) {
  Result<ViolationFilter> filter = ParseViolationFilter(request);
  if (!filter.ok()) {
    return Refuse(respond, filter.status());
  }
  Result<std::vector<Violation>> rows = api.store->reads().ListViolations(*filter);
  if (!rows.ok()) {
    return Refuse(respond, rows.status());
  }
  respond(IdPageResponse(*rows, filter->limit - 1, &ViolationToJson,
                         [](const Violation& violation) { return violation.id; }));
}

void GetViolation(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = IdParam(request);
  Result<std::optional<Violation>> violation =
      id ? api.store->reads().GetViolation(*id) : Result<std::optional<Violation>>(std::nullopt);
  if (!violation.ok()) {
    return Refuse(respond, violation.status());
  }
  if (!violation->has_value()) {
    return Refuse(respond, Status::NotFound("no violation " + std::string(request.Param("id"))));
  }
  respond(Response::Json(200, Serialize(ViolationToJson(**violation))));
}

// --- Penalties and rewards ---

Response SanctionAnswer(const Status& status, int http_status, const Sanction& sanction) {
  return status.ok()
             ? Response::Json(http_status,
                              Serialize(SanctionToJson(sanction, HistoryAfterCommand(sanction))))
             : Response::Problem(status);
}

void PostSanction(const ApiContext& api, Request& request, Respond respond,
                  SanctionCategory category) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  SanctionProposal proposal;
  proposal.category = category;
  proposal.kind = reader.String("kind", true);
  proposal.person = reader.String("person", false);
  if (category == SanctionCategory::kPenalty) {
    proposal.violation_id = reader.Int("violation_id", false);
  }
  proposal.reason = reader.String("reason", false);
  proposal.points = reader.BoundedInt("points", false, kMaxPriority);
  proposal.amount = reader.BoundedInt("amount", false, kMaxAmount);
  proposal.confirm_duplicate = reader.OptionalBool("confirm_duplicate").value_or(false);
  if (!errors.empty()) {
    return Refuse(respond, Status::Invalid(std::move(errors)));
  }
  auto out = std::make_shared<Sanction>();
  const app::CommandContext context = ContextOf(api, request);
  WriteFn command = category == SanctionCategory::kPenalty
                        ? app::ProposePenalty(std::move(proposal), context, out)
                        : app::ProposeReward(std::move(proposal), context, out);
  RunCommand(api, request, std::move(respond), std::move(command),
             [out](const Status& status) { return SanctionAnswer(status, 201, *out); });
}

void PostDecision(const ApiContext& api, Request& request, Respond respond,
                  SanctionCategory category, bool approve) {
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::string reason = reader.String("reason", !approve);
  if (!errors.empty()) {
    return Refuse(respond, Status::Invalid(std::move(errors)));
  }
  const std::optional<int64_t> id = IdParam(request);
  const std::string what(SanctionCategoryName(category));
  if (!id) {
    return Refuse(respond, Status::NotFound("no " + what + " " + std::string(request.Param("id"))));
  }
  auto out = std::make_shared<Sanction>();
  const app::CommandContext context = ContextOf(api, request);
  WriteFn command = category == SanctionCategory::kPenalty
                        ? app::DecidePenalty(*id, approve, std::move(reason), context, out)
                        : app::DecideReward(*id, approve, std::move(reason), context, out);
  RunCommand(api, request, std::move(respond), std::move(command),
             [out](const Status& status) { return SanctionAnswer(status, 200, *out); });
}

void ListSanctions(const ApiContext& api, Request& request, Respond respond,
                   SanctionCategory category) {
  SanctionFilter filter;
  filter.category = category;
  filter.person = std::string(request.Query("person").value_or(""));
  if (auto state = request.Query("state")) {
    filter.state = ParseProposalState(*state);
    if (!filter.state) {
      return Refuse(respond, Status::Invalid("state", Code::kInvalidValue,
                                             "state must be proposed, approved or rejected"));
    }
  }
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    return Refuse(respond, page.status());
  }
  filter.limit = page->limit + 1;
  filter.before_id = page->after_id;
  ReadView& reads = api.store->reads();
  Result<std::vector<Sanction>> rows = reads.ListSanctions(filter);
  if (!rows.ok()) {
    return Refuse(respond, rows.status());
  }
  std::vector<std::pair<Sanction, std::vector<SanctionChange>>> shown;
  for (Sanction& sanction : *rows) {
    Result<std::vector<SanctionChange>> history = reads.GetSanctionHistory(sanction.id);
    if (!history.ok()) {
      return Refuse(respond, history.status());
    }
    shown.emplace_back(std::move(sanction), std::move(history).value());
  }
  respond(IdPageResponse(
      shown, page->limit, [](const auto& row) { return SanctionToJson(row.first, row.second); },
      [](const auto& row) { return row.first.id; }));
}

// --- KPIs ---

json::object RateJson(const Ratio& ratio, const char* numerator, const char* denominator) {
  const std::optional<int64_t> rate = ratio.basis_points();
  return json::object{{numerator, ratio.numerator},
                      {denominator, ratio.denominator},
                      {"rate_bp", rate ? json::value(*rate) : json::value(nullptr)}};
}

json::object KpiRowToJson(const KpiRow& row, KpiGroupBy group_by) {
  json::object object;
  if (group_by == KpiGroupBy::kUser) {
    object["actor"] = row.key;
  }
  object["department"] = TextOrNull(group_by == KpiGroupBy::kUser ? row.department : row.key);
  object["processing_timeliness"] = RateJson(row.timeliness, "within_limit", "steps");
  object["order_accuracy"] = RateJson(row.accuracy, "accurate", "handled");
  object["on_time_delivery"] = RateJson(row.on_time_delivery, "on_time", "delivered");
  object["refund_rate"] = RateJson(row.refunds, "refunded", "paid");
  object["customer_satisfaction"] = nullptr;
  object["violations"] = row.violations;
  if (group_by == KpiGroupBy::kUser) {
    object["reward_eligible"] = row.reward_eligible;
  }
  return object;
}

json::object KpiNotes() {
  return json::object{
      {"rates", "basis points (1/100 of a percent), rounded down; null when nothing was counted"},
      {"processing_timeliness",
       "review decisions and shipments done in the period within their time limit"},
      {"order_accuracy",
       "orders (reviewed, picked, packed or shipped) and stock entries handled in the period "
       "without an entry_corrected or wrong_item_shipped violation"},
      {"on_time_delivery", "deliveries in the period within the promised window, for the shipper"},
      {"refund_rate", "paid orders handled in the period that were cancelled or refunded"},
      {"customer_satisfaction", "not collected yet: Ordo records no customer ratings so far"},
      {"department", "a department counts each order once, however many members handled it"}};
}

Result<KpiGroupBy> ParseGroupBy(const Request& request) {
  const std::string_view group_by = request.Query("group_by").value_or("user");
  if (group_by == "user") {
    return KpiGroupBy::kUser;
  }
  if (group_by == "department") {
    return KpiGroupBy::kDepartment;
  }
  return Status::Invalid("group_by", Code::kInvalidValue, "group_by must be user or department");
}

void GetKpis(const ApiContext& api, Request& request, Respond respond) {
  Result<KpiGroupBy> group_by = ParseGroupBy(request);
  Result<Period> period = ReadPeriod(QueryText(request, "period"), QueryText(request, "from"),
                                     QueryText(request, "to"));
  if (!group_by.ok() || !period.ok()) {
    return Refuse(respond, group_by.ok() ? period.status() : group_by.status());
  }
  Result<SupervisionPolicy> policy = PolicyOf(api);
  Result<app::KpiReport> report =
      policy.ok()
          ? app::ComputeKpis(api.store->reads(), *policy, *period, *group_by, api.clock->Now())
          : Result<app::KpiReport>(policy.status());
  if (!report.ok()) {
    return Refuse(respond, report.status());
  }
  json::array data;
  for (const KpiRow& row : report->rows) {
    data.push_back(KpiRowToJson(row, *group_by));
  }
  respond(Response::Json(
      200,
      Serialize(json::object{{"period", PeriodToJson(*period)},
                             {"group_by", *group_by == KpiGroupBy::kUser ? "user" : "department"},
                             {"data", std::move(data)},
                             {"notes", KpiNotes()}})));
}

void PostEligibleRewards(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  const std::optional<std::string> month = reader.OptionalString("period");
  std::string kind = reader.OptionalString("kind").value_or("commendation");
  if (!ParseRewardKind(kind) || kind == "bonus" || kind == "points") {
    reader.AddError("kind", Code::kInvalidValue,
                    "kind must be commendation or certificate (bonuses and points are proposed "
                    "one by one, with their amount)");
  }
  if (!month && errors.empty()) {
    reader.AddError("period", Code::kRequired, "period (2026-11) is required");
  }
  if (!errors.empty()) {
    return Refuse(respond, Status::Invalid(std::move(errors)));
  }
  Result<Period> period = MonthPeriod(*month);
  Result<SupervisionPolicy> policy = PolicyOf(api);
  Result<app::KpiReport> report = !period.ok() ? Result<app::KpiReport>(period.status())
                                  : !policy.ok()
                                      ? Result<app::KpiReport>(policy.status())
                                      : app::ComputeKpis(api.store->reads(), *policy, *period,
                                                         KpiGroupBy::kUser, api.clock->Now());
  if (!report.ok()) {
    return Refuse(respond, report.status());
  }
  auto out = std::make_shared<std::vector<Sanction>>();
  RunCommand(api, request, std::move(respond),
             app::ProposeEligibleRewards(std::move(report).value(), std::move(kind),
                                         ContextOf(api, request), out),
             [out, period = *period](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               json::array data;
               for (const Sanction& sanction : *out) {
                 data.push_back(SanctionToJson(sanction, HistoryAfterCommand(sanction)));
               }
               return Response::Json(200, Serialize(json::object{{"period", PeriodToJson(period)},
                                                                 {"data", std::move(data)}}));
             });
}

json::object PolicyToJson(const SupervisionPolicy& policy) {
  json::object ship_within;
  for (const auto& [order_class, hours] : policy.ship_within_hours) {
    ship_within[order_class] = hours;
  }
  json::object deliver{{"default", FormatDuration(policy.deliver_within_default_ms)}};
  for (const auto& [service, limit_ms] : policy.deliver_within_ms) {
    deliver[service] = FormatDuration(limit_ms);
  }
  json::array types;
  for (ViolationType type : AllViolationTypes()) {
    const SuggestedPenalty suggested = SuggestedPenaltyFor(type);
    types.push_back(json::object{{"type", ViolationTypeName(type)},
                                 {"severity", SeverityName(DefaultSeverity(type))},
                                 {"suggested_penalty", PenaltyKindName(suggested.kind)},
                                 {"description", ViolationTypeDescription(type)}});
  }
  return json::object{{"source", "settings"},
                      {"ship_within_hours", std::move(ship_within)},
                      {"review_within", FormatDuration(policy.review_within_ms)},
                      {"correction_window", FormatDuration(policy.correction_window_ms)},
                      {"reply_within", FormatDuration(policy.reply_within_ms)},
                      {"deliver_within", std::move(deliver)},
                      {"reward_min_timeliness_bp", policy.reward_min_timeliness_bp},
                      {"reward_min_steps", policy.reward_min_steps},
                      {"review_department", policy.review_department},
                      {"fulfilment_department", policy.fulfilment_department},
                      {"reply_department", policy.reply_department},
                      {"violation_types", std::move(types)}};
}

}  // namespace

void RegisterSupervisionRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  auto bind = [a](void (*fn)(const ApiContext&, Request&, Respond)) {
    return [a, fn](Request& r, Respond respond) { fn(*a, r, std::move(respond)); };
  };
  router.Add("POST", "/api/v1/violations/detect",
             {"Detect violations in a period from the records, storing new ones",
              "violations:detect", false, "DetectInput", "DetectionResult", 200},
             bind(&PostDetect));
  router.Add("GET", "/api/v1/violations",
             {"Violations, newest first (?actor=&department=&type=&from=&to=)", "violations:read",
              false, "", "ViolationPage", 200,
              Paged({{"actor", "who is responsible"},
                     {"department", "their department"},
                     {"type", "a violation type"},
                     {"from", "occurred at or after (RFC 3339 or a China date)"},
                     {"to", "occurred before (RFC 3339 or a China date)"}})},
             bind(&ListViolations));
  router.Add("GET", "/api/v1/violations/{id}",
             {"One violation", "violations:read", false, "", "Violation", 200},
             bind(&GetViolation));
  for (SanctionCategory category : {SanctionCategory::kPenalty, SanctionCategory::kReward}) {
    const bool penalty = category == SanctionCategory::kPenalty;
    const std::string base = penalty ? "/api/v1/penalties" : "/api/v1/rewards";
    const std::string what = penalty ? "penalty" : "reward";
    router.Add("POST", base,
               {"Propose a " + what, "penalties:propose", false,
                penalty ? "PenaltyInput" : "RewardInput", "Sanction", 201},
               [a, category](Request& r, Respond respond) {
                 PostSanction(*a, r, std::move(respond), category);
               });
    router.Add(
        "GET", base,
        {(penalty ? "Penalties" : "Rewards") + std::string(", newest first (?person=&state=)"),
         "violations:read", false, "", "SanctionPage", 200,
         Paged({{"person", "the person concerned"}, {"state", "proposed, approved or rejected"}})},
        [a, category](Request& r, Respond respond) {
          ListSanctions(*a, r, std::move(respond), category);
        });
    for (bool approve : {true, false}) {
      router.Add("POST", base + "/{id}/" + (approve ? "approve" : "reject"),
                 {(approve ? "Approve a proposed " : "Reject a proposed ") + what +
                      " (not by its proposer or the person concerned)",
                  "penalties:approve", false, "DecisionInput", "Sanction", 200},
                 [a, category, approve](Request& r, Respond respond) {
                   PostDecision(*a, r, std::move(respond), category, approve);
                 });
    }
  }
  router.Add("POST", "/api/v1/rewards/propose-eligible",
             {"Propose a reward for everyone the period's KPIs find eligible", "penalties:propose",
              false, "EligibleRewardsInput", "SanctionList", 200},
             bind(&PostEligibleRewards));
  router.Add("GET", "/api/v1/kpis",
             {"KPIs per user or department (?period=2026-11 or ?from=&to=, &group_by=)",
              "kpis:read",
              false,
              "",
              "KpiReport",
              200,
              {{"period", "a month, 2026-11"},
               {"from", "the start, instead of period (RFC 3339 or a China date)"},
               {"to", "the end, instead of period (RFC 3339 or a China date)"},
               {"group_by", "user (default) or department"}}},
             bind(&GetKpis));
  router.Add("GET", "/api/v1/supervision/policy",
             {"The time limits (from the settings), reward thresholds and violation types in force",
              "violations:read", false, "", "SupervisionPolicy", 200},
             [a](Request&, Respond respond) {
               Result<SupervisionPolicy> policy = PolicyOf(*a);
               respond(policy.ok() ? Response::Json(200, Serialize(PolicyToJson(*policy)))
                                   : Response::Problem(policy.status()));
             });
}

}  // namespace ordo::http
