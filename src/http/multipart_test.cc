#include "http/multipart.h"

#include <gtest/gtest.h>

namespace ordo::http {
namespace {

TEST(Multipart, TheBoundaryComesFromTheContentType) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=----abc"), "----abc");
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"q r\""), "q r");
  EXPECT_FALSE(MultipartBoundary("application/json").has_value());
  EXPECT_FALSE(MultipartBoundary("multipart/form-data").has_value());
}

TEST(Multipart, FieldsAndFilesAreReadWithTheirBytesIntact) {
  const std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\ntaobao\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\x\\\\订单.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\na,b\r\n1,\"2\r\n--not-the-end\"\r\n\r\n"
      "--B--\r\n";
  std::optional<std::vector<FormPart>> parts = ParseMultipart(body, "B");
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "format");
  EXPECT_EQ((*parts)[0].content, "taobao");
  EXPECT_EQ((*parts)[1].name, "file");
  EXPECT_EQ((*parts)[1].filename, "订单.csv") << "no path";
  EXPECT_EQ((*parts)[1].content, "a,b\r\n1,\"2\r\n--not-the-end\"\r\n");
}

TEST(Multipart, ABodyCutShortIsRefused) {
  EXPECT_FALSE(ParseMultipart("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx", "B"));
  EXPECT_FALSE(ParseMultipart("nothing here", "B"));
  EXPECT_FALSE(ParseMultipart("--B\r\nno blank line", "B"));
}

}  // namespace
}  // namespace ordo::http
