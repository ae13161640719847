// A linear support vector machine: L2-regularised, squared hinge loss, with
// per-class sample weights, as scikit-learn's LinearSVC (liblinear -s 1), the
// classifier of ASReview 2's default "ELAS u4". Solved in the dual by
// coordinate descent (Hsieh et al. 2008): each update touches one sparse row,
// and the dual variables carry over between fits, so a retrain after one new
// label is a warm start that converges in a pass or two.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "screen/dual_linear_state.hpp"
#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

struct SvmOptions {
  double c = 0.11;           ///< cost per unit of sample weight (LinearSVC's C)
  int max_epochs = 100;      ///< passes over the samples per fit()
  double tolerance = 1e-3;   ///< stop when no projected dual gradient exceeds this in a pass
  std::uint64_t seed = 1;    ///< order of coordinate updates
};

class LinearSvm {
 public:
  /// `x` is kept by reference and must outlive the model.
  LinearSvm(const SparseMatrix& x, SvmOptions options = {});

  /// Adds row `row` as a training sample with its label.
  void add(std::size_t row, bool included);

  /// Minimises 1/2 (|w|^2 + b^2) + sum_i C_i max(0, 1 - y_i (w·x_i + b))^2
  /// with C_i = c · (weight of i's class, > 0), warm-starting from the last
  /// fit. The bias is regularised, as liblinear's (intercept scaling 1).
  /// Returns the number of passes made.
  int fit(double weight_included, double weight_excluded);

  /// w·x + b for row `row`; > 0 means inclusion is predicted.
  double decision(std::size_t row) const;

  std::size_t n_samples() const { return s_.size(); }
  const std::vector<double>& weights() const { return s_.weights(); }
  double bias() const { return s_.bias(); }
  /// The dual variables (one per sample, >= 0) behind weights() and bias().
  const std::vector<double>& dual() const { return s_.alphas(); }

 private:
  SvmOptions options_;
  DualLinearState s_;  // dual variables >= 0 (no upper bound for the squared hinge)
  std::uint64_t rng_state_;
};

}  // namespace prismaflow::screen
