#include "screen/model_portfolio.hpp"

#include <algorithm>
#include <cmath>

#include "common/error.hpp"

namespace prismaflow::screen {

std::vector<PortfolioCandidate> default_portfolio() {
  // anchor_results_NB_TFIDF_max_double/<set>_all.json in
  // ../shared/benchmarks/screening: alpha, then the balance's a, alpha, b
  // (beta 1), resampled as ASReview 0.x trains naive Bayes. nudging's setting
  // is the default: alone it is the best of the three on the four sets' mean.
  auto tuned = [](double smoothing, double a, double alpha, double b) {
    PortfolioCandidate c;
    c.naive_bayes.alpha = smoothing;
    c.balance = {true, a, alpha, b, 1.0, /*resample=*/true};
    return c;
  };
  return {tuned(0.0659, 1.378, 1.229, 0.9154),   // nudging
          tuned(0.0306, 1.1555, 1.8497, 0.2220),  // wilson
          tuned(93.77, 0.8685, 1.0919, 0.3566)};  // virus
}

double held_out_log_odds(const SparseMatrix& x, std::size_t row, bool included,
                         const ClassSums& sums, const PortfolioCandidate& candidate) {
  const ClassWeights cw = double_balance(sums.n[1], sums.n[0], candidate.balance);
  const double w[2] = {cw.excluded, cw.included};
  const double a = candidate.naive_bayes.alpha;
  const double av = a * static_cast<double>(x.n_cols);
  const int c = included ? 1 : 0;
  auto cols = x.row_cols(row);
  auto vals = x.row_values(row);
  double s = 0.0, mass = 0.0;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const auto t = cols[k];
    // Without the row its class's sum drops by its value (clamped: the
    // subtraction can leave -1e-17 where the sum is really 0).
    const double own = std::log(w[c] * std::max(sums.sum[c][t] - vals[k], 0.0) + a);
    const double other = std::log(w[1 - c] * sums.sum[1 - c][t] + a);
    s += vals[k] * (c == 1 ? own - other : other - own);
    mass += vals[k];
  }
  // As NaiveBayes::fit: the normalisers per unit of the row's mass, the prior.
  s += mass * (std::log(w[0] * sums.total[0] + av) - std::log(w[1] * sums.total[1] + av));
  return s + std::log(w[1] * static_cast<double>(sums.n[1])) -
         std::log(w[0] * static_cast<double>(sums.n[0]));
}

double share_above(const std::vector<double>& sorted_pool, double score) {
  if (sorted_pool.empty()) return 0.0;
  const auto lo = std::lower_bound(sorted_pool.begin(), sorted_pool.end(), score);
  const auto hi = std::upper_bound(lo, sorted_pool.end(), score);
  const double above = static_cast<double>(sorted_pool.end() - hi);
  const double ties = static_cast<double>(hi - lo);
  return (above + 0.5 * ties) / static_cast<double>(sorted_pool.size());
}

std::size_t choose_leader(const std::vector<double>& merit, std::size_t default_candidate,
                          double margin) {
  if (merit.size() <= default_candidate) return default_candidate;
  const std::size_t best =
      static_cast<std::size_t>(std::max_element(merit.begin(), merit.end()) - merit.begin());
  return merit[best] > merit[default_candidate] + margin ? best : default_candidate;
}

ModelPortfolio::ModelPortfolio(const SparseMatrix& x, PortfolioOptions options, std::uint64_t seed)
    : x_(x), options_(std::move(options)), rng_(seed ^ 0xA070ull) {
  if (options_.candidates.empty()) options_.candidates = default_portfolio();
  if (options_.default_candidate >= options_.candidates.size())
    throw UsageError("the portfolio's default candidate is out of range");
  for (const auto& c : options_.candidates) {
    if (!(c.naive_bayes.alpha > 0)) throw UsageError("naive Bayes smoothing must be positive");
    models_.push_back(std::make_unique<NaiveBayes>(x.n_cols, c.naive_bayes));
    // Only unlabelled rows are ranked: retrains skip terms no such row has.
    models_.back()->track_unlabelled(x);
  }
  for (auto& s : sums_.sum) s.assign(x.n_cols, 0.0);
  labelled_.assign(x.rows(), 0);
  leader_ = options_.default_candidate;
}

ModelPortfolio::~ModelPortfolio() = default;

void ModelPortfolio::label(std::size_t row, bool included) {
  for (auto& m : models_) m->add(x_, row, included);
  const int c = included ? 1 : 0;
  auto cols = x_.row_cols(row);
  auto vals = x_.row_values(row);
  for (std::size_t k = 0; k < cols.size(); ++k) {
    sums_.sum[c][cols[k]] += vals[k];
    sums_.total[c] += vals[k];
  }
  ++sums_.n[c];
  labelled_[row] = 1;
  ++n_labelled_;
  if (included) included_rows_.push_back(row);
}

void ModelPortfolio::fit(std::size_t k) {
  fit_balanced(*models_[k], x_, sums_.n[1], sums_.n[0], options_.candidates[k].balance, rng_,
               copies_);
}

void ModelPortfolio::evaluate() {
  std::vector<std::size_t> pool;
  pool.reserve(labelled_.size() - n_labelled_);
  for (std::size_t r = 0; r < labelled_.size(); ++r)
    if (!labelled_[r]) pool.push_back(r);
  merit_.assign(options_.candidates.size(), 0.0);
  std::vector<double> scores(pool.size());
  // -log(share + 1/(U+1)): the top of the pool is bounded, a tie at the top
  // of an empty pool does not blow up.
  const double floor = 1.0 / static_cast<double>(pool.size() + 1);
  for (std::size_t k = 0; k < options_.candidates.size(); ++k) {
    const PortfolioCandidate& c = options_.candidates[k];
    // Expected weights, not a resample: the evidence must not depend on a draw.
    const ClassWeights w = double_balance(sums_.n[1], sums_.n[0], c.balance);
    models_[k]->fit(w.included, w.excluded);
    for (std::size_t i = 0; i < pool.size(); ++i) scores[i] = models_[k]->log_odds(x_, pool[i]);
    std::sort(scores.begin(), scores.end());
    double sum = 0.0;
    for (std::size_t r : included_rows_)
      sum -= std::log(share_above(scores, held_out_log_odds(x_, r, true, sums_, c)) + floor);
    merit_[k] = included_rows_.empty() ? 0.0 : sum / static_cast<double>(included_rows_.size());
  }
  const std::size_t next = choose_leader(merit_, options_.default_candidate, options_.margin);
  if (next != leader_) ++switches_;
  leader_ = next;
  evaluated_included_ = sums_.n[1];
  evaluated_labels_ = n_labelled_;
}

void ModelPortfolio::train() {
  const bool due = sums_.n[1] >= options_.min_included &&
                   (sums_.n[1] != evaluated_included_ ||
                    n_labelled_ - evaluated_labels_ >= options_.every);
  if (due) evaluate();
  fit(leader_);
}

double ModelPortfolio::log_odds(std::size_t row) const { return models_[leader_]->log_odds(x_, row); }

}  // namespace prismaflow::screen
