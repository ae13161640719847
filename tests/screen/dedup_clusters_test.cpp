#include "screen/dedup_clusters.hpp"

#include <gtest/gtest.h>

namespace prismaflow::screen {
namespace {

DedupKey key(std::int64_t id, std::string title, std::string pmid = "", std::string doi = "") {
  DedupInput in;
  in.id = id;
  in.title = std::move(title);
  in.authors = "Smith J; Jones K";
  in.year = 2019;
  in.journal = "Lancet";
  in.volume = "393";
  in.pages = "1100-8";
  in.pmid = std::move(pmid);
  in.doi = std::move(doi);
  return make_dedup_key(in);
}

TEST(DedupClustersTest, MergesTransitivelyAndKeepsThePubmedRecord) {
  std::vector<DedupKey> keys = {
      key(1, "Aspirin for primary prevention of cardiovascular events"),
      key(2, "Aspirin for primary prevention of cardiovascular events.", "30000001"),
      key(3, "ASPIRIN FOR PRIMARY PREVENTION OF CARDIOVASCULAR EVENTS"),
      key(4, "Statins in older adults: a cohort study of outcomes"),
  };
  auto plan = plan_dedup(keys);
  EXPECT_EQ(plan.kept[0], 1u);
  EXPECT_EQ(plan.kept[1], 1u);
  EXPECT_EQ(plan.kept[2], 1u);
  EXPECT_EQ(plan.kept[3], 3u);
  EXPECT_EQ(plan.merges.size(), 2u);
}

TEST(DedupClustersTest, ExactIdentifiersMergeEvenWithUnlikeTitles) {
  std::vector<DedupKey> keys = {key(1, "A title in English about something", "111"),
                                key(2, "Ein ganz anderer deutscher Titel hier", "111")};
  auto plan = plan_dedup(keys);
  EXPECT_EQ(plan.kept[0], plan.kept[1]);
  EXPECT_EQ(plan.merges.at(0).method, "pmid");
}

TEST(DedupClustersTest, CannotLinkKeepsPairsApartAndMustLinkJoins) {
  std::vector<DedupKey> keys = {key(1, "Aspirin for primary prevention of cardiovascular events"),
                                key(2, "Aspirin for primary prevention of cardiovascular events"),
                                key(3, "Statins in older adults: a cohort study of outcomes"),
                                key(4, "Something else entirely about knee pain therapy")};
  auto plan = plan_dedup(keys, {}, {{2, 3}}, {{0, 1}});
  EXPECT_NE(plan.kept[0], plan.kept[1]);
  EXPECT_EQ(plan.kept[2], plan.kept[3]);
}

TEST(DedupClustersTest, UncertainBandGoesToReview) {
  std::vector<DedupKey> keys = {key(1, "Aspirin for primary prevention of cardiovascular events"),
                                key(2, "Aspirin for primary prevention of cardiovascular events")};
  DedupSettings strict;
  strict.merge_threshold = 1.01;  // nothing merges by score
  strict.review_threshold = 0.5;
  auto plan = plan_dedup(keys, strict);
  EXPECT_NE(plan.kept[0], plan.kept[1]);
  ASSERT_EQ(plan.review.size(), 1u);
  EXPECT_GE(plan.review[0].score, 0.9);
}

// A conference supplement gives every abstract its own DOI: a shared DOI
// with unrelated titles is neither merged nor asked about.
TEST(DedupClustersTest, ASharedDoiWithUnrelatedTitlesIsNotReviewed) {
  std::string doi = "10.1016/s0168-8227(12)70001-x";
  std::vector<DedupKey> keys = {key(1, "Sitagliptin lowers HbA1c in elderly patients with type 2 diabetes", "", doi),
                                key(2, "Renal outcomes of dialysis in children with nephrotic syndrome", "", doi)};
  auto plan = plan_dedup(keys);
  EXPECT_NE(plan.kept[0], plan.kept[1]);
  EXPECT_TRUE(plan.review.empty());
}

// One export drops the subtitle: the titles are only ~0.37 alike, but one
// holds the other whole, so the shared DOI makes the pair a question.
TEST(DedupClustersTest, ASharedDoiWithATruncatedTitleGoesToReview) {
  std::string doi = "10.1108/intr-03-2016-0070";
  std::vector<DedupKey> keys = {
      key(1, "Anxiety about electronic data hacking", "", doi),
      key(2, "Anxiety about electronic data hacking: predictors and relations with digital privacy protection behavior",
          "", doi)};
  auto plan = plan_dedup(keys);
  EXPECT_NE(plan.kept[0], plan.kept[1]);
  ASSERT_EQ(plan.review.size(), 1u);
  EXPECT_EQ(plan.review[0].method, "doi");
  EXPECT_DOUBLE_EQ(plan.review[0].score, DedupSettings{}.review_threshold);
  // Without the DOI the same pair scores below the band.
  keys[0].doi.clear();
  EXPECT_TRUE(plan_dedup(keys).review.empty());
}

// Titles alike enough (>= 0.6) and one DOI: the same record.
TEST(DedupClustersTest, ASharedDoiWithLikeTitlesMerges) {
  std::string doi = "10.1056/nejmoa1234567";
  std::vector<DedupKey> keys = {key(1, "Aspirin for primary prevention of cardiovascular events", "", doi),
                                key(2, "Aspirin in the primary prevention of cardiovascular events: a trial", "", doi)};
  auto plan = plan_dedup(keys);
  EXPECT_EQ(plan.kept[0], plan.kept[1]);
  ASSERT_EQ(plan.merges.size(), 1u);
}

TEST(DedupClustersTest, KeptChoiceIsDeterministic) {
  std::vector<DedupKey> keys = {key(5, "T one two three four"), key(3, "T one two three four")};
  EXPECT_EQ(choose_kept(keys, {0, 1}), 1u);  // equal completeness: lowest id
}

}  // namespace
}  // namespace prismaflow::screen
