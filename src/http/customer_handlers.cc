// Customers (domain.md REV-1, CS-1):
//   GET   /api/v1/customers?blacklisted=&q=&limit=&cursor=   (by member id)
//   GET   /api/v1/customers/{member_id}        profile, history summary, latest complaints
//   POST  /api/v1/customers/{member_id}/blacklist     {"reason"}
//   POST  /api/v1/customers/{member_id}/unblacklist   {"reason"}
//   POST  /api/v1/customers/{member_id}/complaints    {"order_no"?, "category", "note"}
//   PATCH /api/v1/customers/{member_id}  {"credit_level"?, "high_risk"?, "reason"} (If-Match)
// Names, phones and complaint notes are masked unless the caller holds pii:read.
#include "app/access.h"
#include "app/customers.h"
#include "http/dto.h"
#include "http/fulfillment_routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

constexpr int kProfileOrders = 200;     // orders the history summary reads
constexpr int kProfileComplaints = 20;  // latest complaints shown with the profile

json::value TimeOrNull(const std::optional<Timestamp>& at) {
  return at ? json::value(FormatRfc3339(*at)) : json::value(nullptr);
}

json::object ProfileToJson(const CustomerProfile& profile, bool reveal) {
  return json::object{{"member_id", profile.member_id},
                      {"name", reveal ? profile.name : MaskName(profile.name)},
                      {"phone", reveal ? profile.phone : MaskPhone(profile.phone)},
                      {"credit_level", CreditLevelName(profile.credit_level)},
                      {"high_risk", profile.high_risk},
                      {"high_risk_reason", profile.high_risk_reason},
                      {"blacklisted", profile.blacklisted},
                      {"blacklist_reason", profile.blacklist_reason},
                      {"blacklisted_by", profile.blacklisted_by},
                      {"blacklisted_at", TimeOrNull(profile.blacklisted_at)},
                      {"complaints", profile.complaints},
                      {"recorded", profile.version > 0},
                      {"version", profile.version},
                      {"updated_at", FormatRfc3339(profile.updated_at)}};
}

json::object HistoryToJson(const CustomerHistory& history) {
  json::object usual;
  for (const auto& [sku, quantity] : history.usual_quantity) {
    usual[sku] = quantity;
  }
  return json::object{{"orders_placed", history.orders_placed},
                      {"orders_completed", history.orders_completed},
                      {"refusals", history.refusals},
                      {"refunds", history.refunds},
                      {"refunded_amount", history.refunded_amount},
                      {"first_order_at", TimeOrNull(history.first_order_at)},
                      {"last_order_at", TimeOrNull(history.last_order_at)},
                      {"usual_amount", history.usual_amount},
                      {"usual_quantity", std::move(usual)}};
}

json::object ComplaintToJson(const Complaint& complaint, bool reveal) {
  return json::object{{"id", complaint.id},
                      {"order_no", complaint.order_no.empty() ? json::value(nullptr)
                                                              : json::value(complaint.order_no)},
                      {"category", complaint.category},
                      {"note", reveal ? complaint.note : MaskDetail(complaint.note)},
                      {"at", FormatRfc3339(complaint.at)},
                      {"created_by", complaint.created_by}};
}

Response ProfileResponse(int status, const CustomerProfile& profile, bool reveal) {
  Response response = Response::Json(status, Serialize(ProfileToJson(profile, reveal)));
  response.headers.emplace_back("ETag", "\"" + std::to_string(profile.version) + "\"");
  return response;
}

void ListCustomers(const ApiContext& api, Request& request, Respond respond) {
  CustomerFilter filter;
  std::vector<FieldError> errors;
  if (auto blacklisted = request.Query("blacklisted")) {
    if (*blacklisted == "true" || *blacklisted == "false") {
      filter.blacklisted = *blacklisted == "true";
    } else {
      errors.push_back({"blacklisted", Code::kInvalidValue, "blacklisted must be true or false"});
    }
  }
  filter.q = std::string(request.Query("q").value_or(""));
  std::optional<PageParams> page = ReadPage(request, errors);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  filter.limit = page->limit + 1;
  filter.after_member_id = page->after_key;
  Result<std::vector<CustomerProfile>> profiles =
      api.store->reads().customers().ListCustomers(filter);
  if (!profiles.ok()) {
    respond(Response::Problem(profiles.status()));
    return;
  }
  const bool reveal = kMasked;
  json::array data;
  const size_t shown = std::min(profiles->size(), static_cast<size_t>(page->limit));
  for (size_t i = 0; i < shown; ++i) {
    data.push_back(ProfileToJson((*profiles)[i], reveal));
  }
  const std::string next = profiles->size() > shown ? (*profiles)[shown - 1].member_id : "";
  respond(Response::Json(200, Serialize(PageJson(std::move(data), next))));
}

void GetCustomer(const ApiContext& api, Request& request, Respond respond) {
  const std::string member_id(request.Param("member_id"));
  ReadView& reads = api.store->reads();
  Result<CustomerProfile> profile = app::FindProfile(reads, member_id);
  if (!profile.ok()) {
    respond(Response::Problem(profile.status()));
    return;
  }
  Result<std::vector<Order>> orders =
      reads.customers().GetCustomerOrders(member_id, kProfileOrders);
  Result<std::vector<Complaint>> complaints =
      reads.customers().ListComplaints(member_id, kProfileComplaints);
  if (!orders.ok() || !complaints.ok()) {
    respond(Response::Problem(!orders.ok() ? orders.status() : complaints.status()));
    return;
  }
  json::object body = ProfileToJson(*profile, kMasked);
  body["history"] = HistoryToJson(SummarizeHistory(*orders, ""));
  // Complaint notes are the staff's own record of the complaint, not the customer's contact
  // data: the one customer's page shows them to the roles that handle personal data (never a
  // list; names and phones stay masked).
  const bool notes = app::RoleHas(request.principal.role, "pii:read");
  json::array recent;
  for (const Complaint& complaint : *complaints) {
    recent.push_back(ComplaintToJson(complaint, notes));
  }
  body["recent_complaints"] = std::move(recent);
  Response response = Response::Json(200, Serialize(body));
  response.headers.emplace_back("ETag", "\"" + std::to_string(profile->version) + "\"");
  respond(std::move(response));
}

