#include "fetch/wos_parser.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/text_encoding.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::fetch {
namespace {

TEST(WosParserTest, ReadsMultiLineAuthorsAndTitles) {
  auto text = read_file(std::string(PRISMAFLOW_SOURCE_DIR) + "/tests/data/import/wos_small.ciw");
  auto r = parse_wos(text, "wos_small.ciw");
  ASSERT_EQ(r.records.size(), 2u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.title, "Aspirin for the primary prevention of cardiovascular events: a randomised trial");
  ASSERT_EQ(a.authors.size(), 2u);
  EXPECT_EQ(a.authors[1].last_name, "Muller");
  EXPECT_EQ(a.authors[1].fore_name, "Hans");
  EXPECT_EQ(a.pages, "1100-1108");
  EXPECT_EQ(a.pmid, "30000001");
  EXPECT_EQ(a.source_record_id, "WOS:000460000000001");
  EXPECT_EQ(r.records[1].pages, "zsx001");  // article number when no pages
}

TEST(WosParserTest, TruncatedRecordIsReported) {
  EXPECT_THROW_MSG(parse_wos("FN x\nVR 1.0\nPT J\nTI A\nER\nPT J\nTI B\n", "w.txt"), InputError,
                   "w.txt:6: the record starting here is not closed by 'ER'");
}

TEST(WosParserTest, RealExportsParseWithTheRightCounts) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  // Counted with grep -c '^ER'.
  for (const auto& [name, count] : std::vector<std::pair<std::string, std::size_t>>{
           {"rispy_example_wos_plaintext.ris", 2},
           {"synthesisr_wos_plaintext.ciw", 5},
           {"synthesisr_wos_plaintext.txt", 4}}) {
    auto text = decode_to_utf8(read_file(shared / "fixtures/imports/wos" / name), name).text;
    auto r = parse_wos(text, name);
    EXPECT_EQ(r.records.size(), count) << name;
    for (const auto& rec : r.records) EXPECT_FALSE(rec.title.empty()) << name;
  }
}

}  // namespace
}  // namespace prismaflow::fetch
