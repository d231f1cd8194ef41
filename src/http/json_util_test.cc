#include "http/json_util.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ordo::http {
namespace {

boost::json::object Parse(std::string_view text) {
  return boost::json::parse(text).as_object();
}

TEST(ParseJsonBody, ObjectIsAccepted) {
  Result<boost::json::value> parsed = ParseJsonBody(R"({"sku": "TEA-001", "quantity": 2})");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->as_object().at("sku").as_string(), "TEA-001");
}

TEST(ParseJsonBody, MalformedJsonIsMalformedWithPosition) {
  Result<boost::json::value> parsed = ParseJsonBody(R"({"sku": "TEA-001",, })");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().kind(), Kind::kMalformed);
  EXPECT_EQ(parsed.status().code(), Code::kMalformedJson);
  EXPECT_NE(parsed.status().message().find("at byte 18"), std::string::npos)
      << parsed.status().message();
}

TEST(ParseJsonBody, TruncatedJsonIsMalformed) {
  Result<boost::json::value> parsed = ParseJsonBody(R"({"sku": "TEA)");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Code::kMalformedJson);
}

TEST(ParseJsonBody, TrailingDataIsMalformed) {
  Result<boost::json::value> parsed = ParseJsonBody(R"({} {})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Code::kMalformedJson);
}

TEST(ParseJsonBody, EmptyBodyIsMalformed) {
  Result<boost::json::value> parsed = ParseJsonBody("  \n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().kind(), Kind::kMalformed);
  EXPECT_NE(parsed.status().message().find("empty"), std::string::npos);
}

TEST(ParseJsonBody, NonObjectTopLevelIsRefused) {
  for (std::string_view body : {"[1, 2]", "\"text\"", "42", "null"}) {
    Result<boost::json::value> parsed = ParseJsonBody(body);
    ASSERT_FALSE(parsed.ok()) << body;
    EXPECT_EQ(parsed.status().code(), Code::kMalformedJson);
    EXPECT_NE(parsed.status().message().find("JSON object"), std::string::npos);
  }
}

TEST(ParseJsonBody, InvalidUtf8IsMalformed) {
  Result<boost::json::value> parsed = ParseJsonBody("{\"name\": \"\xff\xfe\"}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), Code::kMalformedJson);
}

TEST(Serialize, IsCompact) {
  EXPECT_EQ(Serialize(boost::json::object{{"a", 1}, {"b", "x"}}), R"({"a":1,"b":"x"})");
}

TEST(FieldReader, ReadsPresentFieldsOfEveryType) {
  boost::json::object object = Parse(
      R"({"name": "张三", "quantity": 2, "whole": 3.0, "sellable": true,
          "address": {"city": "上海市"}, "lines": [1]})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "", errors);
  EXPECT_EQ(reader.String("name", true), "张三");
  EXPECT_EQ(reader.Int("quantity", true, 0), 2);
  EXPECT_EQ(reader.Int("whole", true, 0), 3);
  EXPECT_TRUE(reader.Bool("sellable", true));
  ASSERT_NE(reader.Object("address", true), nullptr);
  ASSERT_NE(reader.Array("lines", true), nullptr);
  EXPECT_EQ(reader.Array("lines", true)->size(), 1u);
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(reader.ok());
}

TEST(FieldReader, MissingRequiredFieldIsRequiredWithFullPath) {
  boost::json::object object = Parse(R"({"province": "上海市", "detail": null})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "consignee.address", errors);
  EXPECT_EQ(reader.String("detail", true), "");
  EXPECT_EQ(reader.Int("zip", true, -1), -1);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "consignee.address.detail");
  EXPECT_EQ(errors[0].code, Code::kRequired);
  EXPECT_EQ(errors[0].message, "consignee.address.detail is required");
  EXPECT_EQ(errors[1].field, "consignee.address.zip");
  EXPECT_FALSE(reader.ok());
}

TEST(FieldReader, TimesAreRfc3339AndBadOnesAreNamed) {
  boost::json::object object =
      Parse(R"({"at": "2026-11-27T08:00:00+08:00", "bad": "yesterday", "empty": ""})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "event", errors);
  const std::optional<Timestamp> at = reader.Time("at", true);
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->unix_ms, 1795737600000);
  EXPECT_FALSE(reader.Time("empty", false).has_value());
  EXPECT_FALSE(reader.Time("absent", false).has_value());
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(reader.Time("bad", false).has_value());
  EXPECT_FALSE(reader.Time("missing", true).has_value());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "event.bad");
  EXPECT_EQ(errors[0].code, Code::kInvalidValue);
  EXPECT_EQ(errors[1].field, "event.missing");
  EXPECT_EQ(errors[1].code, Code::kRequired);
}

