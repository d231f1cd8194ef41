// After-sales cases (domain.md AFS-2…AFS-4; app/aftersales.h):
//   POST /api/v1/after-sales   {"order_no", "type", "reason", "lines": [{"sku", "quantity",
//                               "exchange_sku"?}], "amount"?, "note"?}
//   GET  /api/v1/after-sales?order_no=&status=&type=&limit=&cursor=   (newest first)
//   GET  /api/v1/after-sales/{id}   (with its history)
//   POST /api/v1/after-sales/{id}/approve          {"note"?}
//   POST /api/v1/after-sales/{id}/reject           {"reason"}
//   POST /api/v1/after-sales/{id}/return-shipment  {"carrier", "tracking_no"}
//   POST /api/v1/after-sales/{id}/receive          {"carrier"?, "tracking_no"?}
//   POST /api/v1/after-sales/{id}/inspect          {"passed", "note"?, "tags_intact"?,
//                                                   "packaging_intact"?, "disposition"?}
//   POST /api/v1/after-sales/{id}/refund
//   POST /api/v1/after-sales/{id}/complete
//   POST /api/v1/after-sales/{id}/close            {"reason"}
// Cases carry no personal data: names, phones and addresses stay on the orders.
#include "app/aftersales.h"
#include "base/limits.h"
#include "http/fulfillment_routes.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

json::value OptionalTimeJson(const std::optional<Timestamp>& at) {
  return at ? json::value(FormatRfc3339(*at)) : json::value(nullptr);
}

json::value OptionalBoolJson(const std::optional<bool>& value) {
  return value ? json::value(*value) : json::value(nullptr);
}

json::value TextOrNull(const std::string& text) {
  return text.empty() ? json::value(nullptr) : json::value(text);
}

json::object AfterSalesToJson(const AfterSales& c) {
  json::array lines;
  for (const AfterSalesLine& line : c.lines) {
    lines.push_back(json::object{{"line_no", line.line_no},
                                 {"sku", line.sku},
                                 {"quantity", line.quantity},
                                 {"unit_price_amount", line.unit_price_amount},
                                 {"amount", line.amount()},
                                 {"warehouse", line.warehouse},
                                 {"exchange_sku", TextOrNull(line.exchange_sku)}});
  }
  json::array history;
  for (const AfterSalesHistoryEntry& entry : c.history) {
    history.push_back(json::object{{"action", entry.action},
                                   {"from_status", TextOrNull(entry.from_status)},
                                   {"to_status", entry.to_status},
                                   {"actor", entry.actor},
                                   {"at", FormatRfc3339(entry.at)},
                                   {"note", entry.note}});
  }
  json::value inspection = nullptr;
  if (c.inspection) {
    inspection =
        json::object{{"passed", c.inspection->passed},
                     {"note", c.inspection->note},
                     {"tags_intact", OptionalBoolJson(c.inspection->tags_intact)},
                     {"packaging_intact", OptionalBoolJson(c.inspection->packaging_intact)},
                     {"disposition", c.inspection->disposition},
                     {"inspected_at", OptionalTimeJson(c.inspected_at)}};
  }
  return json::object{
      {"id", c.id},
      {"order_no", c.order_no},
      {"type", AfterSalesTypeName(c.type)},
      {"reason", AfterSalesReasonName(c.reason)},
      {"status", AfterSalesStatusName(c.status)},
      {"freight_payer", FreightPayerName(c.freight_payer)},
      {"lines", std::move(lines)},
      {"lines_amount", c.lines_amount()},
      {"requested_amount", c.requested_amount},
      {"note", c.note},
      {"reject_reason", TextOrNull(c.reject_reason)},
      {"close_reason", TextOrNull(c.close_reason)},
      {"return_carrier", TextOrNull(c.return_carrier)},
      {"return_tracking_no", TextOrNull(c.return_tracking_no)},
      {"received_at", OptionalTimeJson(c.received_at)},
      {"inspection", std::move(inspection)},
      {"reason_confirmed", c.reason_confirmed},
      {"refund_id", c.refund_id > 0 ? json::value(c.refund_id) : json::value(nullptr)},
      {"refund_amount", c.refund_amount},
      {"replacement_order_no", TextOrNull(c.replacement_order_no)},
      {"price_difference_amount", c.price_difference_amount},
      {"created_at", FormatRfc3339(c.created_at)},
      {"created_by", c.created_by},
      {"updated_at", FormatRfc3339(c.updated_at)},
      {"updated_by", c.updated_by},
      {"history", std::move(history)}};
}

Response OutcomeResponse(int status, const app::AfterSalesOutcome& out) {
  json::object body = AfterSalesToJson(out.after_sales);
  if (out.replacement) {
    body["replacement_order"] = json::object{{"order_no", out.replacement->order_no},
                                             {"status", StatusName(out.replacement->status)},
                                             {"total_amount", out.replacement->total_amount}};
  }
  if (!out.entries.empty()) {
    json::array returned;
    for (const LedgerEntry& entry : out.entries) {
      returned.push_back(json::object{{"sku", entry.sku},
                                      {"warehouse", entry.warehouse},
                                      {"quantity", entry.quantity},
                                      {"on_hand_after", entry.on_hand_after}});
    }
    body["returned_to_stock"] = std::move(returned);
  }
  return Response::Json(status, Serialize(body));
}

