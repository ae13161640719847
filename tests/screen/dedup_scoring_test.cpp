#include "screen/dedup_scoring.hpp"

#include <gtest/gtest.h>

namespace prismaflow::screen {
namespace {

DedupKey key(std::string title, std::string authors, int year, std::string journal,
             std::string volume, std::string pages, std::string doi = "") {
  DedupInput in;
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

}  // namespace
}  // namespace prismaflow::screen