TEST(FieldReader, AbsentOptionalFieldsAreNotErrors) {
  boost::json::object object = Parse(R"({"occasion_date": null})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "", errors);
  EXPECT_FALSE(reader.OptionalString("occasion_date").has_value());
  EXPECT_FALSE(reader.OptionalInt("weight_g").has_value());
  EXPECT_FALSE(reader.OptionalBool("sellable").has_value());
  EXPECT_EQ(reader.String("buyer_note", false), "");
  EXPECT_EQ(reader.Int("step_quantity", false, 1), 1);
  EXPECT_TRUE(reader.Bool("sellable", false, true));
  EXPECT_EQ(reader.Object("shipping", false), nullptr);
  EXPECT_EQ(reader.Array("lines", false), nullptr);
  EXPECT_TRUE(errors.empty());
}

TEST(FieldReader, WrongTypesAreInvalidValueWithMessages) {
  boost::json::object object = Parse(
      R"({"name": 5, "quantity": "2", "sellable": "yes", "address": [], "lines": {},
          "note": false})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "sku", errors);
  reader.String("name", true);
  reader.Int("quantity", true, 0);
  reader.Bool("sellable", true);
  EXPECT_EQ(reader.Object("address", true), nullptr);
  EXPECT_EQ(reader.Array("lines", true), nullptr);
  EXPECT_FALSE(reader.OptionalString("note").has_value());
  ASSERT_EQ(errors.size(), 6u);
  for (const FieldError& error : errors) {
    EXPECT_EQ(error.code, Code::kInvalidValue) << error.field;
  }
  EXPECT_EQ(errors[0].message, "sku.name must be a string");
  EXPECT_EQ(errors[1].message, "sku.quantity must be an integer");
  EXPECT_EQ(errors[2].message, "sku.sellable must be a boolean");
  EXPECT_EQ(errors[3].message, "sku.address must be an object");
  EXPECT_EQ(errors[4].message, "sku.lines must be an array");
  EXPECT_EQ(errors[5].field, "sku.note");
}

TEST(FieldReader, FractionalAndOutOfRangeIntegersAreRefused) {
  boost::json::object object = Parse(
      R"({"price_amount": 66.5, "big": 18446744073709551615, "huge": 1e300,
          "negative": -4, "whole": -2.0})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "lines[0]", errors);
  EXPECT_EQ(reader.Int("price_amount", true, 7), 7);
  EXPECT_FALSE(reader.OptionalInt("big").has_value());
  EXPECT_EQ(reader.Int("huge", true, 0), 0);
  EXPECT_EQ(reader.Int("negative", true, 0), -4);
  EXPECT_EQ(reader.OptionalInt("whole"), -2);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "lines[0].price_amount");
  EXPECT_EQ(errors[0].message, "lines[0].price_amount must be an integer");
  EXPECT_EQ(errors[1].field, "lines[0].big");
  EXPECT_EQ(errors[2].field, "lines[0].huge");
}

TEST(FieldReader, ARequiredStringMayNotBeEmpty) {
  // An empty status used to read as given, and was taken for success.
  boost::json::object object = Parse(R"({"status": "", "note": ""})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "event", errors);
  EXPECT_EQ(reader.String("status", true), "");
  EXPECT_EQ(reader.String("note", false), "") << "an optional text may be empty";
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "event.status");
  EXPECT_EQ(errors[0].code, Code::kRequired);
}

