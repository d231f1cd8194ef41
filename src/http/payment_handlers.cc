// Payments (domain.md REV-2, AFS-5; api.md "Payments, review and abnormal orders"):
//   POST /api/v1/payment-callbacks/{provider}   a provider's signed notification (no token)
//     {"order_no", "transaction_id", "amount", "status": "succeeded" | "failed", "paid_at"?,
//      "failure_reason"?}
//   POST /api/v1/orders/{order_no}/cod-confirmation   {"channel", "confirmed", "note"?}
//   GET  /api/v1/refunds?order_no=&status=&from=&to=&limit=&cursor=   (oldest first)
//   GET  /api/v1/refunds/{id}
//   POST /api/v1/refunds/{id}/execute   {"provider_ref", "outcome"?, "failure_reason"?}
//   POST /api/v1/refunds/{id}/approve   {"note"?}   POST /api/v1/refunds/{id}/reject {"note"}
//   GET  /api/v1/payments?order_no=&provider=&transaction_id=&outcome=&duplicate=&from=&to=
// A callback is authenticated by its signature alone: X-Ordo-Signature, the hex HMAC-SHA256 of
// the raw body under the provider's secret (ApiContext::payment_secrets). A provider without a
// secret is unknown (404 unknown_provider); a missing or wrong signature is 401
// invalid_signature; either way nothing is recorded. A repeated transaction is answered as the
// first time, changing nothing.
#include "app/access.h"
#include "app/payments.h"
#include "app/settings.h"
#include "base/limits.h"
#include "http/dto.h"
#include "http/fulfillment_routes.h"
#include "http/inventory_dto.h"
#include "http/signed_callback.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

constexpr size_t kMaxProviderRef = 128;

bool IsChannel(const Request& request) {
  return request.principal.role == "channel";
}

PaymentNotice ParseNotice(FieldReader& reader, std::string provider, std::string& order_no) {
  PaymentNotice notice;
  notice.provider = std::move(provider);
  order_no = reader.String("order_no", true);
  notice.transaction_id = reader.String("transaction_id", true);
  notice.amount = reader.BoundedInt("amount", true, kMaxAmount);
  notice.failure_reason = reader.String("failure_reason", false);
  // Exactly one of the two: an empty or unknown status is refused (required, or invalid_value),
  // never read as a success.
  const std::string status = reader.String("status", true);
  if (status == "succeeded" || status == "failed") {
    notice.succeeded = status == "succeeded";
  } else if (!status.empty()) {
    reader.AddError("status", Code::kInvalidValue, "status must be succeeded or failed");
  }
  notice.paid_at = reader.Time("paid_at", false);
  return notice;
}

json::object CallbackToJson(const app::PaymentCallbackOutcome& out) {
  // Only what the recorded payment says, so a repeat is answered exactly like the first call.
  return json::object{{"order_no", out.order_no},
                      {"provider", out.payment.provider},
                      {"transaction_id", out.payment.transaction_id},
                      {"amount", out.payment.amount},
                      {"outcome", Name(out.payment.outcome)},
                      {"duplicate", out.payment.duplicate},
                      {"recorded_at", FormatRfc3339(out.payment.at)}};
}

void PostPaymentCallback(const ApiContext& api, Request& request, Respond respond) {
  const std::string provider(request.Param("provider"));
  const std::string* secret = FindCallbackSecret(api.payment_secrets, provider);
  if (secret == nullptr) {
    respond(Response::Problem(
        Status(Kind::kNotFound, Code::kUnknownProvider, "no payment provider " + provider)));
    return;
  }
  if (Status signed_ok = CheckBodySignature(*secret, request); !signed_ok.ok()) {
    respond(Response::Problem(signed_ok));
    return;
  }
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::string order_no;
  PaymentNotice notice = ParseNotice(reader, provider, order_no);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  // The provider is the actor, and the scope of its Idempotency-Keys.
  request.principal.id = "provider:" + provider;
  request.principal.name = provider;
  auto out = std::make_shared<app::PaymentCallbackOutcome>();
  RunCommand(
      api, request, std::move(respond),
      app::RecordPaymentCallback(std::move(order_no), std::move(notice),
                                 app::CommandContext{"provider:" + provider, api.clock}, out),
      [out](const Status& status) {
        return status.ok() ? Response::Json(200, Serialize(CallbackToJson(*out)))
                           : Response::Problem(status);
      });
}