std::vector<RequestedLine> ReadLines(FieldReader& reader) {
  std::vector<RequestedLine> lines;
  const json::array* array = reader.Array("lines", false);
  if (array == nullptr) {
    return lines;
  }
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string at = "lines[" + std::to_string(i) + "]";
    if (!(*array)[i].is_object()) {
      reader.AddError(at, Code::kInvalidValue, at + " must be an object");
      continue;
    }
    std::vector<FieldError> line_errors;
    FieldReader line((*array)[i].as_object(), reader.Path(at), line_errors);
    RequestedLine requested{line.String("sku", true),
                            line.BoundedInt("quantity", true, kMaxQuantity),
                            line.String("exchange_sku", false)};
    for (const FieldError& error : line_errors) {
      reader.AddError(error.field, error.code, error.message);
    }
    lines.push_back(std::move(requested));
  }
  return lines;
}

void Create(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  AfterSalesRequest input;
  input.order_no = reader.String("order_no", true);
  input.type = reader.String("type", true);
  input.reason = reader.String("reason", true);
  input.lines = ReadLines(reader);
  input.amount = reader.OptionalBoundedInt("amount", kMaxAmount);
  input.note = reader.String("note", false);
  input.confirm_duplicate = reader.OptionalBool("confirm_duplicate").value_or(false);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::AfterSalesOutcome>();
  RunCommand(api, request, std::move(respond),
             app::CreateAfterSales(std::move(input), ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok() ? OutcomeResponse(201, *out) : Response::Problem(status);
             });
}

