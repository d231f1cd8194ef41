#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace ordo::http {
namespace {

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// The value of parameter `key` in a header value ("form-data; name=\"x\"; filename=\"y.csv\"").
std::string Parameter(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semicolon = header.find(';', pos);
    if (semicolon == std::string_view::npos) {
      return "";
    }
    pos = semicolon + 1;
    std::string_view rest = TrimSpaces(header.substr(pos));
    const size_t equals = rest.find('=');
    if (equals == std::string_view::npos) {
      continue;
    }
    if (Lower(TrimSpaces(rest.substr(0, equals))) != key) {
      continue;
    }
    std::string_view value = rest.substr(equals + 1);
    if (!value.empty() && value.front() == '"') {
      std::string out;
      for (size_t i = 1; i < value.size() && value[i] != '"'; ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
          ++i;
        }
        out += value[i];
      }
      return out;
    }
    return std::string(TrimSpaces(value.substr(0, value.find(';'))));
  }
  return "";
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  const std::string media = Lower(TrimSpaces(content_type.substr(0, content_type.find(';'))));
  if (media != "multipart/form-data") {
    return std::nullopt;
  }
  std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) {
    return std::nullopt;
  }
  return boundary;
}

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body,
                                                    std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) {
    return std::nullopt;
  }
  std::vector<FormPart> parts;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") {
      return parts;  // the closing delimiter
    }
    if (body.substr(pos, 2) != "\r\n") {
      return std::nullopt;
    }
    pos += 2;
    const size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) {
      return std::nullopt;
    }
    FormPart part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    while (!headers.empty()) {
      const size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
      const size_t colon = line.find(':');
      if (colon != std::string_view::npos &&
          Lower(TrimSpaces(line.substr(0, colon))) == "content-disposition") {
        const std::string_view value = line.substr(colon + 1);
        part.name = Parameter(value, "name");
        part.filename = Parameter(value, "filename");
        // Only the file's own name: a browser may send a path.
        const size_t slash = part.filename.find_last_of("/\\");
        if (slash != std::string::npos) {
          part.filename.erase(0, slash + 1);
        }
      }
    }
    const size_t content_start = headers_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) {
      return std::nullopt;
    }
    part.content = body.substr(content_start, next - content_start);
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

}  // namespace ordo::http
