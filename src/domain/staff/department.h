// The one registry of departments (domain.md "Users are staff of departments"): accounts name
// their department from it, abnormal cases and late stages are charged to one of its codes, and
// KPIs group by its codes, so a department is one row however it was written ("客服部",
// "客服", "customer_service").
//
// The built-in departments follow the operating rules' departments (运营, 客服, 仓储, 物流, 财务,
// 采购, IT, 监督小组); a business adds its own through the settings (key "departments").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordo {

struct Department {
  std::string code;  // a-z, 0-9, '_' and '-', at most 64: the key everything stores
  std::string name;  // the name people use, e.g. 客服部
};

// The built-in departments, in documented order.
const std::vector<Department>& BuiltInDepartments();

// The department `text` names among the built-ins and `extra`: its code, its name, or a known
// alias of a built-in (客服, 仓库, cs, …); case-insensitive for codes. nullopt when none.
std::optional<Department> FindDepartment(std::string_view text,
                                         const std::vector<Department>& extra);

// kInvalid naming "departments[i].code" / ".name": a code of a-z, 0-9, '_', '-' (1-64), a name
// of 1-64 bytes, neither taken by a built-in or another extra department.
Status ValidateDepartments(const std::vector<Department>& extra);

// The codes of the departments that answer for a stage or kind of work, as used by the late
// stage (domain/fulfillment/time_limit.h) and the abnormal cases (domain/anomaly/case.h).
inline constexpr char kCustomerService[] = "customer_service";
inline constexpr char kWarehouse[] = "warehouse";
inline constexpr char kLogistics[] = "logistics";
inline constexpr char kFinance[] = "finance";
inline constexpr char kOperations[] = "operations";
inline constexpr char kPurchasing[] = "purchasing";

}  // namespace ordo
