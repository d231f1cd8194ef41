#include "http/routes.h"

#include <sodium.h>

#include <charconv>
#include <cstring>

namespace ordo::http {
namespace {

constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

// Cursors are opaque to clients: "c" followed by the id in base 36.
std::string EncodeCursor(int64_t id) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), id, 36);
  (void)ec;
  return "c" + std::string(buffer, end);
}

// Key cursors: "k" followed by the key in unpadded URL-safe base64.
std::string EncodeKeyCursor(const std::string& key) {
  std::string encoded(sodium_base64_ENCODED_LEN(key.size(), kBase64Variant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(),
                    reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                    kBase64Variant);
  encoded.resize(std::strlen(encoded.c_str()));
  return "k" + encoded;
}

std::optional<std::string> DecodeKeyCursor(std::string_view text) {
  std::string key(text.size(), '\0');
  size_t length = 0;
  if (text.size() < 2 || sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()),
                                           key.size(), text.data() + 1, text.size() - 1,
                                           nullptr, &length, nullptr, kBase64Variant) != 0 ||
      length == 0) {
    return std::nullopt;
  }
  key.resize(length);
  return key;
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

std::vector<QueryParam> Paged(std::vector<QueryParam> filters) {
  filters.push_back({"limit", "page size, 1-200 (default 50)", "integer"});
  filters.push_back({"cursor", "next_cursor of the previous page"});
  return filters;
}

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
    std::optional<int64_t> id;
    std::optional<std::string> key;
    if (cursor->front() == 'k') {
      key = DecodeKeyCursor(*cursor);
    } else {
      id = DecodeCursor(*cursor);
    }
    if (!id && !key) {
      errors.push_back({"cursor", Code::kInvalidValue, "cursor is not one this server issued"});
    } else {
      page.after_id = id.value_or(0);
      page.after_key = key.value_or("");
    }
  }
  if (!errors.empty()) {
    return Status::Invalid(std::move(errors));
  }
  return page;
}

std::optional<PageParams> ReadPage(const Request& request, std::vector<FieldError>& errors) {
  Result<PageParams> page = ParsePage(request);
  if (!page.ok()) {
    const std::vector<FieldError>& more = page.status().field_errors();
    errors.insert(errors.end(), more.begin(), more.end());
    return std::nullopt;
  }
  return *page;
}

std::optional<Timestamp> ReadTimeParam(const Request& request, std::string_view name,
                                       std::vector<FieldError>& errors) {
  std::optional<std::string_view> text = request.Query(name);
  if (!text || text->empty()) {
    return std::nullopt;
  }
  Result<Timestamp> t = ParseRfc3339(*text);
  if (!t.ok()) {
    t = ParseDate(*text);
  }
  if (!t.ok()) {
    errors.push_back({std::string(name), Code::kInvalidValue,
                      std::string(name) + " must be an RFC 3339 time or a date"});
    return std::nullopt;
  }
  return *t;
}

boost::json::object PageJson(boost::json::array data, int64_t next_after_id) {
  return boost::json::object{
      {"data", std::move(data)},
      {"next_cursor", next_after_id > 0 ? boost::json::value(EncodeCursor(next_after_id))
                                        : boost::json::value(nullptr)}};
}

boost::json::object PageJson(boost::json::array data, const std::string& next_after_key) {
  return boost::json::object{
      {"data", std::move(data)},
      {"next_cursor", next_after_key.empty() ? boost::json::value(nullptr)
                                             : boost::json::value(EncodeKeyCursor(next_after_key))}};
}

void RegisterRoutes(Router& router, const ApiContext& api) {
  RegisterOperationsRoutes(router, api);
  RegisterCatalogRoutes(router, api);
  RegisterOrderRoutes(router, api);
  RegisterAccountRoutes(router, api);
  RegisterAuditRoutes(router, api);
  RegisterSupervisionRoutes(router, api);
  RegisterInventoryRoutes(router, api);
  RegisterFulfillmentRoutes(router, api);
  RegisterAfterSalesRoutes(router, api);
  RegisterPaymentRoutes(router, api);
  RegisterOrderChangeRoutes(router, api);
  RegisterCustomerRoutes(router, api);
  RegisterReviewRoutes(router, api);
  RegisterDashboardRoutes(router, api);
}

}  // namespace ordo::http
