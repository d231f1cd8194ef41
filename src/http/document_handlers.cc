// The document archive (domain.md DOC-1, DOC-3, DOC-4; app/documents.h):
//   GET  /api/v1/orders/{order_no}/documents          the order's documents (no content)
//   GET  /api/v1/documents/{id}[?format=pdf]          one document: its facts (personal data
//        masked), its hash checked again, or its PDF rendered from them; by the owning department,
//        or another under a live grant (each such read recorded)
//   POST /api/v1/document-grants {"document_id" | "class", "reason", "hours"}
//   GET  /api/v1/document-grants?status=pending|approved|refused, GET …/{id} (with its reads)
//   POST /api/v1/document-grants/{id}/approve {"note"?}, /refuse {"note"?}
//   GET  /api/v1/documents/due-for-destruction
//   POST /api/v1/document-destructions {"document_ids": [..], "reason"}
//   GET  /api/v1/document-destructions?status=proposed|approved|refused, GET …/{id}
//   POST /api/v1/document-destructions/{id}/approve {"note"?}, /refuse {"note"?}
#include "app/access.h"
#include "app/documents.h"
#include "documents/documents.h"
#include "http/dto.h"
#include "http/fulfillment_routes.h"
#include "store/document_content.h"

namespace ordo::http {
namespace json = boost::json;
namespace {

json::value TimeOrNull(const std::optional<Timestamp>& t) {
  return t ? json::value(FormatRfc3339(*t)) : json::value(nullptr);
}

// The caller's department: the one its staff account names, else its role's (app/documents.h).
std::string CallerDepartment(const ApiContext& api, const Request& request) {
  if (request.principal.id.starts_with("user:")) {
    Result<std::optional<User>> user = api.store->reads().GetUser(request.principal.name);
    if (user.ok() && user->has_value() && !(*user)->department.empty()) {
      return (*user)->department;
    }
  }
  return app::RoleDepartment(request.principal.role);
}

json::object DocumentToJson(const ArchivedDocument& doc) {
  return json::object{{"id", doc.id},
                      {"order_no", doc.order_no},
                      {"class", DocumentClassName(doc.document_class)},
                      {"owner", OwningDepartment(doc.document_class)},
                      {"source_ref", doc.source_ref},
                      {"template", doc.template_name},
                      {"sha256", doc.sha256},
                      {"size_bytes", doc.size_bytes},
                      {"status", DocumentStatusName(doc.status)},
                      {"created_at", FormatRfc3339(doc.created_at)},
                      {"created_by", doc.created_by},
                      {"order_ended_at", TimeOrNull(doc.order_ended_at)},
                      {"destruction_id", doc.destruction_id == 0 ? json::value(nullptr)
                                                                 : json::value(doc.destruction_id)},
                      {"destroyed_at", TimeOrNull(doc.destroyed_at)},
                      {"destroyed_by", doc.destroyed_by},
                      {"destruction_reason", doc.destruction_reason}};
}

std::string Masked(std::string_view key, std::string_view value) {
  if (key.ends_with("phone")) {
    return MaskPhone(value);
  }
  if (key.ends_with("name")) {
    return MaskName(value);
  }
  if (key == "address_detail") {
    return MaskDetail(value);
  }
  return value.empty() ? "" : "****";
}

// The content with its personal part masked (DOC-2: masked in every answer).
json::object MaskedFacts(const json::object& content) {
  json::object facts = content;
  if (json::value* personal = facts.if_contains("personal"); personal && personal->is_object()) {
    for (auto& [key, value] : personal->get_object()) {
      if (value.is_string()) {
        value = Masked(key, value.get_string());
      }
    }
  }
  return facts;
}

// Rows of the PDF: every fact in content order, nested ones flattened to "a.b" / "lines[1].sku".
void Flatten(const std::string& prefix, const json::value& value,
             std::vector<std::pair<std::string, std::string>>& rows) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.get_object()) {
      Flatten(prefix.empty() ? std::string(key) : prefix + "." + std::string(key), member, rows);
    }
  } else if (value.is_array()) {
    size_t i = 0;
    for (const json::value& item : value.get_array()) {
      Flatten(prefix + "[" + std::to_string(++i) + "]", item, rows);
    }
  } else if (value.is_string()) {
    rows.emplace_back(prefix, std::string(value.get_string()));
  } else {
    rows.emplace_back(prefix, json::serialize(value));
  }
}

