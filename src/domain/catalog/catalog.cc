#include "domain/catalog/catalog.h"

#include <algorithm>
#include <vector>

namespace ordo {

bool SameCode(std::string_view a, std::string_view b) {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](char x, char y) { return lower(x) == lower(y); });
}

bool IsValidCode(std::string_view code) {
  if (code.empty() || code.size() > 64) {
    return false;
  }
  for (char c : code) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

Status ValidateSku(const Sku& sku) {
  std::vector<FieldError> errors;
  if (sku.code.empty()) {
    errors.push_back({"sku", Code::kRequired, "sku is required"});
  } else if (!IsValidCode(sku.code)) {
    errors.push_back({"sku", Code::kInvalidValue,
                      "sku must be 1-64 characters of letters, digits, '-', '_' or '.'"});
  }
  if (sku.name.empty()) {
    errors.push_back({"name", Code::kRequired, "name is required"});
  }
  if (sku.price_amount < 0) {
    errors.push_back({"price_amount", Code::kInvalidValue, "price_amount must not be negative"});
  }
  if (sku.weight_g < 0) {
    errors.push_back({"weight_g", Code::kInvalidValue, "weight_g must not be negative"});
  }
  if (sku.step_quantity < 1) {
    errors.push_back({"step_quantity", Code::kInvalidValue, "step_quantity must be at least 1"});
  }
  if (sku.min_quantity < 1) {
    errors.push_back({"min_quantity", Code::kInvalidValue, "min_quantity must be at least 1"});
  }
  if (sku.low_stock_threshold < 0) {
    errors.push_back(
        {"low_stock_threshold", Code::kInvalidValue, "low_stock_threshold must not be negative"});
  }
  if (sku.lead_time_days < 0 || sku.lead_time_days > 365) {
    errors.push_back(
        {"lead_time_days", Code::kInvalidValue, "lead_time_days must be between 0 and 365"});
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

Status ValidateWarehouse(const Warehouse& warehouse) {
  std::vector<FieldError> errors;
  if (warehouse.code.empty()) {
    errors.push_back({"code", Code::kRequired, "code is required"});
  } else if (!IsValidCode(warehouse.code)) {
    errors.push_back({"code", Code::kInvalidValue,
                      "code must be 1-64 characters of letters, digits, '-', '_' or '.'"});
  }
  if (warehouse.name.empty()) {
    errors.push_back({"name", Code::kRequired, "name is required"});
  }
  const bool phone_chars = std::all_of(warehouse.phone.begin(), warehouse.phone.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' ';
  });
  if (warehouse.phone.size() > 32 || !phone_chars) {
    errors.push_back({"phone", Code::kInvalidValue,
                      "phone must be at most 32 characters of digits, '-', '+' and spaces"});
  }
  return errors.empty() ? Status::Ok() : Status::Invalid(std::move(errors));
}

}  // namespace ordo
