// L2-regularised logistic regression with per-class sample weights, solved in
// the dual by coordinate descent (Yu, Huang & Lin 2011, the method of
// liblinear's -s 7). Each update costs one sparse row, so the model never
// sweeps the whole vocabulary, and the dual variables carry over between fits:
// after one new label a retrain is a warm start that converges in an epoch or two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "screen/dual_linear_state.hpp"
#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

struct LogisticOptions {
  double c = 1.0;           ///< inverse regularisation strength per unit of sample weight
  int max_epochs = 30;      ///< passes over the samples per fit()
  double tolerance = 0.05;  ///< stop when no dual gradient exceeds this in a pass
  std::uint64_t seed = 1;   ///< order of coordinate updates
};

class LogisticRegression {
 public:
  /// `x` is kept by reference and must outlive the model.
  LogisticRegression(const SparseMatrix& x, LogisticOptions options = {});

  /// Adds row `row` as a training sample with its label.
  void add(std::size_t row, bool included);

  /// Fits with sample weights per class (> 0), warm-starting from the last fit.
  /// Returns the number of passes made.
  int fit(double weight_included, double weight_excluded);

  /// w·x + b for row `row`; > 0 means inclusion is more likely.
  double decision(std::size_t row) const;

  std::size_t n_samples() const { return s_.size(); }
  /// The primal solution w (one weight per column) and bias b.
  const std::vector<double>& weights() const { return s_.weights(); }
  double bias() const { return s_.bias(); }

 private:
  LogisticOptions options_;
  DualLinearState s_;  // dual variables 0 < alpha < bound
  std::uint64_t rng_state_;
};

/// The logistic function 1 / (1 + e^-z), safe for large |z|.
double sigmoid(double z);

}  // namespace prismaflow::screen