void PostCodConfirmation(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  CodConfirmation answer{reader.String("channel", true), reader.Bool("confirmed", true),
                         reader.String("note", false)};
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  Result<std::optional<int64_t>> if_match = IfMatchVersion(request);
  if (!if_match.ok()) {
    respond(Response::Problem(if_match.status()));
    return;
  }
  auto out = std::make_shared<Order>();
  const bool reveal = kMasked;
  RunCommand(api, request, std::move(respond),
             app::ConfirmCod(std::string(request.Param("order_no")), std::move(answer), *if_match,
                             ContextOf(api, request), out),
             [out, reveal](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               Response response = Response::Json(200, Serialize(OrderToJson(*out, reveal)));
               response.headers.emplace_back("ETag", "\"" + std::to_string(out->version) + "\"");
               return response;
             });
}

// A refund; a due date left to the calendar is computed for display.
json::object RefundView(const Refund& refund, const BusinessCalendar& calendar) {
  json::object object = RefundToJson(refund);
  object["due_at"] = FormatRfc3339(app::DueAt(refund, calendar));
  return object;
}

Result<RefundFilter> ParseRefundFilter(const Request& request) {
  RefundFilter filter;
  std::vector<FieldError> errors;
  filter.order_no = std::string(request.Query("order_no").value_or(""));
  if (const std::optional<std::string_view> status = request.Query("status")) {
    filter.status = ParseRefundStatus(*status);
    if (!filter.status) {
      errors.push_back({"status", Code::kInvalidValue,
                        "status must be awaiting_approval, pending, succeeded, failed or "
                        "rejected"});
    }
  }
  filter.from = ReadTimeParam(request, "from", errors);
  filter.to = ReadTimeParam(request, "to", errors);
  filter.executed_from = ReadTimeParam(request, "executed_from", errors);
  filter.executed_to = ReadTimeParam(request, "executed_to", errors);
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit + 1;
    filter.after_id = page->after_id;
  }
  // Every refund ever is not a list anyone needs: name the order, a status or a period. A
  // channel names its order.
  const bool narrowed =
      filter.status || filter.from || filter.to || filter.executed_from || filter.executed_to;
  if (filter.order_no.empty() && (!narrowed || IsChannel(request))) {
    errors.push_back({"order_no", Code::kRequired, "name the order: ?order_no=…"});
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return filter;
}

