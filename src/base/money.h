// Money: an integer number of minor units (fen) in one currency. Never floating point.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/assert.h"

namespace ordo {

// A three-letter ISO 4217 code, e.g. "CNY".
struct Currency {
  char code[4] = {'C', 'N', 'Y', '\0'};

  static bool IsValid(std::string_view text);
  // Requires IsValid(text).
  static Currency Of(std::string_view text);
  std::string_view view() const { return std::string_view(code, 3); }
  friend bool operator==(const Currency& a, const Currency& b) { return a.view() == b.view(); }
};

class Money {
 public:
  Money() = default;
  Money(int64_t minor_units, Currency currency) : minor_(minor_units), currency_(currency) {}
  static Money Fen(int64_t fen) { return Money(fen, Currency{}); }

  int64_t minor_units() const { return minor_; }
  Currency currency() const { return currency_; }

  // Adding or comparing amounts of different currencies is a bug.
  Money operator+(const Money& other) const {
    ORDO_ASSERT(currency_ == other.currency_);
    return Money(minor_ + other.minor_, currency_);
  }
  Money operator-(const Money& other) const {
    ORDO_ASSERT(currency_ == other.currency_);
    return Money(minor_ - other.minor_, currency_);
  }
  Money operator*(int64_t factor) const { return Money(minor_ * factor, currency_); }
  friend bool operator==(const Money& a, const Money& b) {
    return a.minor_ == b.minor_ && a.currency_ == b.currency_;
  }
  friend auto operator<=>(const Money& a, const Money& b) {
    ORDO_ASSERT(a.currency_ == b.currency_);
    return a.minor_ <=> b.minor_;
  }
  // "66.00 CNY" — for logs and documents.
  std::string ToString() const;

 private:
  int64_t minor_ = 0;
  Currency currency_;
};

// Multiplies with overflow detection; returns false when the product does not fit in int64.
bool CheckedMultiply(int64_t a, int64_t b, int64_t* out);
bool CheckedAdd(int64_t a, int64_t b, int64_t* out);

}  // namespace ordo
