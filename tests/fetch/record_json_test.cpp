// record_to_json writes the record model directly; it must give the very
// bytes nlohmann's serialisation gives (stored record_json values and
// `report --reparse-check` compare those bytes), for every real capture and
// for text needing escapes, and round-trip through record_from_json.
#include "fetch/record_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/file.hpp"
#include "fetch/pubmed_xml.hpp"
#include "tests/support/shared_data.hpp"

namespace prismaflow::fetch {
namespace {

void expect_same_as_reference(const Record& r) {
  std::string fast = record_to_json(r);
  EXPECT_EQ(fast, record_to_json_reference(r)) << r.pmid;
  Record back = record_from_json(fast);
  EXPECT_EQ(record_to_json(back), fast) << r.pmid;
  // The stored form, given the row's columns back, is the same record.
  const std::string stored = record_to_stored_json(r);
  EXPECT_EQ(record_to_json(record_from_stored_json(stored, r.title, r.abstract_text())), fast) << r.pmid;
}

TEST(RecordJson, ProjectFixtureMatchesReferenceSerialisation) {
  auto path = test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml";
  auto parsed = parse_pubmed_xml(read_file(path), path.string());
  ASSERT_FALSE(parsed.records.empty());
  for (const auto& r : parsed.records) expect_same_as_reference(r);
}

TEST(RecordJson, EveryRealCaptureMatchesReferenceSerialisation) {
  PRISMAFLOW_REQUIRE_SHARED(shared);
  std::size_t records = 0;
  for (const auto& e : std::filesystem::directory_iterator(shared / "fixtures/eutils/efetch")) {
    if (e.path().extension() != ".xml") continue;
    for (const auto& r : parse_pubmed_xml(read_file(e.path()), e.path().string()).records) {
      expect_same_as_reference(r);
      ++records;
    }
  }
  EXPECT_GT(records, 20u);
}

TEST(RecordJson, EscapesControlCharactersQuotesAndKeepsUnicode) {
  Record r;
  r.pmid = "1";
  r.title = "a \"quoted\" back\\slash\ttab\nline\x01\x1f\x7f end";
  r.abstract.push_back({"RÉSULTATS", "RESULTS", "β-blockers ≥ 2 mg\r\n\b\f"});
  r.authors.push_back({"Müller", "Zoë", "Z", "Jr", "", {"Dept \"X\"", ""}, "0000-0001"});
  r.mesh.push_back({"Neoplasms", "D009369", true, {{"therapy", true}, {"drug \\ effects", false}}});
  r.comments_corrections.push_back({"ErratumIn", "J 1(2):3", "99"});
  r.keywords = {"", "k"};
  r.pub_date = {2020, 12, 31, "Winter", "2020 Dec-2021 Jan"};
  r.is_book = true;
  r.year = -1;
  expect_same_as_reference(r);
  EXPECT_EQ(record_from_json(record_to_json(r)).title, r.title);
}

TEST(RecordJson, EmptyZeroAndFalseMembersAreLeftOut) {
  Record r;
  r.pmid = "7";
  r.title = "T";
  r.keywords = {""};  // an empty string inside a list is kept
  r.authors.push_back({});
  r.authors.back().last_name = "Li";
  r.mesh.push_back({"Humans", "D006801", false, {}});
  expect_same_as_reference(r);
  EXPECT_EQ(record_to_json(r),
            R"({"authors":[{"last_name":"Li"}],"keywords":[""],"mesh":[{"descriptor":"Humans","ui":"D006801"}],)"
            R"("pmid":"7","title":"T"})");
  EXPECT_EQ(record_to_json(Record{}), "{}");
  EXPECT_EQ(record_to_json(record_from_json("{}")), "{}");
}

TEST(RecordJson, RowsStoredInFullByEarlierVersionsLoadTheSame) {
  auto path = test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml";
  for (const auto& r : parse_pubmed_xml(read_file(path), path.string()).records) {
    const std::string full = record_to_json_full(r);
    EXPECT_GT(full.size(), record_to_json(r).size());
    // Every key the record model has, empty or not, in the full form.
    auto keys = nlohmann::json::parse(full);
    EXPECT_EQ(keys.size(), 26u);
    EXPECT_EQ(keys["pub_date"].size(), 5u);
    EXPECT_EQ(record_to_json(record_from_json(full)), record_to_json(r)) << r.pmid;
    EXPECT_EQ(record_to_json_full(record_from_json(record_to_json(r))), full) << r.pmid;
  }
}

TEST(RecordJson, StoredFormLeavesTheTitleAndAbstractTextsToTheirColumns) {
  Record r;
  r.pmid = "9";
  r.title = "Blinatumomab: a \"trial\"";
  r.abstract.push_back({"BACKGROUND", "BACKGROUND", "Why.\nStill why."});
  r.abstract.push_back({"", "", "Unlabelled: with a colon"});
  r.abstract.push_back({"RESULTS", "RESULTS", ""});
  EXPECT_EQ(record_to_stored_json(r),
            R"({"abstract":[{"label":"BACKGROUND","nlm_category":"BACKGROUND","text_length":15},)"
            R"({"text_length":24},{"label":"RESULTS","nlm_category":"RESULTS"}],"pmid":"9"})");
  const Record back = record_from_stored_json(record_to_stored_json(r), r.title, r.abstract_text());
  EXPECT_EQ(record_to_json(back), record_to_json(r));
  // A record with no abstract and no title needs no columns.
  Record bare;
  bare.pmid = "10";
  EXPECT_EQ(record_to_json(record_from_stored_json(record_to_stored_json(bare), "", "")), record_to_json(bare));
}

TEST(RecordJson, StoredFormReadsRowsThatEarlierVersionsStoredWhole) {
  auto path = test::source_dir() / "tests/data/fetch/medline_date_book_delete.xml";
  for (const auto& r : parse_pubmed_xml(read_file(path), path.string()).records) {
    // The JSON's own title and section texts win over the columns.
    const std::string abstract_column = r.abstract.empty() ? "" : "other";
    for (const std::string& whole : {record_to_json(r), record_to_json_full(r)})
      EXPECT_EQ(record_to_json(record_from_stored_json(whole, "other", abstract_column)), record_to_json(r))
          << r.pmid;
  }
}

TEST(RecordJson, AnAbstractColumnThatNoLongerHoldsItsSectionsIsRefused) {
  Record r;
  r.abstract.push_back({"METHODS", "METHODS", "Randomised."});
  r.abstract.push_back({"RESULTS", "RESULTS", "Fewer relapses."});
  const std::string stored = record_to_stored_json(r);
  ASSERT_NO_THROW(record_from_stored_json(stored, "", r.abstract_text()));
  for (const std::string& column : {r.abstract_text() + " more", std::string("METHODS: Randomised."),
                                    std::string("Methods: Randomised.\nRESULTS: Fewer relapses."),
                                    std::string("METHODS: Randomised. RESULTS: Fewer relapses.")}) {
    try {
      record_from_stored_json(stored, "", column);
      ADD_FAILURE() << "accepted: " << column;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("fetch --reparse"), std::string::npos) << e.what();
    }
  }
}

TEST(RecordJson, InvalidUtf8FallsBackToTheReferenceBehaviour) {
  Record r;
  r.title = std::string("bad \xC3\x28 byte");
  // nlohmann refuses invalid UTF-8; the fast writer must not store what the
  // reference would have refused.
  EXPECT_ANY_THROW(record_to_json_reference(r));
  EXPECT_ANY_THROW(record_to_json(r));
  // Surrogate, overlong, cut short at the end, stray continuation byte.
  for (const char* bad : {"a\xED\xA0\x80", "\xC0\xAF", "end \xE2\x82", "\x80x"}) {
    Record b;
    b.abstract.push_back({"", "", bad});
    EXPECT_ANY_THROW(record_to_json(b)) << bad;
    EXPECT_ANY_THROW(record_to_stored_json(b)) << bad;  // though the text goes to a column
  }
  EXPECT_ANY_THROW(record_to_stored_json(r));
  Record ok;
  ok.title = "4-byte \xF0\x9F\x98\x80 and 3-byte \xE2\x82\xAC";
  expect_same_as_reference(ok);
}

}  // namespace
}  // namespace prismaflow::fetch
