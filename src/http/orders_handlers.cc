// Handlers of /api/v1/orders: intake, search, history and every transition.
#include <algorithm>
#include <charconv>

#include "app/order_commands.h"
#include "base/limits.h"
#include "http/api.h"
#include "http/dto.h"
#include "http/fulfillment_routes.h"
#include "http/json_util.h"
#include "http/routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

bool IsChannel(const Request& request) {
  return request.principal.role == "channel";
}

// A channel sees only its own orders; to it, another channel's order does not exist.
bool Visible(const Request& request, const Order& order) {
  return !IsChannel(request) || order.channel == request.principal.name;
}

// An event as a channel sees it: its own actions and those of payment providers and the system
// name their actor; a member of staff is "staff", never a name, and details naming a person
// (assignee, …_by) are left out. Reveals of personal data are not shown at all (nullopt).
std::optional<OrderEvent> ForChannel(const Request& request, OrderEvent event) {
  if (event.type == "pii_revealed") {
    return std::nullopt;
  }
  const std::string own = "token:" + request.principal.name;
  if (event.actor != own && (event.actor.starts_with("user:") ||
                             event.actor.starts_with("token:") || event.actor == "cli")) {
    event.actor = "staff";
  }
  std::erase_if(event.details, [](const std::pair<std::string, std::string>& detail) {
    return detail.first == "assignee" || detail.first == "actor" || detail.first.ends_with("_by");
  });
  return event;
}

Response OrderResponse(int status, const Order& order, bool reveal) {
  Response response = Response::Json(status, OrderJsonText(order, reveal));
  response.headers.emplace_back("ETag", "\"" + std::to_string(order.version) + "\"");
  return response;
}

void PostOrder(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  NewOrder input = ParseNewOrder(body->as_object(), errors);
  if (IsChannel(request)) {
    if (input.channel.empty()) {
      input.channel = request.principal.name;
    } else if (input.channel != request.principal.name) {
      respond(Response::Problem(
          Status(Kind::kForbidden, Code::kForbidden,
                 "this token may only place orders for channel " + request.principal.name)));
      return;
    }
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  if (Status prices = CheckPriceOverrides(request.principal.role, input.lines); !prices.ok()) {
    respond(Response::Problem(prices));
    return;
  }
  auto out = std::make_shared<app::OrderOutcome>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::PlaceOrder(std::move(input), ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               Response response = OrderResponse(out->created ? 201 : 200, out->order, reveal);
               response.headers.emplace_back("Location", "/api/v1/orders/" + out->order.order_no);
               return response;
             });
}

void GetOrder(const ApiContext& api, Request& request, Respond respond) {
  const std::string order_no(request.Param("order_no"));
  Result<std::optional<Order>> order = api.store->reads().GetOrder(order_no);
  if (!order.ok()) {
    respond(Response::Problem(order.status()));
  } else if (!order->has_value() || !Visible(request, **order)) {
    respond(Response::Problem(Status::NotFound("no order " + order_no)));
  } else {
    respond(OrderResponse(200, **order, kMasked));
  }
}

// The console's further filters: priority, payment_method (online | cod), on_hold (true |
// false) and warehouse (a line allocated from it).
void ReadConsoleFilters(const Request& request, OrderFilter& filter,
                        std::vector<FieldError>& errors) {
  if (auto priority = request.Query("priority"); priority && !priority->empty()) {
    int value = -1;
    auto [end, ec] = std::from_chars(priority->data(), priority->data() + priority->size(), value);
    if (ec != std::errc() || end != priority->data() + priority->size() || value < 0 ||
        value > 100) {
      errors.push_back({"priority", Code::kInvalidValue, "priority must be 0..100"});
    } else {
      filter.priority = value;
    }
  }
  if (auto method = request.Query("payment_method"); method && !method->empty()) {
    if (!ParsePaymentMethod(*method)) {
      errors.push_back(
          {"payment_method", Code::kInvalidValue, "payment_method must be online or cod"});
    } else {
      filter.payment_method = std::string(*method);
    }
  }
  if (auto held = request.Query("on_hold"); held && !held->empty()) {
    if (*held != "true" && *held != "false") {
      errors.push_back({"on_hold", Code::kInvalidValue, "on_hold must be true or false"});
    } else {
      filter.on_hold = *held == "true";
    }
  }
  filter.warehouse = std::string(request.Query("warehouse").value_or(""));
}

