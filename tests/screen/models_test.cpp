// Naive Bayes and logistic regression on separable toy data.
#include <gtest/gtest.h>

#include <cmath>

#include "screen/logistic_regression.hpp"
#include "screen/naive_bayes.hpp"

namespace prismaflow::screen {
namespace {

// Rows 0, 1 use term 0 (included); rows 2, 3 use term 1 (excluded); row 4 both.
SparseMatrix toy() {
  SparseMatrix m;
  m.n_cols = 2;
  m.row_start = {0};
  auto row = [&](std::vector<std::pair<std::uint32_t, double>> cells) {
    for (auto [c, v] : cells) {
      m.col.push_back(c);
      m.value.push_back(v);
    }
    m.row_start.push_back(m.value.size());
  };
  row({{0, 1.0}});
  row({{0, 1.0}});
  row({{1, 1.0}});
  row({{1, 1.0}});
  row({{0, 0.6}, {1, 0.8}});
  return m;
}

TEST(NaiveBayes, LogOddsMatchTheMultinomialFormula) {
  const SparseMatrix x = toy();
  NaiveBayes nb(2, {1.0});
  EXPECT_EQ(nb.log_odds(x, 0), 0.0);  // untrained
  nb.add(x, 0, true);
  nb.add(x, 1, true);
  nb.add(x, 2, false);
  nb.add(x, 3, false);
  nb.fit(1.0, 1.0);
  // P(t0|inc) = (2+1)/(2+2), P(t0|exc) = (0+1)/(2+2): log-odds ln 3 per unit of t0.
  EXPECT_NEAR(nb.log_odds(x, 0), std::log(3.0), 1e-12);
  EXPECT_NEAR(nb.log_odds(x, 2), -std::log(3.0), 1e-12);
  EXPECT_NEAR(nb.log_odds(x, 4), 0.6 * std::log(3.0) - 0.8 * std::log(3.0), 1e-12);
  // Doubling the inclusions' weight adds ln 2 of prior and shifts the terms.
  nb.fit(2.0, 1.0);
  const double expected = std::log(2.0) + std::log(5.0 / 1.0) + std::log((2 + 2.0) / (4 + 2.0));
  EXPECT_NEAR(nb.log_odds(x, 0), expected, 1e-12);
}

TEST(LogisticRegression, SeparatesToyDataAndReachesTheOptimum) {
  const SparseMatrix x = toy();
  LogisticOptions o;
  o.c = 1.0;
  o.tolerance = 1e-6;
  o.max_epochs = 1000;
  LogisticRegression lr(x, o);
  for (std::size_t r : {0u, 1u}) lr.add(r, true);
  for (std::size_t r : {2u, 3u}) lr.add(r, false);
  lr.fit(1.0, 1.0);
  EXPECT_GT(lr.decision(0), 0.0);
  EXPECT_LT(lr.decision(2), 0.0);
  // At the optimum of 1/2|w|^2 + 1/2 b^2 + sum C log(1 + e^{-y z}) the gradient
  // vanishes: w = sum C y sigmoid(-y z) x, and b likewise with x = 1.
  std::vector<double> g = lr.weights();
  double gb = lr.bias();
  for (std::size_t r = 0; r < 4; ++r) {
    const double y = r < 2 ? 1.0 : -1.0;
    const double s = y * sigmoid(-y * lr.decision(r));
    for (std::size_t k = x.row_start[r]; k < x.row_start[r + 1]; ++k) g[x.col[k]] -= s * x.value[k];
    gb -= s;
  }
  EXPECT_NEAR(g[0], 0.0, 1e-4);
  EXPECT_NEAR(g[1], 0.0, 1e-4);
  EXPECT_NEAR(gb, 0.0, 1e-4);
  // A warm refit with another weighting moves the boundary towards the excluded side.
  const double before = lr.decision(4);
  lr.fit(3.0, 1.0);
  EXPECT_GT(lr.decision(4), before);
}

TEST(Sigmoid, IsStableAtTheExtremes) {
  EXPECT_DOUBLE_EQ(sigmoid(0), 0.5);
  EXPECT_NEAR(sigmoid(800), 1.0, 1e-15);
  EXPECT_NEAR(sigmoid(-800), 0.0, 1e-15);
}

}  // namespace
}  // namespace prismaflow::screen
