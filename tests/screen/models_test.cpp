// Naive Bayes and logistic regression on separable toy data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "screen/active_learner.hpp"
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

TEST(NaiveBayes, FitSampleCountsEachCopyOfASample) {
  const SparseMatrix x = toy();
  NaiveBayes nb(2, {1.0});
  nb.add(x, 0, true);
  nb.add(x, 2, false);
  nb.add(x, 3, false);
  // Row 0 twice, row 2 once, row 3 left out: sums inc t0 = 2 (total 2, 2
  // samples), exc t1 = 1 (total 1, 1 sample); alpha 1, V = 2. For row 0:
  // prior ln(2/1) + t0 ln((2+1)/(0+1)) + mass 1 x ln((1+2)/(2+2)) = ln 4.5.
  const std::vector<std::uint32_t> copies[2] = {{1, 0}, {2}};
  nb.fit_sample(x, copies);
  EXPECT_NEAR(nb.log_odds(x, 0), std::log(4.5), 1e-12);
  // One copy of each is the unweighted fit.
  const std::vector<std::uint32_t> ones[2] = {{1, 1}, {1}};
  nb.fit_sample(x, ones);
  const double once = nb.log_odds(x, 4);
  nb.fit(1.0, 1.0);
  EXPECT_NEAR(nb.log_odds(x, 4), once, 1e-12);
}

// Tracking unlabelled rows only skips work: every unlabelled row scores
// exactly as without it, after each label, for weighted and resampled fits.
TEST(NaiveBayes, TrackingUnlabelledRowsGivesTheSameScoresAsAFullRefit) {
  SparseMatrix x;
  x.n_cols = 7;
  x.row_start = {0};
  // Rows 0-5 and their terms; term 6 is only in row 5, term 4 only in row 2.
  const std::vector<std::vector<std::pair<std::uint32_t, double>>> rows = {
      {{0, 0.8}, {1, 0.6}}, {{1, 0.5}, {2, 0.5}, {3, 0.7}}, {{0, 0.3}, {4, 0.9}},
      {{2, 1.0}},           {{3, 0.4}, {5, 0.9}},           {{0, 0.6}, {5, 0.6}, {6, 0.5}}};
  for (const auto& r : rows) {
    for (auto [c, v] : r) {
      x.col.push_back(c);
      x.value.push_back(v);
    }
    x.row_start.push_back(x.value.size());
  }
  NaiveBayes tracked(7, {0.5}), full(7, {0.5});
  tracked.track_unlabelled(x);
  const std::vector<std::pair<std::size_t, bool>> labels = {{2, true}, {3, false}, {0, false}, {5, true}};
  for (std::size_t k = 0; k < labels.size(); ++k) {
    tracked.add(x, labels[k].first, labels[k].second);
    full.add(x, labels[k].first, labels[k].second);
    for (int mode = 0; mode < 2; ++mode) {
      if (mode == 0) {
        tracked.fit(1.7, 0.6);
        full.fit(1.7, 0.6);
      } else {
        std::vector<std::uint32_t> copies[2];
        for (std::size_t i = 0; i < tracked.n_excluded(); ++i) copies[0].push_back(i % 2 + 1);
        for (std::size_t i = 0; i < tracked.n_included(); ++i) copies[1].push_back(2);
        tracked.fit_sample(x, copies);
        full.fit_sample(x, copies);
      }
      for (std::size_t r = 0; r < rows.size(); ++r) {
        const bool labelled = std::any_of(labels.begin(), labels.begin() + k + 1,
                                          [&](const auto& l) { return l.first == r; });
        if (!labelled) {
          EXPECT_NEAR(tracked.log_odds(x, r), full.log_odds(x, r), 1e-12) << k << r;
        }
      }
    }
  }
}

// a = 2, alpha = 0, b = 1: inclusion weight 2, exclusion weight 1. With 2
// inclusions and 6 exclusions the inclusions' share of 8 is 2*2*8/(4+6) = 3.2,
// so the resample holds 3 inclusions 80% of the time and 4 otherwise.
TEST(DoubleBalance, ResampleRoundsTheInclusionShareAtRandom) {
  const BalanceOptions o{true, 2.0, 0.0, 1.0, 1.0, true};
  SplitMix64 rng(7);
  int fours = 0;
  for (int k = 0; k < 2000; ++k) {
    std::vector<std::uint32_t> copies[2];
    double_balance_sample(2, 6, o, rng, copies);
    const std::uint32_t ones = copies[1][0] + copies[1][1];
    std::uint32_t zeros = 0;
    for (auto c : copies[0]) {
      EXPECT_LE(c, 1u);  // 4 or 5 of 6 exclusions, each at most once
      zeros += c;
    }
    ASSERT_TRUE(ones == 3 || ones == 4);
    EXPECT_GE(std::min(copies[1][0], copies[1][1]), 1u);  // whole copies first
    EXPECT_EQ(ones + zeros, 8u);
    fours += ones == 4;
  }
  EXPECT_NEAR(fours / 2000.0, 0.2, 0.03);
  // One prior of each: at least one inclusion, the rest exclusions.
  std::vector<std::uint32_t> copies[2];
  double_balance_sample(1, 1, BalanceOptions{}, rng, copies);
  EXPECT_EQ(copies[1], std::vector<std::uint32_t>{1});
  EXPECT_EQ(copies[0], std::vector<std::uint32_t>{1});
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
