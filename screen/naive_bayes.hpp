// Multinomial naive Bayes over TF-IDF rows, the classic ASReview model. Class
// sums are kept incrementally (add() costs one row), and fit() turns them into
// per-term log-odds using one weight per class, which is how class balancing
// (screen/active_learner.hpp) enters: duplicating or dropping samples of a
// class in expectation is the same as scaling that class's sums.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

struct NaiveBayesOptions {
  double alpha = 3.822;  ///< additive (Lidstone) smoothing; ASReview's default
};

class NaiveBayes {
 public:
  NaiveBayes(std::size_t n_features, NaiveBayesOptions options = {});

  /// Adds row `row` of `x` to the sums of its class. `x` must have n_features columns.
  void add(const SparseMatrix& x, std::size_t row, bool included);

  /// Recomputes the model from the sums, weighting every included sample by
  /// `weight_included` and every excluded one by `weight_excluded` (> 0).
  /// The class prior is the weighted share of each class. Needs at least one
  /// sample of each class; otherwise every log-odds is 0.
  void fit(double weight_included, double weight_excluded);

  /// log P(included | row) - log P(excluded | row) under the last fit().
  double log_odds(const SparseMatrix& x, std::size_t row) const;

  std::size_t n_included() const { return n_[1]; }
  std::size_t n_excluded() const { return n_[0]; }

 private:
  NaiveBayesOptions options_;
  std::vector<double> sum_[2];     // per-term sum of feature values per class
  double total_[2] = {0.0, 0.0};   // sum of all feature values per class
  std::size_t n_[2] = {0, 0};      // samples per class
  std::vector<std::uint32_t> seen_;  // terms with a non-zero sum (the only ones fit() touches)
  std::vector<char> is_seen_;
  std::vector<double> term_weight_;  // log-odds contribution per unit of feature value
  double length_weight_ = 0.0;       // per unit of the row's L1 mass
  double bias_ = 0.0;
};

}  // namespace prismaflow::screen
