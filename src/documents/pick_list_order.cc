#include "documents/pick_list_order.h"

#include <algorithm>
#include <numeric>

namespace ordo::documents {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

// The digit run of `text` starting at `*pos`, without leading zeros; advances `*pos` past it.
std::string_view DigitRun(std::string_view text, size_t* pos) {
  size_t start = *pos;
  while (*pos < text.size() && IsDigit(text[*pos])) {
    ++*pos;
  }
  while (start + 1 < *pos && text[start] == '0') {
    ++start;
  }
  return text.substr(start, *pos - start);
}

// <0, 0 or >0 as `a` sorts before, with or after `b`, leading zeros ignored.
int CompareNatural(std::string_view a, std::string_view b) {
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (IsDigit(a[i]) && IsDigit(b[j])) {
      const std::string_view x = DigitRun(a, &i);
      const std::string_view y = DigitRun(b, &j);
      if (x.size() != y.size()) {
        return x.size() < y.size() ? -1 : 1;
      }
      if (const int c = x.compare(y); c != 0) {
        return c;
      }
      continue;
    }
    if (a[i] != b[j]) {
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]) ? -1 : 1;
    }
    ++i;
    ++j;
  }
  if (i < a.size()) {
    return 1;
  }
  return j < b.size() ? -1 : 0;
}

}  // namespace

bool LocationLess(std::string_view a, std::string_view b) {
  const int natural = CompareNatural(a, b);
  return natural != 0 ? natural < 0 : a < b;
}

std::vector<size_t> PickOrder(const std::vector<PickListLine>& lines) {
  std::vector<size_t> order(lines.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&lines](size_t x, size_t y) {
    const PickListLine& a = lines[x];
    const PickListLine& b = lines[y];
    if (a.location != b.location) {
      return LocationLess(a.location, b.location);
    }
    return a.sku < b.sku;
  });
  return order;
}

}  // namespace ordo::documents
