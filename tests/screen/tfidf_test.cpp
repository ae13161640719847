#include "screen/tfidf.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace prismaflow::screen {
namespace {

// Worked by hand: n = 2, idf(apple) = ln(3/3) + 1 = 1, idf(banana) = idf(cherry)
// = ln(3/2) + 1 = 1.4054651; then each row divided by its L2 norm.
TEST(Tfidf, WeightsOfATinyCorpusMatchTheHandComputation) {
  TfidfOptions o;
  o.ngram_max = 1;
  const TfidfFeatures f = tfidf({"apple banana", "apple cherry cherry"}, o);
  ASSERT_EQ(f.vocabulary, (std::vector<std::string>{"apple", "banana", "cherry"}));
  EXPECT_NEAR(f.idf[0], 1.0, 1e-12);
  EXPECT_NEAR(f.idf[1], 1.4054651081, 1e-9);
  ASSERT_EQ(f.matrix.rows(), 2u);
  const double n1 = std::sqrt(1.0 + 1.4054651081 * 1.4054651081);
  const double n2 = std::sqrt(1.0 + 4 * 1.4054651081 * 1.4054651081);
  auto c0 = f.matrix.row_cols(0);
  auto v0 = f.matrix.row_values(0);
  ASSERT_EQ(c0.size(), 2u);
  EXPECT_EQ(c0[0], 0u);
  EXPECT_NEAR(v0[0], 1.0 / n1, 1e-9);  // 0.579739
  EXPECT_NEAR(v0[1], 1.4054651081 / n1, 1e-9);
  auto c1 = f.matrix.row_cols(1);
  auto v1 = f.matrix.row_values(1);
  ASSERT_EQ(c1.size(), 2u);
  EXPECT_EQ(c1[1], 2u);
  EXPECT_NEAR(v1[0], 1.0 / n2, 1e-9);
  EXPECT_NEAR(v1[1], 2 * 1.4054651081 / n2, 1e-9);  // 0.942156
}

TEST(Tfidf, MinDfDropsRareTermsAndSublinearDampsRepeats) {
  TfidfOptions o;
  o.ngram_max = 2;
  o.min_df = 2;
  const TfidfFeatures f = tfidf({"heart failure trial", "heart failure cohort", "birds"}, o);
  EXPECT_EQ(f.vocabulary, (std::vector<std::string>{"failure", "heart", "heart failure"}));
  EXPECT_EQ(f.matrix.row_cols(2).size(), 0u);  // nothing left: an all-zero row

  o.min_df = 1;
  o.ngram_max = 1;
  o.sublinear_tf = true;
  const TfidfFeatures g = tfidf({"apple cherry cherry", "apple"}, o);
  // cherry: (1 + ln 2) * idf(cherry) against apple's 1 * 1.
  const double cherry = (1 + std::log(2.0)) * (std::log(3.0 / 2.0) + 1);
  const double norm = std::sqrt(1 + cherry * cherry);
  EXPECT_NEAR(g.matrix.row_values(0)[1], cherry / norm, 1e-9);
}

TEST(Tfidf, HstackPutsTheSecondMatrixColumnsAfterTheFirst) {
  SparseMatrix a, b;
  a.n_cols = 2;
  a.row_start = {0, 1, 1};
  a.col = {1};
  a.value = {0.5};
  b.n_cols = 3;
  b.row_start = {0, 1, 3};
  b.col = {0, 0, 2};
  b.value = {1.0, 0.6, 0.8};
  const SparseMatrix m = hstack(a, b);
  EXPECT_EQ(m.n_cols, 5u);
  EXPECT_EQ(m.row_start, (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(m.col, (std::vector<std::uint32_t>{1, 2, 2, 4}));
  EXPECT_EQ(m.value, (std::vector<double>{0.5, 1.0, 0.6, 0.8}));
}

}  // namespace
}  // namespace prismaflow::screen
