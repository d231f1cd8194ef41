#include "http/routes.h"

#include <charconv>

namespace ordo::http {
namespace {

// Cursors are opaque to clients: "c" followed by the id in base 36.
std::string EncodeCursor(int64_t id) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), id, 36);
  (void)ec;
  return "c" + std::string(buffer, end);
}

std::optional<int64_t> DecodeCursor(std::string_view text) {
  if (text.size() < 2 || text.front() != 'c') {
    return std::nullopt;
  }
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data() + 1, text.data() + text.size(), id, 36);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

}  // namespace

Result<PageParams> ParsePage(const Request& request) {
  PageParams page;
  std::vector<FieldError> errors;
  if (auto limit = request.Query("limit")) {
    int value = 0;
    auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), value);
    if (ec != std::errc() || end != limit->data() + limit->size() || value < 1) {
      errors.push_back({"limit", Code::kInvalidValue, "limit must be a positive integer"});
    } else {
      page.limit = std::min(value, kMaxPageLimit);
    }
  }
  if (auto cursor = request.Query("cursor"); cursor && !cursor->empty()) {
    std::optional<int64_t> id = DecodeCursor(*cursor);
    if (!id) {
      errors.push_back({"cursor", Code::kInvalidValue, "cursor is not one this server issued"});
    } else {
      page.after_id = *id;
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return page;
}

boost::json::object PageJson(boost::json::array data, int64_t next_after_id) {
  return boost::json::object{
      {"data", std::move(data)},
      {"next_cursor", next_after_id > 0 ? boost::json::value(EncodeCursor(next_after_id))
                                        : boost::json::value(nullptr)}};
}

void RegisterRoutes(Router& router, const ApiContext& api) {
  RegisterOperationsRoutes(router, api);
  RegisterCatalogRoutes(router, api);
  RegisterOrderRoutes(router, api);
}

}  // namespace ordo::http