Result<AfterSalesFilter> ParseFilter(const Request& request) {
  AfterSalesFilter filter;
  std::vector<FieldError> errors;
  filter.order_no = std::string(request.Query("order_no").value_or(""));
  if (auto status = request.Query("status"); status && !status->empty()) {
    filter.status = ParseAfterSalesStatus(*status);
    if (!filter.status) {
      errors.push_back({"status", Code::kInvalidValue, "unknown after-sales status"});
    }
  }
  if (auto type = request.Query("type"); type && !type->empty()) {
    filter.type = ParseAfterSalesType(*type);
    if (!filter.type) {
      errors.push_back({"type", Code::kInvalidValue, "unknown after-sales type"});
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

void List(const ApiContext& api, Request& request, Respond respond) {
  RespondWithPage(
      respond, ParseFilter(request),
      [&](const AfterSalesFilter& f) { return api.store->reads().aftersales().ListAfterSales(f); },
      &AfterSalesToJson, [](const AfterSales& c) { return c.id; });
}

struct QualityReportPage {
  int64_t before_id = 0;
  int limit = 0;
};

json::object QualityReportToJson(const QualityReport& report) {
  return json::object{{"id", report.id},
                      {"case_id", report.case_id},
                      {"order_no", report.order_no},
                      {"sku", report.sku},
                      {"quantity", report.quantity},
                      {"warehouse", report.warehouse},
                      {"reason", report.reason},
                      {"passed", report.passed},
                      {"disposition", report.disposition},
                      {"note", report.note},
                      {"reported_at", FormatRfc3339(report.reported_at)},
                      {"reported_by", report.reported_by}};
}

void ListQualityReports(const ApiContext& api, Request& request, Respond respond) {
  Result<QualityReportPage> page = [&]() -> Result<QualityReportPage> {
    ORDO_ASSIGN_OR_RETURN(PageParams params, ParsePage(request));
    return QualityReportPage{params.after_id, params.limit + 1};
  }();
  RespondWithPage(
      respond, page,
      [&](const QualityReportPage& p) {
        return api.store->reads().aftersales().ListQualityReports(p.before_id, p.limit);
      },
      &QualityReportToJson, [](const QualityReport& report) { return report.id; });
}

void Get(const ApiContext& api, Request& request, Respond respond) {
  RespondWithRecord(
      request, respond, "after-sales case",
      [&](int64_t id) { return api.store->reads().aftersales().GetAfterSales(id); },
      &AfterSalesToJson);
}

using CaseCommand = IdCommand<app::AfterSalesOutcome>;

void PostCommand(const ApiContext& api, Request& request, Respond respond, CaseCommand command) {
  PostIdCommand(api, request, std::move(respond), "after-sales case", command,
                [](const app::AfterSalesOutcome& out) { return OutcomeResponse(200, out); });
}

WriteFn Approve(int64_t id, FieldReader& r, app::CommandContext context,
                std::shared_ptr<app::AfterSalesOutcome> out) {
  return app::ApproveAfterSalesCase(id, r.String("note", false), std::move(context), out);
}

WriteFn Reject(int64_t id, FieldReader& r, app::CommandContext context,
               std::shared_ptr<app::AfterSalesOutcome> out) {
  return app::RejectAfterSalesCase(id, r.String("reason", true), std::move(context), out);
}

WriteFn ReturnShipment(int64_t id, FieldReader& r, app::CommandContext context,
                       std::shared_ptr<app::AfterSalesOutcome> out) {
  std::string carrier = r.String("carrier", true);
  std::string tracking_no = r.String("tracking_no", true);
  return app::RecordAfterSalesReturnShipment(id, std::move(carrier), std::move(tracking_no),
                                             std::move(context), out);
}

WriteFn Receive(int64_t id, FieldReader& r, app::CommandContext context,
                std::shared_ptr<app::AfterSalesOutcome> out) {
  std::string carrier = r.String("carrier", false);
  std::string tracking_no = r.String("tracking_no", false);
  return app::ReceiveAfterSalesReturn(id, std::move(carrier), std::move(tracking_no),
                                      std::move(context), out);
}

WriteFn Inspect(int64_t id, FieldReader& r, app::CommandContext context,
                std::shared_ptr<app::AfterSalesOutcome> out) {
  Inspection inspection;
  inspection.passed = r.Bool("passed", true);
  inspection.note = r.String("note", false);
  inspection.tags_intact = r.OptionalBool("tags_intact");
  inspection.packaging_intact = r.OptionalBool("packaging_intact");
  inspection.disposition = r.String("disposition", false);
  return app::InspectAfterSalesReturn(id, std::move(inspection), std::move(context), out);
}

WriteFn RefundCase(int64_t id, FieldReader&, app::CommandContext context,
                   std::shared_ptr<app::AfterSalesOutcome> out) {
  return app::RefundAfterSalesCase(id, std::move(context), out);
}

WriteFn CompleteCase(int64_t id, FieldReader&, app::CommandContext context,
                     std::shared_ptr<app::AfterSalesOutcome> out) {
  return app::CompleteAfterSalesCase(id, std::move(context), out);
}

WriteFn CloseCase(int64_t id, FieldReader& r, app::CommandContext context,
                  std::shared_ptr<app::AfterSalesOutcome> out) {
  return app::CloseAfterSalesCase(id, r.String("reason", true), std::move(context), out);
}

}  // namespace

Result<AfterSalesFilter> ParseAfterSalesListFilter(const Request& request) {
  return ParseFilter(request);
}

void RegisterAfterSalesRoutes(Router& router, const ApiContext& api) {
  router.Add("POST", "/api/v1/after-sales",
             {"Open an after-sales case for a shipped order (refund, return, exchange, reship)",
              "aftersales:create", false, "AfterSalesInput", "AfterSalesCase", 201},
             Bind(api, &Create));
  router.Add("GET", "/api/v1/after-sales",
             {"After-sales cases, newest first (?order_no=&status=&type=)", "aftersales:read",
              false, "", "AfterSalesPage", 200,
              Paged({{"order_no", "the order"},
                     {"status", "the case's status"},
                     {"type", "refund_only, return_refund, exchange, reship or partial_refund"}})},
             Bind(api, &List));
  router.Add("GET", "/api/v1/quality-reports",
             {"Returned items that failed for quality or came back damaged, with what became of "
              "them (sellable, defective_stock, return_to_supplier, written_off): purchasing's "
              "list for the suppliers, newest first",
              "replenishment:read", false, "", "QualityReportPage", 200, Paged({})},
             Bind(api, &ListQualityReports));
  router.Add("GET", "/api/v1/after-sales/{id}",
             {"One after-sales case with its history", "aftersales:read", false, "",
              "AfterSalesCase", 200},
             Bind(api, &Get));
  const struct {
    const char* action;
    const char* summary;
    const char* permission;
    const char* schema;
    CaseCommand command;
  } kCommands[] = {
      {"approve",
       "Approve the case (return types then await the goods; a reship places its "
       "replacement order)",
       "aftersales:decide", "AfterSalesNoteInput", &Approve},
      {"reject", "Reject the case with a reason", "aftersales:decide", "AfterSalesReasonInput",
       &Reject},
      {"return-shipment", "Record the customer's return parcel (carrier, tracking number)",
       "aftersales:decide", "AfterSalesReturnShipmentInput", &ReturnShipment},
      {"receive", "The returned parcel arrived at the warehouse", "aftersales:receive",
       "AfterSalesReceiveInput", &Receive},
      {"inspect",
       "Inspect the returned goods: passed restocks them and refunds a return or "
       "ships an exchange; failed closes the case",
       "aftersales:receive", "AfterSalesInspectInput", &Inspect},
      {"refund", "Create the refund of a refund_only or partial_refund case", "aftersales:refund",
       "", &RefundCase},
      {"complete", "Complete a case whose refund is under way", "aftersales:refund", "",
       &CompleteCase},
      {"close", "Close (withdraw) the case before any goods arrived", "aftersales:decide",
       "AfterSalesReasonInput", &CloseCase},
  };
  const ApiContext* a = &api;
  for (const auto& entry : kCommands) {
    router.Add("POST", std::string("/api/v1/after-sales/{id}/") + entry.action,
               {entry.summary, entry.permission, false, entry.schema, "AfterSalesCase", 200},
               [a, command = entry.command](Request& request, Respond respond) {
                 PostCommand(*a, request, std::move(respond), command);
               });
  }
}

}  // namespace ordo::http
