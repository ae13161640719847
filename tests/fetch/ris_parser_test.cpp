#include "fetch/ris_parser.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/text_encoding.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::fetch {
namespace {

TEST(RisParserTest, ReadsTheUsualTags) {
  auto r = parse_ris(
      "TY  - JOUR\nID  - 42\nTI  - A title\nAU  - Smith, John A.\nAU  - Doe, J\nPY  - 2019/03/01\n"
      "T2  - The Journal\nJ2  - J\nVL  - 7\nIS  - 2\nSP  - 10\nEP  - 19\nDO  - 10.1/ABC\n"
      "AB  - An abstract.\nKW  - one\nKW  - two\nER  - \n",
      "a.ris");
  ASSERT_EQ(r.records.size(), 1u);
  const Record& rec = r.records[0];
  EXPECT_EQ(rec.title, "A title");
  ASSERT_EQ(rec.authors.size(), 2u);
  EXPECT_EQ(rec.authors[0].last_name, "Smith");
  EXPECT_EQ(rec.authors[0].initials, "JA");
  EXPECT_EQ(rec.year, 2019);
  EXPECT_EQ(rec.journal, "The Journal");
  EXPECT_EQ(rec.journal_iso, "J");
  EXPECT_EQ(rec.pages, "10-19");
  EXPECT_EQ(rec.doi, "10.1/abc");
  EXPECT_EQ(rec.abstract_text(), "An abstract.");
  EXPECT_EQ(rec.keywords, (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(rec.source_record_id, "42");
  EXPECT_EQ(rec.raw_format, "ris");
}

TEST(RisParserTest, OvidHeaderNumbersMissingTyStrayErAndContinuations) {
  std::string text = decode_to_utf8(read_file(std::string(PRISMAFLOW_SOURCE_DIR) +
                                              "/tests/data/import/embase_small.ris"),
                                    "embase_small.ris")
                         .text;
  auto r = parse_ris(text, "embase_small.ris");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[0].title,
            "Aspirin for the primary prevention of cardiovascular events: a randomised trial");
  EXPECT_EQ(r.records[0].authors[1].last_name, "M\xC3\xBCller");
  EXPECT_EQ(r.records[0].doi, "10.1016/s0140-6736(19)30001-1");
  EXPECT_EQ(r.records[0].source_record_id, "emb-001");
  EXPECT_EQ(r.records[1].source_record_id, "emb-002");  // no ID: AN; and no TY
  EXPECT_EQ(r.records[1].journal, "BMJ");
  EXPECT_TRUE(r.records[2].is_book);
}

TEST(RisParserTest, TwoTagsOnOneLineAreSplit) {
  auto r = parse_ris("TY  - JOUR\nTI  - T\nWE  - Index (SSCI)AN  - WOS:0001\nER  -\n", "w.ris");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].source_record_id, "WOS:0001");
}

TEST(RisParserTest, TruncatedFileNamesTheLine) {
  EXPECT_THROW_MSG(parse_ris("TY  - JOUR\nTI  - A\nER  - \n\nTY  - JOUR\nTI  - B\n", "t.ris"),
                   InputError, "t.ris:5: the record starting here is not closed");
}

TEST(RisParserTest, MalformedRecordFailsOrIsSkipped) {
  std::string text = "TY  - JOUR\nTI  - A\nER  - \nTY  - JOUR\nAU  - X, Y\nER  - \nTY  - JOUR\nTI  - C\nER  - \n";
  EXPECT_THROW_MSG(parse_ris(text, "b.ris"), InputError, "b.ris:4: record has no title");
  ParseOptions skip;
  skip.skip_bad = true;
  auto r = parse_ris(text, "b.ris", skip);
  EXPECT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].line, 4u);
}

