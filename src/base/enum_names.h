// One name table per enum: the wire name of each value (API, stored documents, CSV exports,
// OpenAPI) is written once, and printing and parsing both read it.
//
// An enum takes part by declaring, beside the enum and in the same namespace, its table in
// declaration order and a hook that argument-dependent lookup finds:
//
//   enum class Colour { kRed, kDarkBlue };
//   inline constexpr EnumName<Colour> kColourNames[] = {
//       {Colour::kRed, "red"},
//       {Colour::kDarkBlue, "dark_blue"},
//   };
//   constexpr std::span<const EnumName<Colour>> EnumNames(Colour) { return kColourNames; }
//   static_assert(IsNameTable(kColourNames));
//
// Then `Name(Colour::kRed)` is "red" and `ParseEnum<Colour>("dark_blue")` is kDarkBlue. The
// static_assert holds the table to declaration order (so printing is one array read) and to
// unique, non-empty names (so parsing is unambiguous); enum_names_test.cc checks that every
// enum's table names every enumerator.
#pragma once

#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

namespace ordo {

template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

// An enum with a name table found through its `EnumNames(E)` hook.
template <typename E>
concept NamedEnum = std::is_enum_v<E> && requires(E value) {
  { EnumNames(value) } -> std::convertible_to<std::span<const EnumName<E>>>;
};

// True when `table` lists the values 0, 1, 2, ... in order, each with a non-empty name that no
// other entry has. Meant for a static_assert beside each table.
template <typename E, size_t N>
constexpr bool IsNameTable(const EnumName<E> (&table)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (static_cast<size_t>(table[i].value) != i || table[i].name.empty()) {
      return false;
    }
    for (size_t j = 0; j < i; ++j) {
      if (table[j].name == table[i].name) {
        return false;
      }
    }
  }
  return true;
}

// The wire name of `value`; empty only for a value outside the enum's declared enumerators
// (a cast from a bad integer), which is a bug.
template <NamedEnum E>
constexpr std::string_view Name(E value) {
  const std::span<const EnumName<E>> table = EnumNames(value);
  const auto index = static_cast<size_t>(value);
  return index < table.size() ? table[index].name : std::string_view();
}

// The value whose wire name is exactly `text` (case matters), or nullopt.
template <NamedEnum E>
constexpr std::optional<E> ParseEnum(std::string_view text) {
  for (const EnumName<E>& entry : EnumNames(E{})) {
    if (entry.name == text) {
      return entry.value;
    }
  }
  return std::nullopt;
}

}  // namespace ordo
