// The PubMed XML parser over every real efetch capture in ../shared and the
// project's own hand-written fixture (MedlineDate, book, DeleteCitation).
#include "fetch/pubmed_xml.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/record_json.hpp"
#include "tests/support/expect_throw_msg.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::fetch {
namespace {

PubmedParseResult parse_shared(const std::filesystem::path& shared, const std::string& name) {
  auto path = shared / "fixtures/eutils/efetch" / name;
  return parse_pubmed_xml(read_file(path), path.string());
}

const Record* find(const PubmedParseResult& r, const std::string& pmid) {
  for (const auto& rec : r.records)
    if (rec.pmid == pmid) return &rec;
  return nullptr;
}

TEST(PubmedXml, EveryRealFixtureParsesWithPmidsAndRawElements) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(shared / "fixtures/eutils/efetch")) {
    if (e.path().extension() != ".xml") continue;
    ++files;
    std::string xml = read_file(e.path());
    auto r = parse_pubmed_xml(xml, e.path().string());
    // Every PubmedArticle/PubmedBookArticle start tag yields one record.
    std::size_t tags = 0;
    for (std::string tag : {"<PubmedArticle>", "<PubmedArticle ", "<PubmedBookArticle>"})
      for (auto at = xml.find(tag); at != std::string::npos; at = xml.find(tag, at + 1)) ++tags;
    EXPECT_EQ(r.records.size(), tags) << e.path();
    for (const auto& rec : r.records) {
      EXPECT_FALSE(rec.pmid.empty()) << e.path();
      EXPECT_EQ(rec.source_record_id, rec.pmid);
      EXPECT_EQ(rec.raw_format, "pubmed-xml");
      EXPECT_EQ(rec.raw.rfind("<Pubmed", 0), 0u) << e.path();
      EXPECT_NE(rec.raw.find(rec.pmid), std::string::npos);
      EXPECT_FALSE(rec.title.empty()) << rec.pmid;
      // The raw element re-parses on its own to the same record.
      auto again = parse_pubmed_xml("<PubmedArticleSet>" + rec.raw + "</PubmedArticleSet>", "raw");
      ASSERT_EQ(again.records.size(), 1u);
      EXPECT_EQ(again.records[0].title, rec.title);
    }
  }
  EXPECT_GE(files, 20);
}

TEST(PubmedXml, SeasonKeywordsAndDoiOnlyInArticleIdList) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "biopython_pubmed1_2records_kie_season.xml");
  ASSERT_EQ(r.records.size(), 2u);
  const Record* a = find(r, "12091962");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->pub_date.year, 1990);
  EXPECT_EQ(a->pub_date.season, "Spring");
  EXPECT_EQ(a->year, 1990);
  EXPECT_EQ(a->pages, "113-25");
  EXPECT_EQ(a->issn, "1043-1578");
  EXPECT_EQ(a->journal_iso, "Soc Justice");
  ASSERT_EQ(a->authors.size(), 1u);
  EXPECT_EQ(a->authors[0].display(), "Olivero JM");
  EXPECT_TRUE(a->abstract.empty());
  EXPECT_FALSE(a->keywords.empty());
  const Record* b = find(r, "9997");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->doi, "10.1016/0005-2795(76)90109-4");
  bool major_qualifier = false;
  for (const auto& m : b->mesh)
    for (const auto& q : m.qualifiers) major_qualifier |= q.major_topic;
  EXPECT_TRUE(major_qualifier);
}

TEST(PubmedXml, EntitiesAreDecoded) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "biopython_pubmed2_2records_entities.xml");
  std::string all;
  for (const auto& rec : r.records) {
    all += rec.title + rec.abstract_text();
    for (const auto& a : rec.authors)
      for (const auto& aff : a.affiliations) all += aff;
  }
  EXPECT_NE(all.find("Universit\xc3\xa0"), std::string::npos);  // &#xe0;
  EXPECT_EQ(all.find("&#x"), std::string::npos);
  EXPECT_EQ(all.find("&lt;"), std::string::npos);
}

TEST(PubmedXml, InlineMarkupIsKeptAsText) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "biopython_pubmed4_structured_abstract_markup.xml");
  const Record* a = find(r, "27797938");
  ASSERT_NE(a, nullptr);
  EXPECT_GT(a->abstract.size(), 1u);
  EXPECT_FALSE(a->abstract[0].label.empty());
  // "the<i>TERT</i>gene": every text node is collected, none dropped.
  EXPECT_NE(a->abstract_text().find("TERT"), std::string::npos);
  EXPECT_EQ(a->doi, "10.1136/gutjnl-2016-312510");
  EXPECT_EQ(a->authors.size(), 22u);
  EXPECT_EQ(a->abstract_text().find('\n' + std::string("    ")), std::string::npos);
}

