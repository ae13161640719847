#include "screen/text_normalize.hpp"

#include <gtest/gtest.h>

namespace prismaflow::screen {
namespace {

TEST(TextNormalizeTest, TableOfCases) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Aspirin: A Randomised Trial.", "aspirin a randomised trial"},
      {"M\xC3\xBCller", "muller"},                        // accent stripped
      {"MULLER", "muller"},
      {"\xEF\xAC\x81" "brosis", "fibrosis"},               // NFKC: the fi ligature
      {"Stra\xC3\x9F" "e", "strasse"},                     // case fold of sharp s
      {"Crohn's disease", "crohns disease"},
      {"Crohn\xE2\x80\x99s disease", "crohns disease"},    // curly apostrophe
      {"<i>In vitro</i> study", "in vitro study"},
      {"  a -- b  ", "a b"},
      {"\xD0\xA1\xD0\xBE\xD1\x81\xD1\x82", "\xD1\x81\xD0\xBE\xD1\x81\xD1\x82"},  // Cyrillic kept, folded
  };
  for (const auto& [in, want] : cases) EXPECT_EQ(normalize_text(in), want) << in;
}

TEST(TextNormalizeTest, CompactDropsSpaces) {
  EXPECT_EQ(normalize_compact("Am. J. Epidemiol."), "amjepidemiol");
}

}  // namespace
}  // namespace prismaflow::screen
