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

  /// Refits the model on a resampled training set, as ASReview's "double"
  /// balance hands scikit-learn's MultinomialNB: `copies[c][i]` (c = 1 for
  /// included) is how many times the i-th sample added to class c appears in
  /// it (0 leaves it out). Sums, class prior and smoothing are those of that
  /// multiset. Needs a positive total in each class; otherwise every log-odds is 0.
  void fit_sample(const SparseMatrix& x, const std::vector<std::uint32_t> (&copies)[2]);

  /// log P(included | row) - log P(excluded | row) under the last fit().
  /// Exact for every row of `x` that was not add()ed once track_unlabelled()
  /// is on; an added row may read stale weights of terms only added rows have.
  double log_odds(const SparseMatrix& x, std::size_t row) const;

  /// From now on fit() and fit_sample() rewrite only the weights of terms that
  /// occur in at least one row of `x` not yet add()ed: the only rows ranked.
  /// With words seen once (min_df 1) most terms drop out after their row is
  /// labelled, so a retrain no longer costs a logarithm per vocabulary term.
  /// Call before the first add() or after (rows already added are counted).
  void track_unlabelled(const SparseMatrix& x);

  std::size_t n_included() const { return n_[1]; }
  std::size_t n_excluded() const { return n_[0]; }

 private:
  void mark_dirty(std::uint32_t term);
  NaiveBayesOptions options_;
  std::vector<double> sum_[2];     // per-term sum of feature values per class
  double total_[2] = {0.0, 0.0};   // sum of all feature values per class
  std::size_t n_[2] = {0, 0};      // samples per class
  std::vector<std::size_t> rows_[2];  // rows added per class, in order (for fit_sample)
  // fit_sample's cache and scratch: log(sum_ct + a) of the full sums (kept by
  // add()), per-term change of the resample, terms it touched and a mark.
  std::vector<double> full_log_[2];
  std::vector<double> scratch_[2];
  std::vector<std::uint32_t> touched_;
  std::vector<char> is_touched_;
  // Terms whose term_weight_ is not the plain value of the last fit_sample's
  // modes (overridden by it, or changed by add() since): only these need
  // rewriting when the next fit_sample uses the same modes (mode_key_).
  std::vector<std::uint32_t> dirty_;
  std::vector<char> is_dirty_;
  int mode_key_ = -1;
  void drop_inactive();
  std::vector<std::uint32_t> seen_;  // terms with a non-zero sum (the only ones fit() touches)
  // track_unlabelled(): per term, the rows of x not yet added that hold it.
  std::vector<std::uint32_t> unlabelled_df_;
  bool tracking_ = false;
  std::vector<char> is_seen_;
  std::vector<double> term_weight_;  // log-odds contribution per unit of feature value
  double length_weight_ = 0.0;       // per unit of the row's L1 mass
  double bias_ = 0.0;
};

}  // namespace prismaflow::screen