TEST(PubmedXml, CollectiveNameAndOrcid) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "metapub_38534005_collectivename_structured.xml");
  ASSERT_EQ(r.records.size(), 1u);
  const auto& rec = r.records[0];
  bool collective = false, orcid = false;
  for (const auto& a : rec.authors) {
    collective |= !a.collective_name.empty();
    orcid |= !a.orcid.empty();
  }
  EXPECT_TRUE(collective);
  EXPECT_TRUE(orcid);
  EXPECT_EQ(rec.abstract.size(), 7u);
  EXPECT_FALSE(rec.abstract[0].nlm_category.empty());
}

TEST(PubmedXml, BookArticleHasNoMedlineCitation) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto r = parse_shared(shared, "klortho_pubmedbookarticle_genereviews_2012.xml");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_TRUE(r.records[0].is_book);
  EXPECT_EQ(r.records[0].pmid, "20301295");
  EXPECT_FALSE(r.records[0].journal.empty());
  EXPECT_FALSE(r.records[0].authors.empty());
}

TEST(PubmedXml, ErratumVernacularAndEmptySet) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  auto err = parse_shared(shared, "metapub_38962805_published_erratum_no_authors.xml");
  const Record* e = find(err, "38962805");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(e->authors.empty());
  EXPECT_EQ(e->issue, "sup1");
  ASSERT_FALSE(e->comments_corrections.empty());
  EXPECT_EQ(e->comments_corrections[0].ref_type, "ErratumFor");
  auto ger = parse_shared(shared, "metapub_38048813_bracket_title_vernacular_ger.xml");
  ASSERT_EQ(ger.records.size(), 1u);
  EXPECT_FALSE(ger.records[0].vernacular_title.empty());
  EXPECT_EQ(ger.records[0].languages, std::vector<std::string>{"ger"});
  auto empty = parse_shared(shared, "metapub_37909814_empty_articleset.xml");
  EXPECT_TRUE(empty.records.empty());
  EXPECT_TRUE(empty.deleted.empty());
}

TEST(PubmedXml, OwnFixtureMedlineDateBookAndDeleteCitation) {
  auto path = test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml";
  auto r = parse_pubmed_xml(read_file(path), path.string());
  ASSERT_EQ(r.records.size(), 2u);
  const Record& a = r.records[0];
  EXPECT_EQ(a.pmid, "1000001");
  EXPECT_EQ(a.pmid_version, 2);
  EXPECT_EQ(a.pub_date.medline_date, "1998 Dec-1999 Jan");
  EXPECT_EQ(a.year, 1998);
  EXPECT_EQ(a.article_date, "1998-11-05");
  EXPECT_EQ(a.title, "Na+ and K2 in bold & under <tags>.");
  EXPECT_EQ(a.pages, "10-19");
  EXPECT_EQ(a.doi, "10.9999/EX.1998.1");
  EXPECT_EQ(a.pmcid, "PMC123");
  ASSERT_EQ(a.authors.size(), 1u);
  EXPECT_EQ(a.authors[0].last_name, "M\xc3\xbcller");
  EXPECT_EQ(a.authors[0].suffix, "Jr");
  EXPECT_EQ(a.authors[0].orcid, "0000-0002-1825-0097");
  EXPECT_EQ(a.languages, (std::vector<std::string>{"eng", "ger"}));
  ASSERT_EQ(a.mesh.size(), 1u);
  EXPECT_FALSE(a.mesh[0].major_topic);
  EXPECT_TRUE(a.mesh[0].qualifiers.at(0).major_topic);
  EXPECT_EQ(a.comments_corrections.at(0).ref_type, "RetractionIn");
  EXPECT_EQ(a.comments_corrections.at(0).pmid, "1000009");
  const Record& b = r.records[1];
  EXPECT_TRUE(b.is_book);
  EXPECT_EQ(b.title, "Example Reviews");
  EXPECT_EQ(b.authors.at(0).last_name, "Editor");
  EXPECT_EQ(b.year, 2010);
  ASSERT_EQ(r.deleted.size(), 2u);
  EXPECT_EQ(r.deleted[1].pmid, "1000004");
}

TEST(PubmedXml, NotWellFormedNamesTheSource) {
  EXPECT_THROW_MSG(parse_pubmed_xml("<PubmedArticleSet><PubmedArticle>", "batch 3"), InputError,
                   "batch 3: not well-formed");
  EXPECT_THROW_MSG(parse_pubmed_xml("{\"error\":\"API rate limit exceeded\"}", "x"), InputError,
                   "x: ");
  EXPECT_THROW_MSG(parse_pubmed_xml("<eFetchResult><ERROR>boom</ERROR></eFetchResult>", "y"),
                   InputError, "boom");
}