// RisReader in installments of any size gives parse_ris's records and
// skipped records, on a text with a missing ER, a stray ER, continuation
// lines, two malformed records and a truncated last record.
TEST(RisParserTest, ReadingInBatchesGivesTheSameRecords) {
  const std::string text =
      "Record #1 of 9\nTY  - JOUR\nTI  - A\nER  - \nER  - \nTY  - JOUR\nAU  - X, Y\nER  - \n"
      "TY  - JOUR\nTI  - B\n  continued here\nTY  - JOUR\nTI  - C\nER  - \n1.\nTY  - JOUR\nTI  - D\nER  - \n"
      "TY  - JOUR\nKW  - none\nER  - \nTY  - JOUR\nTI  - E\nER  - \nTY  - JOUR\nTI  - F\n";
  ParseOptions skip;
  skip.skip_bad = true;
  auto whole = parse_ris(text, "q.ris", skip);
  ASSERT_EQ(whole.records.size(), 5u);  // A, B (no ER before the next TY), C, D, E
  ASSERT_EQ(whole.skipped.size(), 3u);  // no title twice, truncated F
  for (std::size_t batch : {1u, 2u, 3u, 7u}) {
    RisReader reader(text, "q.ris", skip);
    ImportParseResult parts;
    std::size_t calls = 0;
    for (;;) {
      std::size_t before = parts.records.size();
      if (!reader.read(batch, parts)) break;
      EXPECT_LE(parts.records.size() - before, batch);
      ASSERT_LT(++calls, 100u);
    }
    ASSERT_EQ(parts.records.size(), whole.records.size()) << batch;
    for (std::size_t i = 0; i < whole.records.size(); ++i) {
      EXPECT_EQ(parts.records[i].title, whole.records[i].title) << batch;
      EXPECT_EQ(parts.records[i].raw, whole.records[i].raw) << batch;
    }
    ASSERT_EQ(parts.skipped.size(), whole.skipped.size()) << batch;
    for (std::size_t i = 0; i < whole.skipped.size(); ++i) {
      EXPECT_EQ(parts.skipped[i].line, whole.skipped[i].line) << batch;
      EXPECT_EQ(parts.skipped[i].reason, whole.skipped[i].reason) << batch;
    }
    EXPECT_FALSE(reader.read(batch, parts));  // used up stays used up
  }
  // Without --skip-bad the first malformed record stops the reading, in
  // whichever installment it falls.
  RisReader strict(text, "q.ris");
  ImportParseResult part;
  EXPECT_TRUE(strict.read(1, part));
  EXPECT_THROW_MSG(strict.read(1, part), InputError, "q.ris:6: record has no title");
}

TEST(RisParserTest, MedlineDatabaseAccessionNumberIsThePmid) {
  auto r = parse_ris("TY  - JOUR\nTI  - A\nAN  - 12345678\nDB  - Ovid MEDLINE(R)\nER  - \n", "o.ris");
  EXPECT_EQ(r.records.at(0).pmid, "12345678");
}

// Record counts of every real RIS export in ../shared, counted with
// `grep -c '^ER  -'` (ER lines that close a record).
TEST(RisParserTest, RealExportsParseWithTheRightCounts) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  const std::vector<std::pair<std::string, std::size_t>> cases = {
      {"citesource_psycinfo_ebsco_64.ris", 64}, {"citesource_wos_79_bom.ris", 79},
      {"rispy_bom_minimal.ris", 1},             {"rispy_extraneous_header_numbered.ris", 2},
      {"rispy_utf_chars_cyrillic.ris", 1},      {"synthesisr_dimensions_bom.ris", 17},
      {"synthesisr_ebsco_asp.ris", 4},          {"synthesisr_ovid_cab_numbered.ris", 4},
      {"synthesisr_scopus.ris", 3}};
  for (const auto& [name, count] : cases) {
    auto path = shared / "fixtures/imports/ris" / name;
    auto text = decode_to_utf8(read_file(path), name).text;
    auto r = parse_ris(text, name);
    EXPECT_EQ(r.records.size(), count) << name;
    for (const auto& rec : r.records) EXPECT_FALSE(rec.title.empty() && rec.doi.empty()) << name;
  }
}

}  // namespace
}  // namespace prismaflow::fetch
