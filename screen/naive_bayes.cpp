#include "screen/naive_bayes.hpp"

#include <algorithm>
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
    if (!full_log_[c].empty()) full_log_[c][cols[k]] = std::log(sum_[c][cols[k]] + options_.alpha);
    mark_dirty(cols[k]);
    if (!is_seen_[cols[k]]) {
      is_seen_[cols[k]] = 1;
      seen_.push_back(cols[k]);
    }
  }
  ++n_[c];
  rows_[c].push_back(row);
  if (tracking_)
    for (auto t : cols) --unlabelled_df_[t];
}

void NaiveBayes::track_unlabelled(const SparseMatrix& x) {
  unlabelled_df_.assign(term_weight_.size(), 0);
  for (auto t : x.col) ++unlabelled_df_[t];
  for (int c = 0; c < 2; ++c)
    for (std::size_t r : rows_[c])
      for (auto t : x.row_cols(r)) --unlabelled_df_[t];
  tracking_ = true;
}

void NaiveBayes::drop_inactive() {
  // A term no unlabelled row holds can no longer change any ranked score: it
  // leaves the list fit() walks (its sums still count in the class totals).
  if (!tracking_) return;
  std::erase_if(seen_, [&](std::uint32_t t) { return unlabelled_df_[t] == 0; });
}

void NaiveBayes::fit(double weight_included, double weight_excluded) {
  mode_key_ = -1;  // every seen term is rewritten below
  drop_inactive();
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

void NaiveBayes::fit_sample(const SparseMatrix& x, const std::vector<std::uint32_t> (&copies)[2]) {
  // Each class's resampled sums are built the cheaper way: as the full sums
  // plus (k - 1) x for the rows not taken exactly once ("delta"), or from the
  // taken rows alone ("sample", when most rows are left out). Only terms those
  // rows touch need a fresh logarithm; every other term reads the cached
  // log of the full sum (delta) or log(a) (sample, where its sum is 0).
  drop_inactive();
  const double a = options_.alpha;
  const double log_a = std::log(a);
  const std::size_t v_size = term_weight_.size();
  if (is_touched_.size() != v_size) is_touched_.assign(v_size, 0);
  bool delta[2];
  double total[2], m[2];
  for (int c = 0; c < 2; ++c) {
    if (scratch_[c].size() != v_size) scratch_[c].assign(v_size, 0.0);
    if (full_log_[c].size() != v_size) {
      full_log_[c].assign(v_size, log_a);
      for (auto t : seen_) full_log_[c][t] = std::log(sum_[c][t] + a);
    }
    const std::size_t n = std::min(copies[c].size(), rows_[c].size());
    std::size_t not_once = 0, taken = 0;
    for (std::size_t i = 0; i < n; ++i) {
      not_once += copies[c][i] != 1;
      taken += copies[c][i] != 0;
    }
    delta[c] = not_once <= taken;
    total[c] = delta[c] ? total_[c] : 0.0;
    m[c] = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double k = copies[c][i];
      m[c] += k;
      const double w = delta[c] ? k - 1.0 : k;
      if (w == 0.0) continue;
      const std::size_t r = rows_[c][i];
      for (std::size_t j = x.row_start[r]; j < x.row_start[r + 1]; ++j) {
        const auto t = x.col[j];
        scratch_[c][t] += w * x.value[j];
        total[c] += w * x.value[j];
        if (!is_touched_[t]) {
          is_touched_[t] = 1;
          touched_.push_back(t);
        }
      }
    }
  }
  if (m[0] <= 0.0 || m[1] <= 0.0) {
    for (auto t : seen_) term_weight_[t] = 0.0;
    length_weight_ = bias_ = 0.0;
    mode_key_ = -1;
  } else {
    // Same estimate as fit() with unit weights, on the multiset's sums.
    auto base = [&](std::uint32_t t) {
      return (delta[1] ? full_log_[1][t] : log_a) - (delta[0] ? full_log_[0][t] : log_a);
    };
    const int key = (delta[1] ? 2 : 0) + (delta[0] ? 1 : 0);
    if (key == mode_key_) {
      for (auto t : dirty_) term_weight_[t] = base(t);
    } else {
      for (auto t : seen_) term_weight_[t] = base(t);
    }
    for (auto t : dirty_) is_dirty_[t] = 0;
    dirty_.clear();
    mode_key_ = key;
    for (auto t : touched_) {
      mark_dirty(t);
      const double s1 = (delta[1] ? sum_[1][t] : 0.0) + scratch_[1][t];
      const double s0 = (delta[0] ? sum_[0][t] : 0.0) + scratch_[0][t];
      // A left-out row can leave -1e-17 where the sum is 0: clamp before the log.
      term_weight_[t] = std::log(std::max(s1, 0.0) + a) - std::log(std::max(s0, 0.0) + a);
    }
    const double v = static_cast<double>(v_size);
    length_weight_ = std::log(std::max(total[0], 0.0) + a * v) - std::log(std::max(total[1], 0.0) + a * v);
    bias_ = std::log(m[1]) - std::log(m[0]);
  }
  for (auto t : touched_) {
    scratch_[0][t] = scratch_[1][t] = 0.0;
    is_touched_[t] = 0;
  }
  touched_.clear();
}

void NaiveBayes::mark_dirty(std::uint32_t t) {
  if (is_dirty_.empty()) is_dirty_.assign(term_weight_.size(), 0);
  if (!is_dirty_[t]) {
    is_dirty_[t] = 1;
    dirty_.push_back(t);
  }
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
