// For tests: counts an enum's declared enumerators independently of its name table, so a test
// notices a value added to the enum but not to the table.
//
// GCC and Clang spell a template argument that is a declared enumerator by its name
// ("V = ordo::Colour::kRed") and any other value of the enum as a cast ("V = (ordo::Colour)2");
// the count is the number of leading values 0, 1, 2, ... that are declared.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "base/enum_names.h"

namespace ordo::testing_enums {

template <auto V>
constexpr bool IsDeclaredEnumerator() {
  constexpr std::string_view signature = __PRETTY_FUNCTION__;
  constexpr size_t at = signature.rfind("V = ");
  static_assert(at != std::string_view::npos, "unexpected __PRETTY_FUNCTION__ spelling");
  return signature[at + 4] != '(';
}

template <typename E, size_t... I>
constexpr size_t CountLeadingEnumerators(std::index_sequence<I...>) {
  size_t count = 0;
  bool declared = true;
  ((declared = declared && IsDeclaredEnumerator<static_cast<E>(I)>(), count += declared ? 1 : 0),
   ...);
  return count;
}

// The number of enumerators of E with the values 0, 1, 2, ... (at most 128).
template <typename E>
constexpr size_t DeclaredEnumeratorCount() {
  return CountLeadingEnumerators<E>(std::make_index_sequence<128>());
}

// What is wrong with E's name table, one sentence each, or an empty string: a table that does
// not name every declared enumerator exactly once in declaration order, an empty or repeated
// name, or a name that does not print and parse back to its value.
template <NamedEnum E>
std::string NameTableProblems() {
  const std::span<const EnumName<E>> table = EnumNames(E{});
  const size_t declared = DeclaredEnumeratorCount<E>();
  std::string problems;
  if (table.size() != declared) {
    problems += "the table has " + std::to_string(table.size()) + " names for " +
                std::to_string(declared) + " enumerators. ";
  }
  for (size_t i = 0; i < table.size(); ++i) {
    const std::string name(table[i].name);
    if (static_cast<size_t>(table[i].value) != i) {
      problems += "entry " + std::to_string(i) + " (" + name + ") is out of order. ";
    }
    if (name.empty()) {
      problems += "entry " + std::to_string(i) + " has no name. ";
    }
    for (size_t j = 0; j < i; ++j) {
      if (table[j].name == table[i].name) {
        problems += "the name " + name + " is used twice. ";
      }
    }
    if (Name(table[i].value) != table[i].name) {
      problems += "the value of " + name + " prints as " + std::string(Name(table[i].value)) + ". ";
    }
    const std::optional<E> parsed = ParseEnum<E>(table[i].name);
    if (!parsed || *parsed != table[i].value) {
      problems += "the name " + name + " does not parse back to its value. ";
    }
  }
  return problems;
}

}  // namespace ordo::testing_enums