Result<OrderFilter> ParseFilter(const Request& request) {
  OrderFilter filter;
  std::vector<FieldError> errors;
  if (auto status = request.Query("status")) {
    filter.status = ParseStatus(*status);
    if (!filter.status) {
      errors.push_back({"status", Code::kInvalidValue, "unknown status " + std::string(*status)});
    }
  }
  filter.q = std::string(request.Query("q").value_or(""));
  filter.phone = std::string(request.Query("phone").value_or(""));
  filter.member_id = std::string(request.Query("member_id").value_or(""));
  filter.consignee = std::string(request.Query("consignee").value_or(""));
  filter.channel = std::string(request.Query("channel").value_or(""));
  filter.created_from = ReadTimeParam(request, "created_from", errors);
  filter.created_to = ReadTimeParam(request, "created_to", errors);
  ReadConsoleFilters(request, filter, errors);
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit;
    filter.after_id = page->after_id;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  if (IsChannel(request)) {
    if (!filter.channel.empty() && filter.channel != request.principal.name) {
      filter.limit = 0;  // another channel's orders: nothing to show
    }
    filter.channel = request.principal.name;
  }
  return filter;
}

void ListOrders(const ApiContext& api, Request& request, Respond respond) {
  Result<OrderFilter> filter = ParseFilter(request);
  if (!filter.ok()) {
    respond(Response::Problem(filter.status()));
    return;
  }
  Result<OrderPage> page =
      filter->limit == 0 ? Result<OrderPage>(OrderPage{}) : api.store->reads().ListOrders(*filter);
  if (!page.ok()) {
    respond(Response::Problem(page.status()));
    return;
  }
  const bool reveal = kMasked;
  json::array data;
  for (const Order& order : page->orders) {
    data.push_back(OrderToJson(order, reveal));
  }
  respond(Response::Json(200, Serialize(PageJson(std::move(data), page->next_after_id))));
}

// GET /orders/counts: the orders the list's filters match, per status, for its tabs.
void CountOrders(const ApiContext& api, Request& request, Respond respond) {
  Result<OrderFilter> filter = ParseFilter(request);
  if (!filter.ok()) {
    respond(Response::Problem(filter.status()));
    return;
  }
  json::object by_status;
  int64_t total = 0;
  if (filter->limit != 0) {
    Result<std::vector<std::pair<OrderStatus, int64_t>>> counts =
        api.store->reads().CountOrdersByStatus(*filter);
    if (!counts.ok()) {
      respond(Response::Problem(counts.status()));
      return;
    }
    for (const auto& [status, count] : *counts) {
      by_status[StatusName(status)] = count;
      total += count;
    }
  }
  respond(Response::Json(
      200, Serialize(json::object{{"total", total}, {"by_status", std::move(by_status)}})));
}

// The order of the path's {order_no} as the caller may see it (a channel its own only), or
// nullopt once the refusal (404, or the store's failure) has been answered.
std::optional<Order> VisibleOrderOrRespond(const ApiContext& api, const Request& request,
                                           Respond& respond) {
  const std::string order_no(request.Param("order_no"));
  Result<std::optional<Order>> order = api.store->reads().GetOrder(order_no);
  if (!order.ok() || !order->has_value() || !Visible(request, **order)) {
    respond(
        Response::Problem(order.ok() ? Status::NotFound("no order " + order_no) : order.status()));
    return std::nullopt;
  }
  return std::move(**order);
}

