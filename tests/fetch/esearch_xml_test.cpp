// ESearch replies, including NCBI's in-band errors (eutils-notes.md 4).
#include "fetch/esearch_xml.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/file.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::fetch {
namespace {

EsearchResult parse_shared(const std::filesystem::path& shared, const std::string& rel) {
  auto path = shared / "fixtures/eutils" / rel;
  return parse_esearch_xml(read_file(path), path.string());
}

TEST(EsearchXml, HistoryServerHandles) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "esearch/biopython_esearch2_pubmed_usehistory_webenv.xml");
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.count, 42249);
  EXPECT_EQ(r.retmax, 100);
  EXPECT_EQ(r.query_key, "1");
  EXPECT_EQ(r.webenv, "MCID_6927d6e7fee3e90f880ec190");
  ASSERT_EQ(r.ids.size(), 100u);
  EXPECT_EQ(r.ids[0], "41297076");
}

TEST(EsearchXml, BasicAndLegacyLayouts) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto basic = parse_shared(shared, "esearch/biopython_esearch1_pubmed_basic.xml");
  EXPECT_EQ(basic.count, 63);
  EXPECT_EQ(basic.ids.size(), 20u);
  EXPECT_FALSE(basic.query_translation.empty());
  auto old = parse_shared(shared, "esearch/biopython_esearch4_journals_2010_indented.xml");
  EXPECT_FALSE(old.failed());
  EXPECT_FALSE(old.ids.empty());
}

TEST(EsearchXml, ErrorListWithResultsIsNotAFailure) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "errors/klortho_esearch_phrasenotfound_with_results_2012.xml");
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.count, 5163);
  EXPECT_EQ(r.ids.size(), 20u);
  ASSERT_EQ(r.error_list.size(), 1u);
  EXPECT_EQ(r.error_list[0], "PhraseNotFound: fleegle[MeSH Terms]");
  auto none = parse_shared(shared, "errors/biopython_esearch8_protein_phrasenotfound_2025.xml");
  EXPECT_FALSE(none.failed());
  EXPECT_EQ(none.count, 0);
  EXPECT_EQ(none.warnings, std::vector<std::string>{"OutputMessage: No items found."});
}

TEST(EsearchXml, TopLevelErrorIsAFailure) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "errors/klortho_esearch_invalid_db_2012.xml");
  EXPECT_TRUE(r.failed());
  EXPECT_FALSE(r.has_count);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], "Invalid db name specified: fleegle");
}

TEST(EsearchXml, EmptyErrorElementIsIgnored) {
  auto r = parse_esearch_xml("<eSearchResult><Count>2</Count><IdList><Id>1</Id><Id>2</Id>"
                             "</IdList><ERROR/></eSearchResult>", "own");
  EXPECT_FALSE(r.failed());
  EXPECT_EQ(r.ids.size(), 2u);
}

TEST(EsearchXml, TruncatedOrForeignBodiesThrow) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto path = shared / "fixtures/eutils/errors/biopython_einfo4_truncated.xml";
  EXPECT_THROW_MSG(parse_esearch_xml(read_file(path), "einfo4"), InputError, "einfo4: not well-formed");
  EXPECT_THROW_MSG(parse_esearch_xml("<eFetchResult/>", "reply"), InputError, "eFetchResult");
}

}  // namespace
}  // namespace prismaflow::fetch