Result<PaymentFilter> ParsePaymentFilter(const Request& request) {
  PaymentFilter filter;
  std::vector<FieldError> errors;
  filter.order_no = std::string(request.Query("order_no").value_or(""));
  filter.provider = std::string(request.Query("provider").value_or(""));
  filter.transaction_id = std::string(request.Query("transaction_id").value_or(""));
  filter.outcome = std::string(request.Query("outcome").value_or(""));
  if (!filter.outcome.empty() && !ParseEnum<PaymentOutcome>(filter.outcome)) {
    errors.push_back({"outcome", Code::kInvalidValue,
                      "outcome must be succeeded, failed, amount_mismatch or after_close"});
  }
  if (const std::optional<std::string_view> duplicate = request.Query("duplicate")) {
    if (*duplicate == "true" || *duplicate == "false") {
      filter.duplicate = *duplicate == "true";
    } else {
      errors.push_back({"duplicate", Code::kInvalidValue, "duplicate must be true or false"});
    }
  }
  filter.from = ReadTimeParam(request, "from", errors);
  filter.to = ReadTimeParam(request, "to", errors);
  if (std::optional<PageParams> page = ReadPage(request, errors)) {
    filter.limit = page->limit + 1;
    filter.after_id = page->after_id;
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return filter;
}

json::object PaymentRecordToJson(const PaymentRecord& record) {
  const Payment& payment = record.payment;
  return json::object{{"id", record.id},
                      {"order_no", record.order_no},
                      {"provider", payment.provider},
                      {"transaction_id", payment.transaction_id},
                      {"amount", payment.amount},
                      {"outcome", Name(payment.outcome)},
                      {"duplicate", payment.duplicate},
                      {"received", payment.outcome != PaymentOutcome::kFailed},
                      {"received_at", FormatRfc3339(payment.at)}};
}

void ListPayments(const ApiContext& api, Request& request, Respond respond) {
  Result<PaymentFilter> filter = ParsePaymentFilter(request);
  if (!filter.ok()) {
    respond(Response::Problem(filter.status()));
    return;
  }
  Result<std::vector<PaymentRecord>> payments = api.store->reads().payments().ListPayments(*filter);
  if (!payments.ok()) {
    respond(Response::Problem(payments.status()));
    return;
  }
  respond(IdPageResponse(*payments, filter->limit - 1, &PaymentRecordToJson,
                         [](const PaymentRecord& record) { return record.id; }));
}

// The order of a refund a channel asks about must be its own; to it, others do not exist.
Status CheckVisible(const ApiContext& api, const Request& request, const std::string& order_no,
                    Status not_found) {
  if (!IsChannel(request)) {
    return Status::Ok();
  }
  Result<std::optional<Order>> order = api.store->reads().GetOrder(order_no);
  ORDO_RETURN_IF_ERROR(order.status());
  if (!order->has_value() || (*order)->channel != request.principal.name) {
    return not_found;
  }
  return Status::Ok();
}

void ListRefunds(const ApiContext& api, Request& request, Respond respond) {
  Result<RefundFilter> filter = ParseRefundFilter(request);
  if (!filter.ok()) {
    respond(Response::Problem(filter.status()));
    return;
  }
  if (Status visible = CheckVisible(api, request, filter->order_no,
                                    Status::NotFound("no order " + filter->order_no));
      !visible.ok()) {
    respond(Response::Problem(visible));
    return;
  }
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  Result<std::vector<Refund>> refunds = api.store->reads().payments().ListRefunds(*filter);
  if (!settings.ok() || !refunds.ok()) {
    respond(Response::Problem(settings.ok() ? refunds.status() : settings.status()));
    return;
  }
  const BusinessCalendar& calendar = settings->business_calendar;
  respond(IdPageResponse(
      *refunds, filter->limit - 1,
      [&calendar](const Refund& refund) { return RefundView(refund, calendar); },
      [](const Refund& refund) { return refund.id; }));
}

Status NoRefund(std::string_view id) {
  return Status::NotFound("no refund " + std::string(id));
}

void GetRefund(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  Result<std::optional<Refund>> found = id ? api.store->reads().payments().GetRefund(*id)
                                           : Result<std::optional<Refund>>(std::optional<Refund>());
  if (!found.ok() || !found->has_value()) {
    respond(Response::Problem(found.ok() ? NoRefund(request.Param("id")) : found.status()));
    return;
  }
  if (Status visible =
          CheckVisible(api, request, (*found)->order_no, NoRefund(request.Param("id")));
      !visible.ok()) {
    respond(Response::Problem(visible));
    return;
  }
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  if (!settings.ok()) {
    respond(Response::Problem(settings.status()));
    return;
  }
  respond(Response::Json(200, Serialize(RefundView(**found, settings->business_calendar))));
}

// Runs `command` on refund `id` and answers with the refund as it then stands.
template <typename MakeCommand>
void RunRefundCommand(const ApiContext& api, Request& request, Respond respond,
                      MakeCommand make_command) {
  Result<Settings> settings = app::LoadSettings(api.store->reads());
  if (!settings.ok()) {
    respond(Response::Problem(settings.status()));
    return;
  }
  auto out = std::make_shared<app::RefundExecution>();
  RunCommand(api, request, std::move(respond), make_command(out),
             [out, calendar = settings->business_calendar](const Status& status) {
               return status.ok() && out->refund
                          ? Response::Json(200, Serialize(RefundView(*out->refund, calendar)))
                          : Response::Problem(status);
             });
}

void PostExecuteRefund(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(NoRefund(request.Param("id"))));
    return;
  }
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  Payout payout;
  payout.provider_ref = reader.String("provider_ref", false);
  const std::string outcome = reader.String("outcome", false);
  if (!outcome.empty() && outcome != "succeeded" && outcome != "failed") {
    reader.AddError("outcome", Code::kInvalidValue, "outcome must be succeeded or failed");
  }
  payout.succeeded = outcome != "failed";
  payout.failure_reason = reader.String("failure_reason", false);
  if (payout.provider_ref.size() > kMaxProviderRef) {
    reader.AddError("provider_ref", Code::kInvalidValue, "provider_ref is too long");
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  RunRefundCommand(api, request, std::move(respond), [&](auto out) {
    return app::ExecuteRefundNow(*id, std::move(payout), ContextOf(api, request), out);
  });
}

