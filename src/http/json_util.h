// Helpers for handlers that read JSON request bodies: parsing with a precise error, and typed
// field access that collects every fault as a FieldError named by its full JSON path, so one
// 422 lists all of them at once.
#pragma once

#include <boost/json.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"

namespace ordo::http {

// Parses a request body that must be one JSON object. Malformed JSON (including an empty body,
// trailing data and invalid UTF-8) → Kind::kMalformed, Code::kMalformedJson, with the byte
// position in the message; any other top-level value → the same, "must be a JSON object".
// The value's memory comes from `storage` (e.g. a per-request monotonic_resource).
Result<boost::json::value> ParseJsonBody(std::string_view body,
                                         boost::json::storage_ptr storage = {});

// Compact serialisation.
std::string Serialize(const boost::json::value& value);

// "prefix.name", or "name" when the prefix is empty.
std::string JoinPath(std::string_view prefix, std::string_view name);
// "prefix[index]".
std::string IndexPath(std::string_view prefix, size_t index);

// True for the names of free-text fields, where a line break or a tab has a meaning: names ending
// in note, reason, resolution, root_cause, improvement, explanation, description, comment or
// message ("buyer_note", "price_override_reason").
bool IsFreeTextField(std::string_view name);
// True when `text` holds a control character (U+0000…U+001F, U+007F, U+0080…U+009F); with
// `free_text`, line feed, carriage return and tab are allowed.
bool HasControlCharacter(std::string_view text, bool free_text);

// Reads typed fields from one JSON object. A missing field and a JSON null are both "absent":
// an absent required field adds Code::kRequired ("<path> is required"), and so does a required
// string that is empty ("<path> must not be empty"); a value of the wrong
// type adds Code::kInvalidValue ("<path> must be a string", "… an integer", …). After a fault
// the getters return the default (empty string, `default_value`, false, nullopt, nullptr), so a
// handler reads every field and then checks `errors`. A string holding a control character
// (HasControlCharacter; line breaks and tabs are allowed in free-text fields, IsFreeTextField)
// adds Code::kInvalidValue ("<path> must not contain control characters"): a NUL in an external
// id, an escape sequence in a name have no meaning and would reach logs, labels and exports.
// Integers may be sent as whole JSON doubles (2.0) within the int64 range; fractions are refused,
// which keeps money integral. The reader keeps references to `object` and `errors`; both must
// outlive it. Not thread-safe.
class FieldReader {
 public:
  FieldReader(const boost::json::object& object, std::string prefix,
              std::vector<FieldError>& errors);

  std::string String(std::string_view name, bool required);
  std::optional<std::string> OptionalString(std::string_view name);
  int64_t Int(std::string_view name, bool required, int64_t default_value = 0);
  std::optional<int64_t> OptionalInt(std::string_view name);
  // Int and OptionalInt for a number that must stay within ±`limit` (an amount, quantity,
  // weight, cost, priority or line number: base/limits.h). A value beyond adds
  // Code::kInvalidValue ("<path> must be at most <limit> either way") and reads as absent, so
  // nothing the domain adds or multiplies can overflow.
  int64_t BoundedInt(std::string_view name, bool required, int64_t limit,
                     int64_t default_value = 0);
  std::optional<int64_t> OptionalBoundedInt(std::string_view name, int64_t limit);
  bool Bool(std::string_view name, bool required, bool default_value = false);
  std::optional<bool> OptionalBool(std::string_view name);
  // An RFC 3339 time given as a string; nullopt when absent or empty (a field error when
  // `required`) and when it is not such a time (a field error naming it).
  std::optional<Timestamp> Time(std::string_view name, bool required);
  const boost::json::object* Object(std::string_view name, bool required);
  const boost::json::array* Array(std::string_view name, bool required);

  // The full path of a field of this object, e.g. "consignee.address.detail".
  std::string Path(std::string_view name) const { return JoinPath(prefix_, name); }
  // Records a fault found by the handler itself (e.g. an unknown enum value).
  void AddError(std::string_view name, Code code, std::string message);
  const boost::json::object& object() const { return object_; }
  const std::string& prefix() const { return prefix_; }
  bool ok() const { return errors_.empty(); }

 private:
  // The string `name`, checked for its type and for control characters; nullopt when absent or
  // at fault (the fault recorded).
  std::optional<std::string> Text(std::string_view name, bool required);
  // The value of `name`, or nullptr when absent or null (after recording kRequired if needed).
  const boost::json::value* Find(std::string_view name, bool required);
  void WrongType(std::string_view name, std::string_view what);

  const boost::json::object& object_;
  std::string prefix_;
  std::vector<FieldError>& errors_;
};

// The value of `value` as an int64 when it is an integer or a whole double within range.
std::optional<int64_t> AsInt64(const boost::json::value& value);

}  // namespace ordo::http