void GetEvents(const ApiContext& api, Request& request, Respond respond) {
  std::optional<Order> order = VisibleOrderOrRespond(api, request, respond);
  if (!order) {
    return;
  }
  const std::string& order_no = order->order_no;
  Result<std::vector<OrderEvent>> events = api.store->reads().GetOrderEvents(order_no);
  if (!events.ok()) {
    respond(Response::Problem(events.status()));
    return;
  }
  json::array data;
  for (OrderEvent& event : *events) {
    if (!IsChannel(request)) {
      data.push_back(OrderEventToJson(event));
    } else if (std::optional<OrderEvent> shown = ForChannel(request, std::move(event))) {
      data.push_back(OrderEventToJson(*shown));
    }
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

// POST /orders/{order_no}/reveal: the order unmasked, for a role holding pii:read (the router
// refuses the others), with the access recorded in the order's history before the answer.
void RevealOrder(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::RevealInput input{reader.String("reason", false), ""};
  if (input.reason.size() > 500) {
    reader.AddError("reason", Code::kInvalidValue, "reason must be at most 500 bytes");
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  if (IsChannel(request)) {
    input.visible_to_channel = request.principal.name;
  }
  auto out = std::make_shared<app::OrderOutcome>();
  RunCommand(api, request, std::move(respond),
             app::RevealOrder(std::string(request.Param("order_no")), std::move(input),
                              ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok() ? OrderResponse(200, out->order, /*reveal=*/true)
                                  : Response::Problem(status);
             });
}

// Reads the body of one transition into its command; absent bodies are empty objects.
using CommandParser = std::function<app::OrderCommand(FieldReader&)>;

void PostTransition(const ApiContext& api, Request& request, Respond respond,
                    const CommandParser& parse) {
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  app::OrderCommand command = parse(reader);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  Result<std::optional<int64_t>> if_match = IfMatchVersion(request);
  if (!if_match.ok()) {
    respond(Response::Problem(if_match.status()));
    return;
  }
  const std::string order_no(request.Param("order_no"));
  if (IsChannel(request)) {
    Result<std::optional<Order>> order = api.store->reads().GetOrder(order_no);
    if (!order.ok() || !order->has_value() || !Visible(request, **order)) {
      respond(Response::Problem(order.ok() ? Status::NotFound("no order " + order_no)
                                           : order.status()));
      return;
    }
  }
  auto out = std::make_shared<app::OrderOutcome>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::TransitionOrder(order_no, std::move(command), *if_match,
                                  ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               return status.ok() ? OrderResponse(200, out->order, reveal)
                                  : Response::Problem(status);
             });
}

struct TransitionRoute {
  const char* suffix;
  const char* summary;
  const char* permission;
  const char* schema;
  CommandParser parse;
};

std::vector<TransitionRoute> TransitionRoutes() {
  return {
      {"payments",
       "Confirm a payment of the order; on a paid order whose change raised the total "
       "(supplement_due_amount > 0), the supplementary payment of exactly that amount",
       "orders:pay", "PaymentInput",
       [](FieldReader& r) -> app::OrderCommand {
         return app::PaymentInput{r.String("provider", true), r.String("transaction_id", true),
                                  r.BoundedInt("amount", true, kMaxAmount)};
       }},
      {"review", "Approve or reject the order", "orders:review", "ReviewInput",
       [](FieldReader& r) -> app::OrderCommand {
         return app::ReviewInput{r.String("decision", true), r.String("reason", false)};
       }},
      {"pick", "Start picking the order", "orders:fulfil", "",
       [](FieldReader&) -> app::OrderCommand { return app::PickInput{}; }},
      {"pack",
       "Record a parcel packed (one box: weight_g and box; several: boxes[]) and weighed "
       "against its goods and packaging",
       "orders:fulfil", "PackInput",
       [](FieldReader& r) -> app::OrderCommand {
         app::PackInput input;
         input.warehouse = r.String("warehouse", false);
         input.boxes = ReadPackedBoxes(r);
         if (input.boxes.size() == 1 && !r.object().contains("boxes")) {
           input.weight_g = input.boxes.front().weight_g;
           input.box = input.boxes.front().box;
           input.boxes.clear();
         }
         return input;
       }},
      {"ship", "Hand the order to a carrier", "orders:fulfil", "ShipInput",
       [](FieldReader& r) -> app::OrderCommand {
         // Without a carrier the carrier rules choose; without a tracking number the parcel
         // keeps (or gets) its waybill number (app/fulfillment.h ShipOrderParcel).
         return app::ShipInput{r.String("carrier", false), r.String("tracking_no", false),
                               r.String("warehouse", false)};
       }},
      {"deliver", "Confirm delivery (签收)", "orders:deliver", "",
       [](FieldReader&) -> app::OrderCommand { return app::DeliverInput{}; }},
      {"complete",
       "Complete the order (one refunded in full closes instead; while that refund awaits "
       "approval: 409 refund_awaiting_approval)",
       "orders:complete", "",
       [](FieldReader&) -> app::OrderCommand { return app::CompleteInput{}; }},
  };
}

// The route (POST /orders/{order_no}/<action>) that asks for `transition`.
const char* ActionOf(Transition transition) {
  switch (transition) {
    case Transition::kConfirmPayment:
      return "payments";
    case Transition::kApprove:
    case Transition::kReject:
      return "review";
    case Transition::kStartPicking:
      return "pick";
    case Transition::kPack:
      return "pack";
    case Transition::kShip:
      return "ship";
    case Transition::kDeliver:
      return "deliver";
    case Transition::kComplete:
      return "complete";
    case Transition::kCloseUnpaid:
    case Transition::kCancel:
      return "cancel";
    case Transition::kCloseAfterShipment:
      return "";  // taken by returns and refunds, not asked for on the order
  }
  return "";
}

// GET /orders/{order_no}/actions: what may be asked of the order now, by the transition table
// from its status (less what its holds refuse), each with the permission its route needs and
// whether the caller's role holds it.
void GetActions(const ApiContext& api, Request& request, Respond respond,
                const Authorizer& authorize) {
  std::optional<Order> order = VisibleOrderOrRespond(api, request, respond);
  if (!order) {
    return;
  }
  std::vector<std::string> seen;
  json::array actions;
  for (Transition transition : AvailableTransitions(*order)) {
    const std::string action = ActionOf(transition);
    if (action.empty() || std::find(seen.begin(), seen.end(), action) != seen.end()) {
      continue;
    }
    seen.push_back(action);
    std::string permission;
    for (const TransitionRoute& route : TransitionRoutes()) {
      if (action == route.suffix) {
        permission = route.permission;
      }
    }
    actions.push_back(json::object{{"action", action},
                                   {"transition", TransitionName(transition)},
                                   {"permission", permission},
                                   {"allowed", authorize(request.principal.role, permission)}});
  }
  respond(Response::Json(200, Serialize(json::object{{"order_no", order->order_no},
                                                     {"status", StatusName(order->status)},
                                                     {"on_hold", order->on_hold()},
                                                     {"version", order->version},
                                                     {"actions", std::move(actions)}})));
}

// The filters of the order list, shared by the list and its per-status counts.
std::vector<QueryParam> OrderListFilters() {
  return {{"status", "one status (pending_payment, …, closed)"},
          {"q", "order number or external id, a prefix or a part of it"},
          {"phone", "the customer's or the consignee's phone (whole, formatted, or last four)"},
          {"member_id", "the customer's member id"},
          {"consignee", "the consignee's name"},
          {"channel", "the channel"},
          {"created_from", "created at or after (RFC 3339 or a China date)"},
          {"created_to", "created before (RFC 3339 or a China date)"},
          {"priority", "the priority, 0..100", "integer"},
          {"payment_method", "online or cod"},
          {"on_hold", "true: held by a blocking case; false: not held", "boolean"},
          {"warehouse", "a line allocated from this warehouse"}};
}

}  // namespace

Result<OrderFilter> ParseOrderListFilter(const Request& request) {
  return ParseFilter(request);
}

void RegisterOrderRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("POST", "/api/v1/orders",
             {"Place an order (reserves stock at once)", "orders:create", false, "NewOrder",
              "Order", 201},
             [a](Request& r, Respond respond) { PostOrder(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/orders",
             {"Search and list orders, newest first", "orders:read", false, "", "OrderPage", 200,
              Paged(OrderListFilters())},
             [a](Request& r, Respond respond) { ListOrders(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/orders/counts",
             {"Orders matching the list's filters (status, cursor and limit aside), per status",
              "orders:read", false, "", "OrderCounts", 200, OrderListFilters()},
             [a](Request& r, Respond respond) { CountOrders(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/orders/{order_no}/actions",
             {"What may be asked of the order now (the transition table from its status, less "
              "what its holds refuse), and whether the caller may",
              "orders:read", false, "", "OrderActions", 200},
             [a, authorize = MakeAuthorizer()](Request& r, Respond respond) {
               GetActions(*a, r, std::move(respond), authorize);
             });
  router.Add("GET", "/api/v1/orders/{order_no}",
             {"One order", "orders:read", false, "", "Order", 200},
             [a](Request& r, Respond respond) { GetOrder(*a, r, std::move(respond)); });
  router.Add("GET", "/api/v1/orders/{order_no}/events",
             {"The order's history", "orders:read", false, "", "OrderEvents", 200},
             [a](Request& r, Respond respond) { GetEvents(*a, r, std::move(respond)); });
  router.Add("POST", "/api/v1/orders/{order_no}/reveal",
             {"The order with its personal data unmasked; the access is recorded", "pii:read",
              false, "RevealInput", "Order", 200},
             [a](Request& r, Respond respond) { RevealOrder(*a, r, std::move(respond)); });
  for (TransitionRoute& route : TransitionRoutes()) {
    router.Add("POST", std::string("/api/v1/orders/{order_no}/") + route.suffix,
               {route.summary, route.permission, false, route.schema, "Order", 200},
               [a, parse = std::move(route.parse)](Request& r, Respond respond) {
                 PostTransition(*a, r, std::move(respond), parse);
               });
  }
}

}  // namespace ordo::http
