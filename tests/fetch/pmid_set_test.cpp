// PmidSet answers as a set of the PMIDs' text would: numbers compare as
// text (no leading-zero aliases), anything else is kept and found as text,
// duplicates count once.
#include "fetch/pmid_set.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace prismaflow::fetch {
namespace {

TEST(PmidSet, FindsExactlyThePmidsGiven) {
  const PmidSet set(std::vector<std::string>{"38000001", "12", "999999999", "12", "7"});
  EXPECT_EQ(set.size(), 4u);
  for (const char* in : {"38000001", "12", "999999999", "7"}) EXPECT_TRUE(set.contains(in)) << in;
  for (const char* out : {"38000002", "1", "0", "", "012", "12 ", "+12", "99999999"})
    EXPECT_FALSE(set.contains(out)) << out;
}

TEST(PmidSet, KeepsWhatIsNotACanonicalNumberAsText) {
  // A leading zero, letters, a number too long for 64 bits: never aliased
  // to a number, found only as written.
  const PmidSet set{"007", "abc", "1234567890123456789012", "0"};
  EXPECT_EQ(set.size(), 4u);
  EXPECT_TRUE(set.contains("007"));
  EXPECT_FALSE(set.contains("7"));
  EXPECT_TRUE(set.contains("abc"));
  EXPECT_TRUE(set.contains("1234567890123456789012"));
  EXPECT_FALSE(set.contains("1234567890123456789013"));
  EXPECT_TRUE(set.contains("0"));
  EXPECT_FALSE(set.contains("00"));
}

TEST(PmidSet, UnsortedInputAndEmptySet) {
  const PmidSet set(std::vector<std::string>{"30", "10", "20", "10"});
  EXPECT_EQ(set.size(), 3u);
  EXPECT_TRUE(set.contains("10") && set.contains("20") && set.contains("30"));
  EXPECT_FALSE(set.contains("15"));
  const PmidSet none;
  EXPECT_EQ(none.size(), 0u);
  EXPECT_FALSE(none.contains("10"));
}

}  // namespace
}  // namespace prismaflow::fetch
