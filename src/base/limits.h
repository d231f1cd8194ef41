// Bounds of the numbers a request may carry. Every amount, quantity, weight, cost, priority and
// line number is checked against these where it enters (http/ and the settings codec), so that
// the sums and products the domain forms stay far inside int64 (and inside int where the domain
// keeps an int); where the domain multiplies two inputs it uses checked arithmetic as well
// (base/money.h CheckedMultiply, CheckedAdd).
#pragma once

#include <cstdint>

namespace ordo {

// Fen: ten billion yuan. Far above any real order, payment, refund, price or tariff.
constexpr int64_t kMaxAmount = 1'000'000'000'000;
// Units in one stock movement, count or line of a document.
constexpr int64_t kMaxQuantity = 1'000'000'000;
// Grams: a hundred tonnes, for a parcel, a SKU or a carrier's weight limit.
constexpr int64_t kMaxWeightG = 100'000'000;
// Priorities (order classes, allocation rules, ranks) and line numbers are ints in the domain.
constexpr int64_t kMaxPriority = 1'000'000;
constexpr int64_t kMaxLineNo = 1'000'000;

}  // namespace ordo
