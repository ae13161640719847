#include "screen/linear_svm.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "screen/ranking_random.hpp"

namespace prismaflow::screen {

LinearSvm::LinearSvm(const SparseMatrix& x, SvmOptions options)
    : x_(x), options_(options), w_(x.n_cols, 0.0), rng_state_(options.seed) {}

void LinearSvm::add(std::size_t row, bool included) {
  double sq = 1.0;
  for (double v : x_.row_values(row)) sq += v * v;
  rows_.push_back(row);
  y_.push_back(included ? 1.0 : -1.0);
  alpha_.push_back(0.0);  // starts at zero: w is unchanged until fit() moves it
  sq_norm_.push_back(sq);
}

int LinearSvm::fit(double weight_included, double weight_excluded) {
  const std::size_t n = rows_.size();
  // The dual of the squared hinge: min 1/2 a'(Q + D)a - sum a, a >= 0, with
  // Q_ij = y_i y_j (x_i·x_j + 1) and D_ii = 1 / (2 C_i). A change of class
  // weights only changes D, so the previous a stays feasible as a warm start.
  const double d_in = 0.5 / (options_.c * weight_included);
  const double d_ex = 0.5 / (options_.c * weight_excluded);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  int epoch = 0;
  while (epoch < options_.max_epochs) {
    ++epoch;
    SplitMix64(rng_state_++).shuffle(order);
    double max_pg = 0.0;
    for (std::size_t i : order) {
      const double d = y_[i] > 0 ? d_in : d_ex;
      const double g = y_[i] * decision(rows_[i]) - 1.0 + d * alpha_[i];
      // Projected gradient: at the bound a = 0 only a descent into a > 0 counts.
      const double pg = alpha_[i] == 0.0 ? std::min(g, 0.0) : g;
      max_pg = std::max(max_pg, std::abs(pg));
      if (pg == 0.0) continue;
      const double a = std::max(alpha_[i] - g / (sq_norm_[i] + d), 0.0);
      const double delta = (a - alpha_[i]) * y_[i];
      alpha_[i] = a;
      auto cols = x_.row_cols(rows_[i]);
      auto vals = x_.row_values(rows_[i]);
      for (std::size_t k = 0; k < cols.size(); ++k) w_[cols[k]] += delta * vals[k];
      b_ += delta;
    }
    if (max_pg < options_.tolerance) break;
  }
  return epoch;
}

double LinearSvm::decision(std::size_t row) const { return x_.row_dot(row, w_) + b_; }

}  // namespace prismaflow::screen
