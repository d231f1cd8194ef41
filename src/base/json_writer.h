// A JSON text built by appending, for the documents the writer stores once per order (the order
// document, audit entries): building a DOM only to serialise it cost more than the SQL.
// Texts must be UTF-8 (they come from parsed JSON or from Ordo itself); quotes, backslashes and
// control characters are escaped, everything else is copied as is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ordo {

class JsonWriter {
 public:
  JsonWriter() { text_.reserve(256); }

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }

  // The name of the next member of the current object.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Key(key) followed by the value.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) {
    return Key(key).String(value);
  }
  JsonWriter& Field(std::string_view key, int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }

  // The text so far; the writer is left empty.
  std::string Take() { return std::move(text_); }

 private:
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void BeforeValue();
  void Quote(std::string_view text);

  std::string text_;
  bool first_ = true;       // no member or element yet at the current depth
  bool after_key_ = false;  // a key was just written: no separator before its value
};

}  // namespace ordo