TEST(FieldReader, BoundedIntegersRefuseMagnitudesBeyondTheirLimit) {
  // Found by fuzzing: INT64_MAX weights, amounts and costs overflowed the domain's arithmetic,
  // and 4294967297 was truncated to line 1.
  boost::json::object object =
      Parse(R"({"weight_g": 9223372036854775807, "line_no": 4294967297, "amount": -5, "ok": 1000,
                "text": "x"})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "", errors);
  EXPECT_EQ(reader.BoundedInt("weight_g", true, 1000, -1), -1);
  EXPECT_EQ(reader.OptionalBoundedInt("line_no", 1000000), std::nullopt);
  EXPECT_EQ(reader.BoundedInt("amount", true, 1000), -5) << "the sign is the domain's to judge";
  EXPECT_EQ(reader.BoundedInt("ok", true, 1000), 1000);
  EXPECT_EQ(reader.BoundedInt("absent", true, 1000, 7), 7);
  EXPECT_EQ(reader.OptionalBoundedInt("text", 10), std::nullopt);
  std::vector<std::pair<std::string, Code>> found;
  for (const FieldError& error : errors) {
    found.emplace_back(error.field, error.code);
  }
  const std::vector<std::pair<std::string, Code>> expected = {{"weight_g", Code::kInvalidValue},
                                                              {"line_no", Code::kInvalidValue},
                                                              {"absent", Code::kRequired},
                                                              {"text", Code::kInvalidValue}};
  EXPECT_EQ(found, expected);
  EXPECT_NE(errors[0].message.find("at most 1000"), std::string::npos) << errors[0].message;
}

TEST(FieldReader, NestedReadersBuildArrayPaths) {
  boost::json::object order = Parse(
      R"({"lines": [{"sku": "A", "quantity": 1}, {"sku": "B", "quantity": 1},
                    {"sku": "C", "quantity": 1.5}]})");
  std::vector<FieldError> errors;
  FieldReader reader(order, "", errors);
  const boost::json::array* lines = reader.Array("lines", true);
  ASSERT_NE(lines, nullptr);
  for (size_t i = 0; i < lines->size(); ++i) {
    FieldReader line((*lines)[i].as_object(), IndexPath(reader.Path("lines"), i), errors);
    line.String("sku", true);
    line.Int("quantity", true, 0);
  }
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "lines[2].quantity");
}

TEST(FieldReader, HandlerErrorsUseThePrefix) {
  boost::json::object object = Parse(R"({"payment_method": "cheque"})");
  std::vector<FieldError> errors;
  FieldReader reader(object, "order", errors);
  reader.AddError("payment_method", Code::kInvalidValue, "must be online or cod");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "order.payment_method");
  EXPECT_EQ(JoinPath("", "sku"), "sku");
  EXPECT_EQ(JoinPath("consignee", "name"), "consignee.name");
}

}  // namespace
}  // namespace ordo::http

namespace ordo::http {
namespace {

TEST(FieldReader, ControlCharactersAreRefusedExceptLineBreaksAndTabsInFreeText) {
  const boost::json::object object = {
      {"external_id", std::string("EXT\0-1", 6)}, {"name", "张三\x1b[31m"},
      {"district", "浦东\xc2\x85新区"},           {"buyer_note", "第一行\n第二行\t!"},
      {"reason", std::string("a\0b", 3)},         {"sku", "TEA-001"}};
  std::vector<FieldError> errors;
  FieldReader reader(object, "order", errors);
  EXPECT_EQ(reader.String("external_id", true), "");
  EXPECT_EQ(reader.OptionalString("name"), std::nullopt);
  EXPECT_EQ(reader.String("district", false), "");
  EXPECT_EQ(reader.String("buyer_note", false), "第一行\n第二行\t!");
  EXPECT_EQ(reader.String("reason", true), "");
  EXPECT_EQ(reader.String("sku", true), "TEA-001");
  std::vector<std::string> fields;
  for (const FieldError& error : errors) {
    EXPECT_EQ(error.code, Code::kInvalidValue);
    EXPECT_NE(error.message.find("control characters"), std::string::npos);
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"order.external_id", "order.name", "order.district",
                                              "order.reason"}));
}

TEST(HasControlCharacter, KnowsFreeTextFromIdentifiers) {
  EXPECT_TRUE(HasControlCharacter("a\nb", false));
  EXPECT_FALSE(HasControlCharacter("a\nb", true));
  EXPECT_TRUE(HasControlCharacter("a\x7f", true));
  EXPECT_FALSE(HasControlCharacter("无锡路18号 ©", false)) << "C2 A9 is not a C1 control";
  EXPECT_TRUE(IsFreeTextField("price_override_reason"));
  EXPECT_FALSE(IsFreeTextField("external_id"));
}

}  // namespace
}  // namespace ordo::http
