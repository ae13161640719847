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

TEST(DedupClustersTest, KeptChoiceIsDeterministic) {
  std::vector<DedupKey> keys = {key(5, "T one two three four"), key(3, "T one two three four")};
  EXPECT_EQ(choose_kept(keys, {0, 1}), 1u);  // equal completeness: lowest id
}

}  // namespace
}  // namespace prismaflow::screen
