#include "screen/dedup_scoring.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace prismaflow::screen {
namespace {

DedupKey key(std::string title, std::string authors, int year, std::string journal,
             std::string volume, std::string pages, std::string doi = "", std::string issue = "") {
  DedupInput in;
  in.issue = std::move(issue);
  in.title = std::move(title);
  in.authors = std::move(authors);
  in.year = year;
  in.journal = std::move(journal);
  in.volume = std::move(volume);
  in.pages = std::move(pages);
  in.doi = std::move(doi);
  return make_dedup_key(in);
}

TEST(DedupScoringTest, EditSimilarity) {
  EXPECT_DOUBLE_EQ(edit_similarity("abcd", "abcd"), 1.0);
  EXPECT_DOUBLE_EQ(edit_similarity("abcd", "abce"), 0.75);
  EXPECT_DOUBLE_EQ(edit_similarity("kitten", "sitting"), 1.0 - 3.0 / 7.0);
  EXPECT_LT(edit_similarity("abcdefgh", "zyxwvuts", 0.8), 0.8);
}

TEST(DedupScoringTest, WordContainmentMeasuresTheShorterTitle) {
  EXPECT_DOUBLE_EQ(word_containment("anxiety about data hacking", "anxiety about data hacking predictors"), 1.0);
  EXPECT_DOUBLE_EQ(word_containment("a b c d", "a b x y z"), 0.5);
  EXPECT_DOUBLE_EQ(word_containment("a a b", "b c"), 0.5);  // distinct words
  EXPECT_DOUBLE_EQ(word_containment("", "a b"), 0.0);
}

// The bit-parallel distance against the textbook dynamic programme, on
// strings across the 64-character word boundaries and with UTF-8 bytes.
TEST(DedupScoringTest, EditSimilarityMatchesTheFullTable) {
  auto table = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      cur[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        cur[j] = std::min({prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
      }
      std::swap(prev, cur);
    }
    return 1.0 - static_cast<double>(prev[b.size()]) / static_cast<double>(std::max(a.size(), b.size()));
  };
  std::string base =
      "effect of early mobilisation after cardiac surgery on length of stay: a randomised "
      "controlled trial in 212 adults (the mobile-heart study), 2019 \xc3\xa9" "dition";
  std::vector<std::pair<std::string, std::string>> cases = {
      {base, base.substr(0, 63)},
      {base.substr(0, 64), base.substr(1, 64)},
      {base.substr(0, 65), base.substr(0, 64) + "x"},
      {base, "x" + base.substr(0, 127) + "y" + base.substr(128)},
      {base, std::string(base.rbegin(), base.rend())},
      {base.substr(0, 128), base.substr(64, 128)},
      {"\xc3\xa9t\xc3\xa9", "ete"},
  };
  for (const auto& [a, b] : cases) {
    EXPECT_DOUBLE_EQ(edit_similarity(a, b), table(a, b)) << a << " | " << b;
    EXPECT_DOUBLE_EQ(edit_similarity(b, a), table(a, b)) << a << " | " << b;
  }
}

TEST(DedupScoringTest, JournalAbbreviations) {
  EXPECT_TRUE(journal_matches("j am coll cardiol", "journal of the american college of cardiology"));
  EXPECT_TRUE(journal_matches("lancet", "lancet"));
  EXPECT_FALSE(journal_matches("bmj", "lancet"));
}

TEST(DedupScoringTest, SameRecordWithTyposScoresHigh) {
  auto a = key("Aspirin for primary prevention of cardiovascular events", "Smith J; Jones K", 2019,
               "Journal of the American College of Cardiology", "73", "1100-1108");
  auto b = key("Aspirin for primary prevention of cardiovascular event.", "Smith, John and Jones, Karen",
               2019, "J Am Coll Cardiol", "73", "1100");
  EXPECT_GE(score_pair(a, b).score, 0.9);
}

TEST(DedupScoringTest, DifferentEvidenceLowersTheScore) {
  auto article = key("Aspirin for primary prevention of cardiovascular events", "Smith J", 2019,
                     "Lancet", "393", "1100");
  auto abstract = key("Aspirin for primary prevention of cardiovascular events", "Smith J", 2019,
                      "Circulation", "140", "A123");
  EXPECT_LT(score_pair(article, abstract).score, 0.9);  // conference abstract vs article
  auto erratum = key("Erratum: Aspirin for primary prevention of cardiovascular events", "Smith J",
                     2019, "Lancet", "393", "1100");
  EXPECT_LT(score_pair(article, erratum).score, 0.75);
  auto other_doi = key("Aspirin for primary prevention of cardiovascular events", "Smith J", 2019,
                       "Lancet", "393", "1100", "10.1/a");
  auto doi = key("Aspirin for primary prevention of cardiovascular events", "Smith J", 2019,
                 "Lancet", "393", "1100", "10.1/b");
  EXPECT_LT(score_pair(other_doi, doi).score, 0.9);
}

TEST(DedupScoringTest, ShortTitlesAloneDoNotMerge) {
  auto a = key("Editorial", "", 0, "", "", "");
  auto b = key("Editorial", "", 0, "", "", "");
  EXPECT_LT(score_pair(a, b).score, 0.9);
}

const char* const kTitle = "Predisposition to atypical haemolytic uraemic syndrome involves several alleles";

// The pair merges automatically (nothing held) at the default threshold.
void expect_merges(const DedupKey& a, const DedupKey& b) {
  PairEvidence e = score_pair(a, b);
  EXPECT_EQ(e.held, nullptr) << e.held;
  EXPECT_GE(e.score, 0.9);
}

// The pair is held for `dedup review`: in the default review band, not merged.
void expect_held(const DedupKey& a, const DedupKey& b, std::string_view why) {
  PairEvidence e = score_pair(a, b);
  ASSERT_NE(e.held, nullptr);
  EXPECT_EQ(std::string_view(e.held), why);
  EXPECT_LE(e.score, kUncertainScore);
}

TEST(DedupScoringTest, AnErratumUnderTheArticlesTitleIsHeld) {
  // Hum Mol Genet 14(5):703-712 and its erratum 14(8):1107, same title.
  auto article = key(kTitle, "Esparza-Gordillo J; Buil A", 2005, "Hum Mol Genet", "14", "703-712", "", "5");
  auto erratum = key(kTitle, "Esparza-Gordillo J; Buil A", 2005, "Hum Mol Genet", "14", "1107-1107", "", "8");
  expect_held(article, erratum, "issue differs and pages do not match");
  // An issue mismatch that equal pages outweigh is an export's quirk
  // (Embase puts the article number in the issue).
  auto quirk = key(kTitle, "Esparza-Gordillo J; Buil A", 2005, "Hum Mol Genet", "14", "703", "", "93");
  expect_merges(article, quirk);
}

TEST(DedupScoringTest, APageMismatchAloneIsExportNoise) {
  // PLoS ONE: "1-6" in one database, the article number in another.
  auto a = key(kTitle, "Smith J; Jones K", 2010, "PLoS ONE", "5", "1-6");
  auto b = key(kTitle, "Smith J; Jones K", 2010, "PLoS ONE", "5", "e12724");
  expect_merges(a, b);
  // "c37-c42" and "37-42" are one page range.
  auto c = key(kTitle, "Smith J; Jones K", 2010, "Nephron", "118", "c37-c42");
  auto d = key(kTitle, "Smith J; Jones K", 2010, "Nephron", "118", "37-42");
  EXPECT_EQ(score_pair(c, d).pages, 1.0);
}

TEST(DedupScoringTest, AVolumeMismatchNeedsEqualPagesToMerge) {
  auto a = key(kTitle, "Smith J; Jones K", 2013, "J Am Coll Cardiol", "61", "E2048");
  auto b = key(kTitle, "Smith J; Jones K", 2013, "J Am Coll Cardiol", "1", "E2048");
  expect_merges(a, b);
  auto c = key(kTitle, "Smith J; Jones K", 2013, "J Am Coll Cardiol", "62", "");
  expect_held(a, c, "volume differs and pages do not match");
  // a one-keystroke typo in a long number is not a second publication
  auto d = key(kTitle, "Smith J; Jones K", 2013, "J Am Coll Cardiol", "161", "");
  auto typo = key(kTitle, "Smith J; Jones K", 2013, "J Am Coll Cardiol", "162", "");
  EXPECT_EQ(score_pair(d, typo).held, nullptr);
}

TEST(DedupScoringTest, RecurringTitlesNeedEqualPagesOrIssue) {
  // One editorial per issue: same title, authors, journal, volume and year.
  auto first = key("Editorial Notes", "Agarwal R", 2011, "Information Systems Research", "22", "1-4", "", "1");
  auto second = key("Editorial Notes", "Agarwal R", 2011, "Information Systems Research", "22", "213-214", "", "2");
  expect_held(first, second, "recurring title, issue, volume or page differs");
  EXPECT_LE(score_pair(first, second).score, kDistinctScore);  // not even worth a question
  auto no_place = key("Editor's Comments", "Lee AS", 2000, "MIS Quarterly", "24", "");
  auto no_place2 = key("Editor's Comments", "Lee AS", 2000, "MIS Quarterly", "24", "");
  expect_held(no_place, no_place2, "recurring title without matching pages or issue");
  // A conference's yearly introduction, long title, a year apart.
  auto intro21 = key("Introduction to the Minitrack on Crowdsourcing and the Gig Economy", "Deng X; Taylor J",
                     2021, "Proceedings of the Hawaii International Conference on System Sciences", "", "");
  auto intro22 = key("Introduction to the Minitrack on Crowdsourcing and the Gig Economy", "Deng X; Taylor J",
                     2022, "Proceedings of the Hawaii International Conference on System Sciences", "", "");
  expect_held(intro21, intro22, "recurring title without matching pages or issue");
  // The same editorial from two databases still merges.
  auto copy = key("Editorial Notes", "Agarwal, Ritu", 2011, "Inf Syst Res", "22", "1--4", "", "1");
  expect_merges(first, copy);
}

TEST(DedupScoringTest, AnInexactTitleNeedsASecondWitness) {
  // Trial registrations differing in one word, with nothing but the sponsor.
  auto adult = key("An open-label multi-center clinical trial of eculizumab in adult patients with aHUS",
                   "Alexion Pharmaceuticals", 2011, "", "", "");
  auto child = key("An open-label multi-center clinical trial of eculizumab in pediatric patients with aHUS",
                   "Alexion Pharmaceuticals", 2011, "", "", "");
  expect_held(adult, child, "title differs with nothing else to confirm");
  // Without authors, a year apart: nothing but the title.
  auto later = key("An open-label multi-centre clinical trial of eculizumab in adult patients with aHUS", "",
                   2012, "", "", "");
  expect_held(adult, later, "year differs with nothing else to confirm");
}

TEST(DedupScoringTest, YearsMoreThanOneApartAreHeld) {
  auto review = key("Treatment for POEMS syndrome", "Kuwabara S", 2008, "Cochrane Database Syst Rev", "", "CD006828");
  auto update = key("Treatment for POEMS syndrome", "Kuwabara S", 2012, "Cochrane Database Syst Rev", "6", "CD006828");
  expect_held(review, update, "years more than one apart");
}

}  // namespace
}  // namespace prismaflow::screen