void DecideRefund(const ApiContext& api, Request& request, Respond respond, bool approve) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(NoRefund(request.Param("id"))));
    return;
  }
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  std::string note = reader.String("note", !approve);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  app::CommandContext context = ContextOf(api, request);
  const Approver approver{context.actor,
                          app::RoleHas(request.principal.role, "refunds:approve_large")};
  RunRefundCommand(api, request, std::move(respond), [&](auto out) {
    return app::DecideRefund(*id, approve, std::move(note), approver, context, out);
  });
}

void PostApproveRefund(const ApiContext& api, Request& request, Respond respond) {
  DecideRefund(api, request, std::move(respond), true);
}

void PostRejectRefund(const ApiContext& api, Request& request, Respond respond) {
  DecideRefund(api, request, std::move(respond), false);
}

}  // namespace

Result<RefundFilter> ParseRefundListFilter(const Request& request) {
  return ParseRefundFilter(request);
}

void RegisterPaymentRoutes(Router& router, const ApiContext& api) {
  router.Add("POST", "/api/v1/payment-callbacks/{provider}",
             {"A payment provider's notification, signed (X-Ordo-Signature: hex HMAC-SHA256 of "
              "the body); no token. Repeats of a transaction are no-ops",
              "", true, "PaymentCallback", "PaymentCallbackResult", 200},
             Bind(api, &PostPaymentCallback));
  router.Add("POST", "/api/v1/orders/{order_no}/cod-confirmation",
             {"Record the customer's re-confirmation of a cash-on-delivery order (a refusal "
              "cancels it and releases its stock)",
              "orders:review", false, "CodConfirmation", "Order", 200},
             Bind(api, &PostCodConfirmation));
  router.Add("GET", "/api/v1/refunds",
             {"Refunds, oldest first (?order_no=&status=&from=&to=&executed_from=&executed_to=; "
              "an order, a status or a period must be named; from/to are the creation time, "
              "executed_from/executed_to the last payout attempt)",
              "finance:read", false, "", "RefundList", 200,
              Paged({{"order_no", "the order"},
                     {"status", "awaiting_approval, pending, succeeded, failed or rejected"},
                     {"from", "created at or after (RFC 3339 or a China date)"},
                     {"to", "created before (RFC 3339 or a China date)"},
                     {"executed_from", "last payout attempt at or after (RFC 3339 or a date)"},
                     {"executed_to", "last payout attempt before (RFC 3339 or a date)"}})},
             Bind(api, &ListRefunds));
  router.Add("GET", "/api/v1/payments",
             {"Payments received or attempted, oldest first, for reconciliation "
              "(?order_no=&provider=&transaction_id=&outcome=&duplicate=&from=&to=; from/to are "
              "the time received)",
              "finance:read", false, "", "PaymentList", 200,
              Paged({{"order_no", "the order"},
                     {"provider", "the payment provider"},
                     {"transaction_id", "the provider's transaction id"},
                     {"outcome", "succeeded, failed, amount_mismatch or after_close"},
                     {"duplicate", "true or false"},
                     {"from", "received at or after (RFC 3339 or a China date)"},
                     {"to", "received before (RFC 3339 or a China date)"}})},
             Bind(api, &ListPayments));
  router.Add("POST", "/api/v1/refunds/{id}/approve",
             {"Approve a refund awaiting approval: never by who asked for it; above the "
              "approval threshold only finance (refunds:approve_large)",
              "refunds:approve", false, "RefundDecision", "Refund", 200},
             Bind(api, &PostApproveRefund));
  router.Add("POST", "/api/v1/refunds/{id}/reject",
             {"Reject an after-sales refund awaiting approval (note required): it leaves the "
              "order's books and the case goes back to be decided again. Any other refund is owed "
              "(the order was cancelled or closed, changed to cost less, paid twice or too much): "
              "409 refund_owed",
              "refunds:approve", false, "RefundDecision", "Refund", 200},
             Bind(api, &PostRejectRefund));
  router.Add("GET", "/api/v1/refunds/{id}",
             {"One refund", "finance:read", false, "", "Refund", 200}, Bind(api, &GetRefund));
  router.Add("POST", "/api/v1/refunds/{id}/execute",
             {"Record the payout of a refund now (before it is due, or again after a failure): "
              "outcome succeeded with the provider's reference, or failed with a reason (a "
              "refund_failed case opens; the refund stays owed). Idempotent once executed",
              "refunds:execute", false, "RefundExecution", "Refund", 200},
             Bind(api, &PostExecuteRefund));
}

}  // namespace ordo::http
