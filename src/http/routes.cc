#include "http/routes.h"

#include <sodium.h>

#include <array>
#include <charconv>
#include <cstring>

namespace ordo::http {
namespace {

constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
constexpr size_t kTagBytes = 12;

// The key cursors are signed with: random, for the life of the process. A cursor is a position
// the server handed out; a client cannot forge one (to guess at other ids) or carry one across
// a restart, where it is answered as any bad cursor (422 cursor).
const unsigned char* CursorKey() {
  static const auto key = [] {
    std::array<unsigned char, crypto_generichash_KEYBYTES> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    return bytes;
  }();
  return key.data();
}

std::string Base64(const unsigned char* data, size_t size) {
  std::string encoded(sodium_base64_ENCODED_LEN(size, kBase64Variant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), data, size, kBase64Variant);
  encoded.resize(std::strlen(encoded.c_str()));
  return encoded;
}

std::array<unsigned char, kTagBytes> Tag(std::string_view body) {
  std::array<unsigned char, kTagBytes> tag{};
  crypto_generichash(tag.data(), tag.size(), reinterpret_cast<const unsigned char*>(body.data()),
                     body.size(), CursorKey(), crypto_generichash_KEYBYTES);
  return tag;
}

// `body` + "." + its keyed BLAKE2b tag.
std::string Sign(std::string body) {
  const auto tag = Tag(body);
  return body + "." + Base64(tag.data(), tag.size());
}

// The body of a signed cursor, or nullopt when the tag does not match (constant time).
std::optional<std::string_view> Verify(std::string_view cursor) {
  const size_t dot = cursor.rfind('.');
  if (dot == std::string_view::npos) {
    return std::nullopt;
  }
  const std::string_view body = cursor.substr(0, dot);
  const std::string_view given = cursor.substr(dot + 1);
  std::array<unsigned char, kTagBytes> tag{};
  size_t length = 0;
  if (sodium_base642bin(tag.data(), tag.size(), given.data(), given.size(), nullptr, &length,
                        nullptr, kBase64Variant) != 0 ||
      length != kTagBytes) {
    return std::nullopt;
  }
  const auto expected = Tag(body);
  if (sodium_memcmp(tag.data(), expected.data(), kTagBytes) != 0) {
    return std::nullopt;
  }
  return body;
}

// Cursors are opaque to clients: "c" followed by the id in base 36, signed.
std::string EncodeCursor(int64_t id) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), id, 36);
  (void)ec;
  return Sign("c" + std::string(buffer, end));
}

// Key cursors: "k" followed by the key in unpadded URL-safe base64, signed.
std::string EncodeKeyCursor(const std::string& key) {
  return Sign("k" + Base64(reinterpret_cast<const unsigned char*>(key.data()), key.size()));
}

std::optional<std::string> DecodeKeyCursor(std::string_view text) {
  std::string key(text.size(), '\0');
  size_t length = 0;
  if (text.size() < 2 ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), text.data() + 1,
                        text.size() - 1, nullptr, &length, nullptr, kBase64Variant) != 0 ||
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
    if (std::optional<std::string_view> body = Verify(*cursor)) {
      if (body->front() == 'k') {
        key = DecodeKeyCursor(*body);
      } else {
        id = DecodeCursor(*body);
      }
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
      {"next_cursor", next_after_key.empty()
                          ? boost::json::value(nullptr)
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
  RegisterStockRequestRoutes(router, api);
  RegisterImportRoutes(router, api);
  RegisterDashboardRoutes(router, api);
  RegisterDocumentRoutes(router, api);
  RegisterExportRoutes(router, api);
}

}  // namespace ordo::http
