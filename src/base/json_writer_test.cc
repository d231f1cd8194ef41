#include "base/json_writer.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <limits>

namespace ordo {
namespace {

TEST(JsonWriter, WritesNestedObjectsAndArrays) {
  JsonWriter out;
  out.BeginObject()
      .Field("a", 1)
      .Key("list")
      .BeginArray()
      .BeginObject()
      .Field("w", "SH")
      .EndObject()
      .Int(-7)
      .Null()
      .BeginArray()
      .EndArray()
      .EndArray()
      .Field("ok", true)
      .Key("empty")
      .BeginObject()
      .EndObject()
      .EndObject();
  EXPECT_EQ(out.Take(), R"({"a":1,"list":[{"w":"SH"},-7,null,[]],"ok":true,"empty":{}})");
}

TEST(JsonWriter, EscapesWhatJsonRequiresAndKeepsUtf8) {
  JsonWriter out;
  const std::string text = std::string("张三 \"q\" \\ \n\t\r") + '\x01' + '\x1f' + " 号";
  out.BeginArray().String(text).EndArray();
  const std::string written = out.Take();
  EXPECT_EQ(written, "[\"张三 \\\"q\\\" \\\\ \\n\\t\\r\\u0001\\u001f 号\"]");
  // And a JSON parser reads back exactly the original text.
  const boost::json::value parsed = boost::json::parse(written);
  EXPECT_EQ(parsed.as_array()[0].as_string(), text);
}

TEST(JsonWriter, WritesTheExtremesOfInt64) {
  JsonWriter out;
  out.BeginArray()
      .Int(std::numeric_limits<int64_t>::min())
      .Int(std::numeric_limits<int64_t>::max())
      .EndArray();
  EXPECT_EQ(out.Take(), "[-9223372036854775808,9223372036854775807]");
}

}  // namespace
}  // namespace ordo