Response DocumentPdf(const ArchivedDocument& doc, const json::object& facts) {
  documents::ArchivedPage page;
  page.title = std::string(DocumentClassName(doc.document_class)) + " · " + doc.template_name;
  page.order_no = doc.order_no;
  page.sha256 = doc.sha256;
  page.issued_at = doc.created_at;
  Flatten("", facts, page.facts);
  Result<std::string> pdf = documents::RenderArchivedDocument(page);
  if (!pdf.ok()) {
    return Response::Problem(pdf.status());
  }
  Response response;
  response.content_type = "application/pdf";
  response.body = std::move(pdf).value();
  response.headers.emplace_back("Content-Disposition",
                                "inline; filename=\"" + doc.order_no + "-" +
                                    std::string(DocumentClassName(doc.document_class)) + "-" +
                                    std::to_string(doc.id) + ".pdf\"");
  return response;
}

// The answer to a read the caller may make: the facts (or the PDF), the hash checked again.
Response ReadAnswer(const ArchivedDocument& doc, bool pdf, int64_t grant_id) {
  json::object body = DocumentToJson(doc);
  body["read_under_grant"] = grant_id == 0 ? json::value(nullptr) : json::value(grant_id);
  if (doc.status == DocumentStatus::kDestroyed) {
    if (pdf) {
      return Response::Problem(Status(Kind::kConflict, Code::kDocumentDestroyed,
                                      "document " + std::to_string(doc.id) +
                                          " was destroyed; its record is kept, not its content"));
    }
    body["facts"] = nullptr;
    body["verified"] = nullptr;
    return Response::Json(200, Serialize(body));
  }
  boost::system::error_code error;
  json::value content = json::parse(doc.content, error);
  if (error || !content.is_object()) {
    return Response::Problem(Status::Internal("document content is malformed"));
  }
  const json::object facts = MaskedFacts(content.get_object());
  if (pdf) {
    return DocumentPdf(doc, facts);
  }
  body["verified"] = Sha256Hex(doc.content) == doc.sha256;
  body["facts"] = facts;
  return Response::Json(200, Serialize(body));
}

