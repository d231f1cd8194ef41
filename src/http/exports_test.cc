#include "http/exports.h"

#include <gtest/gtest.h>

#include "base/enum_names_testing.h"

namespace ordo::http {
namespace {

TEST(ExportKindNames, EveryKindHasOneNameThatParsesBack) {
  EXPECT_EQ(testing_enums::NameTableProblems<ExportKind>(), "");
  EXPECT_EQ(ExportKindName(ExportKind::kStockLedger), "stock-ledger");
  EXPECT_EQ(ParseExportKind("after-sales"), ExportKind::kAfterSales);
  EXPECT_EQ(ParseExportKind("after_sales"), std::nullopt);
}

TEST(ExportKindNames, EveryKindIsListedWithItsPermission) {
  ASSERT_EQ(ExportKinds().size(), testing_enums::DeclaredEnumeratorCount<ExportKind>());
  EXPECT_EQ(ExportReadPermission(ExportKind::kRefunds), "finance:read");
  EXPECT_EQ(ExportReadPermission(ExportKind::kAudit), "audit:read");
}

}  // namespace
}  // namespace ordo::http
