#include "screen/dedup_blocking.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace prismaflow::screen {
namespace {

DedupKey key(std::string title, std::string authors, int year) {
  DedupInput in;
  in.title = std::move(title);
  in.authors = std::move(authors);
  in.year = year;
  return make_dedup_key(in);
}

TEST(DedupBlockingTest, PairsShareAKey) {
  std::vector<DedupKey> keys = {
      key("Aspirin for primary prevention of cardiovascular events", "Smith J", 2019),
      key("Statins in older adults: a cohort study", "Lee A", 2020),
      key("Aspirin for primary prevention of cardiovascular events.", "Smith J", 2019),
      key("Completely different words here in this title", "Smith J", 2019),  // author+year block
      key("Xspirin for primary prevention of cardiovascular events", "Brown K", 2011),  // title end
  };
  auto pairs = candidate_pairs(keys);
  using P = std::pair<std::uint32_t, std::uint32_t>;
  EXPECT_NE(std::find(pairs.begin(), pairs.end(), P{0, 2}), pairs.end());
  EXPECT_NE(std::find(pairs.begin(), pairs.end(), P{0, 3}), pairs.end());
  EXPECT_NE(std::find(pairs.begin(), pairs.end(), P{0, 4}), pairs.end());
  EXPECT_EQ(std::find(pairs.begin(), pairs.end(), P{0, 1}), pairs.end());
  EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
}

TEST(DedupBlockingTest, HugeBlocksStayNearLinear) {
  std::vector<DedupKey> keys;
  for (int i = 0; i < 2000; ++i) keys.push_back(key("title number " + std::to_string(i) + " of many", "Same A", 2000));
  auto pairs = candidate_pairs(keys, 64, 8);
  EXPECT_LE(pairs.size(), 2000u * 8u * 6u);
  EXPECT_GE(pairs.size(), 2000u);
}

DedupKey full_key(std::string title, std::string authors, int year, std::string volume,
                  std::string pages) {
  DedupInput in;
  in.title = std::move(title);
  in.authors = std::move(authors);
  in.year = year;
  in.volume = std::move(volume);
  in.pages = std::move(pages);
  return make_dedup_key(in);
}

bool has_pair(const std::vector<std::pair<std::uint32_t, std::uint32_t>>& pairs, std::uint32_t a,
              std::uint32_t b) {
  return std::binary_search(pairs.begin(), pairs.end(), std::make_pair(a, b));
}

TEST(DedupBlockingTest, SmallBlockIsComparedAllAgainstAll) {
  // Same first author and year, titles with nothing in common: one block of 5.
  std::vector<DedupKey> keys;
  for (const char* t : {"alpha beta gamma delta epsilon", "zeta eta theta iota kappa lambda",
                        "mu nu xi omicron pi rho sigma", "tau upsilon phi chi psi omega",
                        "one two three four five six seven"}) {
    keys.push_back(key(t, "Smith J", 2019));
  }
  BlockingStats stats;
  auto pairs = candidate_pairs(keys, 8, 1, &stats);
  EXPECT_EQ(pairs.size(), 10u);  // 5 * 4 / 2
  EXPECT_EQ(stats.pairs, pairs.size());
  EXPECT_EQ(stats.largest_block, 5u);
  EXPECT_EQ(stats.windowed_blocks, 0u);
}

TEST(DedupBlockingTest, OversizedBlockComparesTitleNeighbours) {
  // 200 records of one author and year (one oversized block); records 7 and
  // 150 differ in their first and last title words, so no title key joins
  // them, but they sort next to each other in the block.
  std::vector<DedupKey> keys;
  for (int i = 0; i < 200; ++i) {
    keys.push_back(key("study " + std::to_string(1000 + i) + " of outcomes in cohort " + std::to_string(i),
                       "Wang L", 2020));
  }
  keys[7] = key("zz effect of aspirin on outcomes in adults a", "Wang L", 2020);
  keys[150] = key("zx effect of aspirin on outcomes in adults b", "Wang L", 2020);
  BlockingStats stats;
  auto pairs = candidate_pairs(keys, 16, 2, &stats);
  EXPECT_TRUE(has_pair(pairs, 7, 150));
  EXPECT_EQ(stats.largest_block, 200u);
  EXPECT_GE(stats.windowed_blocks, 1u);
  // window 2: each record meets at most 4 others in that block
  EXPECT_LE(pairs.size(), 200u * 2u + 10u);
  EXPECT_GE(stats.emitted, stats.pairs);
}

TEST(DedupBlockingTest, EqualTitlesInAnOversizedBlockSitByYearVolumeAndPage) {
  // 40 "Editorial introduction"s of different issues (one oversized title
  // block); a copy of number 3 with a page typo comes last in the file, so
  // no other key joins them, yet it is compared with number 3 (window 1):
  // equal titles are ordered by year, volume and page, not by position.
  std::vector<DedupKey> keys;
  for (int i = 0; i < 40; ++i) {
    keys.push_back(full_key("Editorial introduction", "", 2000 + i % 20, std::to_string(10 + i),
                            std::to_string(100 + 7 * i)));
  }
  keys.push_back(full_key("Editorial introduction", "", 2003, "13", "122"));
  auto pairs = candidate_pairs(keys, 8, 1);
  EXPECT_TRUE(has_pair(pairs, 3, 40));
}

TEST(DedupBlockingTest, PairsPerRecordStayBoundedAsBlocksGrow) {
  // One author-year block at 1,000 and at 10,000 records: the pairs per
  // record do not grow with the block (window 4 -> at most 4 per record).
  for (int n : {1000, 10000}) {
    std::vector<DedupKey> keys;
    for (int i = 0; i < n; ++i) keys.push_back(key("topic " + std::to_string(i * 7919 % n) + " report", "Li X", 2021));
    auto pairs = candidate_pairs(keys, 16, 4);
    EXPECT_LE(pairs.size(), static_cast<std::size_t>(n) * 4u) << n;
    EXPECT_GE(pairs.size(), static_cast<std::size_t>(n) * 3u) << n;
  }
}

}  // namespace
}  // namespace prismaflow::screen