void ListOrderDocuments(const ApiContext& api, Request& request, Respond respond) {
  const std::string order_no(request.Param("order_no"));
  Result<std::optional<Order>> order = api.store->reads().GetOrder(order_no);
  if (!order.ok() || !order->has_value()) {
    respond(Response::Problem(order.ok() ? Status::NotFound("no order " + order_no)
                                         : order.status()));
    return;
  }
  Result<std::vector<ArchivedDocument>> docs =
      api.store->reads().documents().ListOrderDocuments(order_no);
  if (!docs.ok()) {
    respond(Response::Problem(docs.status()));
    return;
  }
  json::array data;
  for (const ArchivedDocument& doc : *docs) {
    data.push_back(DocumentToJson(doc));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void GetDocument(const ApiContext& api, Request& request, Respond respond) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  Result<std::optional<ArchivedDocument>> doc =
      id ? api.store->reads().documents().GetDocument(*id)
         : Result<std::optional<ArchivedDocument>>(std::optional<ArchivedDocument>());
  if (!doc.ok() || !doc->has_value()) {
    respond(Response::Problem(doc.ok() ? Status::NotFound("no document " +
                                                          std::string(request.Param("id")))
                                       : doc.status()));
    return;
  }
  const std::string format(request.Query("format").value_or("json"));
  if (format != "json" && format != "pdf") {
    respond(Response::Problem(Status::Invalid("format", Code::kInvalidValue,
                                              "format must be json or pdf")));
    return;
  }
  const std::string department = CallerDepartment(api, request);
  Result<app::DocumentAccess> access =
      app::DecideDocumentAccess(api.store->reads(), **doc, department, api.clock->Now());
  if (!access.ok() || !access->allowed) {
    respond(Response::Problem(
        access.ok() ? Status(Kind::kForbidden, Code::kNoAccessGrant,
                             "the " + std::string(OwningDepartment((*doc)->document_class)) +
                                 " department owns this document; ask its head for access "
                                 "(POST /api/v1/document-grants)")
                    : access.status()));
    return;
  }
  auto answer = [document = std::move(**doc), pdf = format == "pdf",
                 grant_id = access->grant_id](const Status& status) {
    return status.ok() ? ReadAnswer(document, pdf, grant_id) : Response::Problem(status);
  };
  if (access->grant_id == 0) {
    respond(answer(Status::Ok()));
    return;
  }
  // A read under a grant is recorded before it is answered.
  RunCommand(api, request, std::move(respond),
             app::RecordGrantRead((*doc)->id, access->grant_id, department,
                                  ContextOf(api, request)),
             std::move(answer));
}

json::object GrantToJson(const DocumentGrant& grant) {
  return json::object{{"id", grant.id},
                      {"department", grant.department},
                      {"owner", grant.owner()},
                      {"class", DocumentClassName(grant.document_class)},
                      {"document_id", grant.document_id == 0 ? json::value(nullptr)
                                                             : json::value(grant.document_id)},
                      {"reason", grant.reason},
                      {"hours", grant.hours},
                      {"status", GrantStatusName(grant.status)},
                      {"requested_by", grant.requested_by},
                      {"requested_at", FormatRfc3339(grant.requested_at)},
                      {"decided_by", grant.decided_by},
                      {"decided_at", TimeOrNull(grant.decided_at)},
                      {"decision_note", grant.decision_note},
                      {"expires_at", TimeOrNull(grant.expires_at)},
                      {"reads", grant.reads}};
}

void PostGrant(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  DocumentGrant grant;
  grant.department = CallerDepartment(api, request);
  grant.document_id = reader.Int("document_id", false);
  const std::string class_name = reader.String("class", grant.document_id == 0);
  grant.reason = reader.String("reason", true);
  grant.hours = reader.Int("hours", false, 24);
  if (grant.document_id == 0 && !class_name.empty()) {
    if (std::optional<DocumentClass> c = ParseDocumentClass(class_name)) {
      grant.document_class = *c;
    } else {
      reader.AddError("class", Code::kInvalidValue, "unknown document class " + class_name);
    }
  }
  if (grant.department.empty()) {
    reader.AddError("department", Code::kInvalidValue, "the caller belongs to no department");
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<DocumentGrant>();
  RunCommand(api, request, std::move(respond),
             app::RequestDocumentGrant(std::move(grant), ContextOf(api, request), out),
             [out](const Status& status) {
               if (!status.ok()) {
                 return Response::Problem(status);
               }
               Response response = Response::Json(201, Serialize(GrantToJson(*out)));
               response.headers.emplace_back("Location",
                                             "/api/v1/document-grants/" + std::to_string(out->id));
               return response;
             });
}

void ListGrants(const ApiContext& api, Request& request, Respond respond) {
  DocumentGrantFilter filter;
  std::vector<FieldError> errors;
  if (auto status = request.Query("status"); status && !status->empty()) {
    filter.status = ParseGrantStatus(*status);
    if (!filter.status) {
      errors.push_back({"status", Code::kInvalidValue, "status must be pending, approved or refused"});
    }
  }
  std::optional<PageParams> page = ReadPage(request, errors);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  filter.limit = page->limit + 1;
  filter.before_id = page->after_id;
  Result<std::vector<DocumentGrant>> grants = api.store->reads().documents().ListGrants(filter);
  respond(grants.ok() ? IdPageResponse(*grants, page->limit, &GrantToJson,
                                       [](const DocumentGrant& g) { return g.id; })
                      : Response::Problem(grants.status()));
}

void GetGrant(const ApiContext& api, Request& request, Respond respond) {
  RespondWithRecord(
      request, respond, "document grant",
      [&](int64_t id) { return api.store->reads().documents().GetGrant(id); },
      [&](const DocumentGrant& grant) {
        json::object body = GrantToJson(grant);
        json::array reads;
        if (auto list = api.store->reads().documents().ListGrantReads(grant.id); list.ok()) {
          for (const DocumentRead& read : *list) {
            reads.push_back(json::object{{"document_id", read.document_id},
                                         {"reader", read.reader},
                                         {"at", FormatRfc3339(read.at)}});
          }
        }
        body["read_log"] = std::move(reads);
        return body;
      });
}

void DecideGrant(const ApiContext& api, Request& request, Respond respond, bool approve) {
  const std::optional<int64_t> id = ParseId(request.Param("id"));
  if (!id) {
    respond(Response::Problem(
        Status::NotFound("no document grant " + std::string(request.Param("id")))));
    return;
  }
  std::optional<json::value> body = OptionalBodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  const std::string note = reader.String("note", false);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<DocumentGrant>();
  RunCommand(api, request, std::move(respond),
             app::DecideDocumentGrant(*id, approve, CallerDepartment(api, request), note,
                                      ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok() ? Response::Json(200, Serialize(GrantToJson(*out)))
                                  : Response::Problem(status);
             });
}

json::object DestructionToJson(const DocumentDestruction& d) {
  json::array ids;
  for (int64_t id : d.document_ids) {
    ids.push_back(id);
  }
  json::array destroyed;
  for (int64_t id : d.destroyed_ids) {
    destroyed.push_back(id);
  }
  return json::object{{"id", d.id},
                      {"document_ids", std::move(ids)},
                      {"reason", d.reason},
                      {"status", DestructionStatusName(d.status)},
                      {"proposed_by", d.proposed_by},
                      {"proposed_at", FormatRfc3339(d.proposed_at)},
                      {"decided_by", d.decided_by},
                      {"decided_at", TimeOrNull(d.decided_at)},
                      {"decision_note", d.decision_note},
                      {"destroyed_ids", std::move(destroyed)}};
}

json::object OutcomeToJson(const app::DestructionOutcome& out) {
  json::object body = DestructionToJson(out.destruction);
  json::array left_out;
  for (const app::LeftOutDocument& left : out.left_out) {
    left_out.push_back(json::object{
        {"document_id", left.id}, {"code", CodeName(left.code)}, {"message", left.message}});
  }
  body["left_out"] = std::move(left_out);
  return body;
}

void ListDue(const ApiContext& api, Request& request, Respond respond) {
  std::vector<FieldError> errors;
  std::optional<PageParams> page = ReadPage(request, errors);
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  Result<std::vector<ArchivedDocument>> due =
      app::ListDueDocuments(api.store->reads(), api.clock->Now(), page->limit);
  if (!due.ok()) {
    respond(Response::Problem(due.status()));
    return;
  }
  json::array data;
  for (const ArchivedDocument& doc : *due) {
    data.push_back(DocumentToJson(doc));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void PostDestruction(const ApiContext& api, Request& request, Respond respond) {
  std::optional<json::value> body = BodyOrRespond(request, respond);
  if (!body) {
    return;
  }
  std::vector<FieldError> errors;
  FieldReader reader(body->as_object(), "", errors);
  const std::string reason = reader.String("reason", true);
  std::vector<int64_t> ids;
  if (const json::array* list = reader.Array("document_ids", true)) {
    for (size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i].is_int64() || (*list)[i].get_int64() <= 0) {
        reader.AddError("document_ids[" + std::to_string(i) + "]", Code::kInvalidValue,
                        "a document id is a positive integer");
      } else {
        ids.push_back((*list)[i].get_int64());
      }
    }
  }
  if (!errors.empty()) {
    respond(Response::Problem(Status::Invalid(std::move(errors))));
    return;
  }
  auto out = std::make_shared<app::DestructionOutcome>();
  RunCommand(api, request, std::move(respond),
             app::ProposeDestruction(std::move(ids), reason, ContextOf(api, request), out),
             [out](const Status& status) {
               return status.ok() ? Response::Json(201, Serialize(OutcomeToJson(*out)))
                                  : Response::Problem(status);
             });
}

void ListDestructions(const ApiContext& api, Request& request, Respond respond) {
  DestructionStatus status = DestructionStatus::kProposed;
  if (auto text = request.Query("status"); text && !text->empty()) {
    std::optional<DestructionStatus> parsed = ParseDestructionStatus(*text);
    if (!parsed) {
      respond(Response::Problem(Status::Invalid(
          "status", Code::kInvalidValue, "status must be proposed, approved or refused")));
      return;
    }
    status = *parsed;
  }
  Result<std::vector<DocumentDestruction>> list =
      api.store->reads().documents().ListDestructions(status, kMaxPageLimit);
  if (!list.ok()) {
    respond(Response::Problem(list.status()));
    return;
  }
  json::array data;
  for (const DocumentDestruction& d : *list) {
    data.push_back(DestructionToJson(d));
  }
  respond(Response::Json(200, Serialize(json::object{{"data", std::move(data)}})));
}

void GetDestruction(const ApiContext& api, Request& request, Respond respond) {
  RespondWithRecord(
      request, respond, "document destruction",
      [&](int64_t id) { return api.store->reads().documents().GetDestruction(id); },
      &DestructionToJson);
}

WriteFn ApproveDestruction(int64_t id, FieldReader& reader, app::CommandContext context,
                           std::shared_ptr<app::DestructionOutcome> out) {
  return app::DecideDestruction(id, true, reader.String("note", false), std::move(context), out);
}

WriteFn RefuseDestruction(int64_t id, FieldReader& reader, app::CommandContext context,
                          std::shared_ptr<app::DestructionOutcome> out) {
  return app::DecideDestruction(id, false, reader.String("note", false), std::move(context), out);
}

}  // namespace

void RegisterDocumentRoutes(Router& router, const ApiContext& api) {
  const ApiContext* a = &api;
  router.Add("GET", "/api/v1/orders/{order_no}/documents",
             {"The documents archived with the order (DOC-1), oldest first, without content",
              "documents:read", false, "", "ArchivedDocumentList", 200},
             Bind(api, &ListOrderDocuments));
  router.Add("GET", "/api/v1/documents/{id}",
             {"One archived document: its facts (personal data masked) and its hash checked "
              "again, or ?format=pdf its PDF rendered from them. Read by the owning department, "
              "or another under a live grant (the read is recorded); else 403 no_access_grant",
              "documents:read", false, "", "ArchivedDocumentRead", 200,
              {{"format", "json (default) or pdf"}}},
             Bind(api, &GetDocument));
  router.Add("GET", "/api/v1/documents/due-for-destruction",
             {"Archived documents whose retention (settings document_retention_days, from the "
              "end of their order) has passed, per class the longest due first",
              "documents:destroy", false, "", "ArchivedDocumentList", 200,
              {{"limit", "at most this many per class (1-200, default 50)", "integer"}}},
             Bind(api, &ListDue));
  router.Add("POST", "/api/v1/document-grants",
             {"Ask for the caller's department to read one document (document_id) or a class of "
              "another department's documents for `hours` (1-720, default 24); 422 own_department "
              "for the owner",
              "documents:request", false, "DocumentGrantInput", "DocumentGrant", 201},
             Bind(api, &PostGrant));
  router.Add("GET", "/api/v1/document-grants",
             {"Access grants by status (default pending), newest first", "documents:read", false,
              "", "DocumentGrantPage", 200,
              Paged({{"status", "pending (default), approved or refused"}})},
             Bind(api, &ListGrants));
  router.Add("GET", "/api/v1/document-grants/{id}",
             {"One access grant with the reads made under it", "documents:read", false, "",
              "DocumentGrant", 200},
             Bind(api, &GetGrant));
  for (const bool approve : {true, false}) {
    router.Add("POST",
               std::string("/api/v1/document-grants/{id}/") + (approve ? "approve" : "refuse"),
               {approve ? "Approve the grant for its hours, as the head of the owning department "
                          "(403 not_department_head otherwise)"
                        : "Refuse the grant, as the head of the owning department",
                "documents:grant", false, "DocumentDecisionInput", "DocumentGrant", 200},
               [a, approve](Request& request, Respond respond) {
                 DecideGrant(*a, request, std::move(respond), approve);
               });
  }
  router.Add("POST", "/api/v1/document-destructions",
             {"Propose destroying documents due for destruction; those not due, destroyed or "
              "unknown are left out (left_out) with their reason",
              "documents:destroy", false, "DocumentDestructionInput", "DocumentDestruction", 201},
             Bind(api, &PostDestruction));
  router.Add("GET", "/api/v1/document-destructions",
             {"Destructions by status (default proposed), newest first", "documents:destroy",
              false, "", "DocumentDestructionList", 200,
              {{"status", "proposed (default), approved or refused"}}},
             Bind(api, &ListDestructions));
  router.Add("GET", "/api/v1/document-destructions/{id}",
             {"One destruction", "documents:destroy", false, "", "DocumentDestruction", 200},
             Bind(api, &GetDestruction));
  const struct {
    const char* action;
    const char* summary;
    IdCommand<app::DestructionOutcome> command;
  } kCommands[] = {
      {"approve",
       "Approve: the content of each proposed document still due is removed, its record kept "
       "(not by the proposer: 403 self_approval)",
       &ApproveDestruction},
      {"refuse", "Refuse: nothing is destroyed", &RefuseDestruction},
  };
  for (const auto& entry : kCommands) {
    router.Add("POST", std::string("/api/v1/document-destructions/{id}/") + entry.action,
               {entry.summary, "documents:destroy", false, "DocumentDecisionInput",
                "DocumentDestruction", 200},
               [a, command = entry.command](Request& request, Respond respond) {
                 PostIdCommand(*a, request, std::move(respond), "document destruction", command,
                               [](const app::DestructionOutcome& out) {
                                 return Response::Json(200, Serialize(OutcomeToJson(out)));
                               });
               });
  }
}

const char* DocumentSchemas() {
  return R"json({
  "ArchivedDocument": {"type": "object", "description":
    "A document archived with its order: content-addressed (sha256 of its canonical content), immutable, sealed at rest; destroyed: the record stays, the content is gone",
    "properties": {
    "id": {"type": "integer"}, "order_no": {"type": "string"},
    "class": {"type": "string", "enum": ["order_confirmation", "packing_slip", "waybill", "invoice", "complaint_record", "inspection_report", "refund_voucher"]},
    "owner": {"type": "string", "description": "the department that reads it without a grant"},
    "source_ref": {"type": "string"}, "template": {"type": "string"},
    "sha256": {"type": "string"}, "size_bytes": {"type": "integer"},
    "status": {"type": "string", "enum": ["archived", "destroyed"]},
    "created_at": {"type": "string", "format": "date-time"}, "created_by": {"type": "string"},
    "order_ended_at": {"type": "string", "format": "date-time", "nullable": true},
    "destruction_id": {"type": "integer", "nullable": true},
    "destroyed_at": {"type": "string", "format": "date-time", "nullable": true},
    "destroyed_by": {"type": "string"}, "destruction_reason": {"type": "string"}}},
  "ArchivedDocumentList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/ArchivedDocument"}}}},
  "ArchivedDocumentRead": {"allOf": [{"$ref": "#/components/schemas/ArchivedDocument"},
    {"type": "object", "properties": {
    "facts": {"type": "object", "nullable": true, "additionalProperties": true, "description":
      "the canonical content, whose fields depend on the document's class; its personal part masked; null once destroyed"},
    "verified": {"type": "boolean", "nullable": true, "description": "the stored content's SHA-256 equals sha256"},
    "read_under_grant": {"type": "integer", "nullable": true}}}]},
  "DocumentGrantInput": {"type": "object", "required": ["reason"], "properties": {
    "document_id": {"type": "integer"}, "class": {"type": "string"},
    "reason": {"type": "string"}, "hours": {"type": "integer", "minimum": 1, "maximum": 720}}},
  "DocumentGrant": {"type": "object", "properties": {
    "id": {"type": "integer"}, "department": {"type": "string"}, "owner": {"type": "string"},
    "class": {"type": "string"}, "document_id": {"type": "integer", "nullable": true},
    "reason": {"type": "string"}, "hours": {"type": "integer"},
    "status": {"type": "string", "enum": ["pending", "approved", "refused"]},
    "requested_by": {"type": "string"}, "requested_at": {"type": "string", "format": "date-time"},
    "decided_by": {"type": "string"}, "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "decision_note": {"type": "string"},
    "expires_at": {"type": "string", "format": "date-time", "nullable": true},
    "reads": {"type": "integer"},
    "read_log": {"type": "array", "items": {"type": "object", "properties": {
      "document_id": {"type": "integer"}, "reader": {"type": "string"},
      "at": {"type": "string", "format": "date-time"}}}}}},
  "DocumentGrantPage": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentGrant"}},
    "next_cursor": {"type": "string", "nullable": true}}},
  "DocumentDecisionInput": {"type": "object", "properties": {"note": {"type": "string"}}},
  "DocumentDestructionInput": {"type": "object", "required": ["document_ids", "reason"],
    "properties": {"document_ids": {"type": "array", "items": {"type": "integer"}},
    "reason": {"type": "string"}}},
  "DocumentDestruction": {"type": "object", "properties": {
    "id": {"type": "integer"}, "document_ids": {"type": "array", "items": {"type": "integer"}},
    "reason": {"type": "string"},
    "status": {"type": "string", "enum": ["proposed", "approved", "refused"]},
    "proposed_by": {"type": "string"}, "proposed_at": {"type": "string", "format": "date-time"},
    "decided_by": {"type": "string"}, "decided_at": {"type": "string", "format": "date-time", "nullable": true},
    "decision_note": {"type": "string"},
    "destroyed_ids": {"type": "array", "items": {"type": "integer"}},
    "left_out": {"type": "array", "items": {"type": "object", "properties": {
      "document_id": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}},
  "DocumentDestructionList": {"type": "object", "properties": {
    "data": {"type": "array", "items": {"$ref": "#/components/schemas/DocumentDestruction"}}}}
})json";
}

}  // namespace ordo::http
