// Refused attempts worth supervising (domain.md AUD-2): a staff member moving an order the rules
// forbid (cancel after shipment, fulfilment before review), and a staff member asking for
// personal data without the permission. The refused request changes nothing, so the attempt is
// recorded by a small command of its own (app::RecordAttempt), submitted when the refusal is
// known; whether it amounts to a violation is decided there, with the order's status at hand.
#include <spdlog/spdlog.h>

#include "app/supervision.h"
#include "http/api.h"

namespace ordo::http {
namespace {

// Channels are integrations acting for customers, not staff.
bool IsStaff(const Request& request) {
  return request.principal.authenticated() && request.principal.role != "channel";
}

std::string_view OrderNoOf(const Request& request) {
  for (const auto& [name, value] : request.path_params) {
    if (name == "order_no") {
      return value;
    }
  }
  return {};
}

// The action a request attempts: the last segment of its path ("cancel", "reveal"), or
// "change" for a PATCH of the resource itself.
std::string ActionOf(const Request& request) {
  if (request.method == "PATCH") {
    return "change";
  }
  const size_t slash = request.path.rfind('/');
  return slash == std::string::npos ? request.path : request.path.substr(slash + 1);
}

void Submit(const ApiContext& api, const Request& request, std::string code,
            std::string permission) {
  app::AttemptInput input{
      request.principal.role,          request.method,  request.path,          ActionOf(request),
      std::string(OrderNoOf(request)), std::move(code), std::move(permission), api.clock->Now()};
  api.store->Submit(
      app::RecordAttempt(std::move(input), ContextOf(api, request)), [](const Status& status) {
        if (!status.ok()) {
          spdlog::warn("supervision: a refused attempt was not recorded: {}", status.ToString());
        }
      });
}

}  // namespace

std::function<Response(const Status&)> RecordingRefusals(
    const ApiContext& api, const Request& request, std::function<Response(const Status&)> render) {
  if (OrderNoOf(request).empty() || !IsStaff(request) || api.store == nullptr) {
    return render;
  }
  // Called before the response is sent, while the request is still the handler's to read.
  return [api = &api, request = &request, render = std::move(render)](const Status& status) {
    if (status.code() == Code::kIllegalTransition || status.code() == Code::kChangeNotAllowed) {
      Submit(*api, *request, std::string(CodeName(status.code())), "");
    }
    return render(status);
  };
}

std::function<void(const Request&, const RouteInfo&)> MakeForbiddenRecorder(const ApiContext& api) {
  return [api = &api](const Request& request, const RouteInfo& route) {
    if (route.permission == "pii:read" && IsStaff(request) && api->store != nullptr) {
      Submit(*api, request, std::string(CodeName(Code::kForbidden)), route.permission);
    }
  };
}

}  // namespace ordo::http
