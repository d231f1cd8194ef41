#include <gtest/gtest.h>

#include "documents/documents.h"
#include "documents/pdf_test_util.h"

namespace ordo::documents {
namespace {

using pdf_test::PdfFile;

ArchivedPage SamplePage() {
  ArchivedPage page;
  page.title = "退款凭证 refund_voucher";
  page.order_no = "20261126000042";
  page.sha256 = "5f2b0c";
  page.issued_at = Timestamp{1796000000000};
  page.facts = {{"amount", "6600"}, {"cause", "after_sales"}, {"consignee_name", "张*"}};
  return page;
}

TEST(ArchivedDocument, PrintsTheTitleOrderFactsAndHash) {
  Result<std::string> pdf = RenderArchivedDocument(SamplePage());
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::string text = pdf_test::Text(file);
  for (const char* expected :
       {"退款凭证", "20261126000042", "amount", "6600", "after_sales", "张*", "5f2b0c"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " missing in\n" << text;
  }
}

TEST(ArchivedDocument, TheSameContentGivesTheSameBytes) {
  Result<std::string> first = RenderArchivedDocument(SamplePage());
  Result<std::string> second = RenderArchivedDocument(SamplePage());
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);
}

TEST(ArchivedDocument, AMissingOrderNumberIsRefused) {
  ArchivedPage page = SamplePage();
  page.order_no = "";
  Result<std::string> pdf = RenderArchivedDocument(page);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().field_errors().front().field, "order_no");
}

// Found by fuzzing (tests/fuzz/regressions/pdf_text/): a title that is not UTF-8 went into the
// PDF's metadata as given, which failed the whole document as an internal error.
TEST(ArchivedDocument, ATitleThatIsNotUtf8IsPrintedWithReplacementCharacters) {
  ArchivedPage page = SamplePage();
  page.title = "退款凭证 \x85\xff refund";
  Result<std::string> pdf = RenderArchivedDocument(page);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  PdfFile file(*pdf);
  const std::string text = pdf_test::Text(file);
  EXPECT_NE(text.find("退款凭证"), std::string::npos) << text;
  EXPECT_NE(text.find("refund"), std::string::npos) << text;
}

}  // namespace
}  // namespace ordo::documents