// Runs a customer command and answers with the profile (and the complaint, when one was made).
void RunCustomerCommand(const ApiContext& api, Request& request, Respond respond, WriteFn fn,
                        std::shared_ptr<app::CustomerOutcome> out, int success_status) {
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond), std::move(fn),
             [out, reveal, success_status](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               if (!out->complaint) {
                 return ProfileResponse(success_status, out->profile, reveal);
               }
               json::object body = ComplaintToJson(*out->complaint, reveal);
               body["customer"] = ProfileToJson(out->profile, reveal);
               return Response::Json(success_status, Serialize(body));
             });
}

using ReasonCommand = WriteFn (*)(std::string, std::string, std::optional<int64_t>,
                                  app::CommandContext, std::shared_ptr<app::CustomerOutcome>);

void PostReasonCommand(const ApiContext& api, Request& request, Respond respond,
                       ReasonCommand command) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::string reason = reader.String("reason", true);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  // An action on the customer, like a transition of an order: If-Match is honoured when given.
  Result<std::optional<int64_t>> if_match = IfMatchVersion(request);
  if (!if_match.ok()) {
    respond(Response::Problem(if_match.status()));
    return;
  }
  auto out = std::make_shared<app::CustomerOutcome>();
  WriteFn fn = command(std::string(request.Param("member_id")), std::move(reason), *if_match,
                       ContextOf(api, request), out);
  RunCustomerCommand(api, request, std::move(respond), std::move(fn), out, 200);
}

void PostComplaint(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  Complaint complaint;
  complaint.order_no = reader.String("order_no", false);
  complaint.category = reader.String("category", true);
  complaint.note = reader.String("note", true);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::CustomerOutcome>();
  WriteFn fn = app::AddComplaint(std::string(request.Param("member_id")), std::move(complaint),
                                 ContextOf(api, request), out);
  RunCustomerCommand(api, request, std::move(respond), std::move(fn), out, 201);
}

void PatchCustomer(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  CustomerPatch patch;
  if (std::optional<std::string> level = reader.OptionalString("credit_level")) {
    patch.credit_level = ParseCreditLevel(*level);
    if (!patch.credit_level) {
      reader.AddError("credit_level", Code::kInvalidValue,
                      "credit_level must be good, normal or low");
    }
  }
  patch.high_risk = reader.OptionalBool("high_risk");
  patch.reason = reader.String("reason", true);
  for (const auto& [name, value] : body->as_object()) {
    if (name != "credit_level" && name != "high_risk" && name != "reason") {
      reader.AddError(name, Code::kInvalidValue, std::string(name) + " cannot be changed here");
    }
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  const std::optional<int64_t> if_match = RequiredIfMatchOrRespond(request, respond, "a customer");
  if (!if_match) {
    return;
  }
  auto out = std::make_shared<app::CustomerOutcome>();
  WriteFn fn = app::PatchCustomer(std::string(request.Param("member_id")), std::move(patch),
                                  *if_match, ContextOf(api, request), out);
  RunCustomerCommand(api, request, std::move(respond), std::move(fn), out, 200);
}

}  // namespace

void RegisterCustomerRoutes(Router& router, const ApiContext& api) {
  router.Add(
      "GET", "/api/v1/customers",
      {"Customers by member id (?blacklisted=&q= member id prefix)", "customers:read", false, "",
       "CustomerPage", 200,
       Paged({{"blacklisted", "true or false", "boolean"}, {"q", "member id, exact or a prefix"}})},
      Bind(api, &ListCustomers));
  router.Add("GET", "/api/v1/customers/{member_id}",
             {"A customer's profile, history summary and latest complaints", "customers:read",
              false, "", "CustomerDetail", 200},
             Bind(api, &GetCustomer));
  router.Add("PATCH", "/api/v1/customers/{member_id}",
             {"Change a customer's credit level or high-risk flag, with a reason (If-Match "
              "required: 412 when stale, 428 when missing)",
              "customers:write", false, "CustomerPatch", "Customer", 200},
             Bind(api, &PatchCustomer));
  router.Add("POST", "/api/v1/customers/{member_id}/complaints",
             {"Record a complaint against the customer", "customers:write", false, "ComplaintInput",
              "Complaint", 201},
             Bind(api, &PostComplaint));
  const ApiContext* a = &api;
  const struct {
    const char* action;
    const char* summary;
    ReasonCommand command;
  } kCommands[] = {
      {"blacklist", "Put the customer on the blacklist (their orders are held in review)",
       &app::BlacklistCustomer},
      {"unblacklist", "Take the customer off the blacklist", &app::UnblacklistCustomer},
  };
  for (const auto& entry : kCommands) {
    router.Add("POST", std::string("/api/v1/customers/{member_id}/") + entry.action,
               {entry.summary + std::string(" (If-Match honoured: 412 when stale)"),
                "customers:blacklist", false, "CustomerReasonInput", "Customer", 200},
               [a, command = entry.command](Request& request, Respond respond) {
                 PostReasonCommand(*a, request, std::move(respond), command);
               });
  }
}

}  // namespace ordo::http