TEST(PubmedXml, SpanOnlyGivesTheSameRecordsWithoutTheirCopies) {
  const std::string xml =
      read_file(test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml");
  const auto copied = parse_pubmed_xml(xml, "fixture");
  const auto spans = parse_pubmed_xml(xml, "fixture", RawCopy::kSpanOnly);
  ASSERT_EQ(spans.records.size(), copied.records.size());
  ASSERT_EQ(spans.raw_spans.size(), spans.records.size());
  ASSERT_FALSE(spans.records.empty());
  for (std::size_t i = 0; i < spans.records.size(); ++i) {
    SCOPED_TRACE(copied.records[i].pmid);
    EXPECT_TRUE(spans.records[i].raw.empty());
    const auto& span = spans.raw_spans[i];
    EXPECT_EQ(xml.substr(span.offset, span.length), copied.records[i].raw);
    EXPECT_EQ(record_to_json(spans.records[i]), record_to_json(copied.records[i]));
  }
  EXPECT_EQ(spans.deleted.size(), copied.deleted.size());
}

TEST(PubmedXml, RawSpansAreExactlyEachElementWhateverFollowsIt) {
  const std::string a =
      "<PubmedArticle><MedlineCitation><PMID Version=\"1\">11</PMID><Article>"
      "<ArticleTitle>One</ArticleTitle></Article></MedlineCitation></PubmedArticle>";
  const std::string b =
      "<PubmedArticle><MedlineCitation><PMID Version=\"1\">12</PMID><Article>"
      "<ArticleTitle>Two</ArticleTitle></Article></MedlineCitation></PubmedArticle>";
  // Followed by another article, by a DeleteCitation, and by nothing but the
  // set's closing tag.
  for (const std::string& tail : {std::string("\n  <DeleteCitation><PMID>9</PMID></DeleteCitation>\n"),
                                  std::string("\n")}) {
    const std::string xml = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n" + a + "\n\n" + b +
                            tail + "</PubmedArticleSet>\n";
    const auto r = parse_pubmed_xml(xml, "spans", RawCopy::kSpanOnly);
    ASSERT_EQ(r.raw_spans.size(), 2u);
    EXPECT_EQ(xml.substr(r.raw_spans[0].offset, r.raw_spans[0].length), a);
    EXPECT_EQ(xml.substr(r.raw_spans[1].offset, r.raw_spans[1].length), b);
  }
}

// The document checks the whole reply before any record is built, and
// records built from it on two threads at once are the parser's records.
TEST(PubmedDocument, RecordsOnTwoThreadsAreTheParsersRecords) {
  const std::string xml =
      read_file(test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml");
  std::string many = "<PubmedArticleSet>\n";
  for (int copy = 0; copy < 50; ++copy) many += xml.substr(xml.find("<PubmedArticle>"),
                                                           xml.rfind("</PubmedArticleSet>") -
                                                               xml.find("<PubmedArticle>"));
  many += "</PubmedArticleSet>\n";
  const auto parsed = parse_pubmed_xml(many, "many");
  PubmedDocument doc(many, "many");
  ASSERT_EQ(doc.size(), parsed.records.size());
  ASSERT_GT(doc.size(), 50u);
  EXPECT_EQ(doc.deleted().size(), parsed.deleted.size());
  std::vector<Record> built(doc.size());
  auto build = [&](std::size_t first) {
    for (std::size_t i = first; i < doc.size(); i += 2) built[i] = doc.record(i);
  };
  std::thread other(build, 1);
  build(0);
  other.join();
  for (std::size_t i = 0; i < doc.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(doc.pmid(i), parsed.records[i].pmid);
    EXPECT_TRUE(built[i].raw.empty());
    EXPECT_EQ(record_to_json(built[i]), record_to_json(parsed.records[i]));
    const auto& span = doc.raw_spans().at(i);
    EXPECT_EQ(many.substr(span.offset, span.length), parsed.records[i].raw);
  }
}

TEST(PubmedDocument, ArticleWithoutPmidFailsTheWholeReply) {
  const std::string xml =
      "<PubmedArticleSet>\n"
      "<PubmedArticle><MedlineCitation><PMID>11</PMID></MedlineCitation></PubmedArticle>\n"
      "<PubmedArticle><MedlineCitation><Article/></MedlineCitation></PubmedArticle>\n"
      "</PubmedArticleSet>\n";
  EXPECT_THROW_MSG(PubmedDocument(xml, "reply 7"), InputError,
                   "reply 7:3: <PubmedArticle> has no PMID");
  EXPECT_THROW_MSG(PubmedDocument("<eSearchResult/>", "reply 8"), InputError,
                   "reply 8: expected a PubmedArticleSet");
}

}  // namespace
}  // namespace prismaflow::fetch
