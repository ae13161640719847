#include "screen/dedup_blocking.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace prismaflow::screen
