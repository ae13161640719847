// The linear SVM (squared hinge, dual coordinate descent): separation, the
// optimum checked against the primal objective and the dual, warm starts, and
// its use by the active learner with inverse-frequency class weights.
#include "screen/linear_svm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "screen/active_learner.hpp"

namespace prismaflow::screen {
namespace {

SparseMatrix matrix(const std::vector<std::vector<std::pair<std::uint32_t, double>>>& rows,
                    std::size_t n_cols) {
  SparseMatrix m;
  m.n_cols = n_cols;
  for (const auto& cells : rows) {
    for (auto [c, v] : cells) {
      m.col.push_back(c);
      m.value.push_back(v);
    }
    m.row_start.push_back(m.value.size());
  }
  return m;
}

// Rows 0, 1 use term 0 (included); rows 2, 3 use term 1 (excluded); row 4
// both, row 5 leans to the exclusions; both unlabelled in the tests.
SparseMatrix toy() {
  return matrix({{{0, 1.0}}, {{0, 0.9}, {2, 0.3}}, {{1, 1.0}}, {{1, 0.8}, {2, 0.5}},
                 {{0, 0.6}, {1, 0.8}}, {{0, 0.2}, {1, 0.9}}},
                3);
}

struct Sample {
  std::size_t row;
  bool included;
};

// 1/2 (|w|^2 + b^2) + sum_i C_i max(0, 1 - y_i f(x_i))^2, written out anew.
double primal(const SparseMatrix& x, const std::vector<Sample>& s, const std::vector<double>& w,
              double b, double c_in, double c_ex) {
  double obj = 0.5 * b * b;
  for (double v : w) obj += 0.5 * v * v;
  for (const Sample& e : s) {
    const double y = e.included ? 1.0 : -1.0;
    const double loss = std::max(0.0, 1.0 - y * (x.row_dot(e.row, w) + b));
    obj += (e.included ? c_in : c_ex) * loss * loss;
  }
  return obj;
}

TEST(LinearSvm, SeparatesToyData) {
  const SparseMatrix x = toy();
  LinearSvm svm(x, {1.0});
  EXPECT_EQ(svm.decision(0), 0.0);  // untrained
  for (Sample e : {Sample{0, true}, {1, true}, {2, false}, {3, false}}) svm.add(e.row, e.included);
  svm.fit(1.0, 1.0);
  EXPECT_GT(svm.decision(0), 0.0);
  EXPECT_GT(svm.decision(1), 0.0);
  EXPECT_LT(svm.decision(2), 0.0);
  EXPECT_LT(svm.decision(3), 0.0);
  EXPECT_GT(svm.decision(4), svm.decision(5));  // more of the inclusions' term
}

TEST(LinearSvm, ReachesTheOptimumOfThePrimal) {
  const SparseMatrix x = toy();
  const std::vector<Sample> s = {{0, true}, {1, true}, {2, false}, {3, false}, {4, true}, {5, false}};
  const double c = 0.7, w_in = 1.5, w_ex = 0.75;
  LinearSvm svm(x, {c, 1000, 1e-10, 3});
  for (Sample e : s) svm.add(e.row, e.included);
  svm.fit(w_in, w_ex);
  const double c_in = c * w_in, c_ex = c * w_ex;
  std::vector<double> w = svm.weights();
  const double b = svm.bias();
  const double p = primal(x, s, w, b, c_in, c_ex);
  // Strong duality: the dual objective sum a - 1/2 |w~|^2 - sum a^2 / (4 C_i)
  // equals the primal at the optimum (w~ = (w, b) = sum a_i y_i (x_i, 1)).
  double d = -0.5 * b * b;
  for (double v : w) d -= 0.5 * v * v;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const double a = svm.dual()[i];
    EXPECT_GE(a, 0.0);
    d += a - a * a / (4.0 * (s[i].included ? c_in : c_ex));
  }
  EXPECT_NEAR(p, d, 1e-8 * p);
  // Brute force: no step along any coordinate or diagonal of (w, b) lowers the primal.
  for (double step : {1e-1, 1e-2, 1e-3, 1e-4}) {
    for (std::size_t k = 0; k < 4; ++k) {
      for (int sign : {-1, 1}) {
        std::vector<double> w2 = w;
        double b2 = b;
        (k < 3 ? w2[k] : b2) += sign * step;
        EXPECT_GE(primal(x, s, w2, b2, c_in, c_ex), p - 1e-12) << k << " " << step;
        for (double& v : w2) v += sign * step * 0.5;
        EXPECT_GE(primal(x, s, w2, b2 + sign * step * 0.5, c_in, c_ex), p - 1e-12);
      }
    }
  }
}

TEST(LinearSvm, WarmStartReachesTheColdOptimumSooner) {
  const SparseMatrix x = toy();
  const SvmOptions o{0.5, 1000, 1e-9, 1};
  LinearSvm warm(x, o), cold(x, o);
  for (Sample e : {Sample{0, true}, {2, false}, {3, false}, {1, true}}) {
    warm.add(e.row, e.included);
    cold.add(e.row, e.included);
  }
  warm.fit(1.0, 1.0);
  warm.add(4, true);
  cold.add(4, true);
  // New weights for both classes: the old dual stays feasible (no upper bound).
  const int warm_epochs = warm.fit(2.0, 0.8);
  const int cold_epochs = cold.fit(2.0, 0.8);
  EXPECT_LE(warm_epochs, cold_epochs);
  for (std::size_t r = 0; r < x.rows(); ++r) EXPECT_NEAR(warm.decision(r), cold.decision(r), 1e-6);
}

TEST(LinearSvm, InverseFrequencyWeightsAsScikitLearn) {
  BalanceOptions o;
  o.inverse_frequency = true;
  const ClassWeights w = double_balance(2, 8, o);
  EXPECT_DOUBLE_EQ(w.included, 10.0 / 4.0);  // n / (2 n_c)
  EXPECT_DOUBLE_EQ(w.excluded, 10.0 / 16.0);
  o.ratio = 4.0;  // inclusions up-weighted further, exclusions unchanged
  EXPECT_DOUBLE_EQ(double_balance(2, 8, o).included, 10.0);
  EXPECT_DOUBLE_EQ(double_balance(2, 8, o).excluded, 10.0 / 16.0);
}

TEST(LinearSvm, ActiveLearnerRanksByTheDecisionValue) {
  const SparseMatrix x = toy();
  LearnerOptions o;
  o.model = ModelKind::kSvm;
  o.balance.inverse_frequency = true;
  ActiveLearner learner(x, o);
  learner.label(0, true);
  learner.label(2, false);
  learner.label(3, false);
  learner.train();
  const std::vector<Pick> order = learner.rank({5, 1, 4});
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order[0].row, 1u);
  EXPECT_EQ(order[2].row, 5u);
  EXPECT_GT(order[0].probability, 0.5);
  // The score is the decision value of the SVM fitted with n / (2 n_c) weights.
  LinearSvm svm(x, o.svm);
  svm.add(0, true);
  svm.add(2, false);
  svm.add(3, false);
  svm.fit(3.0 / 2.0, 3.0 / 4.0);
  for (std::size_t r : {1u, 4u, 5u}) EXPECT_NEAR(learner.log_odds(r), svm.decision(r), 1e-12);
}

}  // namespace
}  // namespace prismaflow::screen
