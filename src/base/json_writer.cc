#include "base/json_writer.h"

#include <charconv>

namespace ordo {

JsonWriter& JsonWriter::Key(std::string_view key) {
  if (!first_) {
    text_ += ',';
  }
  first_ = false;
  Quote(key);
  text_ += ':';
  after_key_ = true;
  return *this;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) {
    text_ += ',';
  }
  first_ = false;
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  text_ += bracket;
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  text_ += bracket;
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  Quote(value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), value);
  text_.append(digits, end);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  text_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  text_ += "null";
  return *this;
}

void JsonWriter::Quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  text_ += '"';
  size_t plain_from = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    text_.append(text.data() + plain_from, i - plain_from);
    plain_from = i + 1;
    text_ += '\\';
    switch (c) {
      case '"': text_ += '"'; break;
      case '\\': text_ += '\\'; break;
      case '\n': text_ += 'n'; break;
      case '\r': text_ += 'r'; break;
      case '\t': text_ += 't'; break;
      default:
        text_ += "u00";
        text_ += kHex[c >> 4];
        text_ += kHex[c & 0xf];
    }
  }
  text_.append(text.data() + plain_from, text.size() - plain_from);
  text_ += '"';
}

}  // namespace ordo
