#include "domain/staff/department.h"

#include <gtest/gtest.h>

namespace ordo {
namespace {

TEST(Departments, OneDepartmentHoweverItIsWritten) {
  for (const char* written : {"customer_service", "客服部", "客服", "CS", "Customer_Service"}) {
    const std::optional<Department> found = FindDepartment(written, {});
    ASSERT_TRUE(found.has_value()) << written;
    EXPECT_EQ(found->code, "customer_service") << written;
  }
  EXPECT_EQ(FindDepartment("仓库", {})->code, "warehouse");
  EXPECT_EQ(FindDepartment("auditor", {})->code, "supervision");
  EXPECT_FALSE(FindDepartment("销售三组", {}).has_value());
}

TEST(Departments, TheBusinessAddsItsOwn) {
  const std::vector<Department> extra = {{"sales-3", "销售三组"}};
  EXPECT_TRUE(ValidateDepartments(extra).ok());
  EXPECT_EQ(FindDepartment("销售三组", extra)->code, "sales-3");
  EXPECT_EQ(FindDepartment("sales-3", extra)->name, "销售三组");
}

TEST(Departments, AnAddedDepartmentMayNotTakeANameOrCodeInUse) {
  const Status clash = ValidateDepartments({{"cs2", "客服部"}, {"Bad Code", "x"}, {"ok", ""}});
  ASSERT_FALSE(clash.ok());
  std::vector<std::string> fields;
  for (const FieldError& error : clash.field_errors()) {
    fields.push_back(error.field);
  }
  EXPECT_EQ(fields, (std::vector<std::string>{"departments[0].name", "departments[1].code",
                                              "departments[2].name"}));
  EXPECT_FALSE(ValidateDepartments({{"warehouse", "新仓"}}).ok());
  EXPECT_FALSE(ValidateDepartments({{"a", "甲"}, {"a", "乙"}}).ok());
}

}  // namespace
}  // namespace ordo
