#include "http/json_util.h"

#include <cmath>
#include <limits>
#include <utility>

namespace ordo::http {

Result<boost::json::value> ParseJsonBody(std::string_view body, boost::json::storage_ptr storage) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status(Kind::kMalformed, Code::kMalformedJson,
                  "the request body is empty; expected a JSON object");
  }
  boost::json::parser parser(std::move(storage));
  boost::system::error_code ec;
  size_t consumed = parser.write(body.data(), body.size(), ec);
  if (ec) {
    return Status(Kind::kMalformed, Code::kMalformedJson,
                  "malformed JSON at byte " + std::to_string(consumed) + ": " + ec.message());
  }
  boost::json::value value = parser.release();
  if (!value.is_object()) {
    return Status(Kind::kMalformed, Code::kMalformedJson, "the request body must be a JSON object");
  }
  return value;
}

std::string Serialize(const boost::json::value& value) {
  return boost::json::serialize(value);
}

std::string JoinPath(std::string_view prefix, std::string_view name) {
  std::string path;
  path.reserve(prefix.size() + name.size() + 1);
  path += prefix;
  if (!prefix.empty()) {
    path += '.';
  }
  path += name;
  return path;
}

std::string IndexPath(std::string_view prefix, size_t index) {
  std::string path(prefix);
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}

std::optional<int64_t> AsInt64(const boost::json::value& value) {
  if (value.is_int64()) {
    return value.get_int64();
  }
  if (value.is_uint64()) {
    uint64_t unsigned_value = value.get_uint64();
    if (unsigned_value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<int64_t>(unsigned_value);
  }
  if (value.is_double()) {
    double number = value.get_double();
    // 2^63 is exactly representable; every double below it in magnitude that is whole fits.
    constexpr double kLimit = 9223372036854775808.0;
    if (!std::isfinite(number) || std::trunc(number) != number || number >= kLimit ||
        number < -kLimit) {
      return std::nullopt;
    }
    return static_cast<int64_t>(number);
  }
  return std::nullopt;
}

FieldReader::FieldReader(const boost::json::object& object, std::string prefix,
                         std::vector<FieldError>& errors)
    : object_(object), prefix_(std::move(prefix)), errors_(errors) {}

void FieldReader::AddError(std::string_view name, Code code, std::string message) {
  errors_.push_back(FieldError{Path(name), code, std::move(message)});
}

void FieldReader::WrongType(std::string_view name, std::string_view what) {
  std::string path = Path(name);
  std::string message = path;
  message += " must be ";
  message += what;
  errors_.push_back(FieldError{std::move(path), Code::kInvalidValue, std::move(message)});
}

const boost::json::value* FieldReader::Find(std::string_view name, bool required) {
  const boost::json::value* value = object_.if_contains(name);
  if (value != nullptr && !value->is_null()) {
    return value;
  }
  if (required) {
    std::string path = Path(name);
    std::string message = path + " is required";
    errors_.push_back(FieldError{std::move(path), Code::kRequired, std::move(message)});
  }
  return nullptr;
}

bool IsFreeTextField(std::string_view name) {
  static constexpr std::string_view kEndings[] = {"note",        "reason",      "resolution",
                                                  "root_cause",  "improvement", "explanation",
                                                  "description", "comment",     "message"};
  for (std::string_view ending : kEndings) {
    if (name.ends_with(ending)) {
      return true;
    }
  }
  return false;
}

bool HasControlCharacter(std::string_view text, bool free_text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      if (free_text && (c == '\n' || c == '\r' || c == '\t')) {
        continue;
      }
      return true;
    }
    // U+0080…U+009F (the C1 controls) are C2 80…C2 9F in UTF-8.
    if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f &&
        static_cast<unsigned char>(text[i + 1]) >= 0x80) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> FieldReader::Text(std::string_view name, bool required) {
  const boost::json::value* value = Find(name, required);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_string()) {
    WrongType(name, "a string");
    return std::nullopt;
  }
  const boost::json::string& text = value->get_string();
  if (required && text.empty()) {
    // A required text is never satisfied by "": an empty status or reason means nothing.
    std::string path = Path(name);
    std::string message = path + " must not be empty";
    errors_.push_back(FieldError{std::move(path), Code::kRequired, std::move(message)});
    return std::nullopt;
  }
  const std::string_view view(text.data(), text.size());
  if (HasControlCharacter(view, IsFreeTextField(name))) {
    std::string path = Path(name);
    std::string message = path + " must not contain control characters";
    errors_.push_back(FieldError{std::move(path), Code::kInvalidValue, std::move(message)});
    return std::nullopt;
  }
  return std::string(view);
}

