#include "base/enum_names.h"

#include <gtest/gtest.h>

#include "base/enum_names_testing.h"
#include "base/status.h"

namespace ordo {
namespace {

enum class Colour { kRed, kDarkBlue, kGreen };
inline constexpr EnumName<Colour> kColourNames[] = {
    {Colour::kRed, "red"},
    {Colour::kDarkBlue, "dark_blue"},
    {Colour::kGreen, "green"},
};
constexpr std::span<const EnumName<Colour>> EnumNames(Colour) {
  return kColourNames;
}
static_assert(IsNameTable(kColourNames));

// A table that forgot its last enumerator, as a table does when a value is added to the enum
// and not to the table.
enum class Shape { kCircle, kSquare, kTriangle };
inline constexpr EnumName<Shape> kShapeNames[] = {
    {Shape::kCircle, "circle"},
    {Shape::kSquare, "square"},
};
constexpr std::span<const EnumName<Shape>> EnumNames(Shape) {
  return kShapeNames;
}

// A table with one name twice and two entries swapped.
enum class Size { kSmall, kMedium, kLarge };
inline constexpr EnumName<Size> kSizeNames[] = {
    {Size::kSmall, "small"},
    {Size::kLarge, "medium"},
    {Size::kMedium, "medium"},
};
constexpr std::span<const EnumName<Size>> EnumNames(Size) {
  return kSizeNames;
}

TEST(EnumNames, PrintsAndParsesFromTheOneTable) {
  EXPECT_EQ(Name(Colour::kDarkBlue), "dark_blue");
  EXPECT_EQ(ParseEnum<Colour>("green"), Colour::kGreen);
  static_assert(Name(Colour::kRed) == "red");
  static_assert(ParseEnum<Colour>("dark_blue") == Colour::kDarkBlue);
}

TEST(EnumNames, ParsingIsExactAndRefusesUnknownNames) {
  EXPECT_EQ(ParseEnum<Colour>("Red"), std::nullopt);
  EXPECT_EQ(ParseEnum<Colour>("red "), std::nullopt);
  EXPECT_EQ(ParseEnum<Colour>(""), std::nullopt);
  EXPECT_EQ(ParseEnum<Colour>("purple"), std::nullopt);
}

TEST(EnumNames, AValueOutsideTheTablePrintsAsEmpty) {
  EXPECT_EQ(Name(Shape::kTriangle), "");
}

TEST(EnumNames, CountsDeclaredEnumeratorsApartFromTheTable) {
  EXPECT_EQ(testing_enums::DeclaredEnumeratorCount<Colour>(), 3u);
  EXPECT_EQ(testing_enums::DeclaredEnumeratorCount<Shape>(), 3u);
  EXPECT_EQ(testing_enums::DeclaredEnumeratorCount<Code>(), AllCodes().size());
}

TEST(EnumNames, ACompleteTableHasNoProblems) {
  EXPECT_EQ(testing_enums::NameTableProblems<Colour>(), "");
}

TEST(EnumNames, ATableMissingAnEnumeratorIsReported) {
  EXPECT_EQ(testing_enums::NameTableProblems<Shape>(), "the table has 2 names for 3 enumerators. ");
}

TEST(EnumNames, RepeatedNamesAndDisorderAreReported) {
  static_assert(!IsNameTable(kSizeNames));
  const std::string problems = testing_enums::NameTableProblems<Size>();
  EXPECT_NE(problems.find("entry 1 (medium) is out of order"), std::string::npos) << problems;
  EXPECT_NE(problems.find("the name medium is used twice"), std::string::npos) << problems;
}

TEST(EnumNames, EveryErrorCodeHasOneName) {
  EXPECT_EQ(testing_enums::NameTableProblems<Code>(), "");
  EXPECT_EQ(CodeName(Code::kInvalidValue), "invalid_value");
  EXPECT_EQ(ParseCodeName("not_found"), Code::kNotFound);
  EXPECT_EQ(ParseCodeName("no_such_code"), std::nullopt);
}

}  // namespace
}  // namespace ordo
