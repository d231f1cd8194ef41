#include "base/money.h"

#include <cstdio>

namespace ordo {

bool Currency::IsValid(std::string_view text) {
  if (text.size() != 3) {
    return false;
  }
  for (char c : text) {
    if (c < 'A' || c > 'Z') {
      return false;
    }
  }
  return true;
}

Currency Currency::Of(std::string_view text) {
  ORDO_ASSERT(IsValid(text));
  Currency currency;
  for (int i = 0; i < 3; ++i) {
    currency.code[i] = text[i];
  }
  return currency;
}

std::string Money::ToString() const {
  int64_t units = minor_ / 100;
  int64_t cents = minor_ % 100;
  if (cents < 0) {
    cents = -cents;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s%lld.%02lld %s", (minor_ < 0 && units == 0) ? "-" : "",
                static_cast<long long>(units), static_cast<long long>(cents),
                std::string(currency_.view()).c_str());
  return buffer;
}

bool CheckedMultiply(int64_t a, int64_t b, int64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}

bool CheckedAdd(int64_t a, int64_t b, int64_t* out) { return !__builtin_add_overflow(a, b, out); }

}  // namespace ordo
