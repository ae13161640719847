#include "screen/naive_bayes.hpp"

#include <cmath>

namespace prismaflow::screen {

NaiveBayes::NaiveBayes(std::size_t n_features, NaiveBayesOptions options)
    : options_(options),
      is_seen_(n_features, 0),
      term_weight_(n_features, 0.0) {
  sum_[0].assign(n_features, 0.0);
  sum_[1].assign(n_features, 0.0);
}

void NaiveBayes::add(const SparseMatrix& x, std::size_t row, bool included) {
  const int c = included ? 1 : 0;
  auto cols = x.row_cols(row);
  auto vals = x.row_values(row);
  for (std::size_t k = 0; k < cols.size(); ++k) {
    sum_[c][cols[k]] += vals[k];
    total_[c] += vals[k];
    if (!is_seen_[cols[k]]) {
      is_seen_[cols[k]] = 1;
      seen_.push_back(cols[k]);
    }
  }
  ++n_[c];
}

void NaiveBayes::fit(double weight_included, double weight_excluded) {
  if (n_[0] == 0 || n_[1] == 0) {
    for (auto t : seen_) term_weight_[t] = 0.0;
    length_weight_ = bias_ = 0.0;
    return;
  }
  // log P(t | c) = log(w_c * sum_ct + a) - log(w_c * total_c + a * V). A term no
  // labelled sample has gives log(a) in both classes, so only seen terms carry
  // a weight of their own; the normalisers act per unit of the row's mass.
  const double a = options_.alpha;
  const double v = static_cast<double>(term_weight_.size());
  const double w1 = weight_included, w0 = weight_excluded;
  for (auto t : seen_) term_weight_[t] = std::log(w1 * sum_[1][t] + a) - std::log(w0 * sum_[0][t] + a);
  length_weight_ = std::log(w0 * total_[0] + a * v) - std::log(w1 * total_[1] + a * v);
  const double m1 = w1 * static_cast<double>(n_[1]);
  const double m0 = w0 * static_cast<double>(n_[0]);
  bias_ = std::log(m1) - std::log(m0);
}

double NaiveBayes::log_odds(const SparseMatrix& x, std::size_t row) const {
  double s = bias_;
  double mass = 0.0;
  for (std::size_t k = x.row_start[row]; k < x.row_start[row + 1]; ++k) {
    s += x.value[k] * term_weight_[x.col[k]];
    mass += x.value[k];
  }
  return s + mass * length_weight_;
}

}  // namespace prismaflow::screen
