#include "domain/staff/department.h"

#include <algorithm>
#include <cctype>

namespace ordo {
namespace {

struct Alias {
  std::string_view alias;
  std::string_view code;
};

// Other ways people write a built-in department.
constexpr Alias kAliases[] = {
    {"客服", kCustomerService}, {"cs", kCustomerService},
    {"仓储", kWarehouse},       {"仓库", kWarehouse},
    {"仓库部", kWarehouse},     {"物流", kLogistics},
    {"财务", kFinance},         {"运营", kOperations},
    {"采购", kPurchasing},      {"技术部", "it"},
    {"信息部", "it"},           {"监督", "supervision"},
    {"监督部", "supervision"},  {"监督小组", "supervision"},
    {"auditor", "supervision"},
};

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ValidCode(std::string_view code) {
  return !code.empty() && code.size() <= 64 && std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace

const std::vector<Department>& BuiltInDepartments() {
  static const std::vector<Department> kDepartments = {
      {kOperations, "运营部"}, {kCustomerService, "客服部"}, {kWarehouse, "仓储部"},
      {kLogistics, "物流部"},  {kFinance, "财务部"},         {kPurchasing, "采购部"},
      {"it", "信息技术部"},    {"supervision", "监督小组"}};
  return kDepartments;
}

std::optional<Department> FindDepartment(std::string_view text,
                                         const std::vector<Department>& extra) {
  const std::string lowered = Lower(text);
  for (const std::vector<Department>* list : {&BuiltInDepartments(), &extra}) {
    for (const Department& department : *list) {
      if (department.code == lowered || department.name == text) {
        return department;
      }
    }
  }
  for (const Alias& alias : kAliases) {
    if (alias.alias == text || alias.alias == lowered) {
      return FindDepartment(alias.code, extra);
    }
  }
  return std::nullopt;
}

Status ValidateDepartments(const std::vector<Department>& extra) {
  std::vector<FieldError> errors;
  for (size_t i = 0; i < extra.size(); ++i) {
    const std::string at = "departments[" + std::to_string(i) + "]";
    const Department& department = extra[i];
    if (!ValidCode(department.code)) {
      errors.push_back(
          {at + ".code", Code::kInvalidValue, "a code of 1-64 characters of a-z, 0-9, '_' or '-'"});
    } else if (FindDepartment(department.code, {}) ||
               std::count_if(extra.begin(), extra.end(), [&](const Department& other) {
                 return other.code == department.code;
               }) > 1) {
      errors.push_back({at + ".code", Code::kAlreadyExists,
                        "department " + department.code + " exists already"});
    }
    if (department.name.empty() || department.name.size() > 64) {
      errors.push_back({at + ".name", Code::kInvalidValue, "a name of 1-64 bytes"});
    } else if (FindDepartment(department.name, {}) ||
               std::count_if(extra.begin(), extra.end(), [&](const Department& other) {
                 return other.name == department.name;
               }) > 1) {
      errors.push_back({at + ".name", Code::kAlreadyExists,
                        "the name " + department.name + " is taken already"});
    }
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

}  // namespace ordo
