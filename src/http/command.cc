#include <sstream>

#include "app/access.h"
#include "http/api.h"
#include "http/json_util.h"
#include "http/problem.h"

namespace ordo::http {
namespace {

app::StoredResponse ToStored(const Response& response) {
  app::StoredResponse stored{response.status, response.body, ""};
  for (const auto& [name, value] : response.headers) {
    stored.headers += name + ": " + value + "\n";
  }
  return stored;
}

Response FromStored(const app::StoredResponse& stored) {
  Response response = stored.status >= 400
                          ? Response{stored.status, "application/problem+json", stored.body, {}}
                          : Response::Json(stored.status, stored.body);
  std::istringstream lines(stored.headers);
  std::string line;
  while (std::getline(lines, line)) {
    const size_t colon = line.find(": ");
    if (colon != std::string::npos) {
      response.headers.emplace_back(line.substr(0, colon), line.substr(colon + 2));
    }
  }
  response.headers.emplace_back("Idempotent-Replayed", "true");
  return response;
}

}  // namespace

std::string ActorOf(const Request& request) {
  const bool user = request.principal.id.starts_with("user:");
  return (user ? "user:" : "token:") + request.principal.name;
}

app::CommandContext ContextOf(const ApiContext& api, const Request& request) {
  return app::CommandContext{ActorOf(request), api.clock, api.carrier_adapters};
}

std::optional<boost::json::value> BodyOrRespond(Request& request, Respond& respond) {
  Result<boost::json::value> parsed = ParseJsonBody(request.body);
  if (!parsed.ok()) {
    respond(Response::Problem(parsed.status()));
    return std::nullopt;
  }
  return std::move(parsed).value();
}

std::optional<boost::json::value> OptionalBodyOrRespond(Request& request, Respond& respond) {
  if (request.body.empty()) {
    return boost::json::value(boost::json::object());
  }
  return BodyOrRespond(request, respond);
}

std::optional<int64_t> RequiredIfMatchOrRespond(const Request& request, Respond& respond,
                                                std::string_view what) {
  Result<std::optional<int64_t>> if_match = IfMatchVersion(request);
  if (!if_match.ok()) {
    respond(Response::Problem(if_match.status()));
    return std::nullopt;
  }
  if (!*if_match) {
    // An edit made against a version nobody looked at could undo someone else's edit.
    respond(MakeProblem(428, Code::kPreconditionRequired,
                        "a change of " + std::string(what) + " needs If-Match with its ETag"));
    return std::nullopt;
  }
  return **if_match;
}

Result<std::optional<int64_t>> IfMatchVersion(const Request& request) {
  std::optional<std::string_view> header = request.Header("if-match");
  if (!header) {
    return std::optional<int64_t>();
  }
  std::string_view text = *header;
  if (text.starts_with("W/")) {
    text.remove_prefix(2);
  }
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
    text = text.substr(1, text.size() - 2);
  }
  int64_t version = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || version > (INT64_MAX - 9) / 10) {
      return Status(Kind::kPreconditionFailed, Code::kVersionMismatch,
                    "If-Match must be an ETag this server sent");
    }
    version = version * 10 + (c - '0');
  }
  if (text.empty()) {
    return Status(Kind::kPreconditionFailed, Code::kVersionMismatch, "If-Match is empty");
  }
  return std::optional<int64_t>(version);
}

void RunCommand(const ApiContext& api, Request& request, Respond respond, WriteFn command,
                std::function<Response(const Status&)> render) {
  render = RecordingRefusals(api, request, std::move(render));
  std::optional<std::string_view> key = request.Header("idempotency-key");
  if (!key) {
    // The completion runs on the writer thread: render the answer on a server thread instead.
    // The completion runs once: what it holds is moved on, not copied.
    api.store->Submit(std::move(command), [defer = request.defer, respond = std::move(respond),
                                           render = std::move(render)](
                                              const Status& status) mutable {
      if (!defer) {
        respond(render(status));
        return;
      }
      defer([respond = std::move(respond), render = std::move(render), status] {
        respond(render(status));
      });
    });
    return;
  }
  if (key->empty() || key->size() > 255) {
    respond(Response::Problem(Status::Invalid("Idempotency-Key", Code::kInvalidValue,
                                              "Idempotency-Key must be 1-255 characters")));
    return;
  }
  auto outcome = std::make_shared<app::IdempotencyOutcome>();
  WriteFn wrapped = app::WithIdempotency(
      request.principal.id, std::string(*key),
      app::RequestHash(request.method, request.path, request.body), std::move(command),
      [render](const Status& status) { return ToStored(render(status)); }, api.clock, outcome);
  api.store->Submit(std::move(wrapped),
                    [respond = std::move(respond), outcome](const Status& status) {
                      if (!status.ok()) {
                        respond(Response::Problem(status));
                      } else if (outcome->replay) {
                        respond(FromStored(*outcome->replay));
                      } else {
                        Response response = FromStored(outcome->response);
                        response.headers.pop_back();  // not a replay
                        respond(std::move(response));
                      }
                    });
}

}  // namespace ordo::http
