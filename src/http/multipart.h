// multipart/form-data bodies (RFC 7578), for file uploads (POST /api/v1/imports). The parts are
// views into the request body, which must outlive them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ordo::http {

struct FormPart {
  std::string name;      // the form field's name
  std::string filename;  // the file's name as sent (no path), "" for a plain field
  std::string_view content;
};

// The boundary of a "multipart/form-data; boundary=…" content type, or nullopt when the type is
// another or names no boundary.
std::optional<std::string> MultipartBoundary(std::string_view content_type);
// The parts of `body`, or nullopt when it is not a well-formed multipart body for `boundary`.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body,
                                                    std::string_view boundary);

}  // namespace ordo::http
