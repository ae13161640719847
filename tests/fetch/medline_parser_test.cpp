#include "fetch/medline_parser.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/text_encoding.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::fetch {
namespace {

TEST(MedlineParserTest, ReadsRecordsWithContinuationLines) {
  auto text = read_file(std::string(PRISMAFLOW_SOURCE_DIR) + "/tests/data/import/pubmed_small.nbib");
  auto r = parse_medline(text, "pubmed_small.nbib");
  ASSERT_EQ(r.records.size(), 2u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.pmid, "30000001");
  EXPECT_EQ(a.source_record_id, "30000001");
  EXPECT_EQ(a.title, "Aspirin for the primary prevention of cardiovascular events: a randomised trial.");
  EXPECT_EQ(a.abstract_text(), "Background text that continues on a second line.");
  EXPECT_EQ(a.doi, "10.1016/s0140-6736(19)30001-1");
  EXPECT_EQ(a.pmcid, "PMC6400000");
  EXPECT_EQ(a.year, 2019);
  EXPECT_EQ(a.journal, "Lancet (London, England)");
  EXPECT_EQ(a.journal_iso, "Lancet");
  ASSERT_EQ(a.authors.size(), 2u);
  EXPECT_EQ(a.authors[0].last_name, "Smith");
  EXPECT_EQ(a.publication_types.size(), 2u);
  EXPECT_EQ(r.records[1].pages, "5-9");
}

TEST(MedlineParserTest, GarbageLineNamesItsLine) {
  EXPECT_THROW_MSG(parse_medline("PMID- 1\nTI  - A\nthis is not medline\n", "x.nbib"), InputError,
                   "x.nbib:3: not a MEDLINE line");
}

TEST(MedlineParserTest, RealExportsParseWithTheRightCounts) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  // Counted with grep -c '^PMID-': 104 and 3 (PROVENANCE.md says 7 for the
  // second file, but it holds three PMID lines and three records).
  for (const auto& [name, count] : std::vector<std::pair<std::string, std::size_t>>{
           {"revtools_restoration_pubmed.nbib", 104}, {"synthesisr_pubmed_medline.txt", 3}}) {
    auto text = decode_to_utf8(read_file(shared / "fixtures/imports/nbib" / name), name).text;
    auto r = parse_medline(text, name);
    EXPECT_EQ(r.records.size(), count) << name;
    for (const auto& rec : r.records) EXPECT_FALSE(rec.pmid.empty()) << name;
  }
}

}  // namespace
}  // namespace prismaflow::fetch