std::string FieldReader::String(std::string_view name, bool required) {
  return Text(name, required).value_or(std::string());
}

std::optional<std::string> FieldReader::OptionalString(std::string_view name) {
  return Text(name, false);
}

int64_t FieldReader::Int(std::string_view name, bool required, int64_t default_value) {
  const boost::json::value* value = Find(name, required);
  if (value == nullptr) {
    return default_value;
  }
  std::optional<int64_t> number = AsInt64(*value);
  if (!number.has_value()) {
    WrongType(name, "an integer");
    return default_value;
  }
  return *number;
}

std::optional<int64_t> FieldReader::OptionalInt(std::string_view name) {
  const boost::json::value* value = Find(name, false);
  if (value == nullptr) {
    return std::nullopt;
  }
  std::optional<int64_t> number = AsInt64(*value);
  if (!number.has_value()) {
    WrongType(name, "an integer");
  }
  return number;
}

int64_t FieldReader::BoundedInt(std::string_view name, bool required, int64_t limit,
                                int64_t default_value) {
  std::optional<int64_t> number = OptionalBoundedInt(name, limit);
  if (!number && required && Find(name, false) == nullptr) {
    Find(name, true);  // records kRequired
  }
  return number.value_or(default_value);
}

std::optional<int64_t> FieldReader::OptionalBoundedInt(std::string_view name, int64_t limit) {
  const size_t before = errors_.size();
  std::optional<int64_t> number = OptionalInt(name);
  if (!number) {
    return std::nullopt;
  }
  if (*number > limit || *number < -limit) {
    if (errors_.size() == before) {
      AddError(name, Code::kInvalidValue,
               Path(name) + " must be at most " + std::to_string(limit) + " either way");
    }
    return std::nullopt;
  }
  return number;
}

bool FieldReader::Bool(std::string_view name, bool required, bool default_value) {
  const boost::json::value* value = Find(name, required);
  if (value == nullptr) {
    return default_value;
  }
  if (!value->is_bool()) {
    WrongType(name, "a boolean");
    return default_value;
  }
  return value->get_bool();
}

std::optional<bool> FieldReader::OptionalBool(std::string_view name) {
  const boost::json::value* value = Find(name, false);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_bool()) {
    WrongType(name, "a boolean");
    return std::nullopt;
  }
  return value->get_bool();
}

std::optional<Timestamp> FieldReader::Time(std::string_view name, bool required) {
  const std::string text = String(name, required);
  if (text.empty()) {
    return std::nullopt;
  }
  Result<Timestamp> parsed = ParseRfc3339(text);
  if (!parsed.ok()) {
    AddError(name, Code::kInvalidValue, Path(name) + " must be an RFC 3339 time");
    return std::nullopt;
  }
  return *parsed;
}

const boost::json::object* FieldReader::Object(std::string_view name, bool required) {
  const boost::json::value* value = Find(name, required);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_object()) {
    WrongType(name, "an object");
    return nullptr;
  }
  return &value->get_object();
}

const boost::json::array* FieldReader::Array(std::string_view name, bool required) {
  const boost::json::value* value = Find(name, required);
  if (value == nullptr) {
    return nullptr;
  }
  if (!value->is_array()) {
    WrongType(name, "an array");
    return nullptr;
  }
  return &value->get_array();
}

}  // namespace ordo::http
