// What the dual coordinate-descent solvers (logistic regression, linear SVM)
// share: the training samples, one dual variable each, and the primal weights
// kept equal to sum_i alpha_i y_i x_i (plus the bias feature) as the dual
// variables move, so a decision value is one sparse dot product.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

#include "screen/ranking_random.hpp"
#include "screen/sparse_matrix.hpp"

namespace prismaflow::screen {

class DualLinearState {
 public:
  /// `x` is kept by reference and must outlive the state.
  explicit DualLinearState(const SparseMatrix& x) : x_(x), w_(x.n_cols, 0.0) {}

  /// Adds row `row` as a sample; its dual variable starts at zero, so the
  /// weights are unchanged until it moves.
  void add(std::size_t row, bool included) {
    double sq = 1.0;  // the bias feature
    for (double v : x_.row_values(row)) sq += v * v;
    rows_.push_back(row);
    y_.push_back(included ? 1.0 : -1.0);
    alpha_.push_back(0.0);
    sq_norm_.push_back(sq);
  }

  /// Sets sample i's dual variable to `a`, updating the weights and bias.
  void set_alpha(std::size_t i, double a) {
    const double delta = (a - alpha_[i]) * y_[i];
    alpha_[i] = a;
    if (delta == 0.0) return;
    auto cols = x_.row_cols(rows_[i]);
    auto vals = x_.row_values(rows_[i]);
    for (std::size_t k = 0; k < cols.size(); ++k) w_[cols[k]] += delta * vals[k];
    b_ += delta;
  }

  /// Coordinate descent: passes over the samples, each in a fresh order drawn
  /// from `rng_state`, calling `update(i)` (which moves sample i's dual
  /// variable and returns how far it was from optimal), until no update in a
  /// pass reports more than `tolerance` or `max_epochs` passes are made.
  /// Returns the number of passes made.
  template <class Update>
  int descend(int max_epochs, double tolerance, std::uint64_t& rng_state, Update update) {
    std::vector<std::size_t> order(size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    int epoch = 0;
    while (epoch < max_epochs) {
      ++epoch;
      SplitMix64(rng_state++).shuffle(order);
      double worst = 0.0;
      for (std::size_t i : order) worst = std::max(worst, update(i));
      if (worst < tolerance) break;
    }
    return epoch;
  }

  /// w·x + b for matrix row `row`.
  double decision(std::size_t row) const { return x_.row_dot(row, w_) + b_; }
  /// y_i (w·x_i + b) for sample i.
  double margin(std::size_t i) const { return y_[i] * decision(rows_[i]); }

  std::size_t size() const { return rows_.size(); }
  bool included(std::size_t i) const { return y_[i] > 0; }
  double alpha(std::size_t i) const { return alpha_[i]; }
  /// |x_i|^2 + 1: the diagonal of the dual's kernel matrix.
  double sq_norm(std::size_t i) const { return sq_norm_[i]; }
  const std::vector<double>& alphas() const { return alpha_; }
  const std::vector<double>& weights() const { return w_; }
  double bias() const { return b_; }

 private:
  const SparseMatrix& x_;
  std::vector<std::size_t> rows_;
  std::vector<double> y_;  // +1 included, -1 excluded
  std::vector<double> alpha_;
  std::vector<double> sq_norm_;
  std::vector<double> w_;
  double b_ = 0.0;
};

}  // namespace prismaflow::screen
